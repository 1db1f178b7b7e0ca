"""The Python API reading a big store: 1,000,000 synthetic events into pandas and Arrow.

Usage: python bench/bench_pyapi.py [--events 1000000] [--repeat 3]

Fills a store with the synthetic events of bench_api.py, then times ``newsevents.open(db).events().to_pandas()``
and ``.to_arrow()`` against the bare DuckDB ``.df()`` / ``.arrow()`` of the very same query (SQL and parameters,
on the same connection) as the baseline, best of ``--repeat``. Targets (issue 16): to_pandas under 3 s for 1M
events, and a ratio baseline/ours >= 0.8 (the API adds no copy through Python).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import newsevents  # noqa: E402
from bench_api import fill  # noqa: E402 - the synthetic store of the API bench


def best(fn, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(fn())
        times.append(time.perf_counter() - t)
    return min(times), rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        took = fill(db, args.events)
        print(f"filled {args.events} synthetic events in {took:.1f} s")
        with newsevents.open(db, read_only=True) as store:
            result = store.events()
            sql, params = result.query.sql, list(result.query.params)
            con = store.con
            ours_pd, n = best(result.to_pandas, args.repeat)
            base_pd, _ = best(lambda: con.sql(sql, params=params).df(), args.repeat)
            ours_pa, _ = best(result.to_arrow, args.repeat)
            base_pa, _ = best(lambda: con.sql(sql, params=params).to_arrow_table(), args.repeat)
    ok = ours_pd < 3.0 and base_pd / ours_pd >= 0.8
    print(f"Store.events().to_pandas(): {n} rows in {ours_pd:.2f} s; bare DuckDB .df() {base_pd:.2f} s; "
          f"ratio baseline/ours {base_pd / ours_pd:.2f} (targets: < 3 s, ratio >= 0.8)")
    print(f"Store.events().to_arrow():  {ours_pa:.2f} s; bare DuckDB .to_arrow_table() {base_pa:.2f} s; "
          f"ratio {base_pa / ours_pa:.2f}")
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
