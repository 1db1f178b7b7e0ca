"""Benchmark recall on RAMS dev (``../shared/data/rams/dev.*``, 924 news excerpts, one annotated event each):
the share of excerpts with a firm PLOVER reading (``resources/ontology/rams_plover.tsv``) whose annotated event
the coder finds (same type, same sentence), per type, the type confusions, and the events coded per excerpt.

Usage: ``python bench/bench_rams.py``. Issue 12 target: >= 0.65.
"""

from __future__ import annotations

import time
from pathlib import Path

from newsevents.eval.rams import evaluate, format_report
from newsevents.pipeline import Coder

RAMS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "rams"


def main() -> None:
    coder = Coder()
    t = time.perf_counter()
    scores = evaluate(RAMS, coder=coder)
    print(format_report(scores))
    print(f"\ncoded in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
