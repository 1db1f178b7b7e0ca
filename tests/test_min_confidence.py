"""--min-confidence: `code` and `ingest` drop events below it and say so in the notes; `events` and `export` filter
stored events by it; a value outside 0..1 is one line and exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import SEED
from newsevents.cli.main import app
from test_api_data import build_store

NEWSEVENTS = [sys.executable, "-m", "newsevents"]


def _seed_line() -> str:
    text = SEED.read_text(encoding="utf-8")
    return json.dumps({"id": "seed", "date": "2021-08-22", "title": text.splitlines()[0].strip(), "text": text})


def _threshold(confidences: list[float]) -> float:
    """Halfway between the two highest distinct confidences: keeps the top events, drops the rest."""
    top = sorted(set(confidences), reverse=True)
    assert len(top) >= 2, f"the seed's events all have one confidence: {confidences}"
    return (top[0] + top[1]) / 2


def test_code_drops_events_below_the_threshold_and_names_them(seed_coded) -> None:
    every = {e.id: e.confidence for e in seed_coded.events}
    cut = _threshold(list(every.values()))
    proc = subprocess.run([*NEWSEVENTS, "code", "-", "--min-confidence", f"{cut:.6f}"], input=_seed_line(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    kept = {e["id"] for e in rec["events"]}
    assert kept == {i for i, c in every.items() if c >= cut}  # ids are those of the unfiltered run
    dropped = [i for i, c in every.items() if c < cut]
    note = next(n for n in rec["notes"] if "below confidence" in n)
    assert note.startswith(f"{len(dropped)} event")
    assert all(i.rsplit("-", 1)[1] + " " in note for i in dropped)


def test_ingest_stores_only_confident_events(tmp_path: Path, seed_coded) -> None:
    cut = _threshold([e.confidence for e in seed_coded.events])
    src = tmp_path / "seed.jsonl"
    src.write_text(_seed_line() + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    proc = subprocess.run([*NEWSEVENTS, "ingest", str(src), "--db", str(db), "--no-summary", "--min-confidence",
                           f"{cut:.6f}"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        stored = [c for (c,) in con.execute("SELECT confidence FROM events").fetchall()]
        (notes,) = con.execute("SELECT CAST(notes AS VARCHAR) FROM articles WHERE doc_id = 'seed'").fetchone()
    assert stored and all(c >= cut for c in stored)
    assert len(stored) == sum(e.confidence >= cut for e in seed_coded.events)
    assert "below confidence" in notes


@pytest.mark.parametrize("command", [["code", "-"], ["ingest", "-", "--db", "x.duckdb"]])
def test_code_and_ingest_reject_a_threshold_outside_0_1(command: list[str], tmp_path: Path) -> None:
    proc = subprocess.run([*NEWSEVENTS, *command, "--min-confidence", "1.5"], input="", capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: --min-confidence 1.5: give a confidence in 0..1"
    assert not (tmp_path / "x.duckdb").exists()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("conf") / "store.duckdb")


def test_events_and_export_filter_by_confidence(store: Path) -> None:
    runner = CliRunner()
    every = runner.invoke(app, ["events", "--db", str(store), "--format", "csv"])
    high = runner.invoke(app, ["events", "--db", str(store), "--format", "csv", "--min-confidence", "0.8"])
    assert every.exit_code == 0 and high.exit_code == 0, every.output + high.output
    ids = lambda out: {line.split(",")[0] for line in out.strip().splitlines()[1:]}  # noqa: E731
    assert len(ids(every.stdout)) == 6
    assert ids(high.stdout) == {"ke1-e1", "fr1-e1"}  # confidences 0.9 and 0.8; the others are 0.3-0.75
    out = runner.invoke(app, ["export", "--db", str(store), "--format", "plover", "--min-confidence", "0.7"])
    assert out.exit_code == 0, out.output
    confidences = sorted(json.loads(line)["confidence"] for line in out.stdout.splitlines() if line.startswith("{"))
    assert confidences == [0.7, 0.75, 0.8, 0.9]


@pytest.mark.parametrize("command", ["events", "export"])
def test_events_and_export_reject_a_threshold_outside_0_1(store: Path, command: str) -> None:
    res = CliRunner().invoke(app, [command, "--db", str(store), "--min-confidence", "-0.1"])
    assert res.exit_code == 2
    assert res.stderr.strip() == "error: --min-confidence: must lie in 0..1"
