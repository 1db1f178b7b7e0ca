"""A supervised pool of coding workers: a worker that dies is reported with the article it was coding, the
pool is started again and the rest of the corpus goes on; the workers die with their parent.

Each worker writes, in a small shared table, which batch it is coding. When a worker dies (killed for
memory, ``kill -9``), ``concurrent.futures`` fails every batch in flight with ``BrokenProcessPool`` and
stops the other workers (SIGTERM: they clear their row of the table first). The rows left show the batch
that was being coded when the worker died: that batch is coded again one article at a time, and an
article whose worker dies again is reported (``E041``) and skipped; the other batches are sent again as
they were. Nothing committed is coded twice: results still come back in input order, once each.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from newsevents import errors
from newsevents.errors import InputError, InputWarning
from newsevents.models import Article
from newsevents.runner.batches import Batch, BatchResult, CoderSpec, articles_of, code_batch

PR_SET_PDEATHSIG = 1  # linux/prctl.h
IDLE = -1  # a worker's row when it codes nothing
# a pool that dies this many times in a row without a batch to blame (e.g. in its initializer) is given up
MAX_BLIND_RESTARTS = 2

_worker_coder = None
_worker_batch_size = 16
_worker_slot = -1
_worker_table: Any = None


def _die_with_parent(parent: int) -> None:
    """Make this worker die when the parent does (even by kill -9): the kernel's parent-death signal on Linux,
    and a thread that watches the parent id everywhere (it also covers a parent that died before prctl)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # no prctl in this libc: the watcher thread below still ends the worker
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsevents-parent-watch").start()


def _on_term(signum: int, frame: Any) -> None:
    # stopped by the pool because another worker died: clear our row so the parent does not blame our batch
    if _worker_table is not None and _worker_slot >= 0:
        _worker_table[2 * _worker_slot + 1] = IDLE
    os._exit(1)


