"""The JSON answers of the REST API's read endpoints: event pages, one event with its evidence, articles with
annotated spans, actors, quotes and aggregate counts. Each takes a DuckDB cursor, reads through the store's
queries (``store/queries.py``, no SQL here) and returns JSON-ready dicts.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from newsevents.store import queries
from newsevents.store.filters import ActorFilter, ArticleFilter, EventFilter, QuoteFilter
from newsevents.store.queries import Query

COUNT_CAP = 10_000  # event lists count matches exactly up to here, then report "at least"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    return value


def _json(cur: duckdb.DuckDBPyConnection, query: Query) -> list[dict[str, Any]]:
    """The rows of a store query with JSON-ready values."""
    return [{c: _jsonable(v) for c, v in row.items()} for row in query.dicts(cur)]


def empty_range(flt: EventFilter) -> dict[str, str]:
    """``{"note": why}`` when the filter's range is empty by construction (the API answers it, the CLI refuses it:
    ``app.event_filter``), else nothing."""
    if flt.start and flt.end and flt.start > flt.end:
        return {"note": f"start {flt.start} is after end {flt.end}: no event can match"}
    if flt.bbox and flt.bbox[1] > flt.bbox[3]:
        return {"note": "the bbox's min_lat is above its max_lat: no place can match"}
    return {}


def list_events(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str | None, limit: int, offset: int, total: bool = True
) -> dict[str, Any]:
    """One page of matching events (newest first by default), the total count, and each event's article title."""
    flt = queries.fit(cur, flt)
    items = _json(cur, queries.events(flt, sort, limit, offset))
    n = capped = None
    if total:
        # Counting stops at COUNT_CAP matches: a scan that can end early keeps big result sets fast, and
        # "10000+" is all a pager needs. Past the cap, count up to the current page instead.
        cap = max(COUNT_CAP, offset + limit)
        n = queries.event_count(flt, cap).scalar(cur)
        capped = n > cap
        n = min(n, cap)
    return {"total": n, "total_capped": capped, "limit": limit, "offset": offset, "items": items, **empty_range(flt)}


def _record(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    return json.loads(value) if isinstance(value, str) else value


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event: its contract record, evidence sentence, article, quotes in its sentence (or linked) and place."""
    rows = _json(cur, queries.event(event_id))
    if not rows:
        return None
    row = rows[0]
    record = _record(row.pop("record"))
    quotes = _json(cur, queries.event_quotes(row["doc_id"], row.get("quote_id"), row.get("sent_start"),
                                             row.get("sent_end")))
    place = (record or {}).get("event_loc") or (
        {"name": row["loc_name"], "lat": row["loc_lat"], "lon": row["loc_lon"], "geonameid": row["loc_geonameid"],
         "feature": row["loc_feature"], "country_code": row["loc_country_code"]} if row.get("loc_name") else None)
    return {
        "event": row,
        "record": record,
        "sentence": {"text": row.pop("sentence"), "start": row.get("sent_start"), "end": row.get("sent_end")},
        "article": {"doc_id": row["doc_id"], "title": row.pop("title"), "date": row.pop("pub_date"),
                    "url": row.pop("url"), "source": row.pop("source")},
        "quotes": quotes,
        "place": place,
        **event_links(cur, event_id, row["doc_id"]),
    }


def list_articles(
    cur: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int, duplicates: str | None = None
) -> dict[str, Any]:
    """Articles (newest first), optionally those whose title or text contains ``q``; ``duplicates`` ``only`` or
    ``none``: the near-duplicates or the originals alone (a file from before they were linked has no copies)."""
    linked = queries.has_column(cur, "articles", "duplicate_of")
    if duplicates == "only" and not linked:
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    flt = ArticleFilter(q, duplicates if linked else None)
    items = _json(cur, queries.articles(flt, limit, offset, linked=linked))
    total = queries.article_count(flt).scalar(cur)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_article(cur: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """The article's text and every annotated span: evidence sentences, triggers, actors, places, quotes."""
    linked = queries.has_column(cur, "articles", "duplicate_of")
    rows = _json(cur, queries.article(doc_id, linked))
    if not rows:
        return None
    article = rows[0]
    article["notes"] = _record(article["notes"]) or []
    if linked:
        article["duplicates"] = _json(cur, queries.article_duplicates(doc_id))
    spans: list[dict[str, Any]] = []
    events = _json(cur, queries.article_events(doc_id))
    for ev in events:
        label = f"{ev['event']}" + (f" ({ev['mode']})" if ev.get("mode") else "")
        if ev.get("sent_start") is not None:
            spans.append({"kind": "evidence", "start": ev["sent_start"], "end": ev["sent_end"], "ref": ev["id"],
                          "label": label})
        if ev.get("trigger_start") is not None:
            spans.append({"kind": "trigger", "start": ev["trigger_start"], "end": ev["trigger_end"], "ref": ev["id"],
                          "label": label})
    for role, start, end, name, code, ref in queries.article_event_actors(doc_id).tuples(cur):
        spans.append({"kind": "recipient" if role == "recipient" else "actor", "start": start, "end": end,
                      "label": f"{name} [{code}]" if code else name, "ref": ref})
    for start, end, name, code in queries.article_entities(doc_id).tuples(cur):
        spans.append({"kind": "entity", "start": start, "end": end,
                      "label": f"{name} [{code}]" if code else name, "ref": None})
    places = _json(cur, queries.article_places(doc_id))
    for p in places:
        if p.get("start_char") is not None:
            spans.append({"kind": "place", "start": p["start_char"], "end": p["end_char"],
                          "label": p["name"] + (f" (GeoNames {p['geonameid']})" if p.get("geonameid") else ""),
                          "ref": None})
    quotes = _json(cur, queries.article_quotes(doc_id))
    for q in quotes:
        who = q.get("speaker_name") or "unknown speaker"
        if q.get("content_start") is not None:
            spans.append({"kind": "quote", "start": q["content_start"], "end": q["content_end"], "ref": q["id"],
                          "label": f"quote by {who}"})
        if q.get("cue_start") is not None:
            spans.append({"kind": "cue", "start": q["cue_start"], "end": q["cue_end"], "ref": q["id"],
                          "label": f"cue: {q.get('cue_text')}"})
        if q.get("speaker_start") is not None:
            spans.append({"kind": "speaker", "start": q["speaker_start"], "end": q["speaker_end"], "ref": q["id"],
                          "label": f"speaker: {who}"})
    n = len(article["text"] or "")
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= n]  # never trust offsets past the text
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return {"article": article, "events": events, "quotes": quotes, "places": places, "spans": spans}


