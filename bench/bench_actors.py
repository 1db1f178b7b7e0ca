#!/usr/bin/env python3
"""Actor coding against the PLOVER GSR dev set: country and sector agreement on matched actors, speed.

Each gold actor and recipient ("Senior Hungarian and Romanian officials" -> HUN GOV, ROU GOV) is found in
the sentence; our actors whose mention overlaps it (from the resolver's mentions and ``from_head`` on the
gold span's heads) are candidates, the one with the largest overlap is its match (ties broken by
agreement). Among matched actors we report how often our country equals the gold code's country part
(CAMEO codes such as JAP are mapped to ISO), and our sector equals the gold sector where one is given
("***" and empty mean none). PLOVER GSR names three sectors differently from CAMEO, mapped here:
JRN (journalists) = our MED, MED (medical) = our HLH, CIV = our CVL.

Usage: python bench/bench_actors.py [--actors FILES] [--agents FILE] [--data PATH]
Prints one line per figure; exits 1 when a target (country >= 0.80, sector >= 0.70) is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.knowledge.actor_codes import country_of_code  # noqa: E402
from newsevents.models import Article  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "plover_gsr" / "dev.jsonl"
SECTOR_NAMES = {"JRN": "MED", "MED": "HLH", "CIV": "CVL", "MOS": "REL"}
TARGET_COUNTRY, TARGET_SECTOR = 0.80, 0.70


def gold_span(text: str, gold: str) -> tuple[int, int] | None:
    gold = " ".join(gold.replace("...", " ").replace("..", " ").split())
    i = text.find(gold)
    if i >= 0:
        return i, i + len(gold)
    words = [w for w in gold.split() if len(w) > 2 or w[:1].isupper()]
    spans = [(text.find(w), text.find(w) + len(w)) for w in words if text.find(w) >= 0]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def our_country(actor) -> str | None:  # type: ignore[no-untyped-def]
    if actor.country:
        return actor.country
    code = actor.code or ""
    return code[:3] if code[:3] in ("IGO", "NGO", "IMG", "MNC") else None


def gold_country(code: str) -> str | None:
    part = code[:3].upper()
    if part in ("IGO", "NGO", "IMG", "MNC", "ISM"):
        return part
    return country_of_code(part) or part


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--actors", default=None)
    ap.add_argument("--agents", default=None)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    from newsevents.pipeline import Coder
    from newsevents.resolve.actors import resolve_actors

    t0 = time.perf_counter()
    coder = Coder(actors_file=args.actors, agents_file=args.agents)
    load_s = time.perf_counter() - t0
    records = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    docs = list(coder.nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    # One untimed article first: the knowledge base loads its place table lazily on first use.
    resolve_actors(docs[0], Article(id="warm-up", text=texts[0]), coder.kb)
    coder.kb.place("Kabul")
    n_gold = n_matched = n_country = n_country_ok = n_sector = n_sector_ok = 0
    resolve_s = 0.0
    misses: list[str] = []
    for rec, doc in zip(records, docs, strict=True):
        article = Article(id=rec["id"], text=rec["text"], date=rec.get("date"))
        t0 = time.perf_counter()
        actors = resolve_actors(doc, article, coder.kb)
        resolve_s += time.perf_counter() - t0
        used: set[int] = set()
        for role in ("actor", "recipient"):
            for g in rec["gold"].get(role) or []:
                n_gold += 1
                span = gold_span(rec["text"], g["text"])
                if span is None:
                    continue
                gs, ge = span
                cands = list(actors.mentions)
                for tok in doc:
                    if gs <= tok.idx < ge and not (gs <= tok.head.idx < ge and tok.head is not tok):
                        cands.extend(actors.from_head(tok))
                gc = gold_country(g["code"])
                gsec = (g.get("sector") or "")[:3].upper()
                gsec = SECTOR_NAMES.get(gsec, gsec)

                def score(a, gc=gc, gsec=gsec, gs=gs, ge=ge):  # type: ignore[no-untyped-def]
                    overlap = min(ge, a.end) - max(gs, a.start)
                    return (overlap / max(ge - gs, a.end - a.start), our_country(a) == gc, a.sector == gsec)

                cands = [a for a in cands if min(ge, a.end) > max(gs, a.start) and id(a) not in used]
                if not cands:
                    misses.append(f"unmatched {g['text']!r} in {rec['id']}")
                    continue
                best = max(cands, key=score)
                used.add(id(best))
                n_matched += 1
                n_country += 1
                if our_country(best) == gc:
                    n_country_ok += 1
                else:
                    misses.append(
                        f"country {g['text']!r}: ours {best.code or '-'} ({best.entity_text!r}) gold {g['code']}"
                    )
                if gsec and gsec != "***":
                    n_sector += 1
                    if best.sector == gsec:
                        n_sector_ok += 1
                    else:
                        misses.append(
                            f"sector {g['text']!r}: ours {best.sector} ({best.entity_text!r}) gold {g['sector']}"
                        )
    country = n_country_ok / max(n_country, 1)
    sector = n_sector_ok / max(n_sector, 1)
    label = "with dictionaries" if args.actors or args.agents else "default knowledge base"
    print(f"PLOVER GSR dev actors ({label}): {len(records)} sentences, {n_gold} gold actors")
    print(f"matched: {n_matched}/{n_gold} = {n_matched / max(n_gold, 1):.3f}")
    print(f"country agreement: {n_country_ok}/{n_country} = {country:.3f} (target >= {TARGET_COUNTRY})")
    print(f"sector agreement: {n_sector_ok}/{n_sector} = {sector:.3f} (target >= {TARGET_SECTOR})")
    print(f"load {load_s:.2f} s; parse {parse_s:.2f} s; resolve {resolve_s:.2f} s "
          f"({100 * resolve_s / max(parse_s, 1e-9):.1f}% of parse)")
    if args.verbose:
        for line in misses:
            print("  " + line)
    return 0 if country >= TARGET_COUNTRY and sector >= TARGET_SECTOR else 1


if __name__ == "__main__":
    sys.exit(main())
