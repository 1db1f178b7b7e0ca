"""The REST API and dashboard server: ``create_app(db_path, token=None)`` builds the FastAPI app over a store.

Read endpoints live under ``/api``; ``POST /api/articles`` codes and stores new articles when a bearer
token is configured (``token`` or ``NEWSEVENTS_TOKEN``), and is off otherwise. The dashboard is served at
``/`` and an offline API docs page at ``/docs`` (no CDN).
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Match

from newsevents.api import views
from newsevents.api.clusters import add_routes as add_cluster_routes
from newsevents.api.errors import ApiError, BodySizeLimit, HostGuard, error_responses, install_error_handlers
from newsevents.api.ingest import payload_schemas
from newsevents.api.ingest import router as ingest_router
from newsevents.api.params import type_parameters
from newsevents.errors import NewseventsError
from newsevents.export.writers import FORMATS, iter_text, write_parquet
from newsevents.ingest.checks import DEFAULT_MAX_CHARS
from newsevents.store import queries
from newsevents.store.backend import is_postgres, shown
from newsevents.store.filters import EventFilter, QuoteFilter, parse_bbox, parse_date

DEFAULT_MAX_BODY = 2_000_000  # bytes; a long article is ~50 kB, so this holds a batch of dozens
# the methods an OPTIONS answer may list (each is tried against the routes of the path)
PROBED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
# the names a local server answers to by default (``serve --allow-host`` adds more)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WEB = Path(str(resources.files("newsevents.web")))
STATIC = WEB / "static"

# Content-Security-Policy of every response: only our own scripts, styles and images, nothing inline.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def open_store(db_path: str | Path, writable: bool):
    """Open the store (creating its schema first if the file is new); read-only unless we accept writes."""
    from newsevents.store.db import Store

    if is_postgres(db_path):  # a PostgreSQL database (store/backend.py): its schema is made by writers
        store = Store(db_path, read_only=not writable)
        if not queries.has_table(store.con, "articles"):
            store.close()
            raise NewseventsError(f"{shown(db_path)}: no newsevents store in this database; create it with "
                                  f"`newsevents ingest INPUT --db {shown(db_path)}`")
        return store
    path = Path(db_path)
    if not path.exists() or writable:
        Store(path).close()  # creates the file and schema, runs migrations
    return Store(path, read_only=not writable)


def create_app(db_path: str | Path, token: str | None = None, coder: Any = None,
               max_body: int = DEFAULT_MAX_BODY, max_chars: int = DEFAULT_MAX_CHARS,
               allowed_hosts: frozenset[str] | None = None, store: Any = None) -> FastAPI:
    """The API + dashboard app over the DuckDB store at ``db_path``.

    ``token`` (else ``$NEWSEVENTS_TOKEN``) enables ``POST /api/articles``; ``coder`` lets tests share a loaded
    ``pipeline.Coder`` (else one is loaded on the first write). ``max_chars``: characters of article text one
    request may hold. ``allowed_hosts``: the Host names answered (``serve`` passes the loopback names and its
    ``--allow-host``); None answers every name (an app embedded in a test client or another server).
    """
    token = token if token is not None else (os.environ.get("NEWSEVENTS_TOKEN") or None)
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from newsevents.web.basemap import world_svg

        # build the base map off the request path, so the dashboard's first load does not wait for it
        threading.Thread(target=world_svg, daemon=True).start()
        yield
        app.state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsevents API",
        version=_version(),
        description="Political events coded from news (PLOVER 2.0 / CAMEO), with their evidence.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        responses=error_responses(400, 404, 422, 500),  # any endpoint: a bad filter or Host, a missing item, a bug
    )
    # ``store``: one opened for writing by the caller (``serve --watch`` writes while the API reads)
    app.state.store = store if store is not None else open_store(db_path, writable=bool(token))
    app.state.token = token
    app.state.coder = coder
    app.state.coder_lock = threading.Lock()
    app.state.write_lock = threading.Lock()
    app.state.max_body = max_body
    app.state.max_chars = max_chars
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, allowed=frozenset(h.lower() for h in allowed_hosts))

    @app.middleware("http")
    async def options(request: Request, call_next):
        # OPTIONS lists every method of the path (Starlette would answer 405 naming one route's methods only)
        if request.method != "OPTIONS":
            return await call_next(request)
        routes = app.router.routes
        methods = {m for m in PROBED_METHODS
                   if any(route.matches({**request.scope, "method": m})[0] == Match.FULL for route in routes)}
        if not methods:
            return await call_next(request)
        return Response(status_code=204, headers={"Allow": ", ".join(sorted(methods | {"OPTIONS"}))})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    _routes(app)
    add_cluster_routes(app, Cursor, Filter, Limit, Offset)  # /api/clusters, /api/stories (api/clusters.py)
    app.include_router(ingest_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        # the body of POST /api/articles is read after the token check (api/ingest.py), so its models are
        # added to the document's components here
        if app.openapi_schema is None:
            schema = build_openapi()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(payload_schemas(max_chars))
            type_parameters(schema)  # each filter typed as the store checks it (api/params.py)
        return app.openapi_schema or schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _version() -> str:
    from newsevents.version import __version__

    return __version__


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB cursor per request (cursors are safe to use from the server's worker threads); on PostgreSQL a
    connection per request."""
    cur = request.app.state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def event_filter(
    type: Annotated[list[str] | None, Query(description="PLOVER event type(s), e.g. ASSAULT or PROTEST,COERCE")] = None,  # noqa: A002
    mode: Annotated[list[str] | None, Query(description="PLOVER mode(s), e.g. arrest")] = None,
    quad: Annotated[list[str] | None, Query(description="Quad class(es): 1 verbal coop .. 4 material conflict")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor/recipient name part, or code")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-2/3: actor, recipient or place")] = None,
    start: Annotated[str | None, Query(description="First event date, YYYY-MM-DD")] = None,
    end: Annotated[str | None, Query(description="Last event date, YYYY-MM-DD")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    aux: Annotated[list[str] | None, Query(description="negated, future, hypothetical, historical or none")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Free text: trigger, actors, place, speaker")] = None,
    said_by: Annotated[str | None, Query(max_length=200, description="Name part of the speaker who reported it")]
    = None,
    doc_id: Annotated[str | None, Query(max_length=300)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    duplicates: Annotated[bool, Query(description="Also the events of near-duplicate articles (left out by "
                                                  "default: they repeat their original's events)")] = False,
) -> EventFilter:
    """The event filters every list, count, map and export endpoint accepts.

    A range empty by construction (``start`` after ``end``, ``min_lat`` above ``max_lat``) is an empty answer
    with a note (``views.empty_range``), not a 400: the OpenAPI schema cannot say that one parameter must not
    pass another, and every value it allows is accepted. A bbox whose ``min_lon`` exceeds its ``max_lon`` crosses
    the antimeridian (RFC 7946, 5.2). The CLI keeps refusing both (``store/filters.py``)."""
    flt = EventFilter.parse(type=type, mode=mode, quad=quad, actor=actor, country=country, aux=aux, q=q,
                            said_by=said_by, doc_id=doc_id, min_confidence=min_confidence, duplicates=duplicates)
    return replace(flt, start=parse_date("start", start), end=parse_date("end", end),
                   bbox=parse_bbox(bbox, ordered=False))


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]


def _routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    @app.get("/basemap.svg", include_in_schema=False)
    def basemap() -> Response:
        from newsevents.web.basemap import world_svg

        return Response(world_svg(), media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/api/health", tags=["meta"])
    def health(cur: Cursor) -> dict[str, Any]:
        """Store size and whether write endpoints are on."""
        size = views.health(cur)
        return {"status": "ok", "events": size["events"], "articles": size["articles"],
                "writes": bool(app.state.token), "version": _version()}

    @app.get("/api/events", tags=["events"])
    def events(cur: Cursor, flt: Filter, sort: Annotated[str, Query(max_length=30)] = "-date",
               limit: Limit = 50, offset: Offset = 0, total: bool = True) -> dict[str, Any]:
        """Events matching the filters, one page, sorted (-date = newest first; also goldstein, confidence...)."""
        return views.list_events(cur, flt, sort, limit, offset, total)

    @app.get("/api/events/{event_id}", tags=["events"], responses=error_responses(404))
    def event(cur: Cursor, event_id: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        """One event with its evidence sentence, article, quotes and place."""
        found = views.get_event(cur, event_id)
        if found is None:
            raise ApiError(404, f"no event with id {event_id!r}", "event_id")
        return found

    @app.get("/api/articles", tags=["articles"])
    def articles(cur: Cursor, q: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 50,
                 offset: Offset = 0,
                 duplicates: Annotated[str | None, Query(pattern="^(only|none)$", description=(
                     "only: the near-duplicates alone; none: the originals alone (default: every article)"))]
                 = None) -> dict[str, Any]:
        """Stored articles, newest first; ``q`` searches titles and text."""
        return views.list_articles(cur, q, limit, offset, duplicates)

    @app.get("/api/articles/{doc_id}", tags=["articles"], responses=error_responses(404))
    def article(cur: Cursor, doc_id: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        """One article's text with its annotated spans (evidence, triggers, actors, places, quotes)."""
        found = views.get_article(cur, doc_id)
        if found is None:
            raise ApiError(404, f"no article with id {doc_id!r}", "doc_id")
        return found

    @app.get("/api/actors", tags=["actors"])
    def actors(cur: Cursor, q: Annotated[str | None, Query(max_length=200)] = None,
               role: Annotated[str | None, Query(pattern="^(actor|recipient)$")] = None,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Actors in events with their event counts."""
        return views.list_actors(cur, q, role, limit, offset)

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(cur: Cursor,
               speaker: Annotated[str | None, Query(max_length=200, description="Speaker name part")] = None,
               medium: Annotated[str | None, Query(max_length=200, description="Medium name or kind part")] = None,
               doc_id: Annotated[str | None, Query(max_length=300)] = None,
               q: Annotated[str | None, Query(max_length=200, description="Words in the quote")] = None,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Quotes by speaker, medium, article or content words, newest first."""
        return views.list_quotes(cur, QuoteFilter.parse(speaker=speaker, medium=medium, doc_id=doc_id, q=q),
                                 limit, offset)

    @app.get("/api/counts", tags=["aggregates"])
    def counts(cur: Cursor, flt: Filter,
               by: Annotated[str, Query(max_length=100, description="e.g. day,quad | type | country | actor_pair")]
               = "day,quad",
               limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
               in_span: Annotated[bool | None, Query(description=(
                   "true: leave out events dated by a year alone outside the corpus's years (the timeline's "
                   "default); true or false: also report the years (span) and how many such events there are"))]
               = None) -> dict[str, Any]:
        """Event counts per day, month, type, mode, quad class, country, actor, recipient, place (up to 3 at once)."""
        return views.counts(cur, flt, by, limit, in_span)

    @app.get("/api/map", tags=["aggregates"])
    def map_points(cur: Cursor, flt: Filter,
                   limit: Annotated[int, Query(ge=1, le=20_000)] = 3000) -> dict[str, Any]:
        """Events per place: coordinates, count, dominant quad class, and one event to open."""
        return views.map_points(cur, flt, limit)

    @app.get("/api/export", tags=["export"], response_class=Response,
             responses={200: {"content": {m: {} for m, _ in FORMATS.values()}}})
    def export(request: Request, flt: Filter,
               format: Annotated[str, Query(pattern="^(plover|gdelt|icews|csv|parquet)$")] = "plover",  # noqa: A002
               sort: Annotated[str, Query(max_length=30)] = "date",
               limit: Annotated[int | None, Query(ge=1, le=10_000_000)] = None) -> Response:
        """Download the matching events as PLOVER JSONL, GDELT 2.0 TSV, ICEWS TSV, CSV or Parquet."""
        from newsevents.store.filters import order_by

        order_by(sort)  # validate before streaming starts, so a bad key is a 400, not a broken download
        media, suffix = FORMATS[format]
        name = f"newsevents-{format}{suffix}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        con = request.app.state.store.con
        if format == "parquet":
            buf = io.BytesIO()
            write_parquet(con, buf, flt, sort, limit)
            return Response(buf.getvalue(), media_type=media, headers=headers)
        lines = (line.encode("utf-8") for line in iter_text(con, format, flt, sort, limit))
        return StreamingResponse(lines, media_type=media, headers=headers)
