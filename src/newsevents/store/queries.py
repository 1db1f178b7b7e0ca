"""Every read from the store: each function returns a ``Query`` (SQL and its bound parameters), a value that is
fetched on a connection as dicts or straight from DuckDB as Arrow, so the CLI, the REST API, the dashboard's
data and the exports all ask the same questions the same way and none of them writes SQL of its own.

Filters come from ``filters.py``; rows keep DuckDB's Python values (dates as ``datetime.date``), and each caller
turns them into its own output (JSON, tables, export formats). The same SQL runs on a PostgreSQL store
(``backend.py`` gives it DuckDB's few functions the SQL names, and turns its rows into Arrow).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.store.backend import is_pg
from newsevents.store.filters import (
    ActorFilter,
    ArticleFilter,
    EventFilter,
    FilterError,
    PlaceFilter,
    QuoteFilter,
    RegistryFilter,
    in_article_order,
    order_by,
)


@dataclass(frozen=True)
class Query:
    """One read: SQL with its parameters. Nothing runs until it is fetched on a connection (or cursor)."""

    sql: str
    params: tuple[Any, ...] = ()

    def dicts(self, con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
        """Every row, as a dict per row."""
        cur = con.execute(self.sql, list(self.params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def first(self, con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
        """The first row as a dict, or None when there is none."""
        rows = self.dicts(con)
        return rows[0] if rows else None

    def tuples(self, con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
        """Every row, as a tuple per row (in the order of the SELECT list)."""
        return con.execute(self.sql, list(self.params)).fetchall()

    def scalar(self, con: duckdb.DuckDBPyConnection) -> Any:
        """The first column of the first row (counts)."""
        row = con.execute(self.sql, list(self.params)).fetchone()
        return row[0] if row is not None else None

    def stream(self, con: duckdb.DuckDBPyConnection, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """The rows as dicts, fetched ``batch`` at a time on a cursor of their own (for long exports)."""
        cur = con.cursor()
        try:
            cur.execute(self.sql, list(self.params))
            cols = [d[0] for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for values in chunk:
                    yield dict(zip(cols, values, strict=True))
        finally:
            cur.close()

    def arrow(self, con: duckdb.DuckDBPyConnection) -> pa.Table:
        """Every row as one Arrow table, built by DuckDB (no row passes through Python; on PostgreSQL the rows are
        turned into Arrow batch by batch: ``backend.PgConnection.arrow_reader``)."""
        if is_pg(con):
            return con.arrow_reader(self.sql, self.params).read_all()
        return con.sql(self.sql, params=list(self.params)).to_arrow_table()

    def reader(self, con: duckdb.DuckDBPyConnection, batch: int = 50_000) -> pa.RecordBatchReader:
        """Arrow record batches straight from DuckDB; ``con`` (a cursor) must stay open while they are read."""
        if is_pg(con):
            return con.arrow_reader(self.sql, self.params, batch)
        return con.sql(self.sql, params=list(self.params)).to_arrow_reader(batch)


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the file holds this table (a store made before it, or not by newsevents, may not)."""
    return bool(con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]).fetchall())


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the file's table has this column (a file of an earlier release opened read-only may not: its
    migrations run only when it is opened for writing)."""
    return bool(con.execute("SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                            [table, column]).fetchall())


def fit(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> EventFilter:
    """The filter as this file can answer it: a file from before near-duplicates were linked has none to leave
    out (and no ``duplicate_of`` column to test)."""
    if flt.duplicates or has_column(con, "events", "duplicate_of"):
        return flt
    return replace(flt, duplicates=True)


def _limit(limit: int | None, offset: int = 0) -> str:
    """LIMIT/OFFSET as SQL: both are integers we convert ourselves, so splicing them is safe."""
    return (f" LIMIT {int(limit)}" if limit else "") + (f" OFFSET {int(offset)}" if offset else "")


# --- events ---------------------------------------------------------------------------------------------------
# Columns of one event in lists (the full record comes with ``event``).
LIST_COLUMNS = (
    "id", "doc_id", "event", "mode", "cameo", "quad_code", "goldstein", "date", "event_text", "actor_names",
    "actor_codes", "actor_country", "recipient_names", "recipient_codes", "recipient_country", "loc_name",
    "loc_lat", "loc_lon", "loc_country_code", "aux", "confidence", "attributed_to", "quote_id",
)
# The evidence sentence, cut from the article text (DuckDB's substring counts from 1).
_SENTENCE = "substring(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence"


def events(flt: EventFilter, sort: str | None, limit: int | None, offset: int = 0, record: bool = False) -> Query:
    """Matching events (one page, or all when ``limit`` is None) with their article's title, and with their full
    contract record (as JSON text) when ``record``. The title is joined onto the page only, so a page of a big
    store costs one sorted scan of ``events``."""
    where, params = flt.where("e")
    cols = ", ".join(f"e.{c}" for c in LIST_COLUMNS) + (", CAST(e.record AS VARCHAR) AS record" if record else "")
    return Query(
        f"SELECT p.*, a.title FROM (SELECT {cols} FROM events e WHERE {where} "
        f"ORDER BY {order_by(sort, 'e')}{_limit(limit, offset)}) p "
        f"LEFT JOIN articles a ON a.doc_id = p.doc_id ORDER BY {order_by(sort, 'p')}",
        tuple(params),
    )


def event_count(flt: EventFilter, cap: int) -> Query:
    """The number of matching events, counted up to ``cap + 1``: a scan that may end early keeps big stores fast."""
    where, params = flt.where("e")
    return Query(f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {where} LIMIT {int(cap) + 1}) AS capped",
                 tuple(params))


def event(event_id: str) -> Query:
    """One event: every column, its record as text, its article's metadata and its evidence sentence."""
    return Query(
        "SELECT e.*, CAST(e.record AS VARCHAR) AS record, a.title, a.date AS pub_date, a.url, a.source, "
        f"{_SENTENCE} FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE e.id = ?",
        (event_id,),
    )


