"""`newsevents watch` and `serve --watch` on real feeds from a real HTTP server on loopback.

Serves 50 RSS feeds of 20 items each (BBC corpus articles as HTML pages with navigation and footer around them)
and measures, against baselines run in this same process:

1. the first pass of the watcher (fetch, extract, code, store) in articles/s, as a ratio to ``ingest`` of the
   same articles' text (JSONL) with the same loaded Coder: target ratio close to 1 (the pipeline's full speed);
2. a later pass when nothing changed (the feeds answer 304), and one where the server ignores conditional GET
   (every feed parsed again, every item looked up): target under 2 s;
3. ``kill -9`` of `newsevents watch --once` mid-pass, then a rerun: articles lost and stored twice (target 0, 0);
4. ``serve --watch`` ingesting while 8 API clients read: p95 latency and errors (target p95 < 250 ms, no error),
   against the same clients on the same server once it is idle; coding in a worker process (``serve --watch``)
   and, as the baseline, in the server's own process (as it was before).

The per-host politeness delay is 0 here: all feeds are on one loopback host (see docs/watch.md).

Usage: ``.venv/bin/python bench/bench_watch.py [--feeds 50] [--items 20] [--skip-serve] [--skip-kill]
[--serve-feeds 10] [--serve-rounds 1]``
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from feed_server import FeedServer, Route, page, rss  # noqa: E402
from newsevents.ingest.fetch import FetchPolicy  # noqa: E402
from newsevents.models import Article  # noqa: E402
from newsevents.runner.ingest import ingest  # noqa: E402
from newsevents.runner.watch import Watcher  # noqa: E402
from newsevents.store import Store  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
NEWSEVENTS = str(Path(sys.executable).with_name("newsevents"))
ENDPOINTS = ["/api/events?limit=50", "/api/events?type=ASSAULT,PROTEST&limit=50", "/api/counts?by=day,quad",
             "/api/map", "/api/articles?limit=20", "/api/actors?limit=20", "/api/health"]


def _corpus(n: int) -> list[dict]:
    rows = [json.loads(line) for line in BBC.open(encoding="utf-8")]
    # every section, in a fixed interleaved order, so each feed is a mix like a front page
    rows.sort(key=lambda r: (int(r["id"].rsplit("-", 1)[1]), r["id"]))
    return rows[:n]


def _serve_corpus(srv: FeedServer, rows: list[dict], feeds: int, items: int, prefix: str = "") -> list[str]:
    urls = []
    for f in range(feeds):
        entries = []
        for i, row in enumerate(rows[f * items:(f + 1) * items]):
            path = f"{prefix}/story/{f}/{i}.html"
            paras = [p for p in row["text"].split("\n\n") if p.strip()]
            srv.set(path, Route(page(row["title"], paras), content_type="text/html; charset=utf-8"))
            day = 1 + (f * items + i) % 28
            entries.append({"title": row["title"], "link": srv.url(path), "description": paras[0][:200],
                            "date": f"Mon, {day:02d} Feb 2005 09:00:00 GMT"})
        srv.set(f"{prefix}/feed/{f}.xml", Route(rss(f"Desk {f}", entries)))
        urls.append(srv.url(f"{prefix}/feed/{f}.xml"))
    return urls


def _count(db: Path, sql: str) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(sql).fetchone()
        return tuple(row) if row else ()
    finally:
        con.close()


def bench_passes(srv: FeedServer, rows: list[dict], urls: list[str], tmp: Path) -> None:
    from newsevents.pipeline import Coder

    coder = Coder()
    coder.code_one(Article(id="warm", text="The army shelled the town on Monday.", date="2005-02-01"))
    n = len(rows)
    jsonl = tmp / "same.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for f, row in enumerate(rows):
            # the text the watcher extracts from the page: the title, then the paragraphs
            fh.write(json.dumps({"id": row["id"], "title": row["title"], "text": f"{row['title']}\n\n{row['text']}",
                                 "date": f"2005-02-{1 + f % 28:02d}"}) + "\n")
    with Store(tmp / "ingest.duckdb") as store:
        t = time.perf_counter()
        stats = ingest([jsonl], store, coder=coder, batch_size=8)
        base_s = time.perf_counter() - t
    print(f"baseline: ingest of the same {n} articles (JSONL): {base_s:.1f} s, {stats.written / base_s:.2f} "
          f"articles/s, {stats.events} events")

    policy = FetchPolicy(delay=0, timeout=15, retries=2)
    lines: list[str] = []
    with Store(tmp / "watch.duckdb") as store:
        watcher = Watcher(urls, store, coder=coder, policy=policy, log=lines.append)
        t = time.perf_counter()
        first = watcher.poll()
        first_s = time.perf_counter() - t
        new = first.new
        events = sum(s.events for s in first.sources)
        print(f"watch, first pass: {len(urls)} feeds, {new} new articles, {events} events in {first_s:.1f} s, "
              f"{new / first_s:.2f} articles/s: ratio to ingest {base_s / first_s:.2f} (target ~1.0); "
              f"{sum(1 for s in first.sources if s.status == 'failed')} feeds failed")
        t = time.perf_counter()
        second = watcher.poll()
        second_s = time.perf_counter() - t
        print(f"watch, pass with nothing changed (304s): {second_s:.2f} s for {len(urls)} feeds "
              f"({second.new} new; target < 2 s)")
        for path, route in list(srv.routes.items()):
            if path.startswith("/feed/"):
                route.validators = False
        t = time.perf_counter()
        third = watcher.poll()
        third_s = time.perf_counter() - t
        print(f"watch, nothing changed, server ignores conditional GET (every feed parsed, every item looked up): "
              f"{third_s:.2f} s ({third.new} new; target < 2 s)")
        watcher.close()


def bench_kill(srv: FeedServer, rows: list[dict], tmp: Path, feeds: int = 5, items: int = 20) -> None:
    urls = _serve_corpus(srv, rows[:feeds * items], feeds, items, prefix="/kill")
    n = feeds * items
    db = tmp / "kill.duckdb"
    cmd = [NEWSEVENTS, "watch", *urls, "--db", str(db), "--once", "--delay", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    pages = [p for p in srv.routes if p.startswith("/kill/story/")]
    while sum(srv.hits[p] for p in pages) < n // 2 and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is not None:
        print(f"kill -9 mid-pass: not measured, the pass ended (exit {proc.returncode}) before half the pages")
        return
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db, "SELECT count(*) FROM articles")[0]
    t = time.perf_counter()
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    rerun_s = time.perf_counter() - t
    arts, distinct = _count(db, "SELECT count(*), count(DISTINCT doc_id) FROM articles")
    events, distinct_events = _count(db, "SELECT count(*), count(DISTINCT id) FROM events")
    stored = _count(db, "SELECT count(*) FROM watch_items WHERE status = 'stored'")[0]
    print(f"kill -9 mid-pass: {partial} of {n} articles committed when killed; rerun (exit {rerun.returncode}, "
          f"{rerun_s:.1f} s): {arts} articles ({n - arts} lost, {arts - distinct} stored twice), {events} events "
          f"({events - distinct_events} twice), {stored} items remembered as stored (target: 0 lost, 0 twice)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clients(base: str, until: threading.Event, clients: int = 8, max_requests: int | None = None
             ) -> tuple[list[float], list[str], dict[str, list[float]]]:
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {p: [] for p in ENDPOINTS}
    errors: list[str] = []
    lock = threading.Lock()

    def run(k: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            i = k
            done = 0
            while not until.is_set() and (max_requests is None or done < max_requests):
                path = ENDPOINTS[i % len(ENDPOINTS)]
                i += 1
                t = time.perf_counter()
                try:
                    r = client.get(path)
                    ok = r.status_code == 200
                    err = f"{path}: HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, err = False, f"{path}: {type(exc).__name__}"
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    by_path[path].append(dt)
                    if not ok:
                        errors.append(err)
                done += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return latencies, errors, by_path


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)


# ``serve --watch`` as it was before the coder moved to a worker process: the same server and watcher, coding in
# the server's own process (the baseline of part 4, run in this same bench)
IN_PROCESS = """
import sys, uvicorn
from newsevents.api import create_app
from newsevents.cli.watch import start_watching
db, port, urls = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
store, stop = start_watching(db, urls, "1h", code_in_child=False, delay=0.0)
uvicorn.run(create_app(db, store=store), host="127.0.0.1", port=port, log_level="warning")
stop()
"""


def _serve_once(rows: list[dict], tmp: Path, feeds: int, items: int, in_process: bool, tag: str = "") -> dict:
    """One ``serve --watch`` over a fresh store: 8 clients while it ingests, then as many requests once idle."""
    n = feeds * items
    db = tmp / f"live-{'in' if in_process else 'child'}{tag}.duckdb"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with FeedServer() as srv:
        urls = _serve_corpus(srv, rows[:n], feeds, items)
        if in_process:
            args = [sys.executable, "-c", IN_PROCESS, str(db), str(port), *urls]
        else:
            args = [NEWSEVENTS, "serve", "--db", str(db), "--port", str(port), "--every", "1h", "--delay", "0"]
            for url in urls:
                args += ["--watch", url]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline and proc.poll() is None, "serve --watch did not start"
                time.sleep(0.2)
            until = threading.Event()

            def watch_progress() -> None:
                while not until.is_set():
                    try:
                        if httpx.get(base + "/api/health", timeout=30).json()["articles"] >= n:
                            until.set()
                    except httpx.HTTPError:
                        pass
                    time.sleep(1)

            progress = threading.Thread(target=watch_progress)
            progress.start()
            t = time.perf_counter()
            busy, busy_errors, busy_paths = _clients(base, until)
            busy_s = time.perf_counter() - t
            progress.join()
            idle, idle_errors, idle_paths = _clients(base, threading.Event(), max_requests=max(1, len(busy) // 8))
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"n": n, "busy": busy, "busy_errors": busy_errors, "busy_paths": busy_paths, "busy_s": busy_s,
            "idle": idle, "idle_errors": idle_errors, "idle_paths": idle_paths}


def bench_serve(rows: list[dict], tmp: Path, feeds: int = 10, items: int = 20, rounds: int = 1) -> None:
    """The serving target, with the coder in a worker process (``serve --watch`` now) and, as the baseline in
    this same run, in the server's own process (as before). With ``rounds`` > 1 the two alternate (ABBA...), so a
    load that other users put on the machine part way through weighs on both alike."""
    labels = {True: "in the server's process (before)", False: "in a worker process (serve --watch)"}
    ratios, ingest_ratios = [], []
    for k in range(rounds):
        order = (True, False) if k % 2 == 0 else (False, True)
        runs = {mode: _serve_once(rows, tmp, feeds, items, in_process=mode, tag=str(k)) for mode in order}
        for mode in order:
            r = runs[mode]
            busy, idle = r["busy"], r["idle"]
            print(f"serve --watch, coding {labels[mode]}: {r['n']} articles ingested in {r['busy_s']:.1f} s while "
                  f"8 clients made {len(busy)} requests: p50 {statistics.median(busy) * 1000:.0f} ms, "
                  f"p95 {_p95(busy) * 1000:.0f} ms, max {max(busy) * 1000:.0f} ms, "
                  f"{len(r['busy_errors'])} errors (target p95 < 250 ms, no error)")
            print(f"  same clients, server idle: {len(idle)} requests, p50 {statistics.median(idle) * 1000:.0f} ms, "
                  f"p95 {_p95(idle) * 1000:.0f} ms, {len(r['idle_errors'])} errors; p95 ratio busy/idle "
                  f"{_p95(busy) / _p95(idle):.2f}")
            for path in ENDPOINTS:
                if r["busy_paths"][path] and r["idle_paths"][path]:
                    print(f"  {path}: p95 busy {_p95(r['busy_paths'][path]) * 1000:.0f} ms, "
                          f"idle {_p95(r['idle_paths'][path]) * 1000:.0f} ms")
            for err in (r["busy_errors"] + r["idle_errors"])[:5]:
                print("  error:", err)
        before, after = runs[True], runs[False]
        ratios.append(_p95(after["busy"]) / _p95(before["busy"]))
        ingest_ratios.append(after["busy_s"] / before["busy_s"])
        print(f"round {k + 1}: p95 while ingesting, worker process / server's process {ratios[-1]:.2f}; "
              f"ingest time {ingest_ratios[-1]:.2f}")
    print(f"serve --watch p95 while ingesting, worker process / server's process: median "
          f"{statistics.median(ratios):.2f} over {rounds} round(s) ({', '.join(f'{x:.2f}' for x in ratios)}); "
          f"ingest time median {statistics.median(ingest_ratios):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--skip-kill", action="store_true")
    ap.add_argument("--skip-passes", action="store_true")
    ap.add_argument("--serve-feeds", type=int, default=10, help="feeds of --items each for the serve --watch part")
    ap.add_argument("--serve-rounds", type=int, default=1, help="rounds of the serve --watch part, both ways each")
    args = ap.parse_args()
    rows = _corpus(args.feeds * args.items)
    with tempfile.TemporaryDirectory(prefix="bench_watch_") as tmp_name:
        tmp = Path(tmp_name)
        with FeedServer() as srv:
            urls = _serve_corpus(srv, rows, args.feeds, args.items)
            if not args.skip_passes:
                bench_passes(srv, rows, urls, tmp)
            if not args.skip_kill:
                bench_kill(srv, rows, tmp)
        if not args.skip_serve:
            bench_serve(_corpus(args.serve_feeds * args.items), tmp, args.serve_feeds, args.items, args.serve_rounds)


if __name__ == "__main__":
    main()
