"""`newsevents ingest`, `events` and `load` against the real app and real DuckDB files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from newsevents.cli.main import app
from newsevents.store import Store
from test_store import _coded

ROOT = Path(__file__).resolve().parents[1]
NEWSEVENTS = [sys.executable, "-m", "newsevents"]

ARTICLES = [
    ("harbour", "2024-03-04", "Fishermen Blockade Harbour in Brest\n\nBREST, France — Fishermen blockaded the harbour "
     "of Brest on Monday to protest against new quotas. The fisheries minister said she would meet them."),
    ("summit", "2024-03-05", "Leaders Meet in Accra\n\nACCRA, Ghana — The presidents of Ghana and Togo met in Accra "
     "on Tuesday and agreed to reopen their border. \"We are neighbours,\" President Akufo-Addo said."),
    ("strike", "2024-03-06", "Teachers Strike in Lima\n\nLIMA, Peru — Teachers went on strike across Peru on "
     "Wednesday, demanding higher pay. The education ministry urged them to return to classrooms."),
]


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "harbour.txt").write_text(ARTICLES[0][2], encoding="utf-8")
    lines = [json.dumps({"id": i, "date": day, "text": text}) for i, day, text in ARTICLES[1:]]
    (d / "wire.jsonl").write_text(lines[0] + "\n{broken json\n" + lines[1] + "\n", encoding="utf-8")
    (d / "blob.txt").write_bytes(b"\x00\x01 binary \x00")
    (d / "latin.txt").write_bytes("Titre\nD\u00e9clar\u00e9\n".encode("latin-1"))
    return d


def _doc_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT doc_id FROM articles ORDER BY doc_id").fetchall()]
    finally:
        con.close()


def test_ingest_reports_bad_inputs_stores_the_rest_and_is_idempotent(tmp_path: Path, coder) -> None:
    corpus = _corpus(tmp_path)
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "nope.jsonl"), "--db", str(db),
                                 "--batch-size", "2"])
    assert result.exit_code == 1, result.output
    err = result.stderr
    assert f"{corpus / 'wire.jsonl'}:2: not valid JSON" in err
    assert f"{corpus / 'blob.txt'}: binary file" in err
    assert f"{corpus / 'latin.txt'}:2: not UTF-8" in err
    assert f"{tmp_path / 'nope.jsonl'}: cannot read the file" in err
    assert "ingested 3 articles" in err and "3 stored" in err and "4 errors" in err
    assert "Events by type" in result.stdout
    assert _doc_ids(db) == ["harbour", "strike", "summit"]
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone(), con.execute(
        "SELECT doc_id, ingested_at, content_hash FROM articles ORDER BY 1").fetchall()
    con.close()

    again = runner.invoke(app, ["ingest", str(corpus / "harbour.txt"), str(corpus / "wire.jsonl"), "--db", str(db)])
    assert again.exit_code == 1  # the broken JSONL line is still reported
    assert "0 stored" in again.stderr and "3 unchanged skipped" in again.stderr
    con = duckdb.connect(str(db), read_only=True)
    after = con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone(), con.execute(
        "SELECT doc_id, ingested_at, content_hash FROM articles ORDER BY 1").fetchall()
    con.close()
    assert after == before


def test_ingest_stdin_and_changed_article_replaces(tmp_path: Path, coder) -> None:
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    lines = "".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in ARTICLES)
    ok = runner.invoke(app, ["ingest", "-", "--db", str(db), "--no-summary"], input=lines)
    assert ok.exit_code == 0, ok.stderr
    assert _doc_ids(db) == ["harbour", "strike", "summit"]
    changed = json.dumps({"id": "strike", "date": "2024-03-06", "text": ARTICLES[2][2] + " Schools stayed shut."})
    res = runner.invoke(app, ["ingest", "-", "--db", str(db), "--no-summary"], input=changed + "\n")
    assert res.exit_code == 0 and "1 stored (1 replaced)" in res.stderr
    con = duckdb.connect(str(db), read_only=True)
    text = con.execute("SELECT text FROM articles WHERE doc_id = 'strike'").fetchone()[0]
    con.close()
    assert text.endswith("Schools stayed shut.")


def _events_db(tmp_path: Path) -> Path:
    db = tmp_path / "ev.duckdb"
    with Store(db) as store:
        a1, c1 = _coded("one", n_events=2)
        a2, c2 = _coded("two", n_events=1, event_type="PROTEST")
        c2.events[0].date = "2023-06-01"
        store.write_batch([(a1, c1), (a2, c2)])
    return db


def test_events_formats_and_filters(tmp_path: Path) -> None:
    db = _events_db(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["one-e1", "one-e2", "two-e1"]  # newest first, then event order
    assert recs[0]["actor"][0]["code"] == "CODREB"
    res = runner.invoke(app, ["events", "--db", str(db), "--type", "PROTEST", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["id"], r["event"]) for r in rows] == [("two-e1", "PROTEST")]
    res = runner.invoke(app, ["events", "--db", str(db), "--since", "2024-01-01", "--actor", "rebels", "--limit", "1"])
    assert res.exit_code == 0 and "one-e1" in res.stdout and "two-e1" not in res.stdout and "1 events" in res.stdout
    bad = runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since: 'yesterday' is not a date in YYYY-MM-DD form" in bad.stderr
    unknown = runner.invoke(app, ["events", "--db", str(db), "--type", "EXPLODE"])
    assert unknown.exit_code == 2 and "--type: unknown PLOVER type(s) EXPLODE" in unknown.stderr
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr


def test_ingest_in_a_real_subprocess_with_two_workers_keeps_input_order(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"{i}-{n}", "date": d, "text": t}) + "\n"
                           for n in range(3) for i, d, t in ARTICLES), encoding="utf-8")
    db = tmp_path / "mp.duckdb"
    proc = subprocess.run([*NEWSEVENTS, "ingest", str(src), "--db", str(db), "--workers", "2", "--batch-size", "2"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "9 stored" in proc.stderr and "Events by type" in proc.stdout
    con = duckdb.connect(str(db), read_only=True)
    order = [r[0] for r in con.execute("SELECT doc_id FROM articles ORDER BY rowid").fetchall()]
    con.close()
    assert order == [f"{i}-{n}" for n in range(3) for i, _, _ in ARTICLES]


def test_load_parquet_partitions(tmp_path: Path, coder) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsevents.models import Article
    from newsevents.runner.ray_engine import PARTITION_SCHEMA

    parts = tmp_path / "parts"
    parts.mkdir()
    arts = [Article(id=i, text=t, date=d) for i, d, t in ARTICLES]
    rows = [
        {"doc_id": a.id, "content_hash": a.content_hash(), "title": a.title, "date": a.date, "url": None,
         "source": None, "text": a.text, "origin": f"in.jsonl:{n}", "n_events": len(c.events),
         "record": json.dumps(c.to_dict()), "error": None}
        for n, (a, c) in enumerate(zip(arts, coder.code(arts), strict=True), 1)
    ]
    rows.append({"doc_id": None, "content_hash": None, "title": None, "date": None, "url": None, "source": None,
                 "text": None, "origin": "in.jsonl:4", "n_events": None, "record": None, "error": "not valid JSON"})
    pq.write_table(pa.Table.from_pylist(rows[:2], schema=PARTITION_SCHEMA), parts / "a.parquet")
    pq.write_table(pa.Table.from_pylist(rows[2:], schema=PARTITION_SCHEMA), parts / "b.parquet")
    db = tmp_path / "loaded.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["load", str(parts), "--db", str(db)])
    assert res.exit_code == 1 and "in.jsonl:4: not valid JSON" in res.stderr and "loaded 3 articles" in res.stderr
    assert _doc_ids(db) == ["harbour", "strike", "summit"]
    again = runner.invoke(app, ["load", str(parts), "--db", str(db)])
    assert "loaded 0 articles" in again.stderr and "3 unchanged" in again.stderr
    missing = runner.invoke(app, ["load", str(tmp_path / "nothing"), "--db", str(db)])
    assert missing.exit_code == 2 and "not a directory of Parquet partitions" in missing.stderr
