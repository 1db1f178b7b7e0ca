"""Throughput benchmark on the BBC corpus: bare spaCy vs the full newsevents pipeline, workers, memory, cold start.

Usage: python bench/bench_throughput.py [--limit N] [--batch-size 16] [--data PATH]

Prints, for the first N articles of ``../shared/data/bbc/articles.jsonl`` (all 2,225 by default):
  * bare spaCy ``nlp.pipe`` (same model, same batch size, full text, full default pipeline) vs
    ``Coder.code`` (what ``newsevents code`` runs) on the same articles in the same run, as a ratio;
  * ``newsevents ingest`` articles/s with 1 and 2 workers, and the peak RSS of each worker;
  * peak RSS per worker after 500 articles vs after all N (memory must stay flat);
  * ``Coder.code`` with sentence triage (``--triage``) and the share of tokens it parses;
  * cold start: from process start to the first record written, for one article
    (``newsevents ingest`` to the first committed batch, and ``newsevents code`` to the first line).
Every measurement runs in a fresh child process so that memory figures are not inflated.
Targets (issue 7): ratio >= 1.0; >= 20 articles/s with 2 workers; peak RSS <= 1.2 GB per worker; cold start <= 3 s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"


def _load(data: Path, limit: int) -> list[dict]:
    with data.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, limit) if line.strip()]


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


# ---- child steps (each prints one JSON object) ----------------------------------------------------
def child_bare(data: Path, limit: int, batch_size: int) -> dict:
    import spacy

    from newsevents.nlp.model import DEFAULT_MODEL

    texts = [r["text"] for r in _load(data, limit)]
    nlp = spacy.load(DEFAULT_MODEL)  # the full default pipeline, nothing disabled
    list(nlp.pipe(texts[:2]))  # warm-up
    t = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    dt = time.perf_counter() - t
    return {"articles": n, "seconds": dt, "rate": n / dt, "pipeline": nlp.pipe_names, "peak_rss_kb": _rss_kb()}


def child_code(data: Path, limit: int, batch_size: int, triage: bool = False) -> dict:
    from newsevents.models import Article
    from newsevents.pipeline import Coder

    arts = [Article(id=r["id"], text=r["text"], title=r.get("title"), date=r.get("date")) for r in _load(data, limit)]
    coder = Coder(triage=triage)
    list(coder.code(arts[:2]))  # warm-up (lazy lexicons, gazetteer)
    t = time.perf_counter()
    events = 0
    n = 0
    for coded in coder.code(arts, batch_size=batch_size):
        json.dumps(coded.to_dict())  # what `newsevents code` writes
        events += len(coded.events)
        n += 1
    dt = time.perf_counter() - t
    return {"articles": n, "seconds": dt, "rate": n / dt, "events": events, "pipeline": coder.nlp.pipe_names,
            "peak_rss_kb": _rss_kb()}


def child_ingest(data: Path, limit: int, batch_size: int, workers: int, registry: bool = True) -> dict:
    from newsevents.runner.ingest import ingest
    from newsevents.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in _load(data, limit)), encoding="utf-8")
        with Store(Path(tmp) / "bench.duckdb") as store:
            if not registry:
                store.registry = False  # isolate the runner from the actor registry's cost
            t = time.perf_counter()
            stats = ingest([src], store, workers=workers, batch_size=batch_size)
            dt = time.perf_counter() - t
    return {"articles": stats.written, "seconds": dt, "rate": stats.written / dt, "events": stats.events,
            "errors": len(stats.errors), "write_ms_per_article": 1000 * stats.write_seconds / max(stats.written, 1),
            "registry": store.registry, "worker_peak_rss_kb": sorted(stats.peak_rss_kb.values()),
            "parent_peak_rss_kb": _rss_kb()}


def child_triage(data: Path, limit: int, batch_size: int) -> dict:
    """``Coder.code`` with sentence triage (``--triage``), and the shares of tokens the parser and NER read."""
    res = child_code(data, limit, batch_size, triage=True)
    from newsevents.knowledge.actor_kb import ActorKB
    from newsevents.nlp import load_model
    from newsevents.nlp.triage import Triage
    from newsevents.pipeline import triage_words

    _, parsed, named = Triage(load_model(), triage_words(ActorKB.load())).shares(r["text"] for r in _load(data, limit))
    return {**res, "parsed_share": parsed, "named_share": named}


# ---- driver ---------------------------------------------------------------------------------------
def _child(step: str, args: argparse.Namespace, *extra: str) -> dict:
    cmd = [sys.executable, __file__, "--child", step, "--limit", str(args.limit), "--batch-size",
           str(args.batch_size), "--data", str(args.data), *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{step} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _cold_start(data: Path) -> dict:
    newsevents = [sys.executable, "-m", "newsevents"]
    one = _load(data, 1)[0]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.jsonl"
        src.write_text(json.dumps(one) + "\n", encoding="utf-8")
        t = time.perf_counter()
        proc = subprocess.Popen([*newsevents, "ingest", str(src), "--db", str(Path(tmp) / "c.duckdb"), "--verbose"],
                                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=tmp)
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("stored batch"):
                out["ingest_first_batch_s"] = time.perf_counter() - t
                break
        proc.wait()
        out["ingest_exit_s"] = time.perf_counter() - t
        t = time.perf_counter()
        proc = subprocess.Popen([*newsevents, "code", str(src)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True, cwd=tmp)
        assert proc.stdout is not None
        proc.stdout.readline()
        out["code_first_record_s"] = time.perf_counter() - t
        proc.wait()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2225)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--skip", default="",
                    help="comma-separated steps to skip: bare,code,w1,w2,w2-noreg,mem,cold,triage")
    args = ap.parse_args()
    if args.child:
        steps = {"bare": lambda: child_bare(args.data, args.limit, args.batch_size),
                 "code": lambda: child_code(args.data, args.limit, args.batch_size),
                 "ingest": lambda: child_ingest(args.data, args.limit, args.batch_size, args.workers),
                 "ingest-noreg": lambda: child_ingest(args.data, args.limit, args.batch_size, args.workers, False),
                 "triage": lambda: child_triage(args.data, args.limit, args.batch_size)}
        print(json.dumps(steps[args.child]()))
        return
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no such file (the BBC corpus lives in ../shared/data/bbc/)")
    skip = set(filter(None, args.skip.split(",")))
    n = len(_load(args.data, args.limit))
    print(f"corpus: {args.data} ({n} articles), batch size {args.batch_size}, {os.cpu_count()} CPUs")
    res: dict[str, dict] = {}
    if "bare" not in skip:
        res["bare"] = _child("bare", args)
        print(f"bare spaCy nlp.pipe {res['bare']['pipeline']}: {res['bare']['rate']:.2f} articles/s "
              f"({res['bare']['seconds']:.1f} s)")
    if "code" not in skip:
        res["code"] = _child("code", args)
        print(f"newsevents code {res['code']['pipeline']}: {res['code']['rate']:.2f} articles/s "
              f"({res['code']['seconds']:.1f} s, {res['code']['events']} events)")
    if "bare" in res and "code" in res:
        print(f"ratio full pipeline / bare spaCy parse: {res['code']['rate'] / res['bare']['rate']:.2f}x "
              "(target >= 1.0x)")
    for w, step in ((1, "ingest"), (2, "ingest"), (2, "ingest-noreg")):
        key = f"w{w}" + ("-noreg" if step == "ingest-noreg" else "")
        if key in skip:
            continue
        r = res[key] = _child(step, args, "--workers", str(w))
        rss = ", ".join(f"{k / 1024:.0f} MB" for k in r["worker_peak_rss_kb"])
        label = " (actor registry off)" if step == "ingest-noreg" else ""
        print(f"newsevents ingest --workers {w}{label}: {r['rate']:.2f} articles/s "
              f"({r['seconds']:.1f} s incl. model load, "
              f"{r['events']} events, {r['errors']} errors; store writes {r['write_ms_per_article']:.1f} ms/article"
              f"{' incl. actor registry' if r['registry'] else ''}); peak RSS per worker: {rss}"
              + (" (target >= 20 articles/s)" if w == 2 else ""))
    if "mem" not in skip and "w2" in res and n > 500:
        small = argparse.Namespace(**{**vars(args), "limit": 500})
        r500 = _child("ingest", small, "--workers", "2")
        a = max(r500["worker_peak_rss_kb"]) / 1024
        b = max(res["w2"]["worker_peak_rss_kb"]) / 1024
        print(f"peak RSS per worker (2 workers): {a:.0f} MB after 500 articles, {b:.0f} MB after {n} "
              f"(growth {100 * (b - a) / a:+.1f}%; target <= 1,200 MB and flat)")
        if "bare" in res:
            # the baseline: spaCy alone grows too (its vocabulary and string store keep every new word)
            c = _child("bare", small)["peak_rss_kb"] / 1024
            d = res["bare"]["peak_rss_kb"] / 1024
            print(f"bare spaCy nlp.pipe, same articles: {c:.0f} MB after 500, {d:.0f} MB after {n} "
                  f"(growth {100 * (d - c) / c:+.1f}%)")
    if "triage" not in skip:
        tr = res["triage"] = _child("triage", args)
        ratio = f"; ratio to bare spaCy {tr['rate'] / res['bare']['rate']:.2f}x" if "bare" in res else ""
        print(f"newsevents code --triage: {tr['rate']:.2f} articles/s ({tr['seconds']:.1f} s, {tr['events']} events; "
              f"the parser read {100 * tr['parsed_share']:.1f}% of the tokens, "
              f"NER {100 * tr['named_share']:.1f}%){ratio}")
    if "cold" not in skip:
        c = _cold_start(args.data)
        print(f"cold start, one article: ingest first batch committed after {c['ingest_first_batch_s']:.2f} s "
              f"(exit {c['ingest_exit_s']:.2f} s); code first record after {c['code_first_record_s']:.2f} s "
              "(target <= 3 s)")


if __name__ == "__main__":
    main()
