"""Score event coding against the PLOVER gold standard records (``newsevents eval plover-gsr FILE``).

Each record holds one sentence and one gold event. The sentence is coded as an article (with the record's
date) and the gold event is the one expected event:
- event type: a record is a true positive for type T when we predict an event of type T (each predicted
  type counts once per record), a false positive for each other predicted type, a false negative when the
  gold type is not predicted. Precision, recall and F1 are given micro, macro (over the types with gold
  records) and per type.
- on matched events (records whose gold type we predicted): the actor is correct when one of our actors of
  an event of that type matches one of the gold actors; the recipient likewise (over records whose gold has
  a recipient). An actor matches when its country (ISO alpha-3) equals the gold code's country part (CAMEO
  country codes mapped to ISO, e.g. JAP -> JPN), or its code starts with the gold code's root (IGO, NGO,
  ...), or its text overlaps the gold actor text (a shared content word).
- actor country / sector agreement (for the actor resolver, issue 4): over pairs of one of our actors and a
  gold actor whose texts overlap, on matched events: the country agrees when our ISO country equals the
  gold code's country part (or our code starts with a non-country root such as IGO); the sector agrees when
  our sector equals the gold sector's first three letters, counted only where the gold gives a sector.
- confidence: precision of our events (an event is correct when its type is the record's gold type) over
  all events and over events with confidence above 0.8.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.eval.report import code_and_score, prf, rate, type_lines
from newsevents.knowledge.ontology import load_ontology
from newsevents.models import PLOVER_TYPES, Actor, Article
from newsevents.nlp.model import DEFAULT_MODEL

STOP = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "s", "'s", "its", "their", "his", "her"}
HIGH_CONFIDENCE = 0.8


def read_records(path: Path) -> list[dict[str, Any]]:
    """The gold records of a PLOVER GSR JSONL file; a bad line raises an error naming file and line."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                rec["gold"]["event"]  # noqa: B018  (must exist)
                rec["text"]  # noqa: B018
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}", f"not a PLOVER GSR record ({exc}); each line needs JSON with "
                                 "'text' and 'gold.event'") from exc
            records.append(rec)
    return records


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 1}


def _root(gold: dict) -> str:
    return (gold.get("code") or "")[:3].upper()


def text_overlap(ours: Actor, gold: dict) -> bool:
    gw = _words(gold.get("text") or "")
    return bool(gw & (_words(ours.entity_text) | _words(ours.name)))


def actor_matches(ours: Actor, gold: dict) -> bool:
    onto = load_ontology()
    root = _root(gold)
    iso = onto.country_iso3(root)
    if iso is not None and ours.country == iso:
        return True
    if iso is None and root and (ours.code or "").upper().startswith(root):
        return True
    return text_overlap(ours, gold)


