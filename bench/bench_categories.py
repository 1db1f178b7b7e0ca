"""Events per article by BBC section: non-political stories (sport, entertainment, tech) should stay quiet.

Usage: ``python bench/bench_categories.py [--n 40] [--min-confidence 0.5] [--seed 12] [--data PATH]``

Codes a fixed sample of N articles from each section of ``../shared/data/bbc/articles.jsonl`` (seeded, so the
figures are comparable from run to run; the articles of the full-article gold are left out) with every event
kept, then prints per section: events per article and the share of those events at confidence >= 0.8, at the
shipped default threshold (``models.DEFAULT_MIN_CONFIDENCE``) and at ``--min-confidence``; and the most frequent
types there. Target (issue 12): sport, entertainment and tech <= 0.2 events per article at the default.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsevents.models import DEFAULT_MIN_CONFIDENCE, Article, CodedArticle
from newsevents.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
MANIFEST = ROOT / "gold" / "articles" / "manifest.tsv"
SECTIONS = ("business", "entertainment", "politics", "sport", "tech")
QUIET = ("entertainment", "sport", "tech")  # not political: at most TARGET events per article
TARGET = 0.2
HIGH = 0.8
WIDTH = 36  # of a threshold's column


def sample(data: Path, n: int, seed: int) -> dict[str, list[Article]]:
    """N articles per section, drawn with ``seed`` from the section's articles in id order (gold ones left out)."""
    gold = {line.split("\t")[0] for line in MANIFEST.read_text(encoding="utf-8").splitlines()[1:]}
    by_section: dict[str, list[dict]] = defaultdict(list)
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] not in gold:
                by_section[r["section"]].append(r)
    rng = random.Random(seed)
    out = {}
    for section in SECTIONS:
        rows = sorted(by_section[section], key=lambda r: r["id"])
        picked = rng.sample(rows, min(n, len(rows)))
        out[section] = [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"))
                        for r in picked]
    return out


def figures(coded: list[CodedArticle], threshold: float) -> dict:
    """Events per article and the share at confidence >= HIGH among the events at or above ``threshold``."""
    kept = [e for c in coded for e in c.events if e.confidence >= threshold]
    high = sum(e.confidence >= HIGH for e in kept)
    return {"events": len(kept), "per_article": len(kept) / max(len(coded), 1),
            "high_share": high / len(kept) if kept else None,
            "types": Counter(e.event for e in kept).most_common(3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40, help="articles per section (default 40)")
    ap.add_argument("--min-confidence", type=float, default=0.5, help="a threshold to compare with the default")
    ap.add_argument("--seed", type=int, default=12, help="sample seed (keep it to compare runs)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BBC articles JSONL")
    args = ap.parse_args()
    if not 0 <= args.min_confidence <= 1:
        sys.exit(f"error: --min-confidence {args.min_confidence:g}: give a confidence in 0..1")
    if args.n < 1:
        sys.exit(f"error: --n {args.n}: give at least 1")
    articles = sample(args.data, args.n, args.seed)
    coder = Coder(min_confidence=0.0)  # every event kept: each threshold is applied below, from one coding run
    t = time.perf_counter()
    coded = {s: list(coder.code(arts)) for s, arts in articles.items()}
    seconds = time.perf_counter() - t
    total = sum(len(a) for a in articles.values())
    thresholds = [("default", DEFAULT_MIN_CONFIDENCE), ("--min-confidence", args.min_confidence)]
    print(f"BBC sample: {args.n} articles per section (seed {args.seed}, gold articles left out), {total} articles "
          f"coded in {seconds:.1f} s ({total / seconds:.2f} articles/s)")
    print(f"events per article (target for {', '.join(QUIET)}: <= {TARGET}) and the share of them at confidence "
          f">= {HIGH}\n")
    head = "".join(f"  {name} {value:g}".ljust(WIDTH) for name, value in thresholds)
    print(f"{'section':<14}{head}  top types at the default")
    for section in SECTIONS:
        cells = []
        for _, value in thresholds:
            f = figures(coded[section], value)
            share = "-" if f["high_share"] is None else f"{f['high_share']:.2f}"
            mark = (" ok" if f["per_article"] <= TARGET else " OVER") if section in QUIET else ""
            cells.append(f"  {f['per_article']:.2f}/article (>={HIGH}: {share}){mark}".ljust(WIDTH))
        top = ", ".join(f"{t} {n}" for t, n in figures(coded[section], DEFAULT_MIN_CONFIDENCE)["types"])
        print(f"{section:<14}{''.join(cells)}  {top}")
    quiet = [a for s in QUIET for a in coded[s]]
    for name, value in thresholds:
        f = figures(quiet, value)
        print(f"\n{'/'.join(QUIET)} together, {name} {value:g}: {f['per_article']:.3f} events per article "
              f"({f['events']} events in {len(quiet)} articles)", end="")
    print()


if __name__ == "__main__":
    main()
