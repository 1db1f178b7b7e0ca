"""The Ray engine with a worker that dies (real Ray, local cluster): the article it died on is reported with its
origin (E041), every other article is coded and stored, nothing stored before is lost.

The death is planted, not mocked: a ``CoderSpec`` of this file builds the real Coder and kills its own process
(SIGKILL, as the kernel's out-of-memory killer would) when it is handed the article holding ``POISON``. Ray restarts
the actor and sends it the lost batch again, as it would after a real death."""

from __future__ import annotations

import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.runner.local import CoderSpec
from test_runner import _articles

POISON = "Zorblax"  # a word no article holds


@dataclass
class DyingSpec(CoderSpec):
    """The real Coder, in a worker that dies when it is given an article with ``POISON`` in its text."""

    def build(self):
        coder = super().build()
        code, code_one = coder.code, coder.code_one

        def die_on(articles) -> None:
            if any(POISON in a.text for a in articles):
                os.kill(os.getpid(), signal.SIGKILL)

        def dying_code(articles, batch_size: int = 16):
            die_on(articles)
            return code(articles, batch_size=batch_size)

        def dying_code_one(article):
            die_on([article])
            return code_one(article)

        coder.code, coder.code_one = dying_code, dying_code_one
        return coder


def test_a_dead_ray_worker_costs_only_its_article(tmp_path: Path, coder) -> None:
    pytest.importorskip("ray")
    import ray
    from ray import cloudpickle  # Ray's own copy pickles the tasks' arguments

    from newsevents.runner.ray_engine import load_parquet, run_ray
    from newsevents.store import Store

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test file
    arts = _articles(7)
    poison = arts[2]
    shard = tmp_path / "shard.jsonl"
    shard.write_text("".join(json.dumps({"id": a.id, "date": a.date, "text": a.text + (
        f" {POISON}." if a is poison else "")}) + "\n" for a in arts[1:]), encoding="utf-8")
    db = tmp_path / "ray.duckdb"
    with Store(db) as store:  # stored before the run: must survive it
        store.write_batch(list(zip(arts[:1], coder.code(arts[:1]), strict=True)))
    parts = tmp_path / "parts"
    try:
        stats = run_ray([shard], parts, spec=DyingSpec(), batch_size=3, num_cpus=1, concurrency=1)
    finally:
        ray.shutdown()
    origin = f"{shard.resolve()}:2"
    assert [(e.origin, e.message.split(";")[0]) for e in stats.errors] == [
        (origin, "a worker process died (its Ray worker was lost) while coding this article")]
    assert stats.articles == 5
    with Store(db) as store:
        loaded = load_parquet(store, parts)
        assert loaded.written == 5 and [e.origin for e in loaded.errors] == [origin]
        stored = dict(store.con.execute("SELECT doc_id, record FROM articles").fetchall())
    assert sorted(stored) == sorted(a.id for a in arts if a is not poison)
    expected = {c.doc_id: json.loads(json.dumps(c.to_dict())) for c in coder.code(arts) if c.doc_id != poison.id}
    assert {d: json.loads(r) for d, r in stored.items()} == expected  # as a run without the death codes them
