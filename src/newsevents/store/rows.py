"""Flatten a coded article (contract JSON) into rows of the store's tables, and rebuild records from JSON.

The row builders work on the contract dict (``CodedArticle.to_dict()``), so a local run and a
Parquet partition written by Ray produce exactly the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from newsevents.models import Actor, Article, CodedArticle, Event, Place, Quote, Span
from newsevents.store.schema import ARTICLE_TABLES


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _int(v: Any) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _actor_row(event_id: str, doc_id: str, role: str, idx: int, a: dict) -> dict:
    return {
        "event_id": event_id, "doc_id": doc_id, "role": role, "idx": idx, "entity_text": a.get("entity_text"),
        "start_char": _int(a.get("start")), "end_char": _int(a.get("end")), "name": a.get("name"),
        "code": a.get("code"), "country": a.get("country"), "sector": a.get("sector"), "kind": a.get("kind"),
    }


def _first_country(actors: list[dict]) -> str | None:
    return next((a.get("country") for a in actors if a.get("country")), None)


def article_rows(
    record: dict, text: str, content_hash: str, url: str | None = None, source: str | None = None
) -> dict[str, list[dict]]:
    """The rows of every table for one article, from its contract record."""
    doc_id = record["doc_id"]
    rows: dict[str, list[dict]] = {t.name: [] for t in ARTICLE_TABLES}
    events = record.get("events") or []
    rows["articles"].append({
        "doc_id": doc_id, "title": record.get("title"), "date": record.get("date"), "url": url, "source": source,
        "text": text, "content_hash": content_hash, "n_events": len(events),
        "notes": _dumps(record.get("notes") or []), "record": _dumps(record),
    })
    for ev in events:
        actors, recipients = ev.get("actor") or [], ev.get("recipient") or []
        loc = ev.get("event_loc") or {}
        info, trig = ev.get("text_info") or {}, ev.get("trigger") or {}
        attributed = ev.get("attributed_to")
        rows["events"].append({
            "id": ev["id"], "doc_id": doc_id, "event": ev.get("event"), "mode": ev.get("mode"),
            "context": list(ev.get("context") or []), "cameo": ev.get("cameo"), "quad_code": _int(ev.get("quad_code")),
            "goldstein": _float(ev.get("goldstein")), "date": ev.get("date"),
            "date_granularity": ev.get("date_granularity"), "event_text": ev.get("event_text"),
            "sent_start": _int(info.get("start")), "sent_end": _int(info.get("end")),
            "trigger_start": _int(trig.get("start")), "trigger_end": _int(trig.get("end")),
            "aux": list(ev.get("aux") or []), "confidence": _float(ev.get("confidence")),
            "actor_names": "; ".join(a.get("name") or "" for a in actors) or None,
            "actor_codes": "; ".join(a.get("code") or "" for a in actors) or None,
            "actor_country": _first_country(actors),
            "recipient_names": "; ".join(a.get("name") or "" for a in recipients) or None,
            "recipient_codes": "; ".join(a.get("code") or "" for a in recipients) or None,
            "recipient_country": _first_country(recipients),
            "attributed_to": attributed.get("name") if attributed else None, "quote_id": ev.get("quote_id"),
            "loc_name": loc.get("name"), "loc_geonameid": _int(loc.get("geonameid")), "loc_lat": _float(loc.get("lat")),
            "loc_lon": _float(loc.get("lon")), "loc_feature": loc.get("feature"),
            "loc_country_code": loc.get("country_code"), "loc_how": loc.get("how"), "why": ev.get("why"),
            "record": _dumps(ev),
        })
        for role, group in (("actor", actors), ("recipient", recipients)):
            for i, a in enumerate(group):
                rows["event_actors"].append(_actor_row(ev["id"], doc_id, role, i, a))
        if attributed:
            rows["event_actors"].append(_actor_row(ev["id"], doc_id, "attributed_to", 0, attributed))
    for q in record.get("quotes") or []:
        speaker, cue, content = q.get("speaker") or {}, q.get("cue") or {}, q.get("content") or {}
        medium = q.get("medium") or {}
        rows["quotes"].append({
            "id": q.get("id") or f"{doc_id}-q{len(rows['quotes']) + 1}", "doc_id": doc_id,
            "speaker_name": speaker.get("name"), "speaker_code": speaker.get("code"),
            "speaker_start": _int(speaker.get("start")), "speaker_end": _int(speaker.get("end")),
            "cue_text": cue.get("text"), "cue_start": _int(cue.get("start")), "cue_end": _int(cue.get("end")),
            "content_text": content.get("text"), "content_start": _int(content.get("start")),
            "content_end": _int(content.get("end")), "type": q.get("type"), "medium_name": medium.get("name"),
            "medium_kind": medium.get("kind"), "date": q.get("date"), "record": _dumps(q),
        })
    for i, p in enumerate(record.get("places") or []):
        rows["places"].append({
            "doc_id": doc_id, "idx": i, "text": p.get("text"), "start_char": _int(p.get("start")),
            "end_char": _int(p.get("end")), "name": p.get("name"), "geonameid": _int(p.get("geonameid")),
            "lat": _float(p.get("lat")), "lon": _float(p.get("lon")), "feature": p.get("feature"),
            "country_code": p.get("country_code"),
        })
    for i, a in enumerate(record.get("entities") or []):
        rows["entities"].append({
            "doc_id": doc_id, "idx": i, "entity_text": a.get("entity_text"), "start_char": _int(a.get("start")),
            "end_char": _int(a.get("end")), "name": a.get("name"), "code": a.get("code"), "country": a.get("country"),
            "sector": a.get("sector"), "kind": a.get("kind"),
        })
    return rows


def _actor(d: dict | None) -> Actor | None:
    return Actor(**d) if d else None


def _place(d: dict | None) -> Place | None:
    return Place(**d) if d else None


def coded_from_dict(record: dict, url: str | None = None, source: str | None = None) -> CodedArticle:
    """Rebuild a ``CodedArticle`` from its contract JSON (the inverse of ``to_dict``)."""
    events = []
    for ev in record.get("events") or []:
        ev = dict(ev)
        ev["actor"] = [Actor(**a) for a in ev.get("actor") or []]
        ev["recipient"] = [Actor(**a) for a in ev.get("recipient") or []]
        ev["event_loc"] = _place(ev.get("event_loc"))
        ev["attributed_to"] = _actor(ev.get("attributed_to"))
        events.append(Event(**ev))
    quotes = [
        Quote(
            speaker=_actor(q.get("speaker")), cue=Span(**q["cue"]), content=Span(**q["content"]), type=q["type"],
            medium=q.get("medium"), date=q.get("date"), id=q.get("id", ""),
        )
        for q in record.get("quotes") or []
    ]
    return CodedArticle(
        doc_id=record["doc_id"], title=record.get("title"), date=record.get("date"), events=events, quotes=quotes,
        places=[Place(**p) for p in record.get("places") or []],
        entities=[Actor(**a) for a in record.get("entities") or []], notes=list(record.get("notes") or []),
        url=url, source=source,
    )


def article_of(record: dict, text: str, url: str | None = None, source: str | None = None) -> Article:
    """The input ``Article`` a record was coded from (for stores fed from Parquet partitions)."""
    return Article(id=record["doc_id"], text=text, title=record.get("title"), date=record.get("date"), url=url,
                   source=source)
