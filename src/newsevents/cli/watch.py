"""CLI command ``newsevents watch`` (follow feeds and folders into a store), and the watcher ``serve --watch`` runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsevents.cli.main import (
    ActorsOpt,
    AgentsOpt,
    CodeMinConfidenceOpt,
    ModelOpt,
    TriageOpt,
    app,
    check_min_confidence,
    report,
)
from newsevents.cli.store import DEFAULT_DB, DbOpt, _open_store
from newsevents.models import DEFAULT_MIN_CONFIDENCE
from newsevents.nlp.model import DEFAULT_MODEL

if TYPE_CHECKING:
    from newsevents.runner.watch import PassReport, Watcher
    from newsevents.store import Store

SourcesArg = Annotated[list[str], typer.Argument(
    help="RSS/Atom feed URLs or files, .urls lists of feeds (one URL or path a line), folders of articles.")]
EveryOpt = Annotated[str, typer.Option("--every", help="Time between the starts of two passes: 90s, 15m, 1h.")]
DelayOpt = Annotated[float, typer.Option("--delay", min=0, help="Seconds between two requests to the same host.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server to answer.")]
RetriesOpt = Annotated[int, typer.Option("--retries", min=0, max=10,
                                         help="Further tries after a timeout, refused connection, 429 or 5xx.")]
PagesOpt = Annotated[bool, typer.Option("--pages/--no-pages",
                                        help="Fetch each entry's page and code its main text (default), or code "
                                             "the feed's own text of the entry.")]


def _log(line: str) -> None:
    typer.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} watch: {line}", err=True)


def _pass_line(rep: PassReport, every: float | None) -> str:
    failed = sum(1 for s in rep.sources if s.status == "failed")
    line = (f"pass done in {rep.seconds:.1f} s: {rep.new} new article(s) from {len(rep.sources)} source(s), "
            f"{failed} source(s) failed")
    if rep.clusters is not None:  # the clusters the new events joined were rebuilt (store/clusters.py, update)
        line += f", clusters up to date ({rep.clusters.clusters} in the store, {rep.clusters.merged} of 2+ events)"
    if every is not None:
        line += f"; next pass at {time.strftime('%H:%M:%S', time.localtime(time.time() + max(0, every - rep.seconds)))}"
    return line


def build_watcher(sources: list[str], store: Store, model: str = DEFAULT_MODEL, actors: Path | None = None,
                  agents: Path | None = None, triage: bool | None = None,
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE, delay: float = 1.0, timeout: float = 15.0,
                  retries: int = 2, pages: bool = True, batch_size: int = 8,
                  log: Callable[[str], None] = _log, code_in_child: bool = False) -> Watcher:
    """A Watcher with the command's options; the knowledge files are checked here (a bad one: exit status 2)."""
    from newsevents.ingest.fetch import FetchPolicy
    from newsevents.nlp.triage import triage_default
    from newsevents.pipeline import load_knowledge
    from newsevents.runner.local import CoderSpec
    from newsevents.runner.sources import expand
    from newsevents.runner.watch import Watcher

    _, problems = expand(sources)
    missing = [p for p in problems if p.origin in sources]  # a typo on the command line, not a bad .urls line
    if missing:
        typer.echo(f"error: {missing[0]}", err=True)
        raise typer.Exit(2)
    load_knowledge(actors, agents)
    spec = CoderSpec(model=model, options={"actors_file": actors, "agents_file": agents,
                                           "triage": triage_default() if triage is None else triage,
                                           "min_confidence": min_confidence})
    policy = FetchPolicy(timeout=timeout, retries=retries, delay=delay, backoff=min(1.0, timeout))
    return Watcher(sources, store, spec, policy=policy, fetch_pages=pages, batch_size=batch_size, log=log,
                   on_error=report, code_in_child=code_in_child)


def _every(every: str) -> float:
    from newsevents.runner.watch import parse_every

    try:
        return parse_every(every)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def watch(
    sources: SourcesArg,
    db: DbOpt = DEFAULT_DB,
    every: EveryOpt = "15m",
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron); status 1 if any failed.")]
    = False,
    delay: DelayOpt = 1.0,
    timeout: TimeoutOpt = 15.0,
    retries: RetriesOpt = 2,
    pages: PagesOpt = True,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 8,
    model: ModelOpt = DEFAULT_MODEL,
    actors: ActorsOpt = None,
    agents: AgentsOpt = None,
    triage: TriageOpt = None,
    min_confidence: CodeMinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Follow feeds and folders: every --every, fetch what is new, code it and store it; one log line per source.

    What was seen is kept in the database: a restart, even after kill -9, goes on where it stopped.

    A source that fails is logged and tried again at the next pass; the others go on.
    """
    check_min_confidence(min_confidence)
    period = _every(every)
    store = _open_store(db)
    watcher = build_watcher(sources, store, model, actors, agents, triage, min_confidence, delay, timeout, retries,
                            pages, batch_size)
    try:
        reports = watcher.run(period, passes=1 if once else None,
                              on_pass=lambda r: _log(_pass_line(r, None if once else period)))
    except KeyboardInterrupt:
        _log("stopped (the batch in flight was not stored; the next run codes it)")
        return
    finally:
        watcher.close()
        store.close()
    if once and not reports[-1].ok:
        raise typer.Exit(1)


def start_watching(db: str | Path, sources: list[str], every: str, code_in_child: bool = True,
                   **options: object) -> tuple[Store, Callable[[], None]]:
    """For ``serve --watch``: the store for the app (opened for writing; API requests read through its cursors), and
    the watcher started in a thread on a connection of its own to the same database (DuckDB shares one database per
    process), committing a batch at a time so reads see each one at once. Returns the store and the stop function.

    The articles are coded in a worker process that stays up between passes (``code_in_child``): spaCy's parse
    holds the interpreter lock for long stretches, and in this process every request would wait for it
    (``bench/bench_watch.py`` measures both ways)."""
    period = _every(every)
    store = _open_store(db)
    own = _open_store(db)  # the watcher's: closing the app's store at shutdown does not pull it from under it
    watcher = build_watcher(sources, own, code_in_child=code_in_child, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=watcher.run, args=(period,),
                              kwargs={"on_pass": lambda r: _log(_pass_line(r, period))},
                              name="newsevents-watch", daemon=True)
    thread.start()

    def stop_watching() -> None:
        watcher.stop.set()  # the pass ends after the batch in flight, which is committed
        thread.join(timeout=60)
        watcher.close()
        own.close()

    return store, stop_watching
