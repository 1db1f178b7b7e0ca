"""Runners: worker pool order and equality, kill -9 then resume (real subprocess), Ray vs local records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsevents.models import Article
from newsevents.runner.local import CoderSpec, run_batches

PLACES = ["Lagos", "Quito", "Hanoi", "Tbilisi", "Dakar", "Manila", "Amman", "Lusaka"]


def _story(n: int) -> str:
    city = PLACES[n % len(PLACES)]
    return (
        f"Protesters Rally in {city}\n\n"
        f"{city.upper()} — Thousands of protesters rallied in {city} on Monday to demand the release of jailed "
        f"journalists, and police arrested {n + 3} people near the interior ministry. "
        f'"We will keep marching," organiser Maria Duarte told reporters. The government accused foreign groups '
        f"of funding the protests and said it would investigate. Opposition leaders urged the president to "
        f"resign, while diplomats from neighbouring countries called for calm and offered to mediate talks."
    )


def _articles(n: int) -> list[Article]:
    return [Article(id=f"art-{i:03d}", text=_story(i), date="2024-04-01") for i in range(n)]


def test_two_workers_give_the_same_records_in_input_order(coder) -> None:
    arts = _articles(6)
    batches = [arts[i:i + 2] for i in range(0, 6, 2)]
    one = [c.to_dict() for r in run_batches(batches, CoderSpec(), workers=1, batch_size=2, coder=coder)
           for _, c in r.coded]
    results = list(run_batches(batches, CoderSpec(), workers=2, batch_size=2))
    two = [c.to_dict() for r in results for _, c in r.coded]
    assert [d["doc_id"] for d in two] == [a.id for a in arts]
    assert two == one
    assert all(r.pid != os.getpid() for r in results)  # coded in the workers, not the parent
    assert all(r.peak_rss_kb > 0 for r in results)


def test_kill_9_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path: Path, coder) -> None:
    n = 40
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "date": a.date, "text": a.text}) + "\n" for a in _articles(n)),
                   encoding="utf-8")
    db = tmp_path / "resume.duckdb"
    cmd = [sys.executable, "-m", "newsevents", "ingest", str(src), "--db", str(db), "--batch-size", "2", "--verbose"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=tmp_path)
    stored_lines = 0
    deadline = time.monotonic() + 240
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("stored batch"):
            stored_lines += 1
            if stored_lines == 3:
                break
        assert time.monotonic() < deadline
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    con = duckdb.connect(str(db), read_only=True)
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 6 <= partial < n  # three committed batches survived the kill; the run was not finished

    rerun = subprocess.run(cmd[:-1] + ["--no-summary"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged skipped" in rerun.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchone() == (n, n)
    assert con.execute("SELECT count(*) = count(DISTINCT id) FROM events").fetchone()[0]
    stored = {d: json.loads(r) for d, r in con.execute("SELECT doc_id, record FROM articles").fetchall()}
    con.close()
    expected = {c.doc_id: json.loads(json.dumps(c.to_dict())) for c in coder.code(_articles(n))}
    assert stored == expected  # every record as a single uninterrupted run would have coded it


def test_ray_and_local_runs_store_the_same_records(tmp_path: Path, coder) -> None:
    pytest.importorskip("ray")
    import ray

    from newsevents.runner.ray_engine import load_parquet, run_ray
    from newsevents.store import Store

    arts = _articles(4)
    shards = tmp_path / "shards"
    shards.mkdir()
    for k in range(2):  # two JSONL shards, plus one bad line that must come back as an error row
        lines = [json.dumps({"id": a.id, "date": a.date, "text": a.text}) for a in arts[2 * k:2 * k + 2]]
        (shards / f"part-{k}.jsonl").write_text("\n".join(lines) + ("\n{oops\n" if k else "\n"), encoding="utf-8")
    parts = tmp_path / "parts"
    try:
        stats = run_ray([shards], parts, batch_size=2, num_cpus=2, concurrency=1)
    finally:
        ray.shutdown()
    assert stats.articles == 4 and [e.origin for e in stats.errors] == [f"{(shards / 'part-1.jsonl').resolve()}:3"]
    db = tmp_path / "ray.duckdb"
    with Store(db) as store:
        loaded = load_parquet(store, parts)
        assert loaded.written == 4 and len(loaded.errors) == 1
        rows = store.con.execute("SELECT doc_id, record, content_hash FROM articles ORDER BY doc_id").fetchall()
        assert load_parquet(store, parts).skipped == 4  # loading twice changes nothing
    local = {c.doc_id: json.loads(json.dumps(c.to_dict())) for c in coder.code(arts)}
    assert {d: json.loads(r) for d, r, _ in rows} == local
    assert {d: h for d, _, h in rows} == {a.id: a.content_hash() for a in arts}
