"""Events reported in quotes are linked to their speaker and quote: "what did Massoud claim about the Taliban?"."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import SEED


def test_events_said_by_a_speaker_about_an_actor(tmp_path):
    src = tmp_path / "seed.jsonl"
    text = SEED.read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "seed", "date": "2021-08-22", "text": text}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    run = [sys.executable, "-m", "newsevents"]
    subprocess.run([*run, "ingest", str(src), "--db", str(db), "--no-summary"], check=True, capture_output=True)
    proc = subprocess.run([*run, "events", "--db", str(db), "--said-by", "Massoud", "--actor", "Taliban",
                           "--format", "csv"], capture_output=True, text=True, check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows, proc.stdout
    assert all(r["attributed_to"] == "Ahmad Massoud" for r in rows)
    assert "REJECT" in {r["event"] for r in rows}
    assert any(r["quote_id"].startswith("seed-q") for r in rows)
    none = subprocess.run([*run, "events", "--db", str(db), "--said-by", "Nobody Atall", "--format", "csv"],
                          capture_output=True, text=True, check=True)
    assert len(none.stdout.splitlines()) == 1  # the header only
