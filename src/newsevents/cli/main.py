"""The ``newsevents`` command: one typer app; each command lives in a small function here or in a sibling module."""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from newsevents.errors import InputError, InputWarning, KnowledgeError, NewseventsError
from newsevents.ingest import read_inputs
from newsevents.ingest.checks import DEFAULT_MAX_CHARS
from newsevents.models import DEFAULT_MIN_CONFIDENCE, Article
from newsevents.nlp.model import DEFAULT_MODEL

HELP = """Turn news articles into political event data: who did what to whom, when and where, and who says so.

Events are coded in PLOVER 2.0 and CAMEO, each with its actors, date, place and the sentence it comes from;
quotes come with their speaker and medium, places with GeoNames ids. It all runs offline, on your computer.

Start with `newsevents ingest FOLDER` to code a folder of articles (.txt, .jsonl, .html, RSS, WARC, Parquet)
into a DuckDB file; then `events`, `quotes` and `actors` search it, `export` writes it for R, Stata or GDELT
tools, and `serve` opens the dashboard in your browser. `code FILE` prints coded articles as JSON lines without
storing them; `eval` scores the coder against a gold standard.
"""
EPILOG = ("Every command has --help. Guides: docs/tutorial.md (from install to a chart), docs/python.md "
          "(pandas, polars), docs/cli.md (every option).")

app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP, epilog=EPILOG)

ModelOpt = Annotated[str, typer.Option("--model", help="Installed spaCy pipeline (package name or path).")]
ActorsOpt = Annotated[
    Path | None, typer.Option("--actors", help="PETRARCH/Phoenix actor dictionary to use on top of ours.")
]
AgentsOpt = Annotated[Path | None, typer.Option("--agents", help="PETRARCH/Phoenix agent dictionary.")]
TriageOpt = Annotated[
    bool | None,
    typer.Option("--triage/--no-triage", help="Parse only sentences that can hold an event or a quote "
                 "(default: NEWSEVENTS_TRIAGE, else off; see docs/scaling.md)."),
]

CodeMinConfidenceOpt = Annotated[
    float, typer.Option("--min-confidence", help="Drop events below this confidence (0..1); the article's notes "
                        "name the dropped ones.")
]
QueryMinConfidenceOpt = Annotated[
    float | None, typer.Option("--min-confidence", help="Only events with at least this confidence (0..1).")
]


DateOpt = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none, so relative "
                             "dates such as 'on Tuesday' resolve.")
]
DateFromOpt = Annotated[
    str | None, typer.Option("--date-from", help="For undated articles of files: name (a date such as 2024-05-03 "
                             "in the file name) or mtime (the file's modification time); else --date.")
]


MaxCharsOpt = Annotated[
    int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters (default: 100,000, "
                      "four times the longest BBC article; memory grows with length, see docs/scaling.md).")
]


def default_dates(date: str | None, date_from: str | None) -> Any:
    """--date and --date-from checked (``ingest.dates.DefaultDates``); a bad value: one line and exit status 2."""
    from newsevents.ingest.dates import DefaultDates

    try:
        return DefaultDates.parse(date, date_from)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def check_min_confidence(value: float | None) -> None:
    """--min-confidence outside 0..1: one line and exit status 2."""
    if value is not None and not 0 <= value <= 1:
        typer.echo(f"error: --min-confidence {value:g}: give a confidence in 0..1", err=True)
        raise typer.Exit(2)


def report(err: InputError) -> None:
    """One line on stderr per unreadable input (or warning): file, line and what to do."""
    typer.echo(f"{'warning' if isinstance(err, InputWarning) else 'error'}: {err}", err=True)


def open_database(db: str | Path) -> Any:
    """Open a stored database read-only for a query command (``events``, ``quotes``, ``actors``, ``export``): a
    DuckDB file, or a PostgreSQL database for a ``postgresql://`` URL (``store/backend.py``).

    A missing or unopenable database exits with status 2 and one line saying what to do.
    """
    if is_url(db):
        return _open_postgres(str(db))
    import duckdb

    db = Path(db)
    if not db.exists():
        typer.echo(f"error: {db}: no such database; create it with `newsevents ingest INPUT --db {db}`", err=True)
        raise typer.Exit(2)
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        typer.echo(f"error: {db}: {database_message(exc)}", err=True)
        raise typer.Exit(2) from exc


