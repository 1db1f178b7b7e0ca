"""``runner.pool.CodingPool``, the coding worker ``serve --watch`` keeps between passes: a real spawned process that
loads the model once, codes run after run what this process's Coder codes, at a lower CPU priority, and is gone
once closed."""

from __future__ import annotations

import os

from newsevents.models import Article
from newsevents.runner.local import CoderSpec, CodingPool, run_batches

TEXTS = ["Police arrested forty protesters in Nairobi on Monday.",
         "The European Union imposed sanctions on four Russian banks on Thursday.",
         "Soldiers shelled three villages near the border with Armenia, officials said."]


def _articles(tag: str) -> list[Article]:
    return [Article(id=f"{tag}-{i}", text=t, date="2024-03-04") for i, t in enumerate(TEXTS)]


def test_one_worker_stays_up_between_runs_and_codes_as_this_process(coder) -> None:
    pool = CodingPool(CoderSpec(), workers=1, batch_size=2, nice=5)
    try:
        first = list(run_batches([_articles("a")[:2], _articles("a")[2:]], CoderSpec(), pool=pool))
        second = list(run_batches([_articles("b")], CoderSpec(), pool=pool))  # a later pass
        pids = {r.pid for r in first + second}
        assert len(pids) == 1 and os.getpid() not in pids  # one worker, the same for both runs
        (pid,) = pids
        assert os.getpriority(os.PRIO_PROCESS, pid) == os.getpriority(os.PRIO_PROCESS, 0) + 5
        here = [coder.code_one(a).to_dict() for a in _articles("a") + _articles("b")]
        assert [c.to_dict() for r in first + second for _, c in r.coded] == here
        assert any(d["events"] for d in here)
    finally:
        pool.close()
    try:  # closed: the worker has exited
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive
