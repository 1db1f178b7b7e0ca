"""Store writes as the database grows: time per batch early and late in a long ingest.

Usage: python bench/bench_store.py [--articles 50000] [--batch-size 16] [--window 2000]

Codes 64 BBC articles once, then writes them again and again under new ids (so every batch is new
articles, as in a long ingest) into a fresh DuckDB file with the actor registry on, and prints the mean
write time per batch over the first and the last ``--window`` articles and their ratio. A write path
whose statements scan whole tables shows a ratio that grows with ``--articles``; the target is flat
(about 1.0).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def _templates(n: int = 64) -> list[tuple[str, str, str, str]]:
    """(doc_id, text, content_hash, record JSON) of n coded BBC articles."""
    from newsevents.models import Article
    from newsevents.pipeline import Coder

    with BBC.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, n)]
    arts = [Article(id=r["id"], text=r["text"], title=r.get("title"), date=r.get("date")) for r in rows]
    coded = Coder().code(arts)
    return [(a.id, a.text, a.content_hash(), json.dumps(c.to_dict())) for a, c in zip(arts, coded, strict=True)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--window", type=int, default=2_000)
    args = ap.parse_args()
    from newsevents.store import Store

    templates = _templates()
    times: list[tuple[int, float]] = []  # (articles stored before the batch, seconds)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "grow.duckdb") as store:
        n = 0
        for copy in itertools.count():
            if n >= args.articles:
                break
            start = (copy * args.batch_size) % len(templates)
            batch = []
            for doc_id, text, content_hash, record in templates[start : start + args.batch_size]:
                new_id = f"{doc_id}-{copy}"  # ids of events, quotes... start with the doc id
                batch.append({"record": record.replace(f'"{doc_id}', f'"{new_id}'), "text": text,
                              "content_hash": f"{content_hash}{copy}"})
            t = time.perf_counter()
            store.write_records(batch)
            times.append((n, time.perf_counter() - t))
            n += len(batch)
        counts = store.counts()
    first = [dt for done, dt in times if 0 < done <= args.window]  # the very first batch creates the tables
    last = [dt for done, dt in times if done >= n - args.window]
    a, b = 1000 * statistics.mean(first), 1000 * statistics.mean(last)
    print(f"{n} articles written in batches of {args.batch_size} "
          f"({counts['events']} events, {counts['entities']} entity rows, actor registry on)")
    print(f"mean write per batch: {a:.1f} ms over the first {args.window} articles, {b:.1f} ms over the last "
          f"{args.window}; ratio last/first {b / a:.2f} (target: flat, about 1.0)")


if __name__ == "__main__":
    main()