def _init_worker(spec: CoderSpec, batch_size: int, table: Any, parent: int, nice: int = 0) -> None:
    global _worker_coder, _worker_batch_size, _worker_slot, _worker_table
    _die_with_parent(parent)
    if nice:
        os.nice(nice)  # background coding yields the CPU to the parent's interactive work (a server's requests)
    # Ctrl-C goes to the whole process group: only the parent handles it (and stops the pool),
    # so the user sees one clean message instead of a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)
    with table.get_lock():
        for slot in range(len(table) // 2):
            if table[2 * slot] == 0:
                table[2 * slot] = os.getpid()
                table[2 * slot + 1] = IDLE
                _worker_slot = slot
                break
    _worker_table = table
    _worker_coder = spec.build()
    _worker_batch_size = batch_size


def _work(seq: int, batch: list[Article] | Batch) -> BatchResult:
    if _worker_slot >= 0:
        _worker_table[2 * _worker_slot + 1] = seq
    result = code_batch(_worker_coder, batch, _worker_batch_size)
    if _worker_slot >= 0:
        _worker_table[2 * _worker_slot + 1] = IDLE
    return result


@dataclass
class _Job:
    """A batch in flight: its number (what the workers' table names), whether it is one article retried
    alone after its worker died, and its future."""

    seq: int
    batch: list[Article] | Batch
    alone: bool
    future: Future


class _Pool:
    """A process pool that can be started again, with the table of what each worker codes."""

    def __init__(self, spec: CoderSpec, workers: int, batch_size: int, method: str | None = None,
                 nice: int = 0) -> None:
        self.spec, self.workers, self.batch_size, self.nice = spec, workers, batch_size, nice
        if method is None:
            method = "fork" if "fork" in mp.get_all_start_methods() else None
        self.ctx = mp.get_context(method)
        self.seqs = itertools.count()
        self._start()

    def _start(self) -> None:
        # per worker: pid, batch being coded; a pool of its own, fresh after every restart
        self.table = self.ctx.Array("q", [0] * (2 * self.workers * 2))
        # ProcessPoolExecutor, not multiprocessing.Pool: its futures fail (BrokenProcessPool) when a worker
        # dies, where Pool would wait forever for the lost batch
        self.executor = ProcessPoolExecutor(self.workers, mp_context=self.ctx, initializer=_init_worker,
                                            initargs=(self.spec, self.batch_size, self.table, os.getpid(),
                                                      self.nice))
        self.exits: dict[int, Any] = {}

    def submit(self, batch: list[Article] | Batch, alone: bool = False) -> _Job:
        seq = next(self.seqs)
        try:
            future = self.executor.submit(_work, seq, batch)
        except BrokenProcessPool as exc:  # a worker died since the last result: this batch waits for the restart
            future = Future()
            future.set_exception(exc)
        job = _Job(seq, batch, alone, future)
        # the worker processes (forked all at once on the first submit), kept to read how one died
        self.exits.update(getattr(self.executor, "_processes", None) or {})
        return job

    def blamed(self) -> tuple[set[int], str]:
        """After a break: the batches whose worker died while coding them, and how it died."""
        self.executor.shutdown(wait=True, cancel_futures=True)  # the others have cleared their rows by now
        seqs = {int(self.table[i + 1]) for i in range(0, len(self.table), 2)
                if self.table[i] and self.table[i + 1] != IDLE}
        codes = [p.exitcode for p in self.exits.values() if p.exitcode not in (None, 1, -signal.SIGTERM)]
        how = ", ".join(f"killed by signal {-c}" if c < 0 else f"exit status {c}" for c in codes) or "killed"
        return seqs, how

    def restart(self) -> None:
        self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _done(result: BatchResult) -> Future:
    future: Future = Future()
    future.set_result(result)
    return future


def _origin(article: Article) -> str:
    return article.origin or article.id


class CodingPool:
    """Coding workers that stay up between runs (``serve --watch`` codes each source's news through one): the
    model is loaded once, in the workers, and the caller's process keeps only its own threads' work (serving
    requests) under its interpreter lock. Started on the first run; ``close`` stops the workers.

    ``method`` is the multiprocessing start method: ``spawn`` (the default here) starts a clean interpreter, as
    a caller with threads of its own (a server, a database) should not be forked. ``nice``: the workers' niceness
    increment (``os.nice``): on a machine whose cores are all busy, the caller's requests get the CPU first."""

    def __init__(self, spec: CoderSpec, workers: int = 1, batch_size: int = 16, method: str = "spawn",
                 nice: int = 0) -> None:
        self.spec, self.workers, self.batch_size, self.method, self.nice = spec, workers, batch_size, method, nice
        self._pool: _Pool | None = None

    def run(self, first: list[Article] | Batch, rest: Iterator[list[Article] | Batch]) -> Iterator[BatchResult]:
        """Code ``first`` and every batch of ``rest``, yielding in input order (as ``run_pool``)."""
        if self._pool is None:
            self._pool = _Pool(self.spec, self.workers, self.batch_size, self.method, self.nice)
        return run_pool(first, rest, self.spec, self.workers, self.batch_size, pool=self._pool)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def run_pool(first: list[Article] | Batch, rest: Iterator[list[Article] | Batch], spec: CoderSpec, workers: int,
             batch_size: int, pool: _Pool | None = None) -> Iterator[BatchResult]:
    """Code ``first`` and then every batch of ``rest`` with ``workers`` processes, yielding in input order; on a
    ``pool`` of the caller's (``CodingPool``) if given, left running at the end, else on one of its own."""
    own = pool is None
    pool = pool if pool is not None else _Pool(spec, workers, batch_size)
    window: deque[_Job] = deque([pool.submit(first)])
    try:
        for batch in rest:
            window.append(pool.submit(batch))
            while len(window) >= 2 * workers:
                yield from _next(pool, window)
        while window:
            yield from _next(pool, window)
    except _GiveUp as stop:
        raise BrokenProcessPool(str(stop)) from None
    finally:
        for job in window:
            job.future.cancel()
        if own:
            pool.close()


class _GiveUp(Exception):
    """The pool keeps dying with no batch to blame."""


def _next(pool: _Pool, window: deque[_Job]) -> Iterator[BatchResult]:
    """Yield the oldest batch's result; if the pool broke, start it again with the window rebuilt."""
    blind = 0
    while True:
        try:
            result = window[0].future.result()
        except BrokenProcessPool:
            blind = blind + 1 if _rebuild(pool, window) else 0
            if blind > MAX_BLIND_RESTARTS:
                raise _GiveUp("worker processes keep dying before coding anything (out of memory?)") from None
            continue
        window.popleft()
        yield result
        return


def _rebuild(pool: _Pool, window: deque[_Job]) -> bool:
    """Start the pool again and send the window's batches again: the blamed batch one article at a time, a
    blamed lone article reported and skipped. True when no batch could be blamed."""
    blamed, how = pool.blamed()
    pool.restart()
    jobs = list(window)
    window.clear()
    for job in jobs:
        if job.future.done() and not job.future.exception():
            window.append(job)  # finished before the break: its result stands
            continue
        arts = articles_of(job.batch)
        if job.seq not in blamed:
            window.append(pool.submit(job.batch, job.alone))
        elif job.alone or len(arts) == 1:
            err = InputError(_origin(arts[0]), errors.E041.format(how=how))
            window.append(_Job(job.seq, job.batch, True, _done(BatchResult([], [err]))))
        else:
            note = InputWarning(f"{_origin(arts[0])} (+{len(arts) - 1} more)",
                                errors.E042.format(how=how, n=len(arts)))
            window.append(_Job(job.seq, job.batch, True, _done(BatchResult([], [note]))))
            registry = job.batch.registry if isinstance(job.batch, Batch) else None
            for article in arts:
                window.append(pool.submit(Batch([article], registry), alone=True))
    return not blamed