def event_quotes(doc_id: str, quote_id: str | None, sent_start: int | None, sent_end: int | None) -> Query:
    """The quotes of an event: the one it was reported in, and those overlapping its sentence, in text order."""
    return Query(
        "SELECT id, speaker_name, speaker_code, cue_text, content_text, content_start, content_end, type, "
        "medium_name, medium_kind, date FROM quotes WHERE doc_id = ? AND (id = ? OR "
        "(content_start < ? AND content_end > ?)) ORDER BY content_start",
        (doc_id, quote_id, sent_end or 0, sent_start or 0),
    )


def export_rows(flt: EventFilter | None, sort: str | None, limit: int | None, clustered: bool = False) -> Query:
    """Every column an export format reads: the event, its article's metadata, its evidence sentence and the
    sentence's rank among the article's event sentences; with its cluster's ``num_mentions``, ``num_sources``
    and ``num_articles`` when ``clustered`` (the store has clusters: ``has_table``)."""
    where, params = (flt or EventFilter()).where("e")
    counts = ", c.num_mentions, c.num_sources, c.num_articles, c.cluster_id" if clustered else ""
    joins = (" LEFT JOIN cluster_members m ON m.event_id = e.id LEFT JOIN event_clusters c ON c.cluster_id = "
             "m.cluster_id" if clustered else "")
    return Query(
        f"""
WITH f AS (
    SELECT e.*, dense_rank() OVER (PARTITION BY e.doc_id ORDER BY e.sent_start) AS sentence_number
    FROM events e WHERE {where}
)
SELECT e.id, e.doc_id, e.event, e.mode, e.context, e.cameo, e.quad_code, e.goldstein, e.date, e.date_granularity,
       e.event_text, e.sent_start, e.sent_end, e.trigger_start, e.trigger_end, e.aux, e.confidence,
       e.actor_names, e.actor_codes, e.actor_country, e.recipient_names, e.recipient_codes, e.recipient_country,
       e.attributed_to, e.quote_id, e.loc_name, e.loc_geonameid, e.loc_lat, e.loc_lon, e.loc_feature,
       e.loc_country_code, e.loc_how, e.why, CAST(e.record AS VARCHAR) AS record, e.sentence_number,
       a.url, a.source, a.title, a.date AS pub_date, a.ingested_at, {_SENTENCE}{counts}
FROM f e LEFT JOIN articles a ON a.doc_id = e.doc_id{joins}
ORDER BY {order_by(sort, "e")}
{_limit(limit)}
""",
        tuple(params),
    )


