"""Every command's bad input is one line on stderr (`error: FILE...: what is wrong`), exit status 2, never a
traceback: a store that does not exist, a gold file that is not what its scorer reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, timeout=300)


def assert_one_line(proc: subprocess.CompletedProcess, names: str) -> None:
    assert proc.returncode == 2, proc.stderr[-1500:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr[-1500:]
    assert lines[0].startswith("error: ") and names in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["events", "articles", "quotes", "actors", "export", "link"])
def test_a_missing_store_is_one_line(tmp_path, command):
    db = tmp_path / "nowhere.duckdb"
    assert_one_line(run([command, "--db", str(db)]), str(db))


@pytest.mark.parametrize("scorer", ["articles", "plover-gsr", "geo", "petrarch"])
def test_a_malformed_gold_file_is_one_line(tmp_path, scorer):
    bad = tmp_path / "gold.jsonl"
    bad.write_text("not json, not XML\n", encoding="utf-8")
    assert_one_line(run(["eval", scorer, str(bad)]), f"{bad}:1:")


def test_a_file_where_a_folder_belongs_is_one_line(tmp_path: Path):
    bad = tmp_path / "polnear.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    assert_one_line(run(["eval", "polnear", str(bad)]), str(bad))
