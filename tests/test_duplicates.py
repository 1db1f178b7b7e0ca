"""Near-duplicate articles on real DuckDB files with the real Coder: linked to their original as they are
written and by a pass over the store, their events left out of counts, queries and exports unless asked."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from conftest import DATA, SEED
from newsevents.cli.main import app
from newsevents.export.writers import write_export
from newsevents.models import Article
from newsevents.store import Store, queries
from newsevents.store.filters import EventFilter

BBC = DATA / "bbc" / "articles.jsonl"


def _bbc(doc_id: str) -> dict:
    with BBC.open(encoding="utf-8") as fh:
        return next(r for r in map(json.loads, fh) if r["id"] == doc_id)


def _seed_copies() -> dict[str, str]:
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    paras = [p for p in text.split("\n\n") if p.strip()]
    return {
        "seed-reordered": "\n\n".join([paras[0], *reversed(paras[1:])]),
        "seed-headline": "\n".join(["Panjshir holds out as Taliban say no to talks", *lines[1:]]),
        "seed-cut": text[: text.rfind(" ", 0, len(text) * 2 // 3)],
    }


def _store(tmp_path: Path, coder) -> tuple[Path, int]:
    """Seed, then its three copies and one distinct BBC article in a second batch; returns the db and the
    number of the seed's events."""
    db = tmp_path / "dups.duckdb"
    seed = Article(id="seed", text=SEED.read_text(encoding="utf-8"), date="2021-08-22")
    other = _bbc("bbc-politics-064")
    arts = [Article(id=i, text=t, date="2021-08-22") for i, t in _seed_copies().items()]
    arts.append(Article(id=other["id"], text=other["text"], title=other["title"], date="2005-01-10"))
    with Store(db) as store:
        coded = coder.code_one(seed)
        store.write_batch([(seed, coded)])
        store.write_batch([(a, coder.code_one(a)) for a in arts])
    return db, len(coded.events)


def test_copies_link_at_ingest_and_their_events_count_once(tmp_path: Path, coder) -> None:
    db, n_seed = _store(tmp_path, coder)
    assert n_seed > 3
    with Store(db) as store:
        con = store.con
        links = dict(con.execute("SELECT doc_id, duplicate_of FROM articles ORDER BY doc_id").fetchall())
        assert links == {"bbc-politics-064": None, "seed": None, "seed-cut": "seed", "seed-headline": "seed",
                         "seed-reordered": "seed"}
        # a duplicate keeps every row it was coded with; its events carry the link
        dup_events = con.execute("SELECT count(*) FROM events WHERE doc_id = 'seed-headline'").fetchone()[0]
        assert dup_events > 0
        assert con.execute("SELECT count(*) FROM events WHERE doc_id LIKE 'seed-%' AND duplicate_of IS NULL"
                           ).fetchone()[0] == 0
        other = con.execute("SELECT count(*) FROM events WHERE doc_id = 'bbc-politics-064'").fetchone()[0]
        counted = queries.events(EventFilter(), "-date", None).dicts(con)
        assert len(counted) == n_seed + other
        everything = queries.events(EventFilter(duplicates=True), "-date", None).dicts(con)
        assert len(everything) > len(counted)
        assert sum(store.events_by_type().values()) == n_seed + other
        by_type = queries.event_counts(EventFilter(), ["type"], 100).dicts(con)
        assert sum(r["n"] for r in by_type) == n_seed + other
        out = tmp_path / "gdelt.tsv"
        with out.open("wb") as fh:
            assert write_export(con, "gdelt", fh) == n_seed + other


