"""Follow sources as they change: poll each, fetch what is new, code and store it through the ingest runner.

One pass polls every source in turn; a source that fails is logged and the others go on. New items flow through
``runner.ingest.ingest`` (the same Coder, the same skip-by-content-hash, one transaction per small batch), their
pages fetched in a background thread so the politeness delay overlaps coding. What was seen is remembered in the
store (``store.watchstate``) only after it was committed: a restart, even after ``kill -9``, resumes with nothing
lost, and nothing is stored twice (an item fetched again has the same id and content, and is skipped).
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newsevents.errors import InputError, InputWarning
from newsevents.ingest.fetch import Fetcher, FetchPolicy
from newsevents.ingest.records import Item
from newsevents.runner.ingest import ingest
from newsevents.runner.local import CoderSpec, CodingPool
from newsevents.runner.sources import Listing, SourceFailed, Unit, expand, list_source
from newsevents.store import Store
from newsevents.store.watchstate import EMPTY, FAILED, STORED, ItemMark, SourcePoll, SourceState, WatchState

DEFAULT_EVERY = 15 * 60.0
MAX_ATTEMPTS = 5  # a page that keeps failing is given up after this many polls (its status stays "failed")
CHILD_NICE = 10  # niceness of the coding worker of ``code_in_child`` (CFS gives it ~1/10 of a contended core)
PARALLEL = 4  # feeds asked for at once in a pass (8 was slower on loopback: 1.1 s against 0.18 s for 50 304s)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """``90s``, ``15m``, ``1h``, ``1d`` or plain seconds, as seconds; ValueError with what to write otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"--every {text!r}: give a duration such as 90s, 15m or 1h")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]


@dataclass
class SourceReport:
    """One poll of one source: the log line's figures."""

    source: str
    status: str  # "new" (something was stored), "unchanged", "failed"
    new: int = 0  # items coded and stored this poll
    seen: int = 0  # items already stored, not fetched again
    skipped: int = 0  # fetched again (after a restart) but stored already with the same content
    failed: int = 0  # items that could not be fetched, read or coded this poll
    events: int = 0
    detail: str = ""  # why the source failed, or how it was found unchanged

    def line(self) -> str:
        if self.status == FAILED:
            return f"{self.source}: failed: {self.detail}"
        if self.status == "unchanged" and not (self.new or self.failed):
            return f"{self.source}: unchanged ({self.detail or f'{self.seen} items seen'})"
        parts = [f"{self.new} new ({self.events} events)", f"{self.seen} seen"]
        if self.skipped:
            parts.append(f"{self.skipped} already stored")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return f"{self.source}: " + ", ".join(parts)


@dataclass
class PassReport:
    """One pass over every source."""

    sources: list[SourceReport] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # sources named that do not exist, bad .urls lines
    seconds: float = 0.0
    clusters: Any = None  # store.clusters.Built after the pass's update, None when nothing was stored

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.status != FAILED and not s.failed for s in self.sources)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)