def flat_rows(flt: EventFilter | None, sort: str | None, limit: int | None) -> Query:
    """The flat columns of the CSV and Parquet exports (lists stay lists), in their file order."""
    where, params = (flt or EventFilter()).where("e")
    return Query(
        f"""
SELECT e.id, e.doc_id, e.date, e.date_granularity, e.event, e.mode, e.context, e.cameo, e.quad_code,
       e.goldstein, e.actor_names, e.actor_codes, e.actor_country, e.recipient_names, e.recipient_codes,
       e.recipient_country, e.event_text, {_SENTENCE},
       e.sent_start, e.sent_end, e.trigger_start, e.trigger_end, e.aux, e.attributed_to, e.quote_id,
       e.confidence, e.loc_name, e.loc_geonameid, e.loc_lat, e.loc_lon, e.loc_feature, e.loc_country_code,
       a.url, a.source, a.title, a.date AS pub_date
FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id
WHERE {where}
ORDER BY {order_by(sort, "e")}
{_limit(limit)}
""",
        tuple(params),
    )


# --- aggregates -----------------------------------------------------------------------------------------------
# Aggregation dimensions: name -> SQL expression over events (alias e).
DIMENSIONS: dict[str, str] = {
    "day": "e.date",
    "month": "strftime(e.date, '%Y-%m')",
    "type": "e.event",
    "mode": "e.mode",
    "quad": "e.quad_code",
    "country": "e.loc_country_code",
    "actor_country": "e.actor_country",
    "recipient_country": "e.recipient_country",
    "actor": "split_part(e.actor_names, '; ', 1)",
    "recipient": "split_part(e.recipient_names, '; ', 1)",
    "place": "e.loc_name",
}
# "actor_pair" is shorthand for actor + recipient.
DIMENSION_ALIASES = {"actor_pair": ("actor", "recipient"), "quad_class": ("quad",), "date": ("day",)}


def parse_dimensions(by: str) -> list[str]:
    """``day,quad`` -> ["day", "quad"]; unknown names are a FilterError."""
    dims: list[str] = []
    for name in (p.strip() for p in by.split(",") if p.strip()):
        for d in DIMENSION_ALIASES.get(name, (name,)):
            if d not in DIMENSIONS:
                names = ", ".join([*DIMENSIONS, *DIMENSION_ALIASES])
                raise FilterError("by", f"unknown dimension {name!r}; use one or more of {names}")
            if d not in dims:
                dims.append(d)
    if not dims:
        raise FilterError("by", "name at least one dimension, e.g. by=day,quad")
    if len(dims) > 3:
        raise FilterError("by", "at most three dimensions at once")
    return dims


def event_counts(flt: EventFilter, dims: list[str], limit: int, years: tuple[int, int] | None = None) -> Query:
    """Event counts grouped by up to three dimensions (``parse_dimensions``), e.g. day x quad for the timeline;
    with ``years`` (``corpus_years``), events dated by a year alone outside them are left out."""
    where, params = flt.where("e")
    if years:
        where, params = f"{where} AND NOT {_OUTSIDE_YEARS}", [*params, *years]
    select = ", ".join(f"{DIMENSIONS[d]} AS {d}" for d in dims)
    time_dims = [d for d in dims if d in ("day", "month")]
    # Time series come back in time order; other groupings largest first.
    others = [d for d in dims if d not in time_dims]
    order = ", ".join(time_dims + others) if time_dims else "n DESC, " + ", ".join(dims)
    skip_null = " AND ".join(f"{DIMENSIONS[d]} IS NOT NULL AND {DIMENSIONS[d]} <> ''" if d not in ("day", "quad")
                             else f"{DIMENSIONS[d]} IS NOT NULL" for d in dims)
    groups = ", ".join(str(i) for i in range(1, len(dims) + 1))  # by position: PostgreSQL has no GROUP BY ALL
    return Query(f"SELECT {select}, count(*) AS n FROM events e WHERE {where} AND {skip_null} "
                 f"GROUP BY {groups} ORDER BY {order} LIMIT {int(limit)}", tuple(params))


