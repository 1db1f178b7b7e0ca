"""The PostgreSQL backend against a DuckDB file in the same run: writes, two writers at once, and reads.

Usage: python bench/bench_postgres.py [--articles 64] [--copies 8] [--ingest 40]

Starts a throw-away PostgreSQL server (Debian's, ``bench/pg_server.py``) and prints, each as a ratio to DuckDB:
1. store writes: ``--articles`` BBC articles coded once, written ``--copies`` times under new ids in batches of 16
   (``Store.write_records``, the actor registry on) into a DuckDB file and into PostgreSQL: articles/s;
2. ingest end to end: ``--ingest`` articles by one ``newsevents ingest`` into a DuckDB file, against the same
   by one ``ingest`` into PostgreSQL, and split between two ``ingest`` processes writing into one PostgreSQL
   database at once (what DuckDB cannot do: a second writer cannot open the file); wall time, model loads
   included;
3. reads: the API's event page and count (``views.list_events``) on each store, mean of 30.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
# the command of this checkout (its src/ first), so a run measures the code beside the bench
NEWSEVENTS = [sys.executable, "-m", "newsevents"]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import pg_server  # noqa: E402
from bench_store import _templates  # noqa: E402


def _write(db: str, templates: list[tuple[str, str, str, str]], copies: int) -> tuple[int, float]:
    """Write every template ``copies`` times under new ids; (articles, seconds)."""
    from newsevents.store import Store

    n, spent = 0, 0.0
    with Store(db) as store:
        for copy in range(copies):
            for start in range(0, len(templates), 16):
                batch = []
                for doc_id, text, content_hash, record in templates[start : start + 16]:
                    new_id = f"{doc_id}-{copy}"
                    batch.append({"record": record.replace(f'"{doc_id}', f'"{new_id}'), "text": text,
                                  "content_hash": f"{content_hash}{copy}"})
                t = time.perf_counter()
                store.write_records(batch)
                spent += time.perf_counter() - t
                n += len(batch)
    return n, spent


def _ingest(parts: list[Path], db: str) -> float:
    """Wall seconds of one ``ingest`` process per part, all at once, into ``db``."""
    t = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([*NEWSEVENTS, "ingest", str(p), "--db", db, "--no-summary"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env) for p in parts]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"ingest failed: {err[-2000:]}")
    return time.perf_counter() - t


def _reads(db: str, rounds: int = 30) -> float:
    """Mean seconds of the API's first event page with its count."""
    from newsevents.api import views
    from newsevents.store import Store
    from newsevents.store.filters import EventFilter

    with Store(db, read_only=True) as store:
        t = time.perf_counter()
        for _ in range(rounds):
            cur = store.con.cursor()
            views.list_events(cur, EventFilter(), None, 50, 0)
            cur.close()
        return (time.perf_counter() - t) / rounds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=64)
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--ingest", type=int, default=40)
    ap.add_argument("--skip-ingest", action="store_true", help="Writes and reads only (no ingest processes).")
    args = ap.parse_args()
    if (why := pg_server.missing()) is not None:
        raise SystemExit(why)
    templates = _templates(args.articles)
    with tempfile.TemporaryDirectory() as tmp, pg_server.postgres_server(("writes", "ingest", "ingest1")) as server:
        folder = Path(tmp)
        n, duck_s = _write(str(folder / "writes.duckdb"), templates, args.copies)
        _, pg_s = _write(server + "/writes", templates, args.copies)
        print(f"writes, {n} articles in batches of 16: DuckDB {n / duck_s:.1f} articles/s, PostgreSQL "
              f"{n / pg_s:.1f} articles/s: ratio {duck_s / pg_s:.2f}")
        with BBC.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in itertools.islice(fh, 200, 200 + args.ingest)]
        if args.skip_ingest:
            rows = []
        parts = [folder / "all.jsonl", folder / "a.jsonl", folder / "b.jsonl"]
        for path, chunk in zip(parts, (rows, rows[::2], rows[1::2]), strict=True):
            path.write_text("".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8")
        if rows:
            one = _ingest(parts[:1], str(folder / "ingest.duckdb"))
            pg_one = _ingest(parts[:1], server + "/ingest1")
            two = _ingest(parts[1:], server + "/ingest")
            print(f"ingest of {len(rows)} articles: one process into DuckDB {one:.1f} s ({len(rows) / one:.2f} "
                  f"articles/s); one process into PostgreSQL {pg_one:.1f} s: ratio {one / pg_one:.2f}; two "
                  f"processes at once into PostgreSQL {two:.1f} s ({len(rows) / two:.2f} articles/s): ratio "
                  f"{one / two:.2f}")
        duck_r, pg_r = _reads(str(folder / "writes.duckdb")), _reads(server + "/writes")
        print(f"reads, first event page + count over {n} articles: DuckDB {duck_r * 1000:.1f} ms, PostgreSQL "
              f"{pg_r * 1000:.1f} ms (a connection per read, as the API's requests): ratio {duck_r / pg_r:.2f}")


if __name__ == "__main__":
    main()
