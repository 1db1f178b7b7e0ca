"""Clusters kept current as articles arrive (``clusters.update``): after ``ingest`` and after each ``watch`` poll,
only what the new events can join is rebuilt, and the result is the one a whole ``newsevents link`` gives; a
follow-up report served by a real feed server on loopback joins its happening's cluster at the next poll."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import duckdb

from conftest import ROOT
from newsevents.ingest import read_inputs
from newsevents.ingest.fetch import FetchPolicy
from newsevents.models import Article
from newsevents.runner.ingest import ingest
from newsevents.runner.watch import Watcher
from newsevents.store import Store

sys.path.insert(0, str(ROOT / "bench"))
from feed_server import FeedServer, Route, page, rss  # noqa: E402

GOLD = ROOT / "gold" / "clusters" / "articles.jsonl"
# Kharkiv shelled (4 outlets), Berlin expels diplomats (3), Wang meets Lavrov (3), and their distractors
FIRST = ("h10-wire", "h10-herald", "h15-wire", "h05-wire", "d05-kharkiv-later")
LATER = ("h10-radio", "h10-courier", "h15-herald", "h15-radio", "h05-herald", "h05-courier", "d04-lavrov-call")
TABLES = {
    "cluster_members": "SELECT event_id, cluster_id, doc_id FROM cluster_members ORDER BY ALL",
    "event_clusters": "SELECT * FROM event_clusters ORDER BY cluster_id",
    "stories": "SELECT * FROM stories ORDER BY story_id",
    "story_articles": "SELECT doc_id, story_id FROM story_articles ORDER BY ALL",
}


def _gold(ids: tuple[str, ...]) -> list[Article]:
    arts = {a.id: a for a in read_inputs([str(GOLD)]) if isinstance(a, Article)}
    return [arts[i] for i in ids]


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


def _cluster_of(con: duckdb.DuckDBPyConnection, doc_id: str, event: str) -> tuple[str, int]:
    row = con.execute("SELECT c.cluster_id, c.num_articles FROM cluster_members m JOIN event_clusters c "
                      "USING (cluster_id) WHERE m.doc_id = ? AND c.event = ? ORDER BY c.num_articles DESC",
                      [doc_id, event]).fetchone()
    assert row is not None, f"{doc_id}: no {event} cluster"
    return row[0], row[1]


def test_ingest_keeps_clusters_as_a_whole_link_would_make_them(tmp_path: Path, coder) -> None:
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        first = ingest([], store, coder=coder, articles=_gold(FIRST))
        assert first.clusters is not None and first.clusters.events > 0
        early = _tables(store.con)
        later = ingest([], store, coder=coder, articles=_gold(LATER), batch_size=3)
        assert later.clusters is not None
        # a changed article replaces its old version: the cluster that lost its events is rebuilt from the rest
        herald = _gold(("h10-herald",))[0]
        changed = Article(id=herald.id, text=herald.text + "\n\nResidents said the shelling went on all night.",
                          title=herald.title, date=herald.date, source=herald.source)
        assert ingest([], store, coder=coder, articles=[changed]).written == 1
        # nothing new: nothing rebuilt
        assert store.update_clusters() is None
        live = _tables(store.con)
        assert live != early  # the later reports were clustered
        kharkiv, n = _cluster_of(store.con, "h10-radio", "ASSAULT")
        assert n == 4 and kharkiv == _cluster_of(store.con, "h10-wire", "ASSAULT")[0]
    whole = tmp_path / "whole.duckdb"
    shutil.copy(db, whole)
    with Store(whole) as store:
        store.link()
        assert live == _tables(store.con)


def test_a_follow_up_joins_its_cluster_at_the_next_poll(tmp_path: Path, coder) -> None:
    db = tmp_path / "watch.duckdb"
    entries = []
    with FeedServer() as srv, Store(db) as store:
        def publish(article: Article) -> None:
            path = f"/story/{article.id}.html"
            srv.set(path, Route(page(article.title or article.id, article.text.split("\n\n")),
                                content_type="text/html; charset=utf-8"))
            entries.append({"title": article.title or article.id, "link": srv.url(path),
                            "date": f"{article.date}T09:00:00Z", "description": article.text[:60]})
            srv.set("/feed.xml", Route(rss("Wire", entries)))

        # the first report, a second outlet's the same day, the next day's follow-up ("Kharkiv mourns")
        wire, radio, courier = _gold(("h10-wire", "h10-radio", "h10-courier"))
        publish(wire)
        watcher = Watcher([srv.url("/feed.xml")], store, coder=coder, policy=FetchPolicy(delay=0, timeout=5))
        try:
            assert watcher.poll().new == 1
            publish(radio)
            second = watcher.poll()
            assert second.new == 1 and second.clusters is not None
            cid, n = _cluster_of(store.con, wire_id(store, wire), "ASSAULT")
            assert n == 2 and _cluster_of(store.con, wire_id(store, radio), "ASSAULT") == (cid, 2)
            publish(courier)
            third = watcher.poll()
            assert third.new == 1
            # the follow-up joined the existing cluster, which kept its id
            assert _cluster_of(store.con, wire_id(store, courier), "ASSAULT") == (cid, 3)
            story = store.con.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
            assert story == 1  # and the three articles are one story
            assert watcher.poll().clusters is None  # nothing new: nothing rebuilt
        finally:
            watcher.close()


def wire_id(store: Store, article: Article) -> str:
    """The id the watcher stored a served gold article under (feed entries get ids from their links)."""
    row = store.con.execute("SELECT doc_id FROM articles WHERE url LIKE ?", [f"%/story/{article.id}.html"]).fetchone()
    assert row is not None, article.id
    return row[0]


def test_watch_once_says_the_clusters_are_up_to_date(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsevents.cli.main import app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for art in _gold(("h10-wire", "h10-radio")):  # dated articles: a .txt file has no date to cluster by
        row = {"id": art.id, "text": art.text, "date": art.date, "source": art.source}
        (inbox / f"{art.id}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = tmp_path / "cli.duckdb"
    res = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    assert "2 new article(s)" in res.output and "clusters up to date (" in res.output
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT max(num_articles) FROM event_clusters").fetchone()[0] == 2
