"""CLI command ``link`` (registered on the main app): near-duplicates, event clusters and stories over a store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.main import app
from newsevents.errors import NewseventsError

DEFAULT_DB = "newsevents.duckdb"  # literal, so `--help` does not import DuckDB


@app.command()
def link(
    db: Annotated[str, typer.Option("--db", help="DuckDB file written by `newsevents ingest`.")] = DEFAULT_DB,
    window: Annotated[int, typer.Option("--window", min=0, max=60,
                                        help="Days apart two reports of one happening may be dated.")] = 3,
) -> None:
    """Link near-duplicate articles to their originals, then group the events into clusters (reports of one
    happening) and the articles into stories; rerun after each ingest (docs/clusters.md)."""
    from newsevents.store import Store
    from newsevents.store.backend import is_postgres, unsupported

    if is_postgres(db):
        typer.echo(f"error: {unsupported('`newsevents link`')}", err=True)
        raise typer.Exit(2)
    if not Path(db).exists():
        typer.echo(f"error: {db}: no such database; create it with `newsevents ingest INPUT --db {db}`", err=True)
        raise typer.Exit(2)
    try:
        store = Store(db)
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    start = time.perf_counter()
    try:
        links, built = store.link(window)
    finally:
        store.close()
    typer.echo(f"linked {db}: {len(links)} near-duplicate articles; {built.events} events in {built.clusters} "
               f"clusters ({built.merged} of two or more reports); {built.stories} stories; "
               f"{time.perf_counter() - start:.1f} s", err=True)
