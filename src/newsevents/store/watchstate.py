"""The watcher's memory in the store: each source's validators and last poll, each item seen and what became of it.

An item is a feed entry (keyed by its article id, so an entry found in two feeds is fetched once) or a file of a
watched folder (keyed by its path). It is marked ``stored`` only after its article was committed, so a watcher
killed mid-pass fetches it again on restart, and the store's content hash keeps it from being stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb

from newsevents.store.schema import WATCH_TABLES, create_statements

STORED, FAILED, EMPTY = "stored", "failed", "empty"  # statuses of an item


@dataclass(frozen=True)
class SourceState:
    """What the last poll of a source left: its conditional-GET validators and how it went."""

    etag: str | None = None
    last_modified: str | None = None
    status: str | None = None
    failures: int = 0  # failed polls in a row


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


class WatchState:
    """Reads and writes ``watch_sources`` and ``watch_items`` over one DuckDB connection (or cursor)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        for statement in create_statements(WATCH_TABLES):
            self.con.execute(statement)

    def source(self, source: str) -> SourceState:
        row = self.con.execute(
            "SELECT etag, last_modified, status, failures FROM watch_sources WHERE source = ?", [source]
        ).fetchone()
        return SourceState(row[0], row[1], row[2], row[3] or 0) if row else SourceState()

    def save_source(self, source: str, status: str, detail: str | None, etag: str | None = None,
                    last_modified: str | None = None, keep_validators: bool = False) -> None:
        """Record a poll; a failed one keeps the validators of the last good one (``keep_validators``)."""
        old = self.source(source)
        if keep_validators:
            etag, last_modified = old.etag, old.last_modified
        failures = old.failures + 1 if status == FAILED else 0
        self.con.execute(
            "INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, current_timestamp, ?, ?, ?)",
            [source, etag, last_modified, status, detail, failures],
        )

    def items(self, keys: Sequence[str]) -> dict[str, ItemState]:
        """The state of each of these items already seen."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT item, version, status, attempts FROM watch_items WHERE item IN (SELECT unnest(?))", [list(keys)]
        ).fetchall()
        return {item: ItemState(version, status, attempts or 0) for item, version, status, attempts in rows}

    def retryable(self, source: str, max_attempts: int) -> list[tuple[str, str | None, str | None]]:
        """(item, url, version) of this source's failed items with tries left, oldest first."""
        return [(r[0], r[1], r[2]) for r in self.con.execute(
            "SELECT item, url, version FROM watch_items WHERE source = ? AND status = ? AND attempts < ? "
            "ORDER BY seen_at", [source, FAILED, max_attempts]).fetchall()]

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
        self.con.begin()
        try:
            self.con.executemany(
                "INSERT OR REPLACE INTO watch_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)", rows
            )
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def counts(self) -> dict[str, int]:
        """Items seen by status."""
        return dict(self.con.execute("SELECT status, count(*) FROM watch_items GROUP BY status").fetchall())