def score(records: list[dict[str, Any]], coded: list[Any]) -> dict[str, Any]:
    """Scores from gold records and the CodedArticles for them (same order)."""
    onto = load_ontology()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    actor_n = actor_ok = recip_n = recip_ok = 0
    country_n = country_ok = sector_n = sector_ok = 0
    conf_all = conf_high = correct_all = correct_high = 0
    misses = []
    for rec, art in zip(records, coded, strict=True):
        gold = rec["gold"]
        gtype = gold["event"]
        support[gtype] += 1
        predicted = {e.event for e in art.events}
        for t in predicted:
            (tp if t == gtype else fp)[t] += 1
        if gtype not in predicted:
            fn[gtype] += 1
        for e in art.events:
            ok = e.event == gtype
            conf_all += 1
            correct_all += ok
            if e.confidence > HIGH_CONFIDENCE:
                conf_high += 1
                correct_high += ok
        matched = [e for e in art.events if e.event == gtype]
        actor_hit = recip_hit = None
        if matched:
            if gold.get("actor"):
                actor_n += 1
                actor_hit = any(actor_matches(a, g) for e in matched for a in e.actor for g in gold["actor"])
                actor_ok += actor_hit
            if gold.get("recipient"):
                recip_n += 1
                recip_hit = any(actor_matches(a, g) for e in matched for a in e.recipient for g in gold["recipient"])
                recip_ok += recip_hit
            golds = (gold.get("actor") or []) + (gold.get("recipient") or [])
            ours = [a for e in matched for a in e.actor + e.recipient]
            for a in {id(x): x for x in ours}.values():
                for g in golds:
                    if not text_overlap(a, g):
                        continue
                    root = _root(g)
                    iso = onto.country_iso3(root)
                    if root and root != "***":
                        country_n += 1
                        country_ok += (a.country == iso) if iso else (a.code or "").upper().startswith(root)
                    gsec = (g.get("sector") or "")[:3].upper()
                    if gsec and gsec != "***":
                        sector_n += 1
                        ours_sec = (a.sector or (a.code or "")[3:6]).upper()
                        sector_ok += ours_sec == gsec
        if gtype not in predicted or len(predicted) > 1 or actor_hit is False or recip_hit is False:
            misses.append({"id": rec.get("id"), "gold": gtype, "predicted": sorted(predicted),
                           "actor_ok": actor_hit, "recipient_ok": recip_hit,
                           "events": [f"{e.event} '{e.event_text}' {[a.name for a in e.actor]} -> "
                                      f"{[a.name for a in e.recipient]}" for e in art.events],
                           "notes": art.notes[:3]})
    types = [t for t in PLOVER_TYPES if support[t] or tp[t] or fp[t]]
    per_type = {t: {**prf(tp[t], fp[t], fn[t]), "support": support[t]} for t in types}
    gold_types = [t for t in PLOVER_TYPES if support[t]]
    macro_p = sum(per_type[t]["precision"] for t in gold_types) / max(1, len(gold_types))
    macro_r = sum(per_type[t]["recall"] for t in gold_types) / max(1, len(gold_types))
    macro_f = sum(per_type[t]["f1"] for t in gold_types) / max(1, len(gold_types))
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "records": len(records),
        "micro": micro,
        "macro": {"precision": round(macro_p, 4), "recall": round(macro_r, 4), "f1": round(macro_f, 4)},
        "per_type": per_type,
        "types_predicted": sorted(t for t in PLOVER_TYPES if tp[t] or fp[t]),
        "actor_accuracy": ratio(actor_ok, actor_n), "actor_n": actor_n,
        "recipient_accuracy": ratio(recip_ok, recip_n), "recipient_n": recip_n,
        "actor_country_agreement": ratio(country_ok, country_n), "actor_country_n": country_n,
        "actor_sector_agreement": ratio(sector_ok, sector_n), "actor_sector_n": sector_n,
        "event_precision": ratio(correct_all, conf_all), "events": conf_all,
        "event_precision_high_confidence": ratio(correct_high, conf_high), "events_high_confidence": conf_high,
        "misses": misses,
    }


def evaluate(
    path: Path | str, model: str = DEFAULT_MODEL, coder: Any = None, limit: int | None = None,
    triage: bool | None = None,
) -> dict:
    """Code every record of a PLOVER GSR file and score it (see the module docstring)."""
    from newsevents.pipeline import Coder

    path = Path(path)
    records = read_records(path)[:limit] if limit else read_records(path)
    coder = coder or Coder(model=model, triage=triage)
    articles = [Article(id=str(r.get("id") or n), text=r["text"], date=r.get("date"), origin=f"{path}:{n}")
                for n, r in enumerate(records, 1)]
    return code_and_score(coder, articles, records, score, path)[0]


def format_report(scores: dict) -> str:
    """A plain-text report of the scores."""
    return "\n".join([
        f"PLOVER GSR: {scores['records']} records ({scores.get('file', '')})",
        *type_lines(scores),
        "",
        f"actor correct on matched events:      {rate(scores, 'actor_accuracy', 'actor_n')}",
        f"recipient correct on matched events:  {rate(scores, 'recipient_accuracy', 'recipient_n')}",
        f"actor country agreement (text-aligned pairs): {rate(scores, 'actor_country_agreement', 'actor_country_n')}",
        f"actor sector agreement (gold has a sector):   {rate(scores, 'actor_sector_agreement', 'actor_sector_n')}",
        f"event precision, all events:          {rate(scores, 'event_precision', 'events')}",
        f"event precision, confidence > {HIGH_CONFIDENCE}:   "
        f"{rate(scores, 'event_precision_high_confidence', 'events_high_confidence')}",
        f"types predicted: {len(scores['types_predicted'])} of 16",
    ])
