"""Near-duplicate articles on the BBC corpus: the duplicates it holds, recall on planted copies, false links.

Usage: python bench/bench_duplicates.py [--distinct 200] [--seed 15] [--pairs-out PATH]

1. Writes the 2,225 BBC articles into a fresh store in batches of 16 (the ingest path, ``Store.write_records``;
   near-duplicates are linked as they are written) and prints how many it links, by similarity.
2. Takes ``--distinct`` articles that the corpus does not repeat (no link, no stored pair at an estimated
   Jaccard of 0.3 or more), writes them as .txt articles would be (headline, blank line, body), then writes
   four edited copies of each in shuffled order: paragraphs reordered, headline changed, last third cut, and
   all three at once. Prints the recall per edit, the copies linked to a wrong original, and the links among
   the distinct articles themselves (each one a false link), then the same after a relink pass over the store.
3. Writes the linked pairs of the corpus and the ten most similar unlinked pairs among the distinct articles
   (the ones just below the threshold) to ``--pairs-out`` with their headlines and first lines, for reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"

from newsevents.linking.minhash import jaccard, shingle_hashes, signature  # noqa: E402
from newsevents.store import Store  # noqa: E402

EDITS = ("reordered", "new_headline", "cut_third", "all_three")


def _record(doc_id: str, title: str | None, text: str) -> dict:
    rec = {"doc_id": doc_id, "title": title, "date": None, "events": [], "quotes": [], "places": [], "entities": [],
           "notes": []}
    return {"record": json.dumps(rec), "text": text, "content_hash": str(hash((doc_id, text)))}


def _write(store: Store, rows: list[dict], batch: int = 16) -> float:
    t = time.perf_counter()
    for i in range(0, len(rows), batch):
        store.write_records(rows[i : i + batch])
    return time.perf_counter() - t


def _links(store: Store) -> dict[str, tuple[str, float]]:
    rows = store.con.execute("SELECT doc_id, duplicate_of, dup_similarity FROM articles "
                             "WHERE duplicate_of IS NOT NULL").fetchall()
    return {d: (o, s) for d, o, s in rows}


def _exact_jaccard(a: str, b: str) -> float:
    x, y = shingle_hashes(a), shingle_hashes(b)
    common = np.intersect1d(x, y).size
    return common / max(1, x.size + y.size - common)


def _source(truth: dict[str, tuple[str, str]], doc_id: str) -> str:
    """The distinct article a planted copy was made from (an original is its own)."""
    return truth[doc_id][1] if doc_id in truth else doc_id


def _edit(kind: str, title: str, body: str, rng: random.Random) -> str:
    paras = [p for p in body.split("\n\n") if p.strip()]
    headline = title
    if kind in ("reordered", "all_three") and len(paras) > 1:
        while True:
            shuffled = paras[:]
            rng.shuffle(shuffled)
            if shuffled != paras:
                paras = shuffled
                break
    if kind in ("new_headline", "all_three"):
        headline = "UPDATED: " + " ".join(reversed(title.split())) + " - what we know"
    text = "\n\n".join(paras)
    if kind in ("cut_third", "all_three"):
        cut = int(len(text) * 2 / 3)
        text = text[: text.rfind(" ", 0, cut)]
    return f"{headline}\n\n{text}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--distinct", type=int, default=200)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--pairs-out", type=Path, default=Path(tempfile.gettempdir()) / "bbc_duplicate_pairs.txt")
    args = ap.parse_args()
    arts = [json.loads(line) for line in BBC.open(encoding="utf-8")]
    by_id = {a["id"]: a for a in arts}
    out = [f"# BBC near-duplicate pairs (bench/bench_duplicates.py, seed {args.seed})\n"]
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bbc.duckdb", registry=False) as store:
            took = _write(store, [_record(a["id"], a["title"], a["text"]) for a in arts])
            links = _links(store)
            t = time.perf_counter()
            for a in arts[:500]:
                signature(a["text"])
            sig_share = (time.perf_counter() - t) / 500 * len(arts) / took
        sims = np.array([s for _, s in links.values()])
        print(f"BBC corpus: {len(arts)} articles written in {took:.1f} s (signatures {sig_share:.0%} of it); "
              f"{len(links)} linked as near-duplicates of another: {int((sims >= 0.999).sum())} exact copies, "
              f"{int(((sims >= 0.9) & (sims < 0.999)).sum())} at 0.9-1.0, {int((sims < 0.9).sum())} below 0.9")
        out.append(f"\n## {len(links)} links in the corpus as it is (copy -> original, estimated Jaccard)\n")
        for d, (o, s) in sorted(links.items(), key=lambda x: x[1][1]):
            out.append(f"{s:.3f} {d} -> {o} | {by_id[d]['title']} | {by_id[o]['title']}\n")

        sigs_all = {a["id"]: signature(a["text"]) for a in arts}
        # the corpus pairs just below the threshold: candidates of the signatures that the texts did not bear out
        below = []
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                if a["id"] in links or b["id"] in links:
                    continue
                if jaccard(sigs_all[a["id"]], sigs_all[b["id"]]) >= 0.25:
                    below.append((_exact_jaccard(a["text"], b["text"]), a, b))
        below.sort(key=lambda x: -x[0])
        print(f"corpus pairs not linked, most similar: exact Jaccard {below[0][0]:.3f} .. {below[9][0]:.3f} "
              f"(threshold 0.7, or 0.3 with 90% of the copy contained)")
        out.append("\n## the ten most similar pairs of the corpus that are not linked\n")
        for s, a, b in below[:10]:
            out.append(f"{s:.3f} {a['id']} / {b['id']}\n  {a['title']}: {a['text'][:200]!r}\n"
                       f"  {b['title']}: {b['text'][:200]!r}\n")
        # distinct articles: no link and no pair at 0.3 or more with any other article of the corpus
        sigs = sigs_all
        involved = set(links) | {o for o, _ in links.values()}
        ids = [a["id"] for a in arts]
        matrix = np.stack([sigs[i].values for i in ids])
        near = set()
        for k, i in enumerate(ids):
            same = (matrix == matrix[k]).mean(axis=1)
            same[k] = 0
            if same.max() >= 0.3:
                near.add(i)
        pool = [a for a in arts if a["id"] not in involved and a["id"] not in near]
        rng = random.Random(args.seed)
        chosen = rng.sample(pool, args.distinct)
        originals = [_record(a["id"], a["title"], f"{a['title']}\n\n{a['text']}") for a in chosen]
        copies, truth = [], {}
        for a in chosen:
            for kind in EDITS:
                cid = f"copy-{kind}-{a['id']}"
                copies.append(_record(cid, None, _edit(kind, a["title"], a["text"], rng)))
                truth[cid] = (kind, a["id"])
        rng.shuffle(copies)
        with Store(Path(tmp) / "planted.duckdb", registry=False) as store:
            _write(store, originals)
            _write(store, copies)
            for label, found in (("at ingest", _links(store)), ("after a relink pass", None)):
                if found is None:
                    store.relink_duplicates()
                    found = _links(store)
                print(f"planted copies of {args.distinct} distinct articles, {label}:")
                for kind in EDITS:
                    mine = [c for c, (k, _) in truth.items() if k == kind]
                    hit = sum(1 for c in mine if c in found and _source(truth, found[c][0]) == truth[c][1])
                    print(f"  {kind:13s} recall {hit / len(mine):.3f} ({hit}/{len(mine)})")
                # a copy linked to another copy of its own article is right too (the same text); any other is not
                wrong = sum(1 for c, (o, _) in found.items() if c in truth and _source(truth, o) != truth[c][1])
                among = sum(1 for c in found if c not in truth)
                print(f"  copies linked to a wrong original: {wrong}; links among the {args.distinct} distinct "
                      f"articles (false links): {among}")
        # the ten most similar pairs among the distinct articles: just below the threshold, for reading
        ds = [signature(r["text"]) for r in originals]
        pairs = sorted(((jaccard(ds[i], ds[j]), i, j) for i in range(len(ds)) for j in range(i + 1, len(ds))),
                       reverse=True)[:10]
        print(f"most similar pairs among the distinct articles: estimated Jaccard {pairs[0][0]:.3f} .. "
              f"{pairs[-1][0]:.3f} (threshold 0.7; pairs written to {args.pairs_out})")
        out.append(f"\n## the ten most similar pairs among the {args.distinct} distinct articles (none linked)\n")
        for s, i, j in pairs:
            a, b = chosen[i], chosen[j]
            out.append(f"{s:.3f} {a['id']} / {b['id']}\n  {a['title']}: {a['text'][:160]!r}\n"
                       f"  {b['title']}: {b['text'][:160]!r}\n")
    args.pairs_out.write_text("".join(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
