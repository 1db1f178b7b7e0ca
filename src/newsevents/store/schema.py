"""The one definition of the store's tables: DuckDB DDL (and PostgreSQL's), the Arrow schemas rows are written with,
and migrations.

Every table and column is listed once here; ``db.py`` (article tables), ``registry.py`` (actor registry) and
``rows.py`` build what they need from it. Columns are only ever added, never renamed or retyped, so files
written by an earlier release open unchanged: a column added later carries ``added=True`` and is migrated with
``ALTER TABLE ... ADD COLUMN IF NOT EXISTS`` when such a file is opened for writing. The PostgreSQL backend
(``backend.py``) creates the same tables with PostgreSQL's names for two types, and indexes (``INDEXES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa

# How each DuckDB type travels from Python to the store: dates as ISO strings (cast with TRY_CAST on insert, so
# one malformed date becomes NULL instead of failing the batch), JSON as its text, every integer as int64.
_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "DATE": pa.string(), "TINYINT": pa.int64(),
    "INTEGER": pa.int64(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "VARCHAR[]": pa.list_(pa.string()),
    "BIGINT[]": pa.list_(pa.int64()),
}

# DuckDB types PostgreSQL names otherwise (every other type of the store is spelled the same in both).
_POSTGRES: dict[str, str] = {"TINYINT": "SMALLINT", "DOUBLE": "DOUBLE PRECISION"}


@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type and how it is filled."""

    name: str
    type: str
    key: bool = False  # PRIMARY KEY
    default: str | None = None  # SQL default; such a column is filled by DuckDB, never written by us
    added: bool = False  # added after the first release: migrated on older files

    def ddl(self, dialect: str = "duckdb") -> str:
        kind = _POSTGRES.get(self.type, self.type) if dialect == "postgres" else self.type
        return (f"{self.name} {kind}" + (" PRIMARY KEY" if self.key else "")
                + (f" DEFAULT {self.default}" if self.default else ""))