# An event dated by a year alone outside the corpus's years (two parameters: the first and the last year).
_OUTSIDE_YEARS = ("coalesce(e.date_granularity = 'year' AND extract(year FROM e.date) NOT BETWEEN ? AND ?, FALSE)")


def corpus_years() -> Query:
    """The corpus's first and last year and where they come from (``source``): the articles' publication dates,
    else (no article has one) the events' dates of day or month granularity; ``source`` is None when neither
    exists. A year alone outside them is seldom the event's date (a clock time "1830" once read as a year), and
    the timeline leaves such dates out unless asked (docs/api.md)."""
    return Query(
        # years as integers on both backends (PostgreSQL's extract gives a numeric)
        "WITH p AS (SELECT CAST(min(extract(year FROM date)) AS INTEGER) AS lo, "
        "CAST(max(extract(year FROM date)) AS INTEGER) AS hi FROM articles), "
        "d AS (SELECT CAST(min(extract(year FROM date)) AS INTEGER) AS lo, "
        "CAST(max(extract(year FROM date)) AS INTEGER) AS hi FROM events "
        "WHERE date_granularity IN ('day', 'month')) "
        "SELECT CASE WHEN p.lo IS NOT NULL THEN 'publication' WHEN d.lo IS NOT NULL THEN 'events' END AS source, "
        "CASE WHEN p.lo IS NOT NULL THEN p.lo ELSE d.lo END AS first, "
        "CASE WHEN p.lo IS NOT NULL THEN p.hi ELSE d.hi END AS last FROM p, d")


def outside_years_count(flt: EventFilter, years: tuple[int, int]) -> Query:
    """The number of matching events dated by a year alone outside ``years`` (what ``event_counts`` leaves out)."""
    where, params = flt.where("e")
    return Query(f"SELECT count(*) FROM events e WHERE {where} AND {_OUTSIDE_YEARS}", (*params, *years))


def map_points(flt: EventFilter, limit: int) -> Query:
    """Events grouped by place (lat, lon): count, name, the dominant quad class and the most confident event."""
    where, params = flt.where("e")
    return Query(
        "SELECT loc_lat AS lat, loc_lon AS lon, min(loc_name) AS name, count(*) AS n, "
        "mode(quad_code) AS quad_code, arg_max(id, confidence) AS event_id FROM events e "
        f"WHERE {where} AND loc_lat IS NOT NULL AND loc_lon IS NOT NULL "
        f"GROUP BY loc_lat, loc_lon ORDER BY n DESC LIMIT {int(limit)}",
        tuple(params),
    )


def table_counts(tables: tuple[str, ...]) -> Query:
    """Row count of each of these tables, as one row with a column per table."""
    return Query("SELECT " + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in tables))


def events_by_type() -> Query:
    """Number of stored events of each PLOVER type, most frequent first (a near-duplicate's events left out)."""
    return Query("SELECT event, count(*) FROM events WHERE duplicate_of IS NULL GROUP BY event ORDER BY 2 DESC, 1")


