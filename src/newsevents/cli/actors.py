"""CLI commands for the actors stage: ``newsevents actors`` lists and searches the actor registry."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from newsevents.cli.main import app, open_database


@app.command()
def actors(
    db: Annotated[str, typer.Option("--db", help="The DuckDB store written by `newsevents ingest`, or "
                                    "postgresql://USER@HOST/DB.")] = "newsevents.duckdb",
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only actors whose name or an alias contains this text.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many actors.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List the actor registry: canonical actors, codes, aliases and the roles articles stated."""
    from newsevents.store import queries
    from newsevents.store.filters import RegistryFilter

    con = open_database(db)
    try:
        found = queries.has_table(con, "registry_actors")
        rows = queries.registry_actors(RegistryFilter(search), limit).dicts(con) if found else []
    finally:
        con.close()
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    if fmt != "table":
        typer.echo(f"error: --format {fmt!r}: use table or jsonl", err=True)
        raise typer.Exit(2)
    if not rows:
        typer.echo("no actors" + (f" matching {search!r}" if search else "") + f" in {db}")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "code", "kind", "articles", "last seen", "aliases", "roles from text")
    for r in rows:
        table.add_row(r["name"], r["code"] or "", r["kind"] or "", str(r["n_docs"]), str(r["last_seen"] or ""),
                      r["aliases"] or "", r["roles"] or "")
    Console(width=200).print(table)
