"""The hostile corpus's figures (issue 17): articles in, coded, stored, errors, tracebacks, peak memory and time,
through `code`, `ingest` with 1 and 2 workers and the API; and the size policy's worst case: peak memory of the
largest accepted article (--max-chars, 100,000 characters by default) and of a 10x larger one (refused).

Usage: python bench/bench_hostile.py [--quick]

Ratios are against a baseline run in the same process: the hostile corpus's time over the time of its good
articles alone, and the largest article's peak memory over that of one BBC-sized article (2,000 characters).
Targets: 0 tracebacks, 0 lost good articles, 0 duplicates; peak memory of the largest accepted article < 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_corpus  # noqa: E402

CLI = [sys.executable, "-m", "newsevents"]
MEASURE = """
import resource, sys, time
from newsevents.models import Article
from newsevents.pipeline import Coder
sys.path.insert(0, {bench!r})
import hostile_corpus
coder = Coder()
text = hostile_corpus.long_text({chars})
t = time.perf_counter()
coded = coder.code_one(Article(id="big", text=text, date="2024-03-11"))
print(len(coded.events), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _code(root: Path, max_chars: int) -> dict:
    t = time.perf_counter()
    run = subprocess.run([*CLI, "code", str(root), "--max-chars", str(max_chars)], capture_output=True, text=True)
    ids = [json.loads(line)["doc_id"] for line in run.stdout.splitlines()]
    return {"coded": len(ids), "distinct": len(set(ids)), "errors": run.stderr.count("\nerror:")
            + run.stderr.startswith("error:"), "tracebacks": run.stderr.count("Traceback"), "status": run.returncode,
            "seconds": time.perf_counter() - t, "ids": set(ids)}


def _ingest(root: Path, db: Path, workers: int, max_chars: int) -> dict:
    import duckdb

    t = time.perf_counter()
    run = subprocess.run([*CLI, "ingest", str(root), "--db", str(db), "--workers", str(workers), "--max-chars",
                          str(max_chars), "--batch-size", "4", "--no-summary"], capture_output=True, text=True)
    con = duckdb.connect(str(db), read_only=True)
    rows, distinct = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchone()  # type: ignore[misc]
    ids = {r[0] for r in con.execute("SELECT doc_id FROM articles").fetchall()}
    con.close()
    return {"stored": rows, "distinct": distinct, "errors": sum(line.startswith("error:")
                                                              for line in run.stderr.splitlines()),
            "tracebacks": run.stderr.count("Traceback"), "status": run.returncode,
            "seconds": time.perf_counter() - t, "ids": ids}


def _api(corpus: hostile_corpus.Corpus, max_chars: int) -> dict:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app
    from newsevents.ingest import read_inputs
    from newsevents.models import Article

    arts = [a for a in read_inputs([corpus.root], max_chars=None) if isinstance(a, Article)]
    db = corpus.root.parent / "api.duckdb"
    t = time.perf_counter()
    answers: dict[int, int] = {}
    stored = 0
    with TestClient(create_app(db, token="t", max_chars=max_chars)) as client:
        for a in arts:  # one request per article, as a feed client would send them
            r = client.post("/api/articles", headers={"Authorization": "Bearer t"},
                            content=json.dumps({"id": a.id, "text": a.text}).encode("ascii"))
            answers[r.status_code] = answers.get(r.status_code, 0) + 1
            stored += r.json().get("stored", 0) if r.status_code == 201 else 0
        n = client.get("/api/health").json()["articles"]
    return {"sent": len(arts), "stored": n, "answers": answers, "tracebacks": answers.get(500, 0),
            "seconds": time.perf_counter() - t}


def _peak(chars: int) -> tuple[int, float, float]:
    out = subprocess.run([sys.executable, "-c", MEASURE.format(bench=str(Path(__file__).parent), chars=chars)],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the largest accepted article")
    args = parser.parse_args()
    from newsevents.ingest.checks import DEFAULT_MAX_CHARS

    tmp = Path(tempfile.mkdtemp(prefix="bench_hostile_"))
    try:
        corpus = hostile_corpus.build(tmp / "hostile", ssrf_url="http://127.0.0.1:9/never-fetched")
        clean = tmp / "clean"
        clean.mkdir()
        for path in (tmp / "hostile").glob("good-*.txt"):
            shutil.copy(path, clean / path.name)
        good = len(corpus.good)
        print(f"hostile corpus: {good} good articles among {len(corpus.errors)} bad inputs and "
              f"{len(corpus.warnings)} to warn about (max-chars {corpus.max_chars:,} for the oversized line)")
        _code(clean, corpus.max_chars)  # warm-up: the model's files read once, so the baseline is not the cold start
        base = _code(clean, corpus.max_chars)
        print(f"baseline: code on the {base['coded']} plain good articles alone: {base['seconds']:.1f} s")
        rows = [("code", _code(corpus.root, corpus.max_chars))]
        for workers in (1, 2):
            rows.append((f"ingest -w {workers}", _ingest(corpus.root, tmp / f"w{workers}.duckdb", workers,
                                                         corpus.max_chars)))
        print(f"{'path':<12} {'in':>4} {'coded/stored':>12} {'lost':>5} {'dup':>4} {'errors':>7} {'trace':>6} "
              f"{'exit':>5} {'time s':>7} {'ratio':>6}")
        for name, r in rows:
            got = r.get("coded", r.get("stored"))
            lost = len(corpus.good - r["ids"])
            dup = got - r["distinct"]
            print(f"{name:<12} {good:>4} {got:>12} {lost:>5} {dup:>4} {r['errors']:>7} {r['tracebacks']:>6} "
                  f"{r['status']:>5} {r['seconds']:>7.1f} {r['seconds'] / base['seconds']:>6.2f}")
        api = _api(corpus, corpus.max_chars)
        print(f"API: {api['sent']} articles posted one by one, {api['stored']} stored, answers {api['answers']}, "
              f"{api['tracebacks']} 500s, {api['seconds']:.1f} s")

        events, seconds, small_mb = _peak(2_000)
        print(f"memory baseline: one 2,000-character article: peak {small_mb:.0f} MB, {seconds:.1f} s")
        if not args.quick:
            events, seconds, big_mb = _peak(DEFAULT_MAX_CHARS)
            print(f"largest accepted article ({DEFAULT_MAX_CHARS:,} characters): {events} events, peak {big_mb:.0f} MB "
                  f"(ratio {big_mb / small_mb:.2f}; target < 1536 MB: {'met' if big_mb < 1536 else 'NOT met'}), "
                  f"{seconds:.1f} s")
        huge = tmp / "huge.jsonl"
        huge.write_text(json.dumps({"id": "huge", "text": hostile_corpus.long_text(10 * DEFAULT_MAX_CHARS)}) + "\n",
                        encoding="utf-8")
        t = time.perf_counter()
        run = subprocess.run([*CLI, "code", str(huge)], capture_output=True, text=True)
        print(f"10x larger ({10 * DEFAULT_MAX_CHARS:,} characters): exit {run.returncode}, "
              f"{run.stderr.count('Traceback')} tracebacks, {time.perf_counter() - t:.1f} s: "
              f"{run.stderr.splitlines()[0][:110]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