# --- articles -------------------------------------------------------------------------------------------------
def articles(flt: ArticleFilter, limit: int, offset: int = 0, linked: bool = False) -> Query:
    """Stored articles, newest first, without their text; with the original each repeats (``duplicate_of``,
    ``dup_similarity``) when ``linked`` (the file has those columns: ``has_column``)."""
    where, params = flt.where()
    link = ", duplicate_of, dup_similarity" if linked else ""
    return Query(f"SELECT doc_id, title, date, url, source, n_events, ingested_at{link} FROM articles WHERE {where} "
                 f"ORDER BY date DESC NULLS LAST, doc_id LIMIT {int(limit)} OFFSET {int(offset)}", tuple(params))


def article_count(flt: ArticleFilter) -> Query:
    where, params = flt.where()
    return Query(f"SELECT count(*) FROM articles WHERE {where}", tuple(params))


def _of_article(doc_id: str, table: str, columns: str, rest: str = "") -> Query:
    """The rows one article has in ``table`` (every article table has ``doc_id``)."""
    return Query(f"SELECT {columns} FROM {table} WHERE doc_id = ?{rest}", (doc_id,))


def article(doc_id: str, linked: bool = False) -> Query:
    """One article with its text and notes (as JSON text); with its original when ``linked`` (as ``articles``)."""
    return _of_article(doc_id, "articles", "doc_id, title, date, url, source, text, n_events, "
                       "CAST(notes AS VARCHAR) AS notes, ingested_at"
                       + (", duplicate_of, dup_similarity" if linked else ""))


def article_duplicates(doc_id: str) -> Query:
    """The near-duplicates linked to this article as their original, with their similarity, by id."""
    return Query("SELECT doc_id, title, date, source, dup_similarity FROM articles WHERE duplicate_of = ? "
                 "ORDER BY doc_id", (doc_id,))


def article_events(doc_id: str) -> Query:
    """The events of one article in text order, with the offsets of their evidence and trigger."""
    return _of_article(doc_id, "events", "id, event, mode, cameo, quad_code, goldstein, date, event_text, sent_start, "
                       "sent_end, trigger_start, trigger_end, actor_names, recipient_names, loc_name, aux, "
                       "confidence, why", " ORDER BY sent_start, trigger_start")


def article_event_actors(doc_id: str) -> Query:
    """Where one article mentions the actors of its events: role, offsets, name, code and event id."""
    return _of_article(doc_id, "event_actors", "role, start_char, end_char, name, code, event_id",
                       " AND start_char IS NOT NULL")


def article_entities(doc_id: str) -> Query:
    """Where one article mentions any actor: offsets, name and code."""
    return _of_article(doc_id, "entities", "start_char, end_char, name, code", " AND start_char IS NOT NULL")


def article_places(doc_id: str) -> Query:
    """The places one article mentions, in the order they were found."""
    return _of_article(doc_id, "places", "text, start_char, end_char, name, geonameid, lat, lon, feature, "
                       "country_code", " ORDER BY idx")


def article_quotes(doc_id: str) -> Query:
    """The quotes of one article in text order, with the offsets of speaker, cue and content."""
    return _of_article(doc_id, "quotes", "id, speaker_name, speaker_code, speaker_start, speaker_end, cue_text, "
                       "cue_start, cue_end, content_text, content_start, content_end, type, medium_name, "
                       "medium_kind, date", " ORDER BY content_start")


# --- actors ---------------------------------------------------------------------------------------------------
def actors(flt: ActorFilter, limit: int | None, offset: int = 0) -> Query:
    """Actors seen in events, with how many events they appear in (as actor or recipient), most active first
    (all of them when ``limit`` is None)."""
    where, params = flt.where()
    return Query(
        f"SELECT name, code, country, sector, min(kind) AS kind, count(DISTINCT event_id) AS n_events, "
        f"count(*) FILTER (WHERE role = 'actor') AS as_actor, count(*) FILTER (WHERE role = 'recipient') "
        f"AS as_recipient FROM event_actors WHERE {where} GROUP BY name, code, country, sector "
        # ties broken by every grouped column: the same page on DuckDB and PostgreSQL, run after run
        f"ORDER BY n_events DESC, name, code, country, sector{_limit(limit, offset)}", tuple(params))


