"""``newsevents quotes``: a real DuckDB file filled by ``newsevents ingest``, queried by speaker, medium, content."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import SEED
from newsevents.cli.main import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, coder):
    folder = tmp_path_factory.mktemp("quotes_db")
    articles = folder / "seed.jsonl"
    text = SEED.read_text(encoding="utf-8")
    articles.write_text(json.dumps({"id": "seed", "text": text, "date": "2021-08-22"}) + "\n", encoding="utf-8")
    db = folder / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _jsonl(args: list[str]) -> list[dict]:
    result = runner.invoke(app, ["quotes", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_quotes_by_speaker_and_medium(seed_db):
    rows = _jsonl(["--db", str(seed_db), "--speaker", "massoud", "--medium", "Al Arabiya"])
    assert rows and all(r["speaker"]["name"] == "Ahmad Massoud" for r in rows)
    assert all(r["medium"] == {"name": "Al Arabiya", "kind": "interview"} for r in rows)
    assert any("The Taliban refused dialogue" in r["content"]["text"] for r in rows)
    assert all(r["doc_id"] == "seed" and r["id"].startswith("seed-q") for r in rows)


def test_quotes_by_medium_kind_and_content(seed_db):
    tweets = _jsonl(["--db", str(seed_db), "--medium", "twitter"])
    assert [r["speaker"]["name"] for r in tweets] == ["Amrullah Saleh"]
    interviews = _jsonl(["--db", str(seed_db), "--medium", "interview"])
    assert {r["medium"]["name"] for r in interviews} == {"Al Arabiya", "Asharq Al-Awsat"}
    about = _jsonl(["--db", str(seed_db), "--speaker", "Massoud", "--about", "Taliban"])
    assert about and all("Taliban" in r["content"]["text"] for r in about)


def test_quotes_table(seed_db):
    result = runner.invoke(app, ["quotes", "--db", str(seed_db), "--speaker", "Saleh"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "speaker", "cue"]
    assert "Amrullah Saleh" in result.output and "Twitter (post)" in result.output
    assert lines[-1].endswith("quote(s)") and int(lines[-1].split()[0]) == len(lines) - 2


def test_no_match_is_an_empty_answer(seed_db):
    assert _jsonl(["--db", str(seed_db), "--speaker", "Nobody Of That Name"]) == []


def test_missing_database_names_the_next_step(tmp_path):
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "newsevents ingest" in result.output


def test_database_without_quotes_table(tmp_path):
    import duckdb

    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    result = runner.invoke(app, ["quotes", "--db", str(db)])
    assert result.exit_code == 1
    assert "no quotes table" in result.output


def test_unknown_format(seed_db):
    result = runner.invoke(app, ["quotes", "--db", str(seed_db), "--format", "xml"])
    assert result.exit_code == 2
    assert "table, jsonl" in result.output
