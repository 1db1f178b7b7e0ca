"""Code batches of articles in this process or in a pool of processes, one model per worker, in order.

With one worker the batches are coded here; with more, ``runner.pool`` supervises a pool of forked workers
(a dead worker is reported with its article and the rest goes on; workers die with their parent). At most
``2 * N`` batches are in flight, so memory stays flat however long the input is, and results come back in
input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsevents.models import Article
from newsevents.runner.batches import Batch, BatchResult, CoderSpec, code_batch
from newsevents.runner.pool import CodingPool, run_pool

__all__ = ["Batch", "BatchResult", "CoderSpec", "CodingPool", "code_batch", "run_batches"]


def run_batches(
    batches: Iterable[list[Article] | Batch],
    spec: CoderSpec,
    workers: int = 1,
    batch_size: int = 16,
    coder=None,
    pool: CodingPool | None = None,
) -> Iterator[BatchResult]:
    """Code every batch, yielding results in input order, with ``workers`` processes (1 = this process).

    ``coder`` lets a caller that already holds a loaded ``Coder`` reuse it when ``workers == 1``; ``pool``, workers
    of the caller's that stay up between calls (``workers`` and ``coder`` are then not used).
    """
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return  # nothing to code (e.g. every article unchanged): no model is loaded at all
    if pool is not None:
        yield from pool.run(first, it)
        return
    if workers <= 1:
        local = coder or spec.build()
        yield code_batch(local, first, batch_size)
        for batch in it:
            yield code_batch(local, batch, batch_size)
        return
    yield from run_pool(first, it, spec, workers, batch_size)