def list_actors(
    cur: duckdb.DuckDBPyConnection, q: str | None, role: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Actors seen in events, with how many events they appear in (as actor or recipient)."""
    items = _json(cur, queries.actors(ActorFilter.parse(q, role), limit, offset))
    return {"limit": limit, "offset": offset, "items": items}


def list_quotes(cur: duckdb.DuckDBPyConnection, flt: QuoteFilter, limit: int, offset: int) -> dict[str, Any]:
    """One page of matching quotes (newest first) and their number."""
    items = _json(cur, queries.quotes(flt, limit, offset))
    total = queries.quote_count(flt).scalar(cur)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def health(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The number of stored events and articles."""
    return queries.table_counts(("events", "articles")).dicts(cur)[0]


def counts(cur: duckdb.DuckDBPyConnection, flt: EventFilter, by: str, limit: int,
           in_span: bool | None = None) -> dict[str, Any]:
    """Event counts grouped by up to three dimensions (e.g. day x quad for the timeline). With ``in_span`` set,
    also the corpus's years (``span``) and how many matching events are dated by a year alone outside them
    (``outside_span``); when it is true those events are left out of the counts (the timeline's default)."""
    dims = queries.parse_dimensions(by)
    flt = queries.fit(cur, flt)
    if in_span is None:
        return {"by": dims, "items": _json(cur, queries.event_counts(flt, dims, limit)), **empty_range(flt)}
    span = queries.corpus_years().first(cur) or {}
    years = (int(span["first"]), int(span["last"])) if span.get("source") else None
    outside = queries.outside_years_count(flt, years).scalar(cur) if years else 0
    items = _json(cur, queries.event_counts(flt, dims, limit, years if in_span else None))
    return {"by": dims, "items": items, "in_span": in_span, "outside_span": outside,
            "span": {"first": years[0], "last": years[1], "source": span["source"]} if years else None,
            **empty_range(flt)}


def map_points(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int) -> dict[str, Any]:
    """Events grouped by place (lat, lon): count, name, the dominant quad class and the most confident event."""
    return {"items": _json(cur, queries.map_points(queries.fit(cur, flt), limit)), **empty_range(flt)}


# --- clusters and stories ----------------------------------------------------------------------------------------
def _linked(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds clusters (``newsevents link`` made them)."""
    return queries.has_table(cur, "event_clusters")


def list_clusters(cur: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str | None, limit: int, offset: int,
                  min_articles: int = 1) -> dict[str, Any]:
    """One page of event clusters with a member matching the filters, most reported first, and their number."""
    if not _linked(cur):
        return {"total": 0, "limit": limit, "offset": offset, "items": [], "built": None,
                "note": "no clusters yet: run `newsevents link --db FILE` to build them"}
    flt = queries.fit(cur, flt)
    items = _json(cur, queries.clusters(flt, sort, limit, offset, min_articles))
    total = queries.cluster_count(flt, min_articles).scalar(cur)
    state = _json(cur, queries.link_state())
    return {"total": total, "limit": limit, "offset": offset, "items": items, "built": state[0] if state else None,
            **empty_range(flt)}


def _reported_by(cluster: dict[str, Any]) -> str:
    n, m = cluster["num_articles"], cluster["num_sources"]
    return f"reported by {n} article{'s' * (n != 1)} from {m} source{'s' * (m != 1)}"


def get_cluster(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any] | None:
    """One cluster with each member event's own evidence sentence and article."""
    if not _linked(cur):
        return None
    rows = _json(cur, queries.cluster(cluster_id))
    if not rows:
        return None
    return {"cluster": rows[0], "summary": _reported_by(rows[0]),
            "members": _json(cur, queries.cluster_events(cluster_id))}


def get_story(cur: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story (a happening and its follow-ups) with its articles."""
    if not _linked(cur):
        return None
    rows = _json(cur, queries.story(story_id))
    if not rows:
        return None
    return {"story": rows[0], "articles": _json(cur, queries.story_articles(story_id))}


def event_links(cur: duckdb.DuckDBPyConnection, event_id: str, doc_id: str) -> dict[str, Any]:
    """An event's cluster (its sibling reports in other articles) and its article's story, for the evidence
    view; empty before clusters are built."""
    if not _linked(cur):
        return {"cluster": None, "story": None}
    found = _json(cur, queries.event_cluster(event_id))
    cluster = None
    if found:
        c = found[0]
        cluster = {**c, "summary": _reported_by(c), "members": _json(cur, queries.cluster_events(c["cluster_id"]))}
    story_rows = queries.article_story(doc_id).tuples(cur)
    story = get_story(cur, story_rows[0][0]) if story_rows and story_rows[0][0] else None
    return {"cluster": cluster, "story": story}