class Watcher:
    """Polls ``targets`` into ``store``; ``coder`` (a loaded Coder) or ``spec`` says how to code."""

    def __init__(self, targets: list[str], store: Store, spec: CoderSpec | None = None, coder: Any = None,
                 policy: FetchPolicy | None = None, fetch_pages: bool = True, batch_size: int = 8,
                 log: Callable[[str], None] = lambda line: None,
                 on_error: Callable[[InputError], None] = lambda err: None, code_in_child: bool = False) -> None:
        """``code_in_child``: code in a worker process that stays up between passes (``serve --watch``: parsing
        holds the interpreter lock for seconds, and the API's requests would wait for it in this process)."""
        self.targets = targets
        self.store = store
        self.state = WatchState(store.con)
        self.spec = spec or CoderSpec()
        self.coder = coder
        # started on the first news; niced, so that on busy cores the server's requests come before parsing
        self.pool = CodingPool(self.spec, 1, batch_size, nice=CHILD_NICE) if code_in_child else None
        self.fetcher = Fetcher(policy)
        self.fetch_pages = fetch_pages
        self.batch_size = batch_size
        self.log = log
        self.on_error = on_error
        self.stop = threading.Event()  # set by ``run``'s caller: the pass ends after the batch in flight

    def close(self) -> None:
        self.fetcher.close()
        if self.pool is not None:
            self.pool.close()

    # --- one pass ------------------------------------------------------------------------------
    def poll(self) -> PassReport:
        """Poll every source once (until ``self.stop`` is set); returns what each did, logged in source order.

        The feeds are asked for ``PARALLEL`` at a time (the per-host delay still spaces requests to one host), so
        a slow or dead source does not hold up the others' requests; coding goes one source after the other.
        """
        started = time.perf_counter()
        report = PassReport()
        sources, report.problems = expand(self.targets)
        for problem in report.problems:
            self.on_error(problem)
        states = self.state.sources(sources)
        retrying = self.state.retrying(sources, MAX_ATTEMPTS)
        # Polls that stored nothing are written together at the end: lost in a crash, they only cost a question
        # the next pass asks again. A poll that stored something is written at once, after its items.
        quiet: list[SourcePoll] = []
        pool = ThreadPoolExecutor(PARALLEL, thread_name_prefix="newsevents-feed")
        try:
            listings = [pool.submit(list_source, s, states.get(s, SourceState()), self.fetcher, self.fetch_pages,
                                    s in retrying) for s in sources]
            for source, listing in zip(sources, listings, strict=True):
                if self.stop.is_set():
                    break
                old = states.get(source, SourceState())
                try:
                    result = self._poll_source(source, old, listing, quiet)
                except Exception as exc:  # a bug or a database error on one source: logged with its type, not hidden
                    detail = f"internal error ({type(exc).__name__}: {exc})"[:300]
                    quiet.append(SourcePoll(source, FAILED, detail, old.etag, old.last_modified, old.failures + 1))
                    result = SourceReport(source, FAILED, detail=detail)
                report.sources.append(result)
                self.log(result.line())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.state.save_sources(quiet)
        if report.new:
            # the clusters the new events join, rebuilt once a pass (not the whole store: clusters.update)
            try:
                report.clusters = self.store.update_clusters()
            except Exception as exc:  # the articles are stored; the next pass or `newsevents link` tries again
                self.log(f"clusters not updated: {type(exc).__name__}: {exc}"[:300])
        report.seconds = time.perf_counter() - started
        return report

    def _poll_source(self, source: str, old: SourceState, pending: Future[Listing],
                     quiet: list[SourcePoll]) -> SourceReport:
        try:
            listing = pending.result()
        except SourceFailed as exc:
            quiet.append(SourcePoll(source, FAILED, str(exc), old.etag, old.last_modified, old.failures + 1))
            return SourceReport(source, FAILED, detail=str(exc))
        if listing.units is None:
            quiet.append(SourcePoll(source, "unchanged", listing.note, listing.etag, listing.last_modified, 0))
            return SourceReport(source, "unchanged", detail=listing.note)
        result, complete = self._code_units(source, listing)
        # The validators are saved only once every item is settled: were we killed (or stopped) before, the next
        # poll asks for the whole feed again.
        etag, last_modified = (listing.etag, listing.last_modified) if complete else (old.etag, old.last_modified)
        done = SourcePoll(source, result.status, None, etag, last_modified, 0)
        if result.new:
            self.state.save_sources([done])
        else:
            quiet.append(done)
        return result

    def _code_units(self, source: str, listing: Listing) -> tuple[SourceReport, bool]:
        """Code the units not seen yet (or changed, or failed with tries left); True when every one was read."""
        units = listing.units or []
        known = self.state.items([u.key for u in units])
        todo = []
        for unit in units:
            seen = known.get(unit.key)
            if seen is None or seen.version != unit.version:
                todo.append(unit)
            elif seen.status == FAILED and unit.retry and seen.attempts < MAX_ATTEMPTS:
                todo.append(unit)
        result = SourceReport(source, "unchanged", seen=len(units) - len(todo))
        if not todo:
            return result, True
        owner: dict[str, str] = {}  # article origin or id -> unit key, to pin errors on their unit
        errors: dict[str, list[InputError]] = {}
        articles: dict[str, int] = {}
        read: list[Unit] = []  # the units handed to the coder: only these are remembered after the pass

        def items() -> Iterator[Item]:
            for unit in todo:
                if self.stop.is_set():  # stopping: the units not read yet are left for the next run
                    return
                read.append(unit)
                for item in unit.read():
                    if isinstance(item, InputError):
                        owner[item.origin] = unit.key
                    else:
                        owner[item.origin or item.id] = owner[item.id] = unit.key
                        articles[unit.key] = articles.get(unit.key, 0) + 1
                    yield item

        def on_error(err: InputError) -> None:
            key = owner.get(err.origin)
            if key is not None and not isinstance(err, InputWarning):
                errors.setdefault(key, []).append(err)
            self.on_error(err)

        stats = ingest([], self.store, self.spec, workers=1, batch_size=self.batch_size, on_error=on_error,
                       coder=None if self.pool else self._coder(), articles=_prefetched(items()), pool=self.pool,
                       cluster=False)
        marks = []
        for unit in read:
            errs = errors.get(unit.key, [])
            status = FAILED if errs else STORED if articles.get(unit.key) else EMPTY
            marks.append(ItemMark(unit.key, source, unit.doc_id, unit.url, unit.version, status,
                                  errs[0].message[:500] if errs else None))
        self.state.mark(marks)
        result.failed = sum(1 for m in marks if m.status == FAILED)
        result.new, result.skipped, result.events = stats.written, stats.skipped, stats.events
        result.status = "new" if stats.written else "unchanged"
        return result, len(read) == len(todo)

    def _coder(self) -> Any:
        # Built once, on the first pass that has something to code: a pass where nothing changed loads no model.
        if self.coder is None:
            self.coder = self.spec.build()
        return self.coder

    # --- many passes -----------------------------------------------------------------------------
    def run(self, every: float, passes: int | None = None,
            on_pass: Callable[[PassReport], None] = lambda r: None) -> list[PassReport]:
        """Poll every ``every`` seconds (from the start of one pass to the next) until ``self.stop`` is set."""
        reports = []
        stop = self.stop
        while not stop.is_set():
            started = time.monotonic()
            report = self.poll()
            reports.append(report)
            on_pass(report)
            if passes is not None and len(reports) >= passes:
                break
            stop.wait(max(0.0, every - (time.monotonic() - started)))
        return reports


@dataclass
class _Raised:
    exc: BaseException


_DONE = object()


def _prefetched(items: Iterator[Item], depth: int = 8) -> Iterator[Item]:
    """Run ``items`` (the page fetches) in a thread, ``depth`` ahead of the coder; its exceptions are re-raised here."""
    q: queue.Queue[Any] = queue.Queue(depth)
    gone = threading.Event()  # the consumer stopped early: the producer must not block on a full queue

    def put(value: Any) -> bool:
        while not gone.is_set():
            try:
                q.put(value, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, which raises it
            put(_Raised(exc))
            return
        put(_DONE)

    thread = threading.Thread(target=produce, name="newsevents-fetch", daemon=True)
    thread.start()
    try:
        while True:
            value = q.get()
            if value is _DONE:
                break
            if isinstance(value, _Raised):
                raise value.exc
            yield value
    finally:
        gone.set()
        thread.join(timeout=30)
