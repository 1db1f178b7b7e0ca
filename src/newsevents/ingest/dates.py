"""Publication dates for inputs that carry none: a default date (``--date``) and, for files, the date in the
file's name or its modification time (``--date-from name|mtime``). An article's own date always wins; then the
file's; then the default. Relative dates ("on Tuesday") resolve against the date given here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from newsevents.ingest.records import Item
from newsevents.models import Article

DATE_SOURCES = ("mtime", "name")
# 2024-05-03, 2024_05_03 or 20240503 in a file name, not inside a longer number
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class DefaultDates:
    """Where an undated article's publication date comes from (``parse`` checks the user's values)."""

    date: str | None = None  # YYYY-MM-DD for every undated article
    source: str | None = None  # mtime | name: the article's file gives it (before ``date``)

    @classmethod
    def parse(cls, date: str | None, source: str | None) -> DefaultDates:
        """Check ``--date`` and ``--date-from``; a bad value is a ValueError whose text names the option."""
        if date:
            try:
                date = dt.date.fromisoformat(date).isoformat()
            except ValueError:
                raise ValueError(f"--date {date}: give a date as YYYY-MM-DD, e.g. 2024-05-03") from None
        if source and source not in DATE_SOURCES:
            raise ValueError(f"--date-from {source}: use mtime (the file's modification time) or name "
                             "(a date such as 2024-05-03 in the file name)")
        return cls(date or None, source or None)

    def __bool__(self) -> bool:
        return bool(self.date or self.source)

    def for_file(self, path: Path | None) -> str | None:
        """The date an undated article read from ``path`` (None: stdin) gets."""
        if path is not None and self.source == "name":
            for found in _NAME_DATE.finditer(path.name):
                try:
                    return dt.date(*(int(g) for g in found.groups())).isoformat()
                except ValueError:
                    continue  # 20241399 is no date: try the next match, else the default
        if path is not None and self.source == "mtime":
            try:
                return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
            except OSError:
                pass  # unreadable files are reported by their reader
        return self.date


def dated(items: Iterator[Item], dates: DefaultDates | None, path: Path | None) -> Iterator[Item]:
    """The items of one file (or of stdin), each undated article given the date ``dates`` says."""
    if not dates:
        yield from items
        return
    default = dates.for_file(path)
    for item in items:
        if default and isinstance(item, Article) and not item.date:
            item = replace(item, date=default)
        yield item
