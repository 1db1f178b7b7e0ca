"""Read filtered events with their article's metadata and evidence sentence out of the DuckDB store, in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from newsevents.export.filters import EventFilter, order_by

# The events columns every export reads, plus the article's metadata and the evidence sentence.
_SELECT = """
WITH f AS (
    SELECT e.*, dense_rank() OVER (PARTITION BY e.doc_id ORDER BY e.sent_start) AS sentence_number
    FROM events e WHERE {where}
)
SELECT e.id, e.doc_id, e.event, e.mode, e.context, e.cameo, e.quad_code, e.goldstein, e.date, e.date_granularity,
       e.event_text, e.sent_start, e.sent_end, e.trigger_start, e.trigger_end, e.aux, e.confidence,
       e.actor_names, e.actor_codes, e.actor_country, e.recipient_names, e.recipient_codes, e.recipient_country,
       e.attributed_to, e.quote_id, e.loc_name, e.loc_geonameid, e.loc_lat, e.loc_lon, e.loc_feature,
       e.loc_country_code, e.loc_how, e.why, CAST(e.record AS VARCHAR) AS record, e.sentence_number,
       a.url, a.source, a.title, a.date AS pub_date, a.ingested_at,
       substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence
FROM f e LEFT JOIN articles a ON a.doc_id = e.doc_id
ORDER BY {order}
{limit}
"""


def event_rows(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    sort: str | None = "date",
    limit: int | None = None,
    batch: int = 2000,
) -> Iterator[dict[str, Any]]:
    """Yield one dict per matching event (events columns + url, source, title, pub_date, sentence)."""
    where, params = (flt or EventFilter()).where("e")
    sql = _SELECT.format(where=where, order=order_by(sort, "e"), limit=f"LIMIT {int(limit)}" if limit else "")
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        cols = [d[0] for d in cur.description]
        while True:
            chunk = cur.fetchmany(batch)
            if not chunk:
                break
            for values in chunk:
                yield dict(zip(cols, values, strict=True))
    finally:
        cur.close()


def parquet_sql(flt: EventFilter | None, sort: str | None, limit: int | None) -> tuple[str, list[Any]]:
    """The SQL of the flat (CSV/Parquet) columns, for Arrow batches straight from DuckDB."""
    where, params = (flt or EventFilter()).where("e")
    sql = f"""
    SELECT e.id, e.doc_id, e.date, e.date_granularity, e.event, e.mode, e.context, e.cameo, e.quad_code,
           e.goldstein, e.actor_names, e.actor_codes, e.actor_country, e.recipient_names, e.recipient_codes,
           e.recipient_country, e.event_text,
           substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence,
           e.sent_start, e.sent_end, e.trigger_start, e.trigger_end, e.aux, e.attributed_to, e.quote_id,
           e.confidence, e.loc_name, e.loc_geonameid, e.loc_lat, e.loc_lon, e.loc_feature, e.loc_country_code,
           a.url, a.source, a.title, a.date AS pub_date
    FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id
    WHERE {where}
    ORDER BY {order_by(sort, "e")}
    {f"LIMIT {int(limit)}" if limit else ""}
    """
    return sql, params
