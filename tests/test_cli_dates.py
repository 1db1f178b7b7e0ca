"""`--date` and `--date-from name|mtime` on `code` and `ingest`: undated articles get a publication date (the
article's own always wins), so relative dates resolve; a bad value is one line and exit status 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import newsevents

TEXT = "Police in Nairobi arrested 20 protesters on Tuesday, the interior minister said.\n"


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True)


def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "2024-05-03-arrests.txt").write_text(TEXT, encoding="utf-8")
    (src / "arrests.txt").write_text(TEXT, encoding="utf-8")
    (src / "wire_20240610.jsonl").write_text(
        json.dumps({"id": "own", "text": TEXT, "date": "2024-01-12"}) + "\n"
        + json.dumps({"id": "undated", "text": TEXT}) + "\n", encoding="utf-8")
    return src


def test_code_dates_undated_articles_from_the_name_then_the_default(tmp_path):
    proc = run(["code", str(corpus(tmp_path)), "--date-from", "name", "--date", "2024-07-01"])
    assert proc.returncode == 0, proc.stderr
    coded = {r["doc_id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert {k: r["date"] for k, r in coded.items()} == {
        "2024-05-03-arrests": "2024-05-03", "arrests": "2024-07-01", "own": "2024-01-12", "undated": "2024-06-10",
    }
    # "on Tuesday" resolves against the date given: the Tuesday before 2024-05-03
    assert [e["date"] for e in coded["2024-05-03-arrests"]["events"]] == ["2024-04-30"]


def test_ingest_dates_by_modification_time(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    story = src / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    when = dt.datetime(2023, 11, 8, 12, 0).timestamp()
    os.utime(story, (when, when))
    db = tmp_path / "news.duckdb"
    proc = run(["ingest", str(src), "--db", str(db), "--date-from", "mtime", "--no-summary"])
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT date FROM articles").fetchall() == [(dt.date(2023, 11, 8),)]


def test_python_ingest_takes_the_same_dates(tmp_path):
    src = corpus(tmp_path)
    with newsevents.open(tmp_path / "py.duckdb") as store:
        store.ingest(src, date="2024-07-01")
        dates = dict(store.con.execute("SELECT doc_id, CAST(date AS VARCHAR) FROM articles").fetchall())
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            store.ingest(src, date="July 1")
    assert dates["2024-05-03-arrests"] == "2024-07-01" and dates["own"] == "2024-01-12"


@pytest.mark.parametrize("command", ["code", "ingest"])
@pytest.mark.parametrize(("option", "value", "says"), [
    ("--date", "03/05/2024", "YYYY-MM-DD"), ("--date", "2024-02-30", "YYYY-MM-DD"),
    ("--date-from", "ctime", "use mtime"),
])
def test_a_bad_date_option_is_one_line_and_status_2(tmp_path, command, option, value, says):
    db = ["--db", str(tmp_path / "x.duckdb")] if command == "ingest" else []
    proc = run([command, str(tmp_path), *db, option, value])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {option} {value}: ") and says in lines[0]
    assert not (tmp_path / "x.duckdb").exists()  # nothing was opened or written


def test_an_undated_article_says_so_in_its_notes():
    undated = newsevents.code(TEXT)
    assert any(n.startswith("no publication date:") and "--date" in n for n in undated.notes)
    assert [e.date for e in undated.events] == [None]  # "on Tuesday" stays open
    dated = newsevents.code(TEXT, date="2024-05-03")
    assert not any(n.startswith("no publication date") for n in dated.notes)
