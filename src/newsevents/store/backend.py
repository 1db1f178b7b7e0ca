"""Where a store lives: a DuckDB file, or a PostgreSQL database named by a URL (``--db postgresql://...``).

``PgConnection`` gives a PostgreSQL database the few methods of a DuckDB connection that the store uses
(``execute`` with ``?`` parameters, ``fetch*``, ``description``, ``cursor``, ``begin``/``commit``/``rollback``),
so ``db.py``, ``registry.py`` and every read of ``queries.py`` and ``filters.py`` run the same SQL on both. What
DuckDB has and PostgreSQL lacks (``contains``, ``list_contains``, ``any_value``...) is created as small SQL
functions in the database (``COMPAT``); bulk writes go through ``COPY`` where DuckDB inserts Arrow tables.
Every write transaction holds one advisory lock, so several processes (or machines) can ingest into one
database at once: they code in parallel and commit one after the other, as one process would. docs/store.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from newsevents.errors import NewseventsError

SCHEMES = ("postgresql://", "postgres://")
# The advisory lock every newsevents write transaction on PostgreSQL takes ("news" in ASCII): writers commit one
# at a time, so a batch sees every batch committed before it (replacements, near-duplicates, the actor registry)
WRITE_LOCK = 0x6E657773

# DuckDB's functions that the store's SQL uses, as PostgreSQL SQL functions (inlined by the planner). Aggregates
# are only made where PostgreSQL has none of that name (``any_value`` is built in from PostgreSQL 16).
COMPAT: tuple[str, ...] = (
    "CREATE OR REPLACE FUNCTION contains(s text, part text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS $$ SELECT strpos(s, part) > 0 $$",
    "CREATE OR REPLACE FUNCTION list_contains(a anyarray, x anyelement) RETURNS boolean LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT x = ANY(a) $$",
    "CREATE OR REPLACE FUNCTION string_split(s text, sep text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS $$ SELECT string_to_array(s, sep) $$",
    "CREATE OR REPLACE FUNCTION len(a anyarray) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS $$ SELECT cardinality(a) $$",
    # DuckDB's strftime formats the store uses (%Y, %m, %d) in to_char's words
    "CREATE OR REPLACE FUNCTION strftime(d date, fmt text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS $$ SELECT to_char(d, replace(replace(replace(fmt, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD')) $$",
    # any_value: the first value that is not NULL (a strict step function skips NULLs)
    "CREATE OR REPLACE FUNCTION newsevents_first(a anyelement, b anyelement) RETURNS anyelement LANGUAGE sql "
    "IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT a $$",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'any_value') THEN
           CREATE AGGREGATE any_value(anyelement) (SFUNC = newsevents_first, STYPE = anyelement);
         END IF;
       END $$""",
    # arg_max(id, confidence) of the map: the id of the row with the largest value (rows without one skipped)
    """DO $$ BEGIN
         CREATE TYPE newsevents_arg AS (arg text, val double precision);
       EXCEPTION WHEN duplicate_object THEN NULL;
       END $$""",
    "CREATE OR REPLACE FUNCTION newsevents_arg_max(s newsevents_arg, arg text, val double precision) "
    "RETURNS newsevents_arg LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN arg IS NULL OR val IS NULL "
    "THEN s WHEN s IS NULL OR val > (s).val THEN ROW(arg, val)::newsevents_arg ELSE s END $$",
    "CREATE OR REPLACE FUNCTION newsevents_arg_of(s newsevents_arg) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT (s).arg $$",
    "CREATE OR REPLACE AGGREGATE arg_max(text, double precision) (SFUNC = newsevents_arg_max, "
    "STYPE = newsevents_arg, FINALFUNC = newsevents_arg_of)",
    # mode(quad_code) of the map: the most frequent value (ties: the smallest), as DuckDB's mode(x)
    "CREATE OR REPLACE FUNCTION newsevents_mode_of(s smallint[]) RETURNS smallint LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT v FROM unnest(s) v WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT 1 $$",
    "CREATE OR REPLACE AGGREGATE mode(smallint) (SFUNC = array_append, STYPE = smallint[], "
    "FINALFUNC = newsevents_mode_of, INITCOND = '{}')",
)


