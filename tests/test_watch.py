"""`newsevents watch`: real feeds and pages from a real HTTP server on loopback (changing items, a dead feed, a slow
one, a redirect, a 500, a malformed feed), folders and .urls lists, restart and kill -9 mid-pass."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from newsevents.cli.main import app
from newsevents.ingest.fetch import FetchPolicy
from newsevents.runner.watch import PassReport, Watcher, parse_every
from newsevents.store import Store

sys.path.insert(0, str(ROOT / "bench"))
from feed_server import FeedServer, Route, page, rss  # noqa: E402

NEWSEVENTS = str(Path(sys.executable).with_name("newsevents"))
FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.05, delay=0)

STORIES = [
    ("France condemns embassy attack", "The government of France condemned the attack on its embassy in Kabul."),
    ("Police arrest protesters", "Police arrested twelve protesters outside parliament in Nairobi on Sunday."),
    ("Talks with rebels rejected", "The Taliban rejected talks with the resistance in Panjshir, a spokesman said."),
    ("Germany pledges aid", "Germany promised humanitarian aid to Ukraine after floods hit the south of the country."),
    ("Troops shell border villages", "Soldiers shelled three villages near the border with Armenia, officials said."),
    ("Ministers meet in Geneva", "The foreign ministers of Iran and Oman met in Geneva to discuss the nuclear deal."),
    ("Court jails opposition leader", "A court in Minsk sentenced an opposition leader to ten years in prison."),
    ("Sanctions on Russian banks", "The European Union imposed sanctions on four Russian banks on Thursday."),
]


def _page(i: int) -> Route:
    title, text = STORIES[i]
    return Route(page(title, [text, f"Officials gave no further details about the events of report {i}."]),
                 content_type="text/html; charset=utf-8")


def _item(srv: FeedServer, i: int) -> dict[str, str]:
    return {"title": STORIES[i][0], "link": srv.url(f"/story/{i}.html"), "description": STORIES[i][1][:40]}


def _articles(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT doc_id, title, date, text FROM articles ORDER BY title").fetchall()
    finally:
        con.close()


def _line(lines: list[str], source: str) -> str:
    found = [line for line in lines if line.startswith(source + ":")]
    assert len(found) == 1, (source, lines)  # one log line per poll per source
    return found[0]


def test_every_parses_durations() -> None:
    assert parse_every("15m") == 900 and parse_every("90s") == 90 and parse_every("1h") == 3600
    assert parse_every("30") == 30
    for bad in ("soon", "0m", "-5", "15 minutes"):
        with pytest.raises(ValueError, match="--every"):
            parse_every(bad)


def test_bad_every_and_missing_source_are_one_line_and_status_2(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["watch", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--every", "soon"])
    assert res.exit_code == 2 and "--every 'soon'" in res.output
    res = runner.invoke(app, ["watch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb"), "--once"])
    assert res.exit_code == 2 and "nowhere: no such file or directory" in res.output


def test_feeds_over_http_change_fail_alone_and_resume(tmp_path: Path, coder) -> None:
    db = tmp_path / "w.duckdb"
    with FeedServer() as srv:
        for i in range(len(STORIES)):
            srv.set(f"/story/{i}.html", _page(i))
        srv.set("/story/2.html", Route(status=500))  # one page fails at first: its item is retried later
        srv.set("/world.xml", Route(rss("World desk", [_item(srv, i) for i in (0, 1, 2)])))
        srv.set("/politics.xml", Route(rss("Politics desk", [_item(srv, i) for i in (3, 4)])))
        srv.set("/moved.xml", Route(status=301, location=srv.url("/politics.xml")))
        srv.set("/broken.xml", Route(b"<rss><channel><title>Half a feed"))
        srv.set("/error.xml", Route(status=500))
        srv.set("/slow.xml", Route(rss("Slow desk", [_item(srv, 5)]), delay=2))
        world, moved, broken, error, slow = (srv.url(p) for p in
                                             ("/world.xml", "/moved.xml", "/broken.xml", "/error.xml", "/slow.xml"))
        dead = "http://127.0.0.1:9/dead.xml"  # the discard port: nothing listens there
        sources = [world, moved, broken, error, dead, slow]

        def poll() -> tuple[list[str], PassReport]:
            lines: list[str] = []
            with Store(db) as store:
                watcher = Watcher(sources, store, coder=coder, policy=FAST, log=lines.append)
                try:
                    return lines, watcher.poll()
                finally:
                    watcher.close()

        lines, rep = poll()
        assert "2 new" in _line(lines, world) and "1 failed" in _line(lines, world)
        assert "2 new" in _line(lines, moved)  # the redirect was followed
        assert "failed: not a readable RSS/Atom feed" in _line(lines, broken)
        assert _line(lines, error).endswith("failed: HTTP 500 (after 2 tries)")
        assert _line(lines, dead).endswith("failed: connection refused (after 2 tries)")
        assert _line(lines, slow).endswith("failed: timed out after 0.5 s (after 2 tries)")
        assert not rep.ok
        stored = _articles(db)
        assert [a[1] for a in stored] == sorted(STORIES[i][0] for i in (0, 1, 3, 4))
        for _, _title, date, text in stored:
            assert str(date) == "2024-03-11"  # the feed's publication date
            assert "Officials gave no further details" in text  # the page's main text, not the feed's summary
            assert "All rights reserved" not in text and "Sport" not in text  # boilerplate removed

        # Restart (a new store connection, a new watcher): the failed page is fixed and retried; the good feeds are
        # asked conditionally and answer 304; the failing feeds still fail, alone.
        srv.set("/story/2.html", _page(2))
        lines, rep = poll()
        assert "1 new" in _line(lines, world)
        assert "unchanged (304 not modified)" in _line(lines, moved)
        assert "failed" in _line(lines, error) and "failed" in _line(lines, dead)
        assert len(_articles(db)) == 5

        hits = sum(srv.hits[f"/story/{i}.html"] for i in range(len(STORIES)))
        lines, rep = poll()
        assert "unchanged (304 not modified)" in _line(lines, world)
        assert sum(srv.hits[f"/story/{i}.html"] for i in range(len(STORIES))) == hits  # no page fetched again
        assert srv.not_modified["/world.xml"] >= 1 and srv.not_modified["/politics.xml"] >= 2

        # The world feed changes: a new item on top, the oldest one dropped; the stored article stays.
        srv.set("/world.xml", Route(rss("World desk", [_item(srv, i) for i in (6, 1, 2)])))
        srv.set("/slow.xml", Route(rss("Slow desk", [_item(srv, 5)])))  # the slow feed recovers
        lines, rep = poll()
        assert "1 new" in _line(lines, world) and "2 seen" in _line(lines, world)
        assert "1 new" in _line(lines, slow)
        assert len(_articles(db)) == 7
        con = duckdb.connect(str(db), read_only=True)
        statuses = dict(con.execute("SELECT status, count(*) FROM watch_items GROUP BY status").fetchall())
        failures = con.execute("SELECT failures FROM watch_sources WHERE source = ?", [error]).fetchone()
        con.close()
        assert statuses == {"stored": 7}
        assert failures == (4,)  # failed at each of the four polls, counted in a row


def test_folders_local_feeds_and_url_lists(tmp_path: Path, coder) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i in (0, 1):
        (folder / f"story{i}.txt").write_text(f"{STORIES[i][0]}\n\n{STORIES[i][1]}\n", encoding="utf-8")
    feed = tmp_path / "desk.rss"  # entries without links: their own text is the article
    feed.write_text(rss("Desk", [{"title": STORIES[3][0], "link": "", "guid": "desk-3",
                                  "description": STORIES[3][1]}]).decode(), encoding="utf-8")
    urls = tmp_path / "feeds.urls"
    urls.write_text("# the desk's feed\ndesk.rss\nmissing.rss\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    def poll() -> tuple[list[str], list[str]]:
        lines: list[str] = []
        errs: list[str] = []
        with Store(db) as store:
            watcher = Watcher([str(folder), str(urls)], store, coder=coder, policy=FAST, log=lines.append,
                              on_error=lambda e: errs.append(str(e)))
            watcher.poll()
            watcher.close()
        return lines, errs

    lines, errs = poll()
    assert "2 new" in _line(lines, str(folder)) and "1 new" in _line(lines, str(feed))
    assert errs == [f"{urls}:3: no such feed file 'missing.rss'; fix or remove the line"]
    assert len(_articles(db)) == 3
    lines, _ = poll()
    assert "unchanged (2 items seen)" in _line(lines, str(folder))
    assert "unchanged (file unchanged)" in _line(lines, str(feed))
    (folder / "story1.txt").write_text(f"{STORIES[1][0]}\n\n{STORIES[1][1]} Four were later released.\n",
                                       encoding="utf-8")
    (folder / "story2.txt").write_text(f"{STORIES[2][0]}\n\n{STORIES[2][1]}\n", encoding="utf-8")
    (folder / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    lines, errs = poll()
    assert "2 new" in _line(lines, str(folder)) and "1 failed" in _line(lines, str(folder))
    assert any("bad.jsonl:1: not valid JSON" in e for e in errs)
    stored = {a[0]: a[3] for a in _articles(db)}
    assert len(stored) == 4 and "Four were later released" in stored["story1"]  # replaced, not stored twice


def test_kill_9_mid_pass_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n = 16
    db = tmp_path / "w.duckdb"
    with FeedServer() as srv:
        for i in range(n):
            title, text = STORIES[i % len(STORIES)]
            # slow pages, so the pass is still fetching when it is killed
            srv.set(f"/p/{i}.html", Route(page(f"{title} ({i})", [text, f"This is report number {i}."]),
                                          content_type="text/html; charset=utf-8", delay=0.4))
        srv.set("/feed.xml", Route(rss("Wire", [{"title": f"{STORIES[i % len(STORIES)][0]} ({i})",
                                                  "link": srv.url(f"/p/{i}.html")} for i in range(n)])))
        cmd = [NEWSEVENTS, "watch", srv.url("/feed.xml"), "--db", str(db), "--once", "--delay", "0",
               "--batch-size", "2"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        deadline = time.monotonic() + 240
        while sum(srv.hits[f"/p/{i}.html"] for i in range(n)) < 12:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the watcher did not fetch the pages"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        partial = len(_articles(db))
        assert partial < n  # killed mid-pass: some pages were never fetched
        rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - partial} new" in rerun.stderr  # what the killed pass committed is not coded again
    stored = _articles(db)
    assert len(stored) == n and len({a[0] for a in stored}) == n
    con = duckdb.connect(str(db), read_only=True)
    ids = con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
    items = con.execute("SELECT count(*) FROM watch_items WHERE status = 'stored'").fetchone()
    con.close()
    assert ids is not None and ids[0] == ids[1] and ids[0] > 0
    assert items == (n,)
