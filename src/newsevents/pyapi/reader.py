"""``newsevents.open``: a store read from Python with the filters of the CLI and the REST API, and coded into.

Every read goes through ``store.queries`` with the filter objects of ``store.filters`` (their ``parse``
validates the values), so ``store.events(type="PROTEST")`` gives the rows ``newsevents events --type PROTEST``
and ``GET /api/events?type=PROTEST`` give.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.models import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:  # DuckDB and Arrow load when a store is opened, not with ``import newsevents``
    from newsevents.errors import InputError
    from newsevents.pyapi.results import Result
    from newsevents.runner.ingest import IngestStats
    from newsevents.store.db import Store as Database

ListOrText = list[str] | str | None


def open(path: str | Path, read_only: bool = False) -> Store:  # noqa: A001 - newsevents.open(path), like io.open
    """Open (or, unless ``read_only``, create) a newsevents DuckDB file, or a PostgreSQL store by its URL
    (``postgresql://USER@HOST/DB``, docs/store.md). Read-only lets several processes read
    one file while none writes it (``newsevents serve`` holds it read-only too)."""
    from newsevents.store.backend import is_postgres

    if read_only and not is_postgres(path) and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such store; create it with newsevents.open({str(path)!r}).ingest(...) "
                                f"or `newsevents ingest INPUT --db {path}`")
    return Store(path, read_only=read_only)


class Store:
    """A newsevents store: ``events``, ``quotes``, ``actors`` and ``places`` read it, ``ingest`` codes into it.
    Use it as a context manager, or call ``close``, to let other processes write the file."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        from newsevents.store.backend import is_postgres
        from newsevents.store.db import Store as Database

        self.path: str | Path = path if is_postgres(path) else Path(path)  # a URL keeps its //
        self.read_only = read_only
        self._db: Database = Database(path, read_only=read_only)

    @property
    def con(self) -> Any:
        """The DuckDB connection, for SQL of your own (docs/storage.md has the tables)."""
        return self._db.con

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<newsevents.Store {str(self.path)!r}{' read-only' if self.read_only else ''}>"

    def _result(self, query: Any, kind: str) -> Result:
        from newsevents.pyapi.results import Result

        return Result(self._db.con, query, kind)

    def events(self, type: ListOrText = None, mode: ListOrText = None,  # noqa: A002 - PLOVER's "event type"
               quad: ListOrText = None, actor: str | None = None, country: str | None = None,
               start: str | None = None, end: str | None = None, bbox: str | None = None, aux: ListOrText = None,
               q: str | None = None, doc_id: str | None = None, min_confidence: float | None = None,
               said_by: str | None = None, duplicates: bool = False, sort: str = "-date",
               limit: int | None = None) -> Result:
        """Stored events with their article's title, newest first (``sort``: date, goldstein, confidence, event,
        quad_code or id, ``-`` for descending). The filters are those of ``GET /api/events`` (docs/api.md):
        ``type`` PLOVER types (``"PROTEST,ASSAULT"`` or a list), ``quad`` 1-4, ``actor`` part of a name or a code,
        ``country`` ISO code of actor, recipient or place, ``start``/``end`` YYYY-MM-DD, ``bbox``
        ``"min_lon,min_lat,max_lon,max_lat"``, ``q`` free text, ``said_by`` part of a speaker's name;
        ``duplicates=True`` also gives the events of near-duplicate articles (left out by default, as they repeat
        their original's: docs/clusters.md). A bad value raises ``FilterError`` (a ``ValueError``) naming it."""
        from newsevents.store import queries
        from newsevents.store.filters import EventFilter

        quads = [str(v) for v in quad] if isinstance(quad, list) else (None if quad is None else str(quad))
        flt = EventFilter.parse(type=type, mode=mode, quad=quads, actor=actor, country=country, start=start,
                                end=end, bbox=bbox, aux=aux, q=q, doc_id=doc_id, min_confidence=min_confidence,
                                said_by=said_by, duplicates=duplicates)
        # ``fit``: a file written before near-duplicates were linked (opened read-only, so not migrated) has no
        # ``duplicate_of`` column to test
        return self._result(queries.events(queries.fit(self._db.con, flt), sort, limit), "events")

    def quotes(self, speaker: str | None = None, medium: str | None = None, doc_id: str | None = None,
               q: str | None = None, limit: int | None = None) -> Result:
        """Stored quotes, newest first: ``speaker`` part of the speaker's name, ``medium`` of the medium's name or
        kind ("interview"), ``q`` words of the quote (the filters of ``GET /api/quotes``)."""
        from newsevents.store import queries
        from newsevents.store.filters import QuoteFilter

        return self._result(queries.quotes(QuoteFilter.parse(speaker, medium, doc_id, q), limit), "quotes")

    def actors(self, q: str | None = None, role: str | None = None, limit: int | None = None) -> Result:
        """Actors of stored events with their event counts, most active first: ``q`` part of a name or code,
        ``role`` actor or recipient (the filters of ``GET /api/actors``)."""
        from newsevents.store import queries
        from newsevents.store.filters import ActorFilter

        return self._result(queries.actors(ActorFilter.parse(q, role), limit), "actors")

    def places(self, q: str | None = None, country: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> Result:
        """Places the stored articles mention, one row per place with its GeoNames id, coordinates and counts:
        ``q`` part of its name, ``country`` ISO alpha-2 or alpha-3, ``doc_id`` one article's."""
        from newsevents.store import queries
        from newsevents.store.filters import PlaceFilter

        return self._result(queries.places(PlaceFilter.parse(q, country, doc_id), limit), "places")

    def ingest(self, inputs: str | Path | Iterable[str | Path], *, workers: int = 1, batch_size: int = 16,
               model: str | None = None, actors_file: str | Path | None = None,
               agents_file: str | Path | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
               date: str | None = None, date_from: str | None = None,
               on_error: Callable[[InputError], None] | None = None) -> IngestStats:
        """Code files or directories (every input format of ``newsevents ingest``) into this store, as
        ``newsevents ingest`` does: unchanged articles are skipped, changed ones replaced, one transaction per
        batch. An unreadable input is reported through ``on_error`` (default: one line on stderr) and counted in
        the returned stats' ``errors``; the others are stored. ``date`` (YYYY-MM-DD) and ``date_from`` (``"name"``:
        a date in the file name, ``"mtime"``: the file's time) date the articles that have no date of their own."""
        from newsevents.pipeline import load_knowledge
        from newsevents.pyapi.coding import coder
        from newsevents.runner.ingest import ingest
        from newsevents.runner.local import CoderSpec

        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; open it with newsevents.open(path) to ingest")
        from newsevents.ingest.dates import DefaultDates

        dates = DefaultDates.parse(date, date_from)  # a bad value: ValueError before anything is read
        paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
        load_knowledge(actors_file, agents_file)  # a malformed dictionary stops here, before any article is read
        spec = CoderSpec(model=model, options={"actors_file": actors_file, "agents_file": agents_file,
                                               "min_confidence": min_confidence})
        shared = coder(model, actors_file, agents_file, None, min_confidence) if workers <= 1 else None
        before = shared.kb.registry if shared else None
        try:
            return ingest(paths, self._db, spec=spec, workers=workers, batch_size=batch_size,
                          on_error=on_error or _print_error, coder=shared, dates=dates)
        finally:  # the batches lent the shared coder this store's registry: ``code`` must not keep using it
            if shared:
                shared.kb.registry = before


def _print_error(err: InputError) -> None:
    print(f"error: {err}", file=sys.stderr)