def registry_actors(flt: RegistryFilter, limit: int) -> Query:
    """Canonical actors of the registry with their aliases and the roles articles stated, most mentioned first
    (the registry's tables exist only in stores that keep one: check with ``has_table``)."""
    where, params = flt.where("a")
    return Query(
        f"""SELECT a.actor_id, a.name, a.kind, a.code, a.country, a.sector, a.first_seen, a.last_seen, a.n_docs,
                   (SELECT string_agg(DISTINCT alias, '; ' ORDER BY alias) FROM registry_aliases x
                    WHERE x.actor_id = a.actor_id) AS aliases,
                   (SELECT string_agg(DISTINCT role_text || ' [' || coalesce(country, '') || coalesce(sector, '')
                           || CASE WHEN status = 'former' THEN ', former' ELSE '' END || ']', '; ')
                      FROM registry_roles r WHERE r.actor_id = a.actor_id) AS roles
            FROM registry_actors a WHERE {where}
            ORDER BY a.n_docs DESC, a.name, a.actor_id LIMIT ?""",
        (*params, int(limit)),
    )


# --- places ---------------------------------------------------------------------------------------------------
def places(flt: PlaceFilter, limit: int | None, offset: int = 0) -> Query:
    """Places the articles mention, one row per gazetteer place (unresolved toponyms by their name), with how
    often and in how many articles, most mentioned first (all of them when ``limit`` is None)."""
    where, params = flt.where("p")
    return Query(
        "SELECT p.name, p.geonameid, any_value(p.lat) AS lat, any_value(p.lon) AS lon, any_value(p.feature) AS "
        "feature, p.country_code, count(*) AS n_mentions, count(DISTINCT p.doc_id) AS n_articles "
        f"FROM places p WHERE {where} GROUP BY p.name, p.geonameid, p.country_code "
        f"ORDER BY n_mentions DESC, p.name, p.geonameid, p.country_code{_limit(limit, offset)}", tuple(params))


# --- quotes ---------------------------------------------------------------------------------------------------
# Columns of one quote in lists.
QUOTE_COLUMNS = (
    "id", "doc_id", "speaker_name", "speaker_code", "cue_text", "content_text", "content_start", "content_end",
    "type", "medium_name", "medium_kind", "date",
)


def quotes(flt: QuoteFilter, limit: int | None, offset: int = 0, record: bool = False) -> Query:
    """Matching quotes, newest first: by the quote's own date, else its article's publication date, undated
    last; ties keep the articles' order (article id, then q1, q2 ...). With the contract record when ``record``."""
    where, params = flt.where("q")
    cols = ", ".join(f"q.{c}" for c in QUOTE_COLUMNS) + (", CAST(q.record AS VARCHAR) AS record" if record else "")
    return Query(
        f"SELECT {cols} FROM quotes q LEFT JOIN articles a ON a.doc_id = q.doc_id WHERE {where} "
        f"ORDER BY coalesce(q.date, a.date) DESC NULLS LAST, {in_article_order('q')}{_limit(limit, offset)}",
        tuple(params))


def quote_count(flt: QuoteFilter) -> Query:
    where, params = flt.where("q")
    return Query(f"SELECT count(*) FROM quotes q WHERE {where}", tuple(params))


# --- clusters and stories (``clusters.py``; tables made by ``newsevents link``: check with ``has_table``) ---------
CLUSTER_SORT = {"articles": "num_articles", "sources": "num_sources", "mentions": "num_mentions",
                "date": "date_last", "first_seen": "first_seen"}
CLUSTER_COLUMNS = (
    "cluster_id", "event", "cameo", "quad_code", "goldstein", "date_first", "date_last", "first_seen", "last_seen",
    "actor_names", "actor_codes", "recipient_names", "recipient_codes", "loc_name", "loc_country_code", "loc_lat",
    "loc_lon", "num_mentions", "num_articles", "num_sources", "representative", "story_id",
)


