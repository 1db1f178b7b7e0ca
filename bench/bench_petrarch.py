"""Benchmark event coding on PETRARCH2's validation suite: PLOVER type P/R/F1, CAMEO root and source/target
code agreement (the suite's fictional actors resolved with its own dictionaries), and speed.
Usage: ``python bench/bench_petrarch.py [PATH]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsevents.eval.petrarch import coder_for, format_report, read_suite, score
from newsevents.eval.report import code_and_score
from newsevents.models import Article

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "data" / "petrarch" / "PETR.UnitTest.records.xml"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SUITE
    records, env = read_suite(path)
    t0 = time.perf_counter()
    coder = coder_for(path, env)
    load = time.perf_counter() - t0
    articles = [Article(id=r.id, text=r.text, date=r.date) for r in records]
    list(coder.code(articles[:5]))  # warm-up: lazy tables
    scores, _, elapsed = code_and_score(coder, articles, records, score, path)
    print(format_report(scores))
    print()
    print(f"speed: {len(records) / elapsed:.1f} sentences/s end to end; model and dictionaries load {load:.1f} s")


if __name__ == "__main__":
    main()
