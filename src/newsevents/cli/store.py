"""CLI commands for the store stage (registered on the main app): ``ingest``, ``events``, ``articles``, ``load``."""

from __future__ import annotations

import csv
import json
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.main import (
    ActorsOpt,
    AgentsOpt,
    CodeMinConfidenceOpt,
    DateFromOpt,
    DateOpt,
    MaxCharsOpt,
    ModelOpt,
    QueryMinConfidenceOpt,
    TriageOpt,
    app,
    check_min_confidence,
    database_message,
    default_dates,
    is_url,
    open_database,
    report,
    shown,
)
from newsevents.errors import NewseventsError
from newsevents.ingest.checks import DEFAULT_MAX_CHARS
from newsevents.models import DEFAULT_MIN_CONFIDENCE
from newsevents.nlp.model import DEFAULT_MODEL

DEFAULT_DB = "newsevents.duckdb"  # literal, so `--help` does not import DuckDB

# text, not a Path: a PostgreSQL URL (postgresql://USER@HOST/DB) would lose a slash of its //
DbOpt = Annotated[str, typer.Option("--db", help="DuckDB file (created if missing), or a PostgreSQL database: "
                                    "postgresql://USER@HOST:PORT/DB (docs/store.md).")]


def _count_articles(inputs: list[str]) -> int | None:
    """A cheap upper bound of the number of articles (for the ETA): JSONL lines and article files; None if unknown."""
    from newsevents.ingest.readers import is_supported

    total = 0
    budget = 2 * 1024**3  # counting lines of more than 2 GB of JSONL would delay the start too long
    for p in inputs:
        path = Path(p)
        files = [c for c in sorted(path.rglob("*")) if c.is_file() and is_supported(c)] if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix == ".jsonl":
                try:
                    budget -= f.stat().st_size
                except OSError:
                    continue
                if budget < 0:
                    return None
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    continue
            elif suffix in (".txt", ".html", ".htm"):
                total += 1
            else:
                return None  # feeds, WARC, Parquet, stdin: the count is not known without reading them
    return total