def cluster_order(sort: str | None) -> str:
    """ORDER BY for a cluster sort key (``-articles`` by default: the most reported first)."""
    key = (sort or "-articles").strip()
    name = key.lstrip("-+")
    if name not in CLUSTER_SORT:
        raise FilterError("sort", f"unknown sort key {name!r}; use one of {', '.join(CLUSTER_SORT)} "
                                  "(prefix - for descending)")
    return f"c.{CLUSTER_SORT[name]} {'DESC' if key.startswith('-') else 'ASC'} NULLS LAST, c.cluster_id"


def _cluster_where(flt: EventFilter, min_articles: int) -> tuple[str, list[Any]]:
    """Clusters with at least ``min_articles`` articles and a member event that matches the filter."""
    where, params = flt.where("e")
    return (f"c.num_articles >= ? AND c.cluster_id IN (SELECT m.cluster_id FROM cluster_members m "
            f"JOIN events e ON e.id = m.event_id WHERE {where})", [int(min_articles), *params])


def clusters(flt: EventFilter, sort: str | None, limit: int | None, offset: int = 0, min_articles: int = 1) -> Query:
    """Event clusters (reports of one happening) with a member matching the filter, most reported first."""
    where, params = _cluster_where(flt, min_articles)
    cols = ", ".join(f"c.{c}" for c in CLUSTER_COLUMNS)
    return Query(f"SELECT {cols} FROM event_clusters c WHERE {where} ORDER BY {cluster_order(sort)}"
                 f"{_limit(limit, offset)}", tuple(params))


def cluster_count(flt: EventFilter, min_articles: int = 1) -> Query:
    where, params = _cluster_where(flt, min_articles)
    return Query(f"SELECT count(*) FROM event_clusters c WHERE {where}", tuple(params))


def cluster(cluster_id: str) -> Query:
    """One cluster's row."""
    return Query(f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM event_clusters WHERE cluster_id = ?", (cluster_id,))


def event_cluster(event_id: str) -> Query:
    """The cluster an event belongs to (no row when the clusters were built before it was stored)."""
    cols = ", ".join(f"c.{c}" for c in CLUSTER_COLUMNS)
    return Query(f"SELECT {cols} FROM cluster_members m JOIN event_clusters c USING (cluster_id) "
                 "WHERE m.event_id = ?", (event_id,))


def cluster_events(cluster_id: str) -> Query:
    """The member events of a cluster, each with its own evidence sentence and article, earliest article first."""
    return Query(
        "SELECT e.id, e.doc_id, e.event, e.date, e.event_text, e.actor_names, e.recipient_names, e.loc_name, "
        f"e.confidence, a.title, a.date AS pub_date, a.source, a.url, {_SENTENCE} "
        "FROM cluster_members m JOIN events e ON e.id = m.event_id LEFT JOIN articles a ON a.doc_id = e.doc_id "
        "WHERE m.cluster_id = ? ORDER BY a.date NULLS LAST, e.doc_id, length(e.id), e.id", (cluster_id,))


def story(story_id: str) -> Query:
    return Query("SELECT story_id, title, first_seen, last_seen, num_articles, num_clusters FROM stories "
                 "WHERE story_id = ?", (story_id,))


def story_articles(story_id: str) -> Query:
    """The articles of a story (near-duplicates marked), earliest first."""
    return Query("SELECT a.doc_id, a.title, a.date, a.source, a.url, a.n_events, a.duplicate_of FROM story_articles s "
                 "JOIN articles a USING (doc_id) WHERE s.story_id = ? ORDER BY a.date NULLS LAST, a.doc_id",
                 (story_id,))


def article_story(doc_id: str) -> Query:
    return Query("SELECT story_id FROM story_articles WHERE doc_id = ?", (doc_id,))


def link_state() -> Query:
    """When the clusters were built, and the store's size then and now (stale when it grew since)."""
    return Query("SELECT built_at, window_days, events, articles, (SELECT count(*) FROM events) AS events_now, "
                 "(SELECT count(*) FROM articles) AS articles_now FROM link_state")