def test_articles_command_shows_the_link_and_events_can_ask_for_duplicates(tmp_path: Path, coder) -> None:
    db, n_seed = _store(tmp_path, coder)
    runner = CliRunner()
    res = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = {r["doc_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert rows["seed-cut"]["duplicate_of"] == "seed" and 0.3 <= rows["seed-cut"]["dup_similarity"] < 1
    assert rows["seed-reordered"]["dup_similarity"] == 1.0  # paragraphs in another order: the same shingles
    only = runner.invoke(app, ["articles", "--db", str(db), "--duplicates", "only", "--format", "csv"])
    assert sorted(line.split(",")[0] for line in only.stdout.splitlines()[1:]) == [
        "seed-cut", "seed-headline", "seed-reordered"]
    table = runner.invoke(app, ["articles", "--db", str(db)])
    assert "seed-headline" in table.stdout and "duplicate of" in table.stdout
    bad = runner.invoke(app, ["articles", "--db", str(db), "--duplicates", "some"])
    assert bad.exit_code == 2 and "--duplicates" in bad.output
    plain = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    with_dups = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--duplicates"])
    docs = {json.loads(line)["doc_id"] for line in plain.stdout.splitlines()}
    assert docs <= {"seed", "bbc-politics-064"} and "seed" in docs
    assert len(with_dups.stdout.splitlines()) > len(plain.stdout.splitlines())


def test_a_pass_over_the_store_finds_the_same_links(tmp_path: Path, coder) -> None:
    db, _ = _store(tmp_path, coder)
    with Store(db) as store:
        before = store.con.execute("SELECT doc_id, duplicate_of FROM articles ORDER BY 1").fetchall()
        # as a store written before signatures were kept: no signature, no band, no link
        for sql in ("DELETE FROM article_minhash", "DELETE FROM article_bands",
                    "UPDATE articles SET duplicate_of = NULL, dup_similarity = NULL",
                    "UPDATE events SET duplicate_of = NULL"):
            store.con.execute(sql)
        links = store.relink_duplicates()
        assert sorted((x.doc_id, x.original) for x in links) == [
            ("seed-cut", "seed"), ("seed-headline", "seed"), ("seed-reordered", "seed")]
        assert store.con.execute("SELECT doc_id, duplicate_of FROM articles ORDER BY 1").fetchall() == before
        assert store.con.execute("SELECT count(DISTINCT doc_id) FROM events WHERE duplicate_of = 'seed'"
                                 ).fetchone()[0] == 3
        # only originals are looked up by later articles
        assert {r[0] for r in store.con.execute("SELECT DISTINCT doc_id FROM article_bands").fetchall()} == {
            "seed", "bbc-politics-064"}


def _plain(doc_id: str, text: str) -> dict:
    rec = {"doc_id": doc_id, "title": None, "events": [], "quotes": [], "places": [], "entities": [], "notes": []}
    return {"record": json.dumps(rec), "text": text, "content_hash": doc_id}


def test_what_is_never_linked(tmp_path: Path) -> None:
    short = "Rebels attacked an army post outside Goma on Sunday, the governor said."
    article = _bbc("bbc-politics-311")["text"]
    follow_up = _bbc("bbc-politics-312")["text"]  # the talks announced, then reported failed: 0.65 alike
    with Store(tmp_path / "n.duckdb", registry=False) as store:
        store.write_records([_plain("short-1", short), _plain("a-first", article[: len(article) // 2])])
        store.write_records([_plain("short-2", short), _plain("b-longer", article), _plain("c-follow", follow_up)])
        linked = store.con.execute("SELECT doc_id FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
        # two-sentence briefs are too short to tell a copy; a longer text adds to the stored half it holds;
        # a rewritten follow-up is a report of its own
        assert linked == []
        assert store.relink_duplicates() == []


def test_a_file_from_before_the_links_reads_unchanged(tmp_path: Path, coder) -> None:
    db, n_seed = _store(tmp_path, coder)
    con = duckdb.connect(str(db))
    for table, column in (("events", "duplicate_of"), ("articles", "duplicate_of"), ("articles", "dup_similarity")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])  # read-only: no migration
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == total > n_seed
    arts = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert arts.exit_code == 0 and all(json.loads(line)["duplicate_of"] is None for line in arts.stdout.splitlines())
