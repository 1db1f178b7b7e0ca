"""`newsevents serve --watch`: the real server and the watcher in one process over one database, read while
it writes."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from conftest import ROOT
from serving import free_port
from test_watch import NEWSEVENTS, STORIES

sys.path.insert(0, str(ROOT / "bench"))
from feed_server import FeedServer, Route, page, rss  # noqa: E402


def test_api_reads_while_the_watcher_writes(tmp_path: Path) -> None:
    n = 12
    db = tmp_path / "live.duckdb"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with FeedServer() as srv:
        for i in range(n):
            title, text = STORIES[i % len(STORIES)]
            # slow pages: the pass takes several seconds, so the readers meet it half done
            srv.set(f"/p/{i}.html", Route(page(f"{title} ({i})", [text, f"Report number {i}."]),
                                          content_type="text/html; charset=utf-8", delay=0.5))
        srv.set("/feed.xml", Route(rss("Wire", [{"title": f"{STORIES[i % len(STORIES)][0]} ({i})",
                                                  "link": srv.url(f"/p/{i}.html")} for i in range(n)])))
        proc = subprocess.Popen([NEWSEVENTS, "serve", "--db", str(db), "--port", str(port), "--watch",
                                 srv.url("/feed.xml"), "--every", "1h"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seen: dict[int, list[int]] = {}
        failures: list[str] = []
        done = threading.Event()

        def reader(k: int) -> None:
            counts = seen.setdefault(k, [])
            with httpx.Client(base_url=base, timeout=30) as client:
                while not done.is_set():
                    try:
                        health = client.get("/api/health")
                        events = client.get("/api/events", params={"limit": 20})
                        arts = client.get("/api/articles", params={"limit": 5})
                    except httpx.TransportError:
                        if counts:  # the server went away after it had answered: a failure
                            failures.append(f"reader {k}: connection lost")
                            return
                        time.sleep(0.1)  # not listening yet
                        continue
                    for r in (health, events, arts):
                        if r.status_code != 200:
                            failures.append(f"{r.request.url}: {r.status_code} {r.text[:200]}")
                    counts.append(health.json()["articles"])
                    if counts[-1] >= n:
                        return

        try:
            readers = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
            for t in readers:
                t.start()
            deadline = time.monotonic() + 240
            while any(t.is_alive() for t in readers) and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.2)
            done.set()
            for t in readers:
                t.join(timeout=30)
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert not failures, failures[:5]
            for counts in seen.values():
                assert counts and counts[-1] == n  # every reader saw the whole feed stored in the end
                assert counts == sorted(counts)  # never an article count going back (no half-written batch)
            all_counts = {c for counts in seen.values() for c in counts}
            assert any(0 < c < n for c in all_counts)  # reads were answered while the watcher was writing
            final = httpx.get(f"{base}/api/events", params={"limit": 200}).json()
            assert final["total"] > 0
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                err = proc.communicate(timeout=60)[1]
            except subprocess.TimeoutExpired:
                proc.kill()
                err = proc.communicate()[1]
    assert proc.returncode == 0, err
    assert "watch: " + srv.url("/feed.xml") + f": {n} new" in err  # the watcher's log line for its pass
