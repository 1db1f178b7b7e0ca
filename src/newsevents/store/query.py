"""Queries over the store used by the CLI: events filtered by type, actor, date, with their article."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

EVENT_COLUMNS = (
    "id", "doc_id", "date", "event", "mode", "cameo", "quad_code", "goldstein", "actor_names", "actor_codes",
    "recipient_names", "recipient_codes", "loc_name", "event_text", "confidence", "attributed_to", "quote_id",
)


def query_events(
    con: duckdb.DuckDBPyConnection,
    event_type: str | None = None,
    actor: str | None = None,
    since: str | dt.date | None = None,
    limit: int | None = None,
    doc_id: str | None = None,
    said_by: str | None = None,
) -> list[dict[str, Any]]:
    """Events matching every given filter, newest first, each with its full contract ``record``.

    ``actor`` matches (case-insensitively, as a substring) the canonical names, codes or mention
    text of the actors or recipients; ``since`` compares with the event date, or the article's
    publication date when the event has none; ``said_by`` keeps events reported by a speaker whose
    canonical name contains it ("what did Massoud claim about the Taliban?": ``said_by="Massoud",
    actor="Taliban"``).
    """
    where, params = [], []
    if event_type:
        where.append("upper(e.event) = upper(?)")
        params.append(event_type)
    if actor:
        where.append(
            "e.id IN (SELECT event_id FROM event_actors WHERE role IN ('actor', 'recipient') AND"
            " (name ILIKE ? OR code ILIKE ? OR entity_text ILIKE ?))"
        )
        pattern = f"%{actor}%"
        params += [pattern, pattern, pattern]
    if since:
        where.append("coalesce(e.date, a.date) >= CAST(? AS DATE)")
        params.append(str(since))
    if said_by:
        where.append("e.attributed_to ILIKE ?")
        params.append(f"%{said_by}%")
    if doc_id:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = (
        f"SELECT {cols}, a.title, a.date AS article_date, e.record FROM events e LEFT JOIN articles a USING (doc_id)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(e.date, a.date) DESC NULLS LAST, e.doc_id,"
        " CAST(regexp_extract(e.id, '-e([0-9]+)$', 1) AS INTEGER) NULLS LAST, e.id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        item = dict(zip(names, row, strict=True))
        for key in ("date", "article_date"):
            if isinstance(item[key], dt.date):
                item[key] = item[key].isoformat()
        item["record"] = json.loads(item["record"]) if item["record"] else None
        out.append(item)
    return out
