"""Benchmark the event coder on the PLOVER GSR dev set: type P/R/F1, actor/recipient accuracy, precision by
confidence, and coding speed. Usage: ``python bench/bench_events.py [PATH]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsevents.eval.plover_gsr import evaluate, format_report, read_records, score
from newsevents.eval.report import code_and_score
from newsevents.models import Article
from newsevents.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "plover_gsr" / "dev.jsonl"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    t0 = time.perf_counter()
    coder = Coder()
    load = time.perf_counter() - t0
    evaluate(path, coder=coder, limit=5)  # warm-up: lazy tables, gazetteer
    records = read_records(path)
    articles = [Article(id=str(r.get("id") or n), text=r["text"], date=r.get("date")) for n, r in enumerate(records)]
    scores, coded, elapsed = code_and_score(coder, articles, records, score, path)
    print(format_report(scores))
    print()
    print("precision by confidence threshold (events with confidence above it):")
    gold = [r["gold"]["event"] for r in records]
    pairs = [(e.confidence, e.event == g) for art, g in zip(coded, gold, strict=True) for e in art.events]
    for th in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept = [ok for c, ok in pairs if c > th]
        if kept:
            print(f"  > {th:.1f}: precision {sum(kept) / len(kept):.3f} on {len(kept)} events")
    n_events = sum(len(a.events) for a in coded)
    print()
    print(f"speed: {len(records) / elapsed:.1f} sentences/s end to end (parse + all extractors), "
          f"{n_events} events; model load {load:.1f} s")


if __name__ == "__main__":
    main()
