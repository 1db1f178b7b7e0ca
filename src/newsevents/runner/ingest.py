"""Stream inputs into the store: read lazily, skip unchanged articles, code in batches, write one transaction per batch.

Memory is flat in corpus size: only the batches in flight are held. Rerunning after a crash (even
``kill -9``) loses nothing and duplicates nothing: committed batches are skipped by content hash,
the batch that was in flight was never committed and is coded again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsevents import errors
from newsevents.errors import InputError, InputWarning
from newsevents.ingest import read_inputs
from newsevents.ingest.checks import DEFAULT_MAX_CHARS, checked_items
from newsevents.ingest.dates import DefaultDates
from newsevents.models import Article
from newsevents.runner.local import Batch, BatchResult, CoderSpec, CodingPool, run_batches
from newsevents.store import Store
from newsevents.store.registry import registry_for


@dataclass
class IngestStats:
    """What one ingest run did."""

    read: int = 0  # articles read from the inputs
    skipped: int = 0  # already stored with the same content: not parsed again
    written: int = 0  # distinct articles stored (new or replaced); an id stored twice in this run counts once
    replaced: int = 0  # same id, new content: old rows replaced
    failed: int = 0  # articles the coder raised on (reported, not stored)
    events: int = 0
    batches: int = 0
    by_type: Counter = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    first_write: float | None = None  # seconds from start to the first committed batch
    write_seconds: float = 0.0  # time spent in store transactions (including the actor registry)
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS
    clusters: Any = None  # store.clusters.Built: the clusters brought up to date at the end (None: unchanged)
    # hashes of the ids stored in this run (about 70 bytes an article), so a repeated id is counted once
    stored_ids: set[int] = field(default_factory=set, repr=False)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def done(self) -> int:
        return self.written + self.skipped + self.failed


def _batched_articles(
    items: Iterable[Article | InputError], batch_size: int, stats: IngestStats, on_error: Callable[[InputError], None]
) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            if not isinstance(item, InputWarning):
                stats.errors.append(item)
            on_error(item)
            continue
        stats.read += 1
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    inputs: Iterable[str | Path],
    store: Store,
    spec: CoderSpec | None = None,
    workers: int = 1,
    batch_size: int = 16,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_progress: Callable[[IngestStats], None] = lambda s: None,
    coder=None,
    stdin: IO[str] | None = None,
    dates: DefaultDates | None = None,
    articles: Iterable[Article | InputError] | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    pool: CodingPool | None = None,
    cluster: bool = True,
) -> IngestStats:
    """Ingest every article of ``inputs`` (or of ``articles``, already read) into ``store``; errors are reported
    through ``on_error`` and counted. ``pool``: coding workers that outlive this call (``runner.pool.CodingPool``).
    ``cluster``: bring the event clusters and stories up to date at the end, when anything was stored (the
    watcher does it once a poll instead)."""
    stats = IngestStats()
    spec = spec or CoderSpec()
    # Later articles use the roles earlier ones stated ("Saleh, the first vice president"): each batch
    # carries the part of the registry its names can match, read when it is sent (so it includes the
    # batches already stored), rather than the whole registry held in every worker.
    per_batch_registry = store.registry and spec.registry is None
    # ids sent to be coded and not stored yet: with several workers batches are read ahead of the writes, so an
    # id that comes again must be coded again too (not skipped against the store), or the earlier one would win
    in_flight: Counter = Counter()

    def to_code() -> Iterator[Batch]:
        # Runs in this (the writer's) thread, as the runner pulls batches: the cheap check
        # against the store happens before any parsing.
        items = (read_inputs(inputs, stdin=stdin, dates=dates, max_chars=max_chars) if articles is None
                 else checked_items(articles, max_chars))
        for batch in _batched_articles(items, batch_size, stats, on_error):
            known = store.stored_hashes([a.id for a in batch])
            keep = []
            for a in batch:
                h = known.get(a.id)
                if h == a.content_hash() and not in_flight[a.id]:
                    stats.skipped += 1
                else:
                    keep.append(a)
                    in_flight[a.id] += 1
            if keep:
                yield Batch(keep, registry_for(store.con, (a.text for a in keep)) if per_batch_registry else None)
            else:
                on_progress(stats)

    for result in run_batches(to_code(), spec, workers=workers, batch_size=batch_size, coder=coder,
                              pool=pool):
        _store_result(store, result, stats, on_error)
        for a, _ in result.coded:
            in_flight[a.id] -= 1
            if in_flight[a.id] <= 0:
                del in_flight[a.id]
        on_progress(stats)
    if cluster and stats.written:
        try:
            stats.clusters = store.update_clusters()
        except Exception as exc:  # the articles are committed; `newsevents link` or the next ingest tries again
            on_error(InputWarning("clusters", errors.E050.format(detail=f"{type(exc).__name__}: {exc}"[:300])))
    return stats


def _store_result(
    store: Store, result: BatchResult, stats: IngestStats, on_error: Callable[[InputError], None]
) -> None:
    for err in result.failed:
        if not isinstance(err, InputWarning):  # a warning (a worker died, its batch coded again) is no failure
            stats.failed += 1
            stats.errors.append(err)
        on_error(err)
    if result.coded:
        t = time.perf_counter()
        known = store.stored_hashes([a.id for a, _ in result.coded])
        store.write_batch(result.coded)
        stats.write_seconds += time.perf_counter() - t
        for a, _ in result.coded:
            key = hash(a.id)
            if key in stats.stored_ids:
                on_error(InputWarning(a.origin or a.id, errors.E049.format(doc_id=a.id)))
                continue
            stats.stored_ids.add(key)
            stats.written += 1
            stats.replaced += a.id in known
        for _, coded in result.coded:
            stats.events += len(coded.events)
            stats.by_type.update(e.event for e in coded.events)
        if stats.first_write is None:
            stats.first_write = stats.elapsed
    stats.batches += 1
    if result.pid:
        stats.peak_rss_kb[result.pid] = max(stats.peak_rss_kb.get(result.pid, 0), result.peak_rss_kb)
