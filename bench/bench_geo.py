"""Benchmark of places and dates: geoparsing accuracy on the geo dev set, gazetteer load cost, and what
geocoding adds to ``newsevents code`` on 200 BBC articles (the same run with places switched off).

Run: ``.venv/bin/python bench/bench_geo.py [--limit N]`` (about 6 minutes). On a shared machine the A/B of
full runs is noisy (spaCy's parse is most of the time); ``find_places`` timed alone on the parsed articles is
the steady figure. Targets (issue 6): acc@161 km
>= 0.75, detection precision >= 0.80, gazetteer load < 1 s and < 200 MB, geocoding < 15% of code time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEV = SHARED / "geo" / "dev.jsonl"
BBC = SHARED / "bbc" / "articles.jsonl"

_LOAD = """
import json, time
import numpy
from newsevents.knowledge import gazetteer
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
before = rss_mb()
t = time.perf_counter(); g = gazetteer.Gazetteer(); g.lookup("Kabul")
secs = time.perf_counter() - t
print(json.dumps({"seconds": round(secs, 3), "mb": round(rss_mb() - before, 1)}))
"""


def gazetteer_cost() -> dict:
    from newsevents.knowledge.gazetteer import ensure_index

    ensure_index()  # built once from the packages, outside the measurement
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"seconds": min(r["seconds"] for r in runs), "mb": max(r["mb"] for r in runs)}


def bbc_articles(n: int):
    from newsevents.models import Article

    out = []
    with open(BBC, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append(Article(id=rec["id"], text=rec["text"], title=rec.get("title"), date="2005-03-01"))
            if len(out) >= n:
                break
    return out


def code_overhead(n: int = 200) -> dict:
    """Time ``Coder.code`` on n BBC articles with and without places (same process, alternating runs)."""
    from newsevents import pipeline
    from newsevents.knowledge.gazetteer import load_gazetteer
    from newsevents.nlp import parse_articles
    from newsevents.resolve.places import ArticlePlaces, find_places

    articles = bbc_articles(n)
    coder = pipeline.Coder()
    load_gazetteer()
    list(coder.code(articles[:5]))  # warm caches (model, gazetteer, lexicons)

    def no_places(doc, article):
        return ArticlePlaces()

    def run_full(enabled: bool) -> float:
        pipeline.find_places = find_places if enabled else no_places
        t = time.perf_counter()
        for _ in coder.code(articles):
            pass
        return time.perf_counter() - t

    full: dict[bool, list[float]] = {True: [], False: []}
    for enabled in (False, True) * 3:
        full[enabled].append(run_full(enabled))
    pipeline.find_places = find_places

    # The same comparison without spaCy's noise: parse once, then run the stages after parsing.
    pairs = list(parse_articles(coder.nlp, articles))
    stages: dict[bool, list[float]] = {True: [], False: []}
    for enabled in (False, True) * 3:
        pipeline.find_places = find_places if enabled else no_places
        t = time.perf_counter()
        for article, doc in pairs:
            coder.code_doc(article, doc)
        stages[enabled].append(time.perf_counter() - t)
    pipeline.find_places = find_places
    t = time.perf_counter()
    n_places = sum(len(find_places(doc, article).places) for article, doc in pairs)
    places_only = time.perf_counter() - t

    with_p, without_p = min(full[True]), min(full[False])
    return {
        "articles": n,
        "code_with_places_s": round(with_p, 2),
        "code_without_places_s": round(without_p, 2),
        "overhead_full_runs": round(with_p / without_p - 1, 4),
        "overhead_after_parse_share": round((min(stages[True]) - min(stages[False])) / without_p, 4),
        "find_places_s": round(places_only, 3),
        "find_places_share": round(places_only / without_p, 4),
        "places_found": n_places,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N dev articles")
    ap.add_argument("--articles", type=int, default=200, help="BBC articles for the speed comparison")
    args = ap.parse_args()
    from newsevents.eval.geo import evaluate, format_report

    cost = gazetteer_cost()
    print(f"gazetteer load: {cost['seconds']:.3f} s, {cost['mb']:.1f} MB (targets < 1 s, < 200 MB)")
    scores = evaluate(DEV, limit=args.limit)
    print(format_report(scores))
    a = scores["all"]
    print(f"detection precision {a['precision']:.3f} (target >= 0.80), acc@161 {a['acc_161']:.3f} (target >= 0.75)")
    speed = code_overhead(args.articles)
    print(
        f"newsevents code on {speed['articles']} BBC articles: geocoding (find_places) takes {speed['find_places_s']} s"
        f" = {speed['find_places_share']:.1%} of the {speed['code_without_places_s']} s run without places (target"
        f" < 15%); A/B, best of 3: {speed['code_with_places_s']} s with places, {speed['overhead_full_runs']:+.1%}"
        f" (full runs, spaCy's noise included), {speed['overhead_after_parse_share']:+.1%} (stages after one parse)"
    )
    print(json.dumps({"gazetteer": cost, "geo": a, "speed": speed}))


if __name__ == "__main__":
    main()