def _summary_table(by_run: dict[str, int], in_db: dict[str, int]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Events by type")
    table.add_column("type")
    table.add_column("this run", justify="right")
    table.add_column("in database", justify="right")
    for t in sorted(set(by_run) | set(in_db), key=lambda t: (-in_db.get(t, 0), t)):
        table.add_row(t, str(by_run.get(t, 0)), str(in_db.get(t, 0)))
    table.add_row("[b]total[/b]", str(sum(by_run.values())), str(sum(in_db.values())))
    Console().print(table)


def _open_store(db: str | Path):
    import duckdb

    from newsevents.store import Store

    try:
        return Store(db)
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except duckdb.Error as exc:  # opened, but its tables cannot be read (a truncated or damaged file)
        typer.echo(f"error: {db}: {database_message(exc)}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, feeds, WARC, Parquet, or - for JSONL.")],
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (one model each).")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (multiprocessing) or ray.")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster address (engine ray).")] = None,
    parquet_dir: Annotated[
        Path | None, typer.Option("--parquet-dir", help="Where the Ray engine writes Parquet partitions.")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per parse batch and transaction.")] = 16,
    model: ModelOpt = DEFAULT_MODEL,
    actors: ActorsOpt = None,
    agents: AgentsOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line on stderr per stored batch.")] = False,
    summary: Annotated[bool, typer.Option("--summary/--no-summary", help="Print the events-by-type table.")] = True,
    triage: TriageOpt = None,
    min_confidence: CodeMinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
    date: DateOpt = None,
    date_from: DateFromOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
) -> None:
    """Code articles (files, folders, feeds) into a DuckDB store; a rerun skips unchanged articles."""
    if engine not in ("local", "ray"):
        typer.echo(f"error: --engine {engine!r}: use local or ray", err=True)
        raise typer.Exit(2)
    check_min_confidence(min_confidence)
    dates = default_dates(date, date_from)
    if dates and engine == "ray":
        typer.echo("error: --date and --date-from work with --engine local only (the Ray workers read the files)",
                   err=True)
        raise typer.Exit(2)
    from newsevents.nlp.triage import triage_default
    from newsevents.pipeline import load_knowledge
    from newsevents.runner.local import CoderSpec

    # the dictionaries and lexicons are checked here, before any article is read or the store is opened (the
    # workers load them again: a malformed file would otherwise fail every article, or kill the pool)
    load_knowledge(actors, agents)

    # resolved here, not in the workers: a Ray cluster's nodes do not share the driver's environment
    triage = triage_default() if triage is None else triage
    spec = CoderSpec(model=model, options={"actors_file": actors, "agents_file": agents, "triage": triage,
                                           "min_confidence": min_confidence})
    if engine == "ray":
        if is_url(db) and parquet_dir is None:
            typer.echo("error: --engine ray into PostgreSQL: give --parquet-dir DIR for the Ray workers' partitions",
                       err=True)
            raise typer.Exit(2)
        _ingest_ray(inputs, db, spec, batch_size, address, parquet_dir, workers, summary, max_chars)
        return
    import duckdb

    from newsevents.runner.ingest import IngestStats
    from newsevents.runner.ingest import ingest as run_ingest

    store = _open_store(db)
    progress = None
    task = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("{task.fields[events]} events"),
            TimeRemainingColumn(), console=Console(stderr=True), transient=False,
        )
        task = progress.add_task("ingest", total=_count_articles(inputs), rate=0.0, events=0)
        progress.start()
    last_batches = [0]

    def on_progress(stats: IngestStats) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=stats.done, rate=stats.done / max(stats.elapsed, 1e-6),
                            events=stats.events)
        if verbose and stats.batches > last_batches[0]:
            last_batches[0] = stats.batches
            typer.echo(f"stored batch {stats.batches}: {stats.written} articles stored, {stats.skipped} unchanged, "
                       f"{stats.events} events", err=True)

    def on_error(err) -> None:
        if progress is not None:
            progress.console.print(f"error: {err}", markup=False, highlight=False)
        else:
            report(err)

    try:
        stats = run_ingest(inputs, store, spec=spec, workers=workers, batch_size=batch_size,
                           on_error=on_error, on_progress=on_progress, dates=dates, max_chars=max_chars)
    except KeyboardInterrupt:
        if progress is not None:
            progress.stop()
        typer.echo("interrupted: every batch stored so far is kept; rerun the same command to resume.", err=True)
        store.close()
        raise typer.Exit(130) from None
    except BrokenProcessPool as exc:  # workers die before coding anything (a died worker's article is reported)
        typer.echo(f"error: {exc}; every batch stored so far is kept; rerun the same command to resume, with "
                   "fewer --workers if memory is short.", err=True)
        store.close()
        raise typer.Exit(1) from exc
    except duckdb.Error as exc:  # the file is damaged past what opening it checked
        typer.echo(f"error: {db}: {database_message(exc)}", err=True)
        raise typer.Exit(2) from exc
    finally:
        if progress is not None:
            progress.stop()
    in_db = store.events_by_type()
    store.close()
    rate = stats.done / max(stats.elapsed, 1e-6)
    typer.echo(
        f"ingested {stats.read} articles into {shown(db)}: {stats.written} stored ({stats.replaced} replaced), "
        f"{stats.skipped} unchanged skipped, {stats.events} events, {len(stats.errors)} errors, "
        f"{stats.elapsed:.1f} s ({rate:.1f} articles/s)",
        err=True,
    )
    if summary:
        _summary_table(dict(stats.by_type), in_db)
    if stats.errors:
        typer.echo(f"{len(stats.errors)} input(s) could not be read or coded; the others were stored.", err=True)
        raise typer.Exit(1)


