"""Event clusters: precision and recall on the hand-written gold set, and the time and memory to cluster a big store.

Usage: python bench/bench_clusters.py [--gold gold/clusters] [--events 1000000] [--skip-gold] [--skip-scale]

Gold (``gold/clusters/README.md``): codes the articles with the real Coder into a fresh store, builds the clusters
(``Store.link``) and scores them on pairs of articles: two articles are predicted together when one cluster of
two or more articles holds an event of each, and truly together when they report the same happening. Prints
pairwise precision and recall, and the same for a baseline in the same process that puts together every two
events of one type within the window (no actor, recipient or place rules), so the rules' worth shows as a ratio.

Scale: fills a store with the synthetic events of bench_api.py (the API and store benches' set), then times
``Store.link`` (near-duplicate pass, clusters, stories) and reads the process's peak resident memory. Targets
(issue 15): under 5 minutes and under 2 GB for 1,000,000 events. Then adds a watch poll's worth of news (100
articles reporting again what the latest 100 reported) and times the update a poll runs (``Store.update_clusters``:
only the clusters the new events can join), as a ratio to the whole build.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from newsevents.store import Store  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(n_events: int) -> bool:
    from bench_api import fill

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        took = fill(db, n_events)
        print(f"filled {n_events} synthetic events in {took:.1f} s (peak memory so far {_peak_mb():.0f} MB)")
        with Store(db, registry=False) as store:
            store.con.execute("SET memory_limit = '1500MB'")  # DuckDB spills past it rather than grow
            # baseline in the same process: one copy of the events table joined to its articles (a single pass
            # over the same rows), so the figure reads as "so many scans" on whatever machine runs it
            t = time.perf_counter()
            store.con.execute("CREATE TEMP TABLE _baseline AS SELECT e.*, a.title FROM events e "
                              "JOIN articles a USING (doc_id)")
            store.con.execute("DROP TABLE _baseline")
            base = time.perf_counter() - t
            t = time.perf_counter()
            links, built = store.link()
            took = time.perf_counter() - t
            peak = _peak_mb()
            # a watch poll's worth of news: 100 new articles reporting again what the latest 100 reported
            # (their events join existing clusters), then the update a poll runs (clusters.update)
            latest = "SELECT doc_id FROM articles ORDER BY date DESC, doc_id LIMIT 100"
            store.con.execute(f"INSERT INTO articles BY NAME SELECT * REPLACE ('poll-' || doc_id AS doc_id) "
                              f"FROM articles WHERE doc_id IN ({latest})")
            store.con.execute("INSERT INTO events BY NAME SELECT * REPLACE ('poll-' || id AS id, "
                              "'poll-' || doc_id AS doc_id) FROM events WHERE doc_id IN "
                              "(SELECT substr(doc_id, 6) FROM articles WHERE doc_id LIKE 'poll-%')")
            t = time.perf_counter()
            updated = store.update_clusters()
            poll = time.perf_counter() - t
            joined = store.con.execute("SELECT count(*) FROM cluster_members m JOIN event_clusters c USING "
                                       "(cluster_id) WHERE m.doc_id LIKE 'poll-%' AND c.num_articles > 1"
                                       ).fetchone()[0]
            new_events = store.con.execute("SELECT count(*) FROM events WHERE id LIKE 'poll-%'").fetchone()[0]
    ok = took < 300 and peak < 2048
    print(f"clustered {built.events} events in {took:.1f} s: {built.clusters} clusters ({built.merged} of two or "
          f"more events), {built.stories} stories, {len(links)} near-duplicates, {built.passes} label passes; "
          f"peak memory {peak:.0f} MB (targets: under 300 s and 2048 MB: {'met' if ok else 'NOT met'}); "
          f"{took / base:.1f}x one joined copy of the events ({base:.1f} s)")
    print(f"update after a poll of 100 articles ({new_events} events, {joined} of them now in a cluster of two or "
          f"more articles): {poll:.2f} s, {poll / took:.3f}x the whole build, {poll / base:.1f}x one joined copy; "
          f"{updated.clusters if updated else 0} clusters in the store after it")
    return ok


def gold_scores(gold_dir: Path) -> bool:
    from newsevents.eval.clusters import article_pairs, pair_scores, read_cluster_gold, spanning_clusters
    from newsevents.pipeline import Coder

    cg = read_cluster_gold(gold_dir)
    arts, happening, gold = cg.articles, cg.happening_of, cg.pairs
    coder = Coder()
    t = time.perf_counter()
    coded = list(coder.code(arts))
    print(f"coded {len(arts)} gold articles ({sum(len(c.events) for c in coded)} events) in "
          f"{time.perf_counter() - t:.1f} s; {len(cg.happenings)} happenings, {len(gold)} same-happening "
          f"article pairs, {sum(1 for a in arts if a.id not in happening)} distractor articles")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "gold.duckdb") as store:
        store.write_batch(list(zip(arts, coded, strict=True)))
        _, built = store.link()
        clusters = spanning_clusters(store)
        pred = article_pairs(clusters.values())
        # baseline: every two events of one type with dates within the window, whatever their actors and place
        base_rows = store.con.execute("""
            SELECT DISTINCT x.doc_id, y.doc_id FROM events x JOIN events y ON x.event = y.event
              AND x.doc_id < y.doc_id AND abs(date_diff('day', x.date, y.date)) <= 3
            WHERE x.duplicate_of IS NULL AND y.duplicate_of IS NULL""").fetchall()
        stories = store.con.execute("SELECT story_id, doc_id FROM story_articles").fetchall()
    base = {tuple(sorted(p)) for p in base_rows}
    p, r = pair_scores(pred, gold)
    bp, br = pair_scores(base, gold)
    print(f"clusters: {built.clusters} ({built.merged} of two or more events), {len(clusters)} spanning articles")
    print(f"article pairs in one cluster: precision {p:.3f} recall {r:.3f} ({len(pred & gold)} of {len(pred)} "
          f"predicted, {len(gold)} gold) (targets 0.90 / 0.80)")
    print(f"baseline (same type, dates within 3 days): precision {bp:.3f} recall {br:.3f}; ratio precision "
          f"{p / bp if bp else float('inf'):.2f}x")
    wrong = sorted(pr for pr in pred - gold)
    for a, b in wrong[:15]:
        print(f"  false pair: {a} ({happening.get(a, 'distractor')}) ~ {b} ({happening.get(b, 'distractor')})")
    missed = sorted(gold - pred, key=lambda pr: (happening[pr[0]], pr))
    if missed:  # the split happenings, for reading (docs/clusters.md names the causes)
        by_h: dict[str, list[str]] = {}
        for a, b in missed:
            by_h.setdefault(happening[a], []).append(f"{a} ~ {b}")
        print("  missed pairs by happening: " + "; ".join(f"{h}: {', '.join(ps)}" for h, ps in by_h.items()))
    by_story: dict[str, set[str]] = {}
    for sid, doc in stories:
        by_story.setdefault(sid, set()).add(doc)
    sp, sr = pair_scores(article_pairs(by_story.values()), gold)
    print(f"stories: {len(by_story)}; same-happening pairs in one story: recall {sr:.3f} (precision against "
          f"happenings alone {sp:.3f}: a story also holds follow-ups)")
    return p >= 0.9 and r >= 0.8


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "gold" / "clusters")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--skip-gold", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    ok = True
    if not args.skip_gold:
        ok = gold_scores(args.gold) and ok
    if not args.skip_scale:
        ok = scale(args.events) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
