"""Benchmark the event coder on whole annotated articles (gold/articles/, docs/annotation.md): type + sentence
P/R/F1, arguments on matches, precision by confidence band, events per article by section.

Usage: ``python bench/bench_articles.py [--aside]``. Without ``--aside`` it scores the development two thirds;
the aside third is read only for an issue's closing figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsevents.eval.articles import evaluate, format_report
from newsevents.pipeline import Coder

GOLD = Path(__file__).resolve().parents[1] / "gold" / "articles"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aside", action="store_true", help="score the aside third (closing figures only)")
    args = ap.parse_args()
    coder = Coder()
    t = time.perf_counter()
    scores = evaluate(GOLD / ("aside.jsonl" if args.aside else "dev.jsonl"), coder=coder)
    print(format_report(scores))
    print(f"\ncoded in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
