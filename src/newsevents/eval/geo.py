"""``newsevents eval geo``: toponym detection precision/recall and end-to-end accuracy within 161 km.

Gold: JSONL of articles ``{"id", "text", "toponyms": [{"start", "end", "text", "geonameid"?, "lat"?, "lon"?}]}``.
Detection: a predicted place matches a gold toponym when their spans overlap (one-to-one, first come).
End to end, over gold toponyms with coordinates: correct when the overlapping prediction has the gold's
GeoNames id, or lies within 161 km (100 miles) of the gold coordinates; a missed toponym counts as wrong.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.models import Article, Place
from newsevents.nlp import load_model, parse_articles
from newsevents.nlp.model import DEFAULT_MODEL
from newsevents.nlp.triage import triage_default
from newsevents.pipeline import triage_words
from newsevents.resolve.places import find_places

KM_161 = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def read_gold(path: Path, limit: int | None = None) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """Articles and their gold toponyms; a bad line raises an error naming the file and line."""
    with open(path, encoding="utf-8") as f:
        n = 0
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                return
            try:
                rec = json.loads(line)
                article = Article(
                    id=str(rec.get("id") or rec.get("doc_id") or lineno), text=rec["text"],
                    title=rec.get("title"), date=rec.get("date"), origin=f"{path}:{lineno}",
                )
                gold = [t for t in rec.get("toponyms", []) if t.get("start") is not None]
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise InputError(f"{path}:{lineno}", f"not a geo gold record ({e}); each line needs 'text'") from e
            n += 1
            yield article, gold


def _overlaps(a: Place, g: dict[str, Any]) -> bool:
    return a.start < g["end"] and g["start"] < a.end


def _correct(p: Place, g: dict[str, Any]) -> bool:
    if p.geonameid is not None and g.get("geonameid") is not None and p.geonameid == g["geonameid"]:
        return True
    if p.lat is None or p.lon is None:
        return False
    return haversine_km(p.lat, p.lon, g["lat"], g["lon"]) <= KM_161


def score_article(predicted: list[Place], gold: list[dict[str, Any]]) -> dict[str, int]:
    """Counts for one article: detection matches and end-to-end correct toponyms."""
    used: set[int] = set()
    match: dict[int, Place] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and _overlaps(p, g):
                used.add(pi)
                match[gi] = p
                break
    with_coords = [gi for gi, g in enumerate(gold) if g.get("lat") is not None and g.get("lon") is not None]
    correct = sum(1 for gi in with_coords if gi in match and _correct(match[gi], gold[gi]))
    return {
        "predicted": len(predicted), "gold": len(gold), "matched": len(match),
        "gold_with_coords": len(with_coords), "correct_161": correct,
        "resolved_matched": sum(1 for gi in with_coords if gi in match and match[gi].geonameid is not None),
    }


def evaluate(
    path: Path | str, model: str = DEFAULT_MODEL, limit: int | None = None, triage: bool | None = None
) -> dict[str, Any]:
    """Score ``find_places`` on a geo gold file; returns counts, P/R/F1 and acc@161 km (overall and per corpus)."""
    path = Path(path)
    nlp = load_model(model)
    pairs = list(read_gold(path, limit))
    corpora: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                corpora[str(rec.get("id") or rec.get("doc_id"))] = rec.get("corpus", "all")
    totals: dict[str, dict[str, int]] = {}
    t0 = time.perf_counter()
    gold_by_id = {a.id: g for a, g in pairs}
    if triage is None:
        triage = triage_default()
    words = triage_words(ActorKB.load()) if triage else None
    for article, doc in parse_articles(nlp, (a for a, _ in pairs), batch_size=32, triage=words):
        counts = score_article(find_places(doc, article).places, gold_by_id[article.id])
        for key in ("all", corpora.get(article.id, "all")):
            bucket = totals.setdefault(key, {})
            for k, v in counts.items():
                bucket[k] = bucket.get(k, 0) + v
    elapsed = time.perf_counter() - t0
    scores: dict[str, Any] = {"file": str(path), "articles": len(pairs), "seconds": round(elapsed, 2)}
    for key, c in totals.items():
        p = c["matched"] / c["predicted"] if c["predicted"] else 0.0
        r = c["matched"] / c["gold"] if c["gold"] else 0.0
        scores[key] = {
            **c,
            "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "acc_161": round(c["correct_161"] / c["gold_with_coords"], 4) if c["gold_with_coords"] else 0.0,
        }
    return scores


def format_report(scores: dict[str, Any]) -> str:
    lines = [f"geo: {scores['file']} ({scores['articles']} articles, {scores['seconds']} s)"]
    lines.append(f"{'set':<10} {'gold':>6} {'pred':>6} {'P':>7} {'R':>7} {'F1':>7} {'acc@161':>8}")
    for key, c in scores.items():
        if not isinstance(c, dict):
            continue
        lines.append(
            f"{key:<10} {c['gold']:>6} {c['predicted']:>6} {c['precision']:>7.3f} {c['recall']:>7.3f} "
            f"{c['f1']:>7.3f} {c['acc_161']:>8.3f}"
        )
    return "\n".join(lines)
