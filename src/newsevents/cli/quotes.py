"""``newsevents quotes --db PATH [--speaker NAME] [--medium NAME]``: who said what, through which medium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from newsevents.cli.main import app, open_database

_COLUMNS = (
    "id", "doc_id", "speaker_name", "speaker_code", "cue_text", "type", "medium_name", "medium_kind", "date",
    "content_text", "content_start", "content_end", "record",
)


def query_quotes(
    con: Any, speaker: str | None = None, medium: str | None = None, about: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Rows of the ``quotes`` table matching the filters (case-insensitive substrings), in text order."""
    import duckdb

    where, params = [], []
    if speaker:
        where.append("speaker_name ILIKE ?")
        params.append(f"%{speaker}%")
    if medium:
        where.append("(medium_name ILIKE ? OR medium_kind ILIKE ?)")
        params += [f"%{medium}%", f"%{medium}%"]
    if about:
        where.append("content_text ILIKE ?")
        params.append(f"%{about}%")
    sql = f"SELECT {', '.join(_COLUMNS)} FROM quotes"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY doc_id, content_start LIMIT ?"
    params.append(limit)
    tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_name = 'quotes'").fetchall()
    if not tables:
        raise duckdb.CatalogException("no quotes table")
    rows = con.execute(sql, params).fetchall()
    return [dict(zip(_COLUMNS, row, strict=True)) for row in rows]


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
    db: Annotated[Path, typer.Option("--db", help="DuckDB file written by `newsevents ingest`.")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name contains this (any case).")] = None,
    medium: Annotated[
        str | None, typer.Option("--medium", help="Medium name or kind contains this: 'Al Arabiya', 'interview'.")
    ] = None,
    about: Annotated[str | None, typer.Option("--about", help="Quote content contains this: 'Taliban'.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl (one contract Quote per line).")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="At most this many quotes.")] = 100,
) -> None:
    """List the quotes stored in a database: who said what, through which medium, when."""
    import duckdb

    if fmt not in ("table", "jsonl"):
        typer.echo(f"error: --format {fmt!r} is not one of: table, jsonl", err=True)
        raise typer.Exit(2)
    con = open_database(db)
    try:
        rows = query_quotes(con, speaker=speaker, medium=medium, about=about, limit=limit)
    except duckdb.CatalogException:
        typer.echo(f"error: {db} has no quotes table; fill it with `newsevents ingest FILES --db {db}`", err=True)
        raise typer.Exit(1) from None
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
