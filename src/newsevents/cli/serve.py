"""CLI commands for the serve stage: ``newsevents serve`` (API + dashboard) and ``newsevents export``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.main import QueryMinConfidenceOpt, app, open_database

DbOpt = Annotated[str, typer.Option("--db", help="DuckDB store written by `newsevents ingest`, or a PostgreSQL "
                                    "database: postgresql://USER@HOST:PORT/DB.")]


@app.command()
def serve(
    db: DbOpt,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    watch: Annotated[list[str] | None, typer.Option("--watch", help="Also follow these feeds or folders into the "
                     "store (repeat; see `watch`).")] = None,
    every: Annotated[str, typer.Option("--every", help="With --watch: time between two passes.")] = "15m",
    delay: Annotated[float, typer.Option("--delay", min=0, help="With --watch: seconds between two requests to one "
                                         "host.")] = 1.0,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="Also answer requests for this Host "
                          "name (repeat; the loopback names and --host are allowed; * allows any).")] = None,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store.

    POST /api/articles is on only when NEWSEVENTS_TOKEN is set (clients send it as a bearer token).
    """
    import uvicorn

    from newsevents.api import create_app
    from newsevents.errors import NewseventsError

    if os.environ.get("NEWSEVENTS_TOKEN"):  # POST /api/articles codes: check its lexicons before serving
        from newsevents.pipeline import load_knowledge

        load_knowledge()
    from newsevents.api.app import LOOPBACK_HOSTS

    hosts = None if "*" in (allow_host or []) else LOOPBACK_HOSTS | {host, *(allow_host or [])}
    from newsevents.cli.watch import start_watching

    # one process, one database: the watcher writes a batch at a time, API reads see each commit at once
    watched, stop_watching = start_watching(db, watch, every, delay=delay) if watch else (None, None)
    try:
        web = create_app(db, store=watched, allowed_hosts=hosts)
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"newsevents: dashboard http://{host}:{port}/  API docs http://{host}:{port}/docs", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
    if stop_watching:
        stop_watching()


@app.command("export")
def export_cmd(
    db: DbOpt,
    fmt: Annotated[str, typer.Option("--format", "-f", help="plover | gdelt | icews | csv | parquet")] = "plover",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type(s), repeat or comma-join.")] = None,
    mode: Annotated[list[str] | None, typer.Option("--mode", help="PLOVER mode(s).")] = None,
    quad: Annotated[list[str] | None, typer.Option("--quad", help="Quad class(es) 1-4.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor/recipient name substring or code.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2/3 of actor, recipient or place.")]
    = None,
    start: Annotated[str | None, typer.Option("--start", help="First date, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last date, YYYY-MM-DD.")] = None,
    bbox: Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat")] = None,
    aux: Annotated[list[str] | None, typer.Option("--aux", help="negated|future|hypothetical|historical|none")]
    = None,
    q: Annotated[str | None, typer.Option("--q", help="Free text over trigger, actors, place.")] = None,
    min_confidence: QueryMinConfidenceOpt = None,
    sort: Annotated[str, typer.Option("--sort", help="date, -date, goldstein, confidence, ...")] = "date",
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    header: Annotated[bool | None, typer.Option("--header/--no-header", help="Header row (default: format's custom).")]
    = None,
) -> None:
    """Export stored events as PLOVER JSONL, GDELT 2.0 TSV (61 columns), ICEWS TSV, CSV or Parquet."""
    from newsevents.export import FORMATS, write_export
    from newsevents.store.filters import EventFilter, FilterError, order_by

    if fmt not in FORMATS:
        typer.echo(f"error: --format {fmt!r} is not one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    if fmt == "parquet" and output is None:
        typer.echo("error: Parquet is binary: give --output FILE.parquet", err=True)
        raise typer.Exit(2)
    try:
        flt = EventFilter.parse(type=type_, mode=mode, quad=quad, actor=actor, country=country, start=start, end=end,
                                bbox=bbox, aux=aux, q=q, min_confidence=min_confidence)
        order_by(sort)
    except FilterError as exc:
        typer.echo(f"error: --{exc.param.replace('_', '-')}: {str(exc).split(': ', 1)[-1]}", err=True)
        raise typer.Exit(2) from exc
    con = open_database(db)
    try:
        if output:
            with output.open("wb") as out:
                n = write_export(con, fmt, out, flt, sort, limit, header)
        else:
            n = write_export(con, fmt, sys.stdout.buffer, flt, sort, limit, header)
            sys.stdout.buffer.flush()
    finally:
        con.close()
    typer.echo(f"{n} event(s) exported as {fmt}" + (f" to {output}" if output else ""), err=True)