def is_url(db: str | Path) -> bool:
    """Whether ``--db`` is a PostgreSQL URL (typer hands every --db over as text: a Path would fold its //)."""
    from newsevents.store.backend import is_postgres

    return is_postgres(str(db)) if isinstance(db, str) else False


def shown(db: str | Path) -> str:
    """``--db`` as it may be printed (a URL without its password)."""
    from newsevents.store.backend import shown as without_password

    return without_password(db)


def _open_postgres(url: str) -> Any:
    from newsevents.store import queries
    from newsevents.store.backend import PgConnection, shown

    try:
        con: Any = PgConnection(url, read_only=True)  # answers what queries ask of a DuckDB connection
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not queries.has_table(con, "articles"):
        con.close()
        typer.echo(f"error: {shown(url)}: no newsevents store in this database; create it with "
                   f"`newsevents ingest INPUT --db {shown(url)}`", err=True)
        raise typer.Exit(2)
    return con


def database_message(exc: Exception) -> str:
    """What went wrong with a database file, and what to do: the catalogue's E016 with the hint for its cause."""
    from newsevents import errors

    return errors.E016.format(detail=" ".join(str(exc).split())[:300])


def articles_only(items: Iterator[Article | InputError], failures: list[InputError]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            report(item)
            if not isinstance(item, InputWarning):
                failures.append(item)
        else:
            yield item


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for JSONL on stdin.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSONL here (default stdout).")] = None,
    model: ModelOpt = DEFAULT_MODEL,
    actors: ActorsOpt = None,
    agents: AgentsOpt = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print why each candidate sentence gave no event.")
    ] = False,
    batch_size: Annotated[int, typer.Option("--batch-size")] = 16,
    triage: TriageOpt = None,
    min_confidence: CodeMinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
    date: DateOpt = None,
    date_from: DateFromOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
) -> None:
    """Code articles and print one JSON line each (events, quotes, places, actors, notes); nothing is stored."""
    from newsevents.pipeline import Coder
    from newsevents.runner.batches import code_batch

    check_min_confidence(min_confidence)
    dates = default_dates(date, date_from)
    coder = Coder(model=model, actors_file=actors, agents_file=agents, explain=explain, triage=triage,
                  min_confidence=min_confidence)
    failures: list[InputError] = []
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    articles = articles_only(read_inputs(inputs, last_wins=True, dates=dates, max_chars=max_chars), failures)
    try:
        # batch by batch, so an article the coder raises on costs only itself (reported, the batch goes on)
        for batch in iter(lambda: list(itertools.islice(articles, batch_size)), []):
            result = code_batch(coder, batch, batch_size)
            for err in result.failed:
                report(err)
                failures.append(err)
            for _, coded in result.coded:
                out.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
                if explain:
                    for note in coded.notes:
                        typer.echo(f"{coded.doc_id}: {note}", err=True)
    finally:
        if output:
            out.close()
    if failures:
        typer.echo(f"{len(failures)} input(s) could not be read or coded; the others were coded.", err=True)
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the newsevents version."""
    from newsevents.version import __version__

    typer.echo(__version__)


# Command modules register themselves on ``app`` when imported.
for _module in ("actors", "evaluate", "link", "quotes", "serve", "store", "watch"):
    importlib.import_module(f"newsevents.cli.{_module}")


@app.callback()
def _check_eval_knowledge(ctx: typer.Context) -> None:
    # `eval` codes with the shipped knowledge and the user's NEWSEVENTS_EVENT_LEXICON: checked here, before a
    # scorer reads its gold file (`code` and `ingest` check theirs, with their --actors/--agents, first thing)
    if ctx.invoked_subcommand == "eval" and "--help" not in sys.argv:
        from newsevents.pipeline import load_knowledge

        load_knowledge()


def main() -> None:
    try:
        app()
    except (KnowledgeError, NewseventsError) as exc:  # a malformed lexicon, dictionary or input file (a gold file
        # of `eval` among them): one line naming file and line, no traceback
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # a file that is missing, a folder given for a file: the path and what is wrong
        typer.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(2)
