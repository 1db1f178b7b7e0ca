"""The DuckDB store on real files: rows of every table, skip unchanged, replace changed, all-or-nothing batches."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsevents.models import Actor, Article, CodedArticle, Event, Place, Quote, Span
from newsevents.store import Store, queries
from newsevents.store.filters import EventFilter, FilterError
from newsevents.store.rows import coded_from_dict

TEXT = (
    "Rebels Attack Army Post in Goma\n\n"
    "GOMA, Congo — Rebels attacked an army post outside Goma on Sunday, the governor said. "
    '"We will not give up the city," he told reporters.'
)


def _coded(doc_id: str = "goma-1", n_events: int = 2, event_type: str = "ASSAULT") -> tuple[Article, CodedArticle]:
    article = Article(id=doc_id, text=TEXT, title="Rebels Attack Army Post in Goma", date="2024-02-04")
    rebels = Actor("Rebels", 33, 39, "rebels", "CODREB", "COD", "REB", "group")
    army = Actor("army", 52, 56, "army", "CODMIL", "COD", "MIL", "organization")
    goma = Place("Goma", 62, 66, "Goma", 217831, -1.67, 29.22, "city", "CD", how="sentence")
    events = [
        Event(
            id=f"{doc_id}-e{k}", event=event_type, event_text="attacked", text_info={"start": 33, "end": 103},
            actor=[rebels], recipient=[army], cameo="190", quad_code=4, goldstein=-10.0, date="2024-02-04",
            date_granularity="day", event_loc=goma, trigger={"start": 40, "end": 48}, why="test",
        )
        for k in range(1, n_events + 1)
    ]
    quote = Quote(
        speaker=Actor("the governor", 90, 102, "the governor", "COD", "COD", "GOV", "person"),
        cue=Span("told", 141, 145), content=Span("We will not give up the city", 105, 133), type="direct",
        id=f"{doc_id}-q1",
    )
    coded = CodedArticle(doc_id=doc_id, title=article.title, date=article.date, events=events, quotes=[quote],
                         places=[goma], entities=[rebels, army], notes=[])
    return article, coded


def _count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_every_table_gets_its_rows_and_the_record_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    article, coded = _coded()
    with Store(db) as store:
        assert store.write_batch([(article, coded)]) == 1
        assert store.counts() == {"event_actors": 4, "events": 2, "quotes": 1, "places": 1, "entities": 2,
                                  "articles": 1}
        rec = json.loads(store.con.execute("SELECT record FROM articles").fetchone()[0])
        assert rec == coded.to_dict()
        assert coded_from_dict(rec).to_dict() == coded.to_dict()
        row = store.con.execute(
            "SELECT event, actor_codes, recipient_codes, loc_geonameid, loc_how, events.date, trigger_start,"
            " content_hash"
            " FROM events JOIN articles USING (doc_id) WHERE id = 'goma-1-e1'"
        ).fetchone()
        assert row[:5] == ("ASSAULT", "CODREB", "CODMIL", 217831, "sentence")
        assert str(row[5]) == "2024-02-04" and row[6] == 40 and row[7] == article.content_hash()


def test_unchanged_article_is_skipped_and_changed_one_replaces_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    article, coded = _coded(n_events=3)
    with Store(db) as store:
        store.write_batch([(article, coded)])
        assert store.unchanged([article]) == {"goma-1"}
        changed = Article(id="goma-1", text=TEXT + " More fighting was reported.", date="2024-02-04")
        assert store.unchanged([changed]) == set()
        _, recoded = _coded(n_events=1, event_type="COERCE")
        store.write_batch([(changed, recoded)])
        assert store.counts()["events"] == 1 and store.counts()["articles"] == 1
        assert store.events_by_type() == {"COERCE": 1}
        assert store.stored_hashes(["goma-1"]) == {"goma-1": changed.content_hash()}


def test_a_failing_batch_is_not_stored_at_all_and_earlier_batches_survive(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([_coded("first")])
        art, bad = _coded("second")
        bad.events[1].id = bad.events[0].id  # a duplicate primary key makes the insert fail mid-batch
        with pytest.raises(duckdb.ConstraintException):
            store.write_batch([_coded("third"), (art, bad)])
        assert store.counts()["articles"] == 1
    assert _count(db, "SELECT count(*) FROM articles WHERE doc_id IN ('second', 'third')") == 0
    assert _count(db, "SELECT count(*) FROM events") == 2


def test_query_filters(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        a1, c1 = _coded("one", n_events=2)
        a2, c2 = _coded("two", n_events=1, event_type="PROTEST")
        c2.events[0].date = "2023-01-01"
        store.write_batch([(a1, c1), (a2, c2)])
        con = store.con

        def ids(limit: int | None = None, **filters: str) -> list[str]:
            return [r["id"] for r in queries.events(EventFilter.parse(**filters), "-date", limit).dicts(con)]

        assert ids() == ["one-e1", "one-e2", "two-e1"]  # newest first, then each article's order
        assert ids(type="protest") == ["two-e1"]
        assert ids(actor="codreb") == ids(actor="rebels") == ids()
        assert ids(actor="nobody") == []
        assert ids(start="2024-01-01") == ["one-e1", "one-e2"]
        assert ids(limit=1) == ["one-e1"]
        rows = queries.events(EventFilter.parse(type="PROTEST"), "-date", None, record=True).dicts(con)
        assert json.loads(rows[0]["record"])["event"] == "PROTEST"
        assert queries.events(EventFilter(), "-date", 2).arrow(con).column("id").to_pylist() == ["one-e1", "one-e2"]
        with pytest.raises(FilterError, match="EXPLODE"):
            EventFilter.parse(type="explode")


def test_real_coder_output_is_stored_and_matches(tmp_path: Path, coder) -> None:
    db = tmp_path / "s.duckdb"
    article = Article(id="real", text=TEXT, title="Rebels Attack Army Post in Goma", date="2024-02-04")
    coded = coder.code_one(article)
    with Store(db) as store:
        store.write_batch([(article, coded)])
        assert store.counts()["events"] == len(coded.events)
        assert store.counts()["entities"] == len(coded.entities)
        rec = json.loads(store.con.execute("SELECT record FROM articles WHERE doc_id = 'real'").fetchone()[0])
        assert rec == json.loads(json.dumps(coded.to_dict()))


def test_actor_registry_is_updated_in_the_same_transaction(tmp_path: Path) -> None:
    pytest.importorskip("newsevents.store.registry")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([_coded("first")])
        docs = store.con.execute("SELECT DISTINCT doc_id FROM registry_docs").fetchall()
        assert docs == [("first",)]
        art, bad = _coded("second")
        bad.events[1].id = bad.events[0].id
        with pytest.raises(duckdb.ConstraintException):
            store.write_batch([(art, bad)])
        assert store.con.execute("SELECT count(*) FROM registry_docs WHERE doc_id = 'second'").fetchone()[0] == 0


def _catalog(con: duckdb.DuckDBPyConnection) -> tuple[list, list]:
    """Every column (name, position, type, default, nullability) and constraint of the file's tables."""
    columns = con.execute(
        "SELECT table_name, column_name, column_index, data_type, column_default, is_nullable FROM duckdb_columns()"
        " WHERE database_name = current_database() ORDER BY 1, 3").fetchall()
    constraints = con.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()"
        " WHERE database_name = current_database() ORDER BY 1, 2, 3").fetchall()
    return columns, constraints


def test_files_written_before_the_schema_module_open_unchanged(tmp_path: Path) -> None:
    released = (Path(__file__).parent / "data" / "store_schema_v1.sql").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh.duckdb"
    with Store(fresh) as store:
        store.write_batch([_coded("one")])
        expected = _catalog(store.con)
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(released)
    released_columns, released_constraints = _catalog(con)
    # every table and column a release file holds is still made the same way (later ones are only added)
    assert [c for c in released_columns if c not in expected[0]] == []
    assert [c for c in released_constraints if c not in expected[1]] == []
    # a file from before the two columns added later (articles.record, registry_actors.latest_key)
    con.execute("ALTER TABLE articles DROP COLUMN record")
    con.execute("ALTER TABLE registry_actors DROP COLUMN latest_key")
    con.close()
    with Store(old) as store:
        store.write_batch([_coded("one")])
        assert _catalog(store.con) == expected
        assert store.con.execute("SELECT latest_key FROM registry_actors WHERE actor_id = 'rebels'").fetchone()[0]