def _ingest_ray(
    inputs: list[str], db: str, spec, batch_size: int, address: str | None, parquet_dir: Path | None,
    workers: int, summary: bool, max_chars: int = DEFAULT_MAX_CHARS,
) -> None:
    try:
        import ray  # noqa: F401
    except ImportError as exc:
        typer.echo("error: --engine ray needs Ray: pip install 'newsevents[ray]'", err=True)
        raise typer.Exit(2) from exc
    from newsevents.runner.ray_engine import load_parquet, run_ray

    out = parquet_dir or Path(db).with_name(Path(db).stem + ".parts")
    start = time.perf_counter()
    try:
        run = run_ray(inputs, out, spec=spec, batch_size=batch_size, address=address,
                      num_cpus=None if address else max(workers, 1), concurrency=max(workers, 1),
                      max_chars=max_chars)
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except Exception as exc:  # Ray wraps worker failures in many types; report one line, keep the cause chained
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        typer.echo(f"error: the Ray run failed ({type(exc).__name__}: {first}); nothing was loaded into {shown(db)}. "
                   "Is newsevents installed on every node?", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"ray: {run.articles} articles coded, {run.events} events, Parquet partitions in {out}", err=True)
    store = _open_store(db)
    try:
        loaded = load_parquet(store, out, on_error=report)
        in_db = store.events_by_type()
    finally:
        store.close()
    typer.echo(
        f"ingested {run.articles + len(run.errors)} inputs into {shown(db)}: {loaded.written} stored, {loaded.skipped} "
        f"unchanged skipped, {loaded.events} events, {len(loaded.errors)} errors, {time.perf_counter() - start:.1f} s",
        err=True,
    )
    if summary:
        _summary_table({}, in_db)
    if loaded.errors:
        typer.echo(f"{len(loaded.errors)} input(s) could not be read or coded; the others were stored.", err=True)
        raise typer.Exit(1)


@app.command()
def load(
    parquet_dir: Annotated[Path, typer.Argument(help="Parquet partitions written by `ingest --engine ray`.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Load Parquet partitions (one row per coded article) into DuckDB; unchanged articles are skipped."""
    from newsevents.runner.ray_engine import load_parquet

    store = _open_store(db)
    try:
        stats = load_parquet(store, parquet_dir, on_error=report)
    except NewseventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    typer.echo(f"loaded {stats.written} articles ({stats.events} events) into {shown(db)}; {stats.skipped} unchanged "
               f"skipped; {len(stats.errors)} errors", err=True)
    if stats.errors:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    event_type: Annotated[
        str | None, typer.Option("--type", "-t", help="PLOVER type(s), any case, comma-joined: PROTEST,COERCE.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", "-a", help="Part of an actor's or recipient's name, or a whole code.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only events on or after YYYY-MM-DD.")] = None,
    said_by: Annotated[
        str | None, typer.Option("--said-by", help="Only events reported by a speaker whose name contains this.")
    ] = None,
    min_confidence: QueryMinConfidenceOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most N events.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    duplicates: Annotated[
        bool, typer.Option("--duplicates", help="Also the events of near-duplicate articles (left out by default).")
    ] = False,
    clustered: Annotated[
        bool, typer.Option("--clustered", help="One row per happening (cluster of reports; `newsevents link` builds "
                                               "them), most reported first, with a member event matching.")
    ] = False,
) -> None:
    """Search the stored events, newest first, by type, actor, date, speaker or confidence (as `GET /api/events`)."""
    from newsevents.store import queries
    from newsevents.store.filters import EventFilter, FilterError

    if fmt not in ("table", "jsonl", "csv"):
        typer.echo(f"error: --format {fmt!r}: use table, jsonl or csv", err=True)
        raise typer.Exit(2)
    try:
        flt = EventFilter.parse(type=event_type, actor=actor, start=since, said_by=said_by,
                                min_confidence=min_confidence, duplicates=duplicates)
    except FilterError as exc:
        option = {"start": "since", "said_by": "said-by", "min_confidence": "min-confidence"}.get(exc.param, exc.param)
        typer.echo(f"error: --{option}: {str(exc).split(': ', 1)[-1]}", err=True)
        raise typer.Exit(2) from exc
    con = open_database(db)
    try:
        if clustered:
            _print_clusters(con, flt, limit, fmt, db)
            return
        rows = queries.events(queries.fit(con, flt), "-date", limit, record=fmt == "jsonl").dicts(con)
    finally:
        con.close()
    if fmt == "jsonl":
        for r in rows:
            rec = json.loads(r["record"]) if r["record"] else {}
            rec.setdefault("doc_id", r["doc_id"])
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    cols = ["id", "date", "event", "cameo", "actor_names", "recipient_names", "loc_name", "event_text"]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        extra = ["doc_id", "actor_codes", "recipient_codes", "quad_code", "goldstein", "confidence", "attributed_to",
                 "quote_id"]
        writer.writerow(cols + extra)
        for r in rows:
            writer.writerow([r[c] for c in cols + extra])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} events", title_justify="left")
    widths = {"id": 28, "date": 10, "event": 9, "cameo": 5, "actor_names": 24, "recipient_names": 24,
              "loc_name": 16, "event_text": 28}
    for c, head in zip(cols, ["id", "date", "type", "CAMEO", "actor", "recipient", "place", "trigger"], strict=True):
        table.add_column(head, no_wrap=True, overflow="ellipsis", max_width=widths[c])
    for r in rows:
        table.add_row(*[("" if r[c] is None else str(r[c])) for c in cols])
    # Piped output gets a wide table (one line per event) instead of rich's 80-column default.
    Console(width=None if sys.stdout.isatty() else 180).print(table)


@app.command()
def articles(
    db: DbOpt = DEFAULT_DB,
    q: Annotated[str | None, typer.Option("--q", "-q", help="Words in the title or the text.")] = None,
    duplicates: Annotated[
        str | None, typer.Option("--duplicates", help="only: the near-duplicates alone; none: the originals alone.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most N articles.")] = 50,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
) -> None:
    """List the stored articles, newest first, each with the original it repeats when it is a near-duplicate."""
    from newsevents.store import queries
    from newsevents.store.filters import ArticleFilter

    if fmt not in ("table", "jsonl", "csv"):
        typer.echo(f"error: --format {fmt!r}: use table, jsonl or csv", err=True)
        raise typer.Exit(2)
    if duplicates not in (None, "only", "none"):
        typer.echo(f"error: --duplicates {duplicates!r}: use only or none", err=True)
        raise typer.Exit(2)
    con = open_database(db)
    try:
        linked = queries.has_column(con, "articles", "duplicate_of")
        rows = queries.articles(ArticleFilter(q, duplicates if linked else None), limit, linked=linked).dicts(con)
    finally:
        con.close()
    cols = ["doc_id", "date", "source", "n_events", "duplicate_of", "dup_similarity", "title"]
    values = [[r.get(c) for c in cols] for r in rows]
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        writer.writerows(values)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} articles", title_justify="left")
    for head in ("id", "date", "source", "events", "duplicate of", "similarity", "title"):
        table.add_column(head, no_wrap=True, overflow="ellipsis", max_width=40)
    for row in values:
        table.add_row(*["" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v)) for v in row])
    Console(width=None if sys.stdout.isatty() else 180).print(table)


