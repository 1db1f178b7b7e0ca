"""The watcher's memory in the store: each source's validators and last poll, each item seen and what became of it.

An item is a feed entry (keyed by its article id, so an entry found in two feeds is fetched once) or a file of a
watched folder (keyed by its path). It is marked ``stored`` only after its article was committed, so a watcher
killed mid-pass fetches it again on restart, and the store's content hash keeps it from being stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb

from newsevents.store.backend import dialect
from newsevents.store.schema import WATCH_TABLES, Table, create_statements

STORED, FAILED, EMPTY = "stored", "failed", "empty"  # statuses of an item


@dataclass(frozen=True)
class SourceState:
    """What the last poll of a source left: its conditional-GET validators and how it went."""

    etag: str | None = None
    last_modified: str | None = None
    status: str | None = None
    failures: int = 0  # failed polls in a row


@dataclass(frozen=True)
class SourcePoll:
    """What to remember of one poll of a source."""

    source: str
    status: str
    detail: str | None
    etag: str | None
    last_modified: str | None
    failures: int  # failed polls in a row, this one included


@dataclass(frozen=True)
class ItemState:
    """One item seen: its version (a feed entry's updated stamp, a file's mtime and size), status and tries."""

    version: str | None
    status: str
    attempts: int


@dataclass(frozen=True)
class ItemMark:
    """What to remember of one item after a poll."""

    item: str
    source: str
    doc_id: str | None
    url: str | None
    version: str | None
    status: str
    detail: str | None = None


def _replace(key: str, table: Table) -> str:
    """The ON CONFLICT clause that makes an INSERT replace the row of the same key (DuckDB's INSERT OR REPLACE,
    which PostgreSQL does not have)."""
    others = ", ".join(f"{c.name} = excluded.{c.name}" for c in table.columns if c.name != key)
    return f" ON CONFLICT ({key}) DO UPDATE SET {others}"


class WatchState:
    """Reads and writes ``watch_sources`` and ``watch_items`` over one DuckDB connection (or cursor), or a
    PostgreSQL one (``backend.PgConnection``): the SQL is the same."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        for statement in create_statements(WATCH_TABLES, dialect(con)):
            self.con.execute(statement)

    def sources(self, names: Sequence[str]) -> dict[str, SourceState]:
        """The state the last poll of each of these sources left (one query for a whole pass)."""
        if not names:
            return {}
        rows = self.con.execute(
            "SELECT source, etag, last_modified, status, failures FROM watch_sources "
            "WHERE source IN (SELECT unnest(?))", [list(names)]).fetchall()
        return {r[0]: SourceState(r[1], r[2], r[3], r[4] or 0) for r in rows}

    def retrying(self, names: Sequence[str], max_attempts: int) -> set[str]:
        """The sources among these with failed items that have tries left (their feeds are asked for in full)."""
        if not names:
            return set()
        rows = self.con.execute(
            "SELECT DISTINCT source FROM watch_items WHERE source IN (SELECT unnest(?)) AND status = ? "
            "AND attempts < ?", [list(names), FAILED, max_attempts]).fetchall()
        return {r[0] for r in rows}

    def save_sources(self, polls: Iterable[SourcePoll]) -> None:
        """Record polls in one transaction (a failed one keeps the validators of the last good one)."""
        rows = [[p.source, p.etag, p.last_modified, p.status, p.detail, p.failures] for p in polls]
        if rows:
            self._in_transaction("INSERT INTO watch_sources VALUES (?, ?, ?, current_timestamp, ?, ?, ?)", rows,
                                 _replace("source", WATCH_TABLES[0]))

    def _in_transaction(self, sql: str, rows: list[list], tail: str = "") -> None:
        """``sql`` (an INSERT ending in one ``VALUES`` tuple, then ``tail``) for every row in one transaction; the
        rows go in a few multi-row statements (DuckDB's executemany pays per row: 50 rows took half a second)."""
        head, _, one = sql.rpartition("VALUES ")
        self.con.begin()
        try:
            for i in range(0, len(rows), 200):
                chunk = rows[i:i + 200]
                self.con.execute(head + "VALUES " + ", ".join([one] * len(chunk)) + tail,
                                 [v for r in chunk for v in r])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def items(self, keys: Sequence[str]) -> dict[str, ItemState]:
        """The state of each of these items already seen."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT item, version, status, attempts FROM watch_items WHERE item IN (SELECT unnest(?))", [list(keys)]
        ).fetchall()
        return {item: ItemState(version, status, attempts or 0) for item, version, status, attempts in rows}

    def mark(self, marks: Iterable[ItemMark]) -> None:
        """Remember these items in one transaction; a failed item counts one more try."""
        marks = list(marks)
        if not marks:
            return
        known = self.items([m.item for m in marks])
        rows = []
        for m in marks:
            old = known.get(m.item)
            attempts = (old.attempts if old and old.status == FAILED else 0) + 1 if m.status == FAILED else 0
            rows.append([m.item, m.source, m.doc_id, m.url, m.version, m.status, m.detail, attempts])
        self._in_transaction("INSERT INTO watch_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)", rows,
                             _replace("item", WATCH_TABLES[1]))

    def counts(self) -> dict[str, int]:
        """Items seen by status."""
        return dict(self.con.execute("SELECT status, count(*) FROM watch_items GROUP BY status").fetchall())
