"""`ingest --workers 2` under faults, with real processes: kill -9 of the parent at three moments (workers die with
it, a rerun loses and duplicates nothing), and a worker killed while it codes a long article (as the kernel's
out-of-memory killer would): that article is reported with its origin, every other one is stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import hostile_corpus  # noqa: E402

CLI = [sys.executable, "-m", "newsevents"]


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the pool's workers), read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _count(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchone()  # type: ignore[return-value]
    except duckdb.CatalogException:
        return (0, 0)  # killed before the schema was committed
    finally:
        con.close()


def _kill_when(cmd: list[str], cwd: Path, stored: int | None, wait: float = 0.0) -> list[int]:
    """Start ``cmd``; kill -9 it when it has printed ``stored`` "stored batch" lines (None: after ``wait`` s, while
    the workers load the model); return the workers it had, after checking they die with it."""
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=cwd)
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while len(workers) < 2:  # the pool forks its workers when the first batch is sent
        assert proc.poll() is None and time.monotonic() < deadline, "the ingest ended before its workers started"
        workers = _children(proc.pid)
        time.sleep(0.05)
    if stored is None:
        time.sleep(wait)
    else:
        seen = 0
        for line in proc.stderr:
            seen += line.startswith("stored batch")
            if seen >= stored:
                break
            assert time.monotonic() < deadline
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    gone = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "workers outlived their killed parent"
    return workers


def test_kill_9_at_three_moments_with_two_workers(tmp_path: Path) -> None:
    n = 30
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i:02d}", "text": hostile_corpus.story(i)}) + "\n" for i in range(n)),
                   encoding="utf-8")
    db = tmp_path / "kill.duckdb"
    cmd = [*CLI, "ingest", str(src), "--db", str(db), "--workers", "2", "--batch-size", "2", "--no-summary",
           "--verbose"]
    _kill_when(cmd, tmp_path, None, wait=1.0)  # 1: the workers are loading the model, nothing stored
    assert _count(db) == (0, 0)
    _kill_when(cmd, tmp_path, 2)  # 2: a few batches stored, others in flight
    first, distinct = _count(db)
    assert first == distinct and 4 <= first < n
    _kill_when(cmd, tmp_path, (n - first) // 2 - 1)  # 3: one batch short of the end
    second, distinct = _count(db)
    assert second == distinct and first < second < n

    rerun = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{second} unchanged skipped" in rerun.stderr and "Traceback" not in rerun.stderr
    assert _count(db) == (n, n)


def test_a_worker_killed_for_memory_is_reported_with_its_article(tmp_path: Path) -> None:
    n = 12
    src = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"a{i:02d}", "text": hostile_corpus.story(i)}) for i in range(n)]
    lines.insert(5, json.dumps({"id": "long", "text": hostile_corpus.long_text(150_000)}))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "oom.duckdb"
    proc = subprocess.Popen([*CLI, "ingest", str(src), "--db", str(db), "--workers", "2", "--batch-size", "3",
                             "--max-chars", "200000", "--no-summary"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    killed: list[int] = []

    def oom_killer() -> None:
        # the kernel's OOM killer ends the largest process: here, a worker 250 MB above the others' start
        base = 0.0
        while proc.poll() is None:
            workers = _children(proc.pid)
            sizes = {w: _rss_mb(w) for w in workers}
            if len(sizes) == 2 and not base and min(sizes.values()) > 150:
                base = max(sizes.values())
            for w, mb in sizes.items():
                if base and mb > base + 250:
                    os.kill(w, signal.SIGKILL)
                    killed.append(w)
                    base = 0.0  # the new workers' size is measured again
            time.sleep(0.1)

    watcher = threading.Thread(target=oom_killer, daemon=True)
    watcher.start()
    _, stderr = proc.communicate(timeout=900)
    watcher.join(timeout=10)
    assert len(killed) == 2, stderr  # once in its batch, once alone
    assert proc.returncode == 1 and "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"{src}:6: a worker process died (killed by signal 9)" in errors[0], stderr
    assert any(line.startswith("warning:") and "coding them again one at a time" in line
               for line in stderr.splitlines())
    assert f"{n} stored" in stderr
    assert _count(db) == (n, n)
