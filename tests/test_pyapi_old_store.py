"""``newsevents.open`` on a store written by an earlier release, opened read-only (so never migrated): the
columns added since (``articles.record``, ``duplicate_of``, ``dup_similarity``, ``events.duplicate_of``) are
missing, and events still read, filtered, counted and sorted."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import newsevents

# The article and event tables as the first release wrote them: before full records on articles and before
# near-duplicates were linked.
OLD_SCHEMA = (
    """CREATE TABLE articles (doc_id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
        text VARCHAR, content_hash VARCHAR, n_events INTEGER, notes JSON,
        ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE events (id VARCHAR PRIMARY KEY, doc_id VARCHAR, event VARCHAR, mode VARCHAR, context VARCHAR[],
        cameo VARCHAR, quad_code TINYINT, goldstein DOUBLE, date DATE, date_granularity VARCHAR, event_text VARCHAR,
        sent_start INTEGER, sent_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, aux VARCHAR[],
        confidence DOUBLE, actor_names VARCHAR, actor_codes VARCHAR, actor_country VARCHAR, recipient_names VARCHAR,
        recipient_codes VARCHAR, recipient_country VARCHAR, attributed_to VARCHAR, quote_id VARCHAR,
        loc_name VARCHAR, loc_geonameid BIGINT, loc_lat DOUBLE, loc_lon DOUBLE, loc_feature VARCHAR,
        loc_country_code VARCHAR, loc_how VARCHAR, why VARCHAR, record JSON)""",
)
TEXT = "Police arrested forty protesters in Nairobi on Monday. Lawmakers in Kampala met the minister."


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for statement in OLD_SCHEMA:
        con.execute(statement)
    con.execute("INSERT INTO articles (doc_id, title, date, text, content_hash, n_events, notes) VALUES "
                "('a1', 'Arrests in Nairobi', DATE '2024-03-04', ?, 'h1', 2, '[]')", [TEXT])
    con.execute("""INSERT INTO events (id, doc_id, event, mode, cameo, quad_code, goldstein, date, event_text,
            sent_start, sent_end, confidence, actor_names, actor_codes, actor_country, recipient_names,
            recipient_codes, loc_name, loc_lat, loc_lon, loc_country_code) VALUES
        ('a1-e1', 'a1', 'COERCE', 'arrest', '173', 4, -5.0, DATE '2024-03-04', 'arrested', 0, 54, 0.9,
         'Kenyan police', 'KENCOP', 'KEN', 'protesters', 'KENOPP', 'Nairobi', -1.28, 36.82, 'KE'),
        ('a1-e2', 'a1', 'CONSULT', NULL, '040', 1, 1.0, DATE '2024-03-05', 'met', 55, 92, 0.7,
         'Ugandan lawmakers', 'UGALEG', 'UGA', 'minister', 'UGAGOV', 'Kampala', 0.35, 32.58, 'UG')""")
    con.close()
    return db


def test_an_older_store_reads_read_only(old_db: Path) -> None:
    with newsevents.open(old_db, read_only=True) as store:
        rows = store.events().to_dicts()
        assert [r["id"] for r in rows] == ["a1-e2", "a1-e1"]  # newest first
        assert rows[1]["title"] == "Arrests in Nairobi" and rows[1]["actor_codes"] == "KENCOP"
        assert [r["id"] for r in store.events(type="COERCE").to_dicts()] == ["a1-e1"]
        assert [r["id"] for r in store.events(country="UG", min_confidence=0.5).to_dicts()] == ["a1-e2"]
        # no copy was ever linked in such a file: asking for them gives the same rows
        assert len(store.events(duplicates=True)) == len(store.events()) == 2
        table = store.events(sort="goldstein").to_arrow()
        assert table.column("id").to_pylist() == ["a1-e1", "a1-e2"]
    # opened read-only, the file was not migrated: the later columns are still missing
    con = duckdb.connect(str(old_db), read_only=True)
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'events'").fetchall()}
    con.close()
    assert "duplicate_of" not in cols


def test_a_bad_filter_on_an_older_store_names_it(old_db: Path) -> None:
    with newsevents.open(old_db, read_only=True) as store, pytest.raises(ValueError, match="type"):
        store.events(type="RIOTING")
