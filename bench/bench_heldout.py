"""Benchmark event coding on the held-out sentences written for newsevents (tests/data/heldout_events.tsv).
Usage: ``python bench/bench_heldout.py [PATH] [--misses]``."""

from __future__ import annotations

import sys
from pathlib import Path

from newsevents.eval.heldout import evaluate, format_report

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout_events.tsv"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    scores = evaluate(Path(args[0]) if args else HELDOUT)
    print(format_report(scores))
    if "--misses" in sys.argv:
        for m in scores["misses"]:
            print(f"  {m['id']} gold {m['gold']}: {m['predicted']}  | {m['text']}")


if __name__ == "__main__":
    main()