def is_postgres(db: str | Path | None) -> bool:
    """Whether ``--db`` names a PostgreSQL database (a URL) rather than a DuckDB file."""
    return isinstance(db, str) and db.startswith(SCHEMES)


def shown(db: str | Path) -> str:
    """The database as it may be printed: a URL without its password."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@/]*@", r"\1:***@", str(db))


def is_pg(con: Any) -> TypeGuard[PgConnection]:
    """Whether this connection (or cursor) is a PostgreSQL one."""
    return isinstance(con, PgConnection)


@lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    """DuckDB's ``?`` parameters as psycopg's ``%s`` (outside string literals), every ``%`` doubled."""
    parts = sql.replace("%", "%%").split("'")
    # the even parts lie outside quotes: only there is a ? a parameter
    return "'".join(p.replace("?", "%s") if i % 2 == 0 else p for i, p in enumerate(parts))


_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def try_date(value: Any) -> dt.date | None:
    """A date column's value as DuckDB's ``TRY_CAST(x AS DATE)`` takes it: ``YYYY-MM-DD`` (a time may follow);
    anything else is NULL, so one malformed date does not fail the batch."""
    if value is None or isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value))
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class PgConnection:
    """A PostgreSQL connection that answers the DuckDB connection methods the store calls."""

    dialect = "postgres"

    def __init__(self, url: str, read_only: bool = False) -> None:
        try:
            import psycopg
            from psycopg.types.string import StrDumper, TextLoader
        except ImportError as exc:
            raise NewseventsError(f"{shown(url)}: a PostgreSQL store needs psycopg: pip install "
                                  "'newsevents[postgres]'") from exc
        self.url, self.read_only = url, read_only
        self._errors = psycopg.Error
        # read-only: the server refuses any write of this session (a URL's own options are kept otherwise)
        options: dict[str, Any] = {"options": "-c default_transaction_read_only=on"} if read_only else {}
        try:
            self.pg = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="newsevents",
                                      **options)
        except psycopg.Error as exc:
            raise NewseventsError(f"{shown(url)}: cannot connect to PostgreSQL ({_first_line(exc)}); check the URL "
                                  "(postgresql://USER@HOST:PORT/DATABASE) and that the server is running") from exc
        # text as text (psycopg sends str untyped: a list of them would be an array of unknown), JSON as its text
        # (as DuckDB gives it: the record keeps its key order)
        self.pg.adapters.register_dumper(str, StrDumper)
        for name in ("json", "jsonb"):
            self.pg.adapters.register_loader(name, TextLoader)
        self._cur = self.pg.cursor()

    # --- DuckDB's connection methods -------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgConnection:
        try:
            self._cur.execute(_placeholders(sql), tuple(params or ()))
        except self._errors as exc:
            raise NewseventsError(f"{shown(self.url)}: PostgreSQL: {_first_line(exc)}") from exc
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cur.fetchall()

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cur.fetchone()

    def fetchmany(self, size: int) -> list[tuple[Any, ...]]:
        return self._cur.fetchmany(size)

    @property
    def description(self) -> list[tuple[Any, ...]]:
        return [(c.name, c.type_code) for c in self._cur.description or ()]

    def cursor(self) -> PgConnection:
        """A connection of its own (as a DuckDB cursor is): a server's request reads beside the others."""
        return PgConnection(self.url, self.read_only)

    def begin(self) -> None:
        """Start a write transaction once any other newsevents writer's has ended (``WRITE_LOCK``). The lock is
        the session's, taken before BEGIN: the transaction's ``current_timestamp`` (``ingested_at``) is then
        after the commit of the one before it, so storing order is commit order, as in one process."""
        self.execute("SELECT pg_advisory_lock(?)", [WRITE_LOCK])
        try:
            self.execute("BEGIN")
        except BaseException:
            self._unlock()
            raise

    def commit(self) -> None:
        try:
            self.execute("COMMIT")
        finally:
            self._unlock()

    def rollback(self) -> None:
        # autocommit: the explicit BEGIN is ended by a ROLLBACK statement; a connection that broke (the server
        # went away) has no transaction left to end, and its session's lock went with it
        if not self.pg.broken and not self.pg.closed:
            self._cur.execute("ROLLBACK")
            self._unlock()

    def _unlock(self) -> None:
        if not self.pg.broken and not self.pg.closed:
            self._cur.execute(_placeholders("SELECT pg_advisory_unlock(?)"), (WRITE_LOCK,))

    def close(self) -> None:
        self.pg.close()

    # --- what DuckDB does with Arrow ---------------------------------------------------------------------------
    def copy_rows(self, table: str, columns: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> None:
        """Write rows into ``table`` (its ``columns``, else all in order) through COPY, in the open transaction."""
        cols = f" ({', '.join(columns)})" if columns else ""
        try:
            with self._cur.copy(f"COPY {table}{cols} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except self._errors as exc:
            raise NewseventsError(f"{shown(self.url)}: PostgreSQL: {_first_line(exc)}") from exc

    def arrow_reader(self, sql: str, params: Sequence[Any], batch: int = 50_000) -> Any:
        """The rows as a ``pyarrow.RecordBatchReader``, typed from the columns' PostgreSQL types (as DuckDB's Arrow:
        strings, integers, doubles, dates, timestamps, lists; JSON as its text). The rows come as the server
        sends them (psycopg's ``stream``), ``batch`` at a time, so a big export is never held whole."""
        import pyarrow as pa

        cur = self.pg.cursor()
        rows = cur.stream(_placeholders(sql), tuple(params or ()))
        try:
            first = next(rows, None)
        except self._errors as exc:
            raise NewseventsError(f"{shown(self.url)}: PostgreSQL: {_first_line(exc)}") from exc
        schema = pa.schema([(c.name, _arrow_type(c.type_code)) for c in cur.description or ()])

        def batches() -> Iterable[Any]:
            chunk = [] if first is None else [first]
            for row in rows:
                chunk.append(row)
                if len(chunk) >= batch:
                    yield _batch(schema, chunk)
                    chunk = []
            if chunk or first is None:
                yield _batch(schema, chunk)

        return pa.RecordBatchReader.from_batches(schema, batches())

    def ensure(self, statements: Iterable[str]) -> None:
        """Run DDL in one transaction under the write lock: two processes creating the tables at once would
        otherwise collide in PostgreSQL's catalogue."""
        self.begin()
        try:
            for statement in (*COMPAT, *statements):
                self.execute(statement)
            self.commit()
        except BaseException:
            self.rollback()
            raise


# PostgreSQL type names -> Arrow types of DuckDB's for the same columns (a type not listed travels as its text).
_ARROW_TYPES = {
    # int2: the store's one SMALLINT is DuckDB's TINYINT (quad_code), int8 in DuckDB's Arrow
    "text": "string", "varchar": "string", "bpchar": "string", "json": "string", "jsonb": "string", "int2": "int8",
    "int4": "int32", "int8": "int64", "float4": "float32", "float8": "float64", "numeric": "float64", "bool": "bool_",
    "date": "date32", "timestamp": "timestamp",
}


def _arrow_type(oid: int) -> Any:
    import pyarrow as pa
    from psycopg.postgres import types

    info = types.get(oid)
    name = _ARROW_TYPES.get(info.name if info else "", "string")
    kind = pa.timestamp("us") if name == "timestamp" else getattr(pa, name)()
    # an array's oid finds its element's type (varchar[] -> varchar): a list of those
    return pa.list_(kind) if info is not None and oid == info.array_oid else kind


def _batch(schema: Any, rows: list[tuple[Any, ...]]) -> Any:
    import pyarrow as pa

    columns = []
    for i, field in enumerate(schema):
        values = [r[i] for r in rows]
        if pa.types.is_floating(field.type):  # numeric arrives as Decimal
            values = [None if v is None else float(v) for v in values]
        elif pa.types.is_string(field.type):  # a type without an Arrow twin travels as its text
            values = [v if v is None or isinstance(v, str) else str(v) for v in values]
        columns.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def dialect(con: Any) -> str:
    """``postgres`` or ``duckdb``: the SQL the DDL of ``schema.py`` is written in for this connection."""
    return PgConnection.dialect if is_pg(con) else "duckdb"


def unsupported(what: str) -> NewseventsError:
    """The error of a command the PostgreSQL backend does not run yet (docs/store.md says which)."""
    return NewseventsError(f"{what} is not supported on a PostgreSQL store yet; use a DuckDB file for it "
                           "(docs/store.md: which backend to choose)")