@dataclass(frozen=True)
class Table:
    """One table of the store."""

    name: str
    columns: tuple[Column, ...]

    def ddl(self, dialect: str = "duckdb") -> str:
        """``CREATE TABLE IF NOT EXISTS`` with every column in file order."""
        body = ",\n    ".join(c.ddl(dialect) for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {body}\n)"

    def migrations(self, dialect: str = "duckdb") -> list[str]:
        """The statements that bring a file written before a column was added up to date (no-ops otherwise)."""
        return [f"ALTER TABLE {self.name} ADD COLUMN IF NOT EXISTS {c.ddl(dialect)}" for c in self.columns if c.added]

    @cached_property
    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema rows of this table are written with (columns DuckDB fills itself left out)."""
        return pa.schema([(c.name, _ARROW[c.type]) for c in self.columns if c.default is None])

    @cached_property
    def date_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.type == "DATE")


def _table(name: str, *columns: Column | tuple[str, str]) -> Table:
    """A table from ``Column``s and plain ``(name, type)`` pairs (most columns need nothing more)."""
    return Table(name, tuple(c if isinstance(c, Column) else Column(*c) for c in columns))


_V, _J, _D, _I, _B, _F = "VARCHAR", "JSON", "DATE", "INTEGER", "BIGINT", "DOUBLE"

# The article tables: one row per article, event, event actor, quote, place and entity; nested contract
# objects are also kept whole as JSON (``record``) for lossless export.
ARTICLE_TABLES: tuple[Table, ...] = (
    _table(
        "articles",
        Column("doc_id", _V, key=True), ("title", _V), ("date", _D), ("url", _V), ("source", _V), ("text", _V),
        ("content_hash", _V), ("n_events", _I),
        ("notes", _J),  # JSON list of notes
        Column("ingested_at", "TIMESTAMP", default="current_timestamp"),
        Column("record", _J, added=True),  # the full contract article record (as `newsevents code` prints it)
        # the original this article repeats (a near-duplicate, docs/clusters.md) and their estimated similarity
        Column("duplicate_of", _V, added=True), Column("dup_similarity", _F, added=True),
    ),
    _table(
        "events",
        Column("id", _V, key=True), ("doc_id", _V), ("event", _V), ("mode", _V), ("context", "VARCHAR[]"),
        ("cameo", _V), ("quad_code", "TINYINT"), ("goldstein", _F), ("date", _D), ("date_granularity", _V),
        ("event_text", _V), ("sent_start", _I), ("sent_end", _I), ("trigger_start", _I), ("trigger_end", _I),
        ("aux", "VARCHAR[]"), ("confidence", _F),
        ("actor_names", _V),  # "; "-joined canonical names, for search and tables
        ("actor_codes", _V),  # "; "-joined codes
        ("actor_country", _V),  # first actor's country (ISO alpha-3)
        ("recipient_names", _V), ("recipient_codes", _V), ("recipient_country", _V),
        ("attributed_to", _V),  # speaker's canonical name
        ("quote_id", _V), ("loc_name", _V), ("loc_geonameid", _B), ("loc_lat", _F), ("loc_lon", _F),
        ("loc_feature", _V), ("loc_country_code", _V), ("loc_how", _V), ("why", _V),
        ("record", _J),  # the full contract Event object
        Column("duplicate_of", _V, added=True),  # its article's original when the article is a duplicate
    ),
    _table(
        "event_actors",
        ("event_id", _V), ("doc_id", _V),
        ("role", _V),  # actor | recipient | attributed_to
        ("idx", _I), ("entity_text", _V), ("start_char", _I), ("end_char", _I), ("name", _V), ("code", _V),
        ("country", _V), ("sector", _V), ("kind", _V),
    ),
    _table(
        "quotes",
        Column("id", _V, key=True),  # "<doc_id>-q<n>"
        ("doc_id", _V), ("speaker_name", _V), ("speaker_code", _V), ("speaker_start", _I), ("speaker_end", _I),
        ("cue_text", _V), ("cue_start", _I), ("cue_end", _I), ("content_text", _V), ("content_start", _I),
        ("content_end", _I), ("type", _V), ("medium_name", _V), ("medium_kind", _V), ("date", _D), ("record", _J),
    ),
    _table(
        "places",
        ("doc_id", _V), ("idx", _I), ("text", _V), ("start_char", _I), ("end_char", _I), ("name", _V),
        ("geonameid", _B), ("lat", _F), ("lon", _F), ("feature", _V), ("country_code", _V),
    ),
    _table(
        "entities",
        ("doc_id", _V), ("idx", _I), ("entity_text", _V), ("start_char", _I), ("end_char", _I), ("name", _V),
        ("code", _V), ("country", _V), ("sector", _V), ("kind", _V),
    ),
)

# What links articles and events across articles (docs/clusters.md): every article's MinHash signature, the LSH
# band keys of the originals (the lookup a new article is checked against), and the clusters and stories that
# ``newsevents link`` builds set-wise from the events.
LINK_TABLES: tuple[Table, ...] = (
    _table("article_minhash", ("doc_id", _V), ("n_shingles", _I), ("signature", "BIGINT[]")),
    _table("article_bands", ("doc_id", _V), ("band_key", _B)),
)
CLUSTER_TABLES: tuple[Table, ...] = (
    _table(
        "event_clusters",
        ("cluster_id", _V), ("event", _V), ("cameo", _V), ("quad_code", _I), ("goldstein", _F),
        ("date_first", _D), ("date_last", _D),  # the members' event dates
        ("first_seen", _D), ("last_seen", _D),  # the members' articles' publication dates
        ("actor_names", _V), ("actor_codes", _V), ("recipient_names", _V), ("recipient_codes", _V),
        ("loc_name", _V), ("loc_country_code", _V), ("loc_lat", _F), ("loc_lon", _F),
        ("num_mentions", _I), ("num_articles", _I), ("num_sources", _I),
        ("representative", _V),  # the member event with the highest confidence
        ("story_id", _V),
    ),
    _table("cluster_members", ("event_id", _V), ("cluster_id", _V), ("doc_id", _V)),
    _table("stories", ("story_id", _V), ("title", _V), ("first_seen", _D), ("last_seen", _D),
           ("num_articles", _I), ("num_clusters", _I)),
    _table("story_articles", ("doc_id", _V), ("story_id", _V)),
    _table("link_state", Column("built_at", "TIMESTAMP", default="current_timestamp"), ("window_days", _I),
           ("events", _B), ("articles", _B)),
)

# The cross-article actor registry (``registry.py``), created only when the store keeps one.
REGISTRY_TABLES: tuple[Table, ...] = (
    _table(
        "registry_actors",
        Column("actor_id", _V, key=True), ("name", _V), ("kind", _V), ("code", _V), ("country", _V),
        ("sector", _V), ("first_seen", _D), ("last_seen", _D), ("n_docs", _I),
        Column("latest_key", _V, added=True),  # orders an actor's articles: the largest gives the latest view
    ),
    _table("registry_aliases", ("actor_id", _V), ("alias", _V), ("doc_id", _V), ("first_seen", _D)),
    _table(
        "registry_roles",
        ("actor_id", _V), ("country", _V), ("sector", _V), ("code", _V), ("status", _V), ("source", _V),
        ("role_text", _V), ("valid_from", _D), ("valid_to", _D), ("doc_id", _V), ("doc_date", _D),
        ("start_char", _I), ("end_char", _I),
    ),
    _table(
        "registry_docs",
        ("actor_id", _V), ("doc_id", _V), ("doc_date", _D), ("code", _V), ("country", _V), ("sector", _V),
        ("kind", _V), ("name", _V),
    ),
)

# The watcher's memory (``store/watchstate.py``): each source's conditional-GET validators and last poll, and each
# item seen (a feed entry by its article id, a file by its path) with what became of it; created by `watch`.
WATCH_TABLES: tuple[Table, ...] = (
    _table("watch_sources", Column("source", _V, key=True), ("etag", _V), ("last_modified", _V),
           ("polled_at", "TIMESTAMP"), ("status", _V), ("detail", _V), ("failures", _I)),
    _table("watch_items", Column("item", _V, key=True), ("source", _V), ("doc_id", _V), ("url", _V), ("version", _V),
           ("status", _V), ("detail", _V), ("attempts", _I), ("seen_at", "TIMESTAMP")),
)

TABLES: dict[str, Table] = {t.name: t for t in (*ARTICLE_TABLES, *LINK_TABLES, *CLUSTER_TABLES, *REGISTRY_TABLES)}


# PostgreSQL's indexes: the lookups by article (replacing one, its page) and by band key (near-duplicates) that
# would otherwise scan a table. DuckDB has none: its scans are fast and indexes would slow its bulk inserts.
INDEXES: dict[str, tuple[str, ...]] = {
    "events": ("doc_id",), "event_actors": ("doc_id", "event_id"), "quotes": ("doc_id",), "places": ("doc_id",),
    "entities": ("doc_id",), "article_minhash": ("doc_id",), "article_bands": ("band_key", "doc_id"),
    "registry_aliases": ("actor_id", "doc_id"), "registry_roles": ("actor_id", "doc_id"),
    "registry_docs": ("actor_id", "doc_id"),
}


def create_statements(tables: tuple[Table, ...], dialect: str = "duckdb") -> list[str]:
    """Every statement that creates these tables when missing and migrates older files, in order (and, on
    PostgreSQL, their ``INDEXES``)."""
    indexes = [f"CREATE INDEX IF NOT EXISTS {t.name}_{col} ON {t.name} ({col})"
               for t in tables for col in INDEXES.get(t.name, ())] if dialect == "postgres" else []
    return [t.ddl(dialect) for t in tables] + [m for t in tables for m in t.migrations(dialect)] + indexes
