"""Code batches of articles in this process or in a pool of processes, one model per worker, in order.

The pool (``concurrent.futures`` over ``multiprocessing`` with fork) starts N workers; each loads
one ``Coder`` in its initializer and codes whole batches. At most ``2 * N`` batches are in flight,
so memory stays flat however long the input is, and results come back in input order (a window of
futures consumed first-in, first-out).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newsevents import errors
from newsevents.errors import InputError
from newsevents.models import Article, CodedArticle


@dataclass
class CoderSpec:
    """How to build a ``Coder`` in a worker (picklable: the model is loaded there, not shipped)."""

    model: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    registry: Any = None  # store.registry.RegistryView: roles earlier articles stated, used by the resolver

    def build(self):  # -> Coder (imported lazily: the parent of a pool never loads the model)
        from newsevents.pipeline import Coder

        kwargs = dict(self.options)
        if self.model:
            kwargs["model"] = self.model
        coder = Coder(**kwargs)
        if self.registry is not None:
            coder.kb.registry = self.registry
        return coder


@dataclass
class BatchResult:
    """The coded articles of one batch (input order) and the articles that failed inside the coder."""

    coded: list[tuple[Article, CodedArticle]]
    failed: list[InputError]
    pid: int = 0
    peak_rss_kb: int = 0


@dataclass
class Batch:
    """Articles to code together, with the part of the actor registry they can use (None: the coder's own)."""

    articles: list[Article]
    registry: Any = None


def code_batch(coder, batch: list[Article] | Batch, batch_size: int) -> BatchResult:
    """Code one batch; if the coder raises, code the articles one by one so one bad article costs only itself."""
    if isinstance(batch, Batch):
        if batch.registry is not None:
            coder.kb.registry = batch.registry
        batch = batch.articles
    try:
        coded = list(coder.code(batch, batch_size=batch_size))
        return BatchResult(list(zip(batch, coded, strict=True)), [], os.getpid(), _peak_rss_kb())
    except Exception:  # an extractor bug on one article must not lose the whole batch
        pass
    ok: list[tuple[Article, CodedArticle]] = []
    failed: list[InputError] = []
    for article in batch:
        try:
            ok.append((article, coder.code_one(article)))
        except Exception as exc:  # reported to the user with the article's origin, never swallowed
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            failed.append(InputError(article.origin or article.id, errors.E015.format(detail=detail)))
    return BatchResult(ok, failed, os.getpid(), _peak_rss_kb())


def _peak_rss_kb() -> int:
    """Peak resident memory of this process (VmHWM), in kB; 0 where /proc is unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


_worker_coder = None
_worker_batch_size = 16


def _init_worker(spec: CoderSpec, batch_size: int) -> None:
    global _worker_coder, _worker_batch_size
    # Ctrl-C goes to the whole process group: only the parent handles it (and stops the pool),
    # so the user sees one clean message instead of a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_coder = spec.build()
    _worker_batch_size = batch_size


def _work(batch: list[Article] | Batch) -> BatchResult:
    return code_batch(_worker_coder, batch, _worker_batch_size)


def run_batches(
    batches: Iterable[list[Article] | Batch],
    spec: CoderSpec,
    workers: int = 1,
    batch_size: int = 16,
    coder=None,
) -> Iterator[BatchResult]:
    """Code every batch, yielding results in input order, with ``workers`` processes (1 = this process).

    ``coder`` lets a caller that already holds a loaded ``Coder`` reuse it when ``workers == 1``.
    """
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return  # nothing to code (e.g. every article unchanged): no model is loaded at all
    if workers <= 1:
        local = coder or spec.build()
        yield code_batch(local, first, batch_size)
        for batch in it:
            yield code_batch(local, batch, batch_size)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    # A process pool whose futures fail (BrokenProcessPool) if a worker dies, e.g. killed for memory,
    # where multiprocessing.Pool would wait forever for the lost batch.
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(spec, batch_size))
    window: deque = deque()
    try:
        window.append(pool.submit(_work, first))
        for batch in it:
            window.append(pool.submit(_work, batch))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        for future in window:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
