"""``newsevents quotes --db PATH [--speaker NAME] [--medium NAME]``: who said what, through which medium.

The rows are those of ``GET /api/quotes`` for the same filters (``store/queries.py``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from newsevents.cli.main import app, open_database


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """The contract Quote object of a row (the stored JSON when there is one), with its article id."""
    record = row["record"]
    if isinstance(record, str):
        record = json.loads(record)
    if not record:
        record = {
            "id": row["id"], "speaker": {"name": row["speaker_name"]} if row["speaker_name"] else None,
            "cue": {"text": row["cue_text"]}, "type": row["type"],
            "content": {"text": row["content_text"], "start": row["content_start"], "end": row["content_end"]},
            "medium": {"name": row["medium_name"], "kind": row["medium_kind"]} if row["medium_name"] else None,
            "date": str(row["date"]) if row["date"] else None,
        }
    return {"doc_id": row["doc_id"], **record}


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: list[dict[str, Any]]) -> str:
    header = f"{'id':<16} {'speaker':<22} {'cue':<10} {'type':<8} {'medium':<28} {'date':<10} content"
    lines = [header]
    for r in rows:
        medium = f"{r['medium_name']} ({r['medium_kind']})" if r["medium_name"] else ""
        lines.append(
            f"{_cell(r['id'], 16):<16} {_cell(r['speaker_name'], 22):<22} {_cell(r['cue_text'], 10):<10} "
            f"{_cell(r['type'], 8):<8} {_cell(medium, 28):<28} {_cell(r['date'], 10):<10} "
            f"{_cell(r['content_text'], 80)}"
        )
    lines.append(f"{len(rows)} quote(s)")
    return "\n".join(lines)


@app.command()
def quotes(
    db: Annotated[str, typer.Option("--db", help="DuckDB file written by `newsevents ingest`, or "
                                    "postgresql://USER@HOST/DB.")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name contains this (any case).")] = None,
    medium: Annotated[
        str | None, typer.Option("--medium", help="Medium name or kind contains this: 'Al Arabiya', 'interview'.")
    ] = None,
    about: Annotated[str | None, typer.Option("--about", help="Quote content contains this: 'Taliban'.")] = None,
    doc_id: Annotated[str | None, typer.Option("--doc-id", help="Only the quotes of this article.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl (one contract Quote per line).")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="At most this many quotes.")] = 100,
) -> None:
    """List the quotes stored in a database, newest first: who said what, through which medium, when."""
    import duckdb

    from newsevents.store import queries
    from newsevents.store.filters import QuoteFilter

    if fmt not in ("table", "jsonl"):
        typer.echo(f"error: --format {fmt!r} is not one of: table, jsonl", err=True)
        raise typer.Exit(2)
    flt = QuoteFilter.parse(speaker=speaker, medium=medium, doc_id=doc_id, q=about)
    con = open_database(db)
    try:
        if not queries.has_table(con, "quotes"):
            typer.echo(f"error: {db} has no quotes table; fill it with `newsevents ingest FILES --db {db}`", err=True)
            raise typer.Exit(1)
        rows = queries.quotes(flt, limit, record=fmt == "jsonl").dicts(con)
    except duckdb.Error as err:
        typer.echo(f"error: {db}: cannot read the database ({err}); is it a newsevents DuckDB file?", err=True)
        raise typer.Exit(1) from None
    finally:
        con.close()
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(_record(row), ensure_ascii=False, default=str))
    else:
        typer.echo(format_table(rows))