def _print_clusters(con, flt, limit: int | None, fmt: str, db: str) -> None:
    """``events --clustered``: one row per cluster, in the chosen format."""
    from newsevents.store import queries

    if is_url(db):
        typer.echo("error: events --clustered is not supported on a PostgreSQL store yet (`newsevents link` runs on "
                   "DuckDB files only; docs/store.md)", err=True)
        raise typer.Exit(2)
    if not queries.has_table(con, "event_clusters"):
        typer.echo(f"error: {db}: no clusters yet; build them with `newsevents link --db {db}`", err=True)
        raise typer.Exit(2)
    state = queries.link_state().first(con)
    if state and (state["events_now"] != state["events"] or state["articles_now"] != state["articles"]):
        typer.echo(f"note: the clusters were built at {state['built_at']:%Y-%m-%d %H:%M} over {state['events']} "
                   f"events; the store holds {state['events_now']} now: rerun `newsevents link --db {db}`", err=True)
    rows = queries.clusters(queries.fit(con, flt), "-articles", limit).dicts(con)
    if fmt == "jsonl":
        for r in rows:
            r["members"] = [m["id"] for m in queries.cluster_events(r["cluster_id"]).dicts(con)]
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    cols = ["cluster_id", "date_first", "date_last", "event", "actor_names", "recipient_names", "loc_name",
            "num_articles", "num_sources", "num_mentions", "first_seen", "last_seen", "story_id"]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        writer.writerows([r[c] for c in cols] for r in rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} clusters", title_justify="left")
    for head in ("cluster", "from", "to", "type", "actor", "recipient", "place", "articles", "sources", "mentions"):
        table.add_column(head, no_wrap=True, overflow="ellipsis", max_width=28)
    for r in rows:
        table.add_row(*["" if r[c] is None else str(r[c]) for c in cols[:10]])
    Console(width=None if sys.stdout.isatty() else 180).print(table)
