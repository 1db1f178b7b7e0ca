"""The `newsevents code` command: output shape, exit status on bad input, stdin."""

from __future__ import annotations

import json
import subprocess
import sys

CONTRACT_KEYS = {"doc_id", "title", "date", "events", "quotes", "places", "entities", "notes"}


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, input=stdin)


def test_code_stdin_keeps_input_order_and_keys():
    lines = [
        {"id": "b", "text": "Rebels attacked a police station in the north on Monday.", "date": "2024-05-06"},
        {"id": "a", "text": "The two ministers met in Paris.", "date": "2024-05-06"},
    ]
    proc = run(["code", "-"], stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["b", "a"]
    assert all(set(r) >= CONTRACT_KEYS for r in records)
    assert records[0]["date"] == "2024-05-06"


def test_code_bad_line_is_reported_and_rest_coded(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        json.dumps({"id": "ok1", "text": "Protesters marched in the capital."})
        + "\n{not json\n"
        + json.dumps({"id": "notext"})
        + "\n"
        + json.dumps({"id": "ok2", "text": "The army withdrew its troops."})
        + "\n",
        encoding="utf-8",
    )
    proc = run(["code", str(src)])
    assert proc.returncode != 0
    assert f"{src}:2" in proc.stderr and "not valid JSON" in proc.stderr
    assert f"{src}:3" in proc.stderr and "'text'" in proc.stderr
    ids = [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()]
    assert ids == ["ok1", "ok2"]


def test_repeated_id_in_a_file_keeps_the_later_article_with_a_warning(tmp_path):
    src = tmp_path / "dup.jsonl"
    src.write_text(
        json.dumps({"id": "d", "text": "Soldiers shelled the town."})
        + "\n"
        + json.dumps({"id": "e", "text": "Workers went on strike."})
        + "\n"
        + json.dumps({"id": "d", "text": "Police arrested two protesters."})
        + "\n",
        encoding="utf-8",
    )
    proc = run(["code", str(src)])
    assert proc.returncode == 0, proc.stderr  # a warning, not a failure
    assert f"warning: {src}:1: id 'd' appears again at line 3" in proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["e", "d"]
    assert any("arrested" in e["event_text"] for e in records[1]["events"]), records[1]["events"]
