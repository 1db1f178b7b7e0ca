"""Distributed coding on Ray: shards -> articles -> ``Coder.code`` in actors -> Parquet partitions -> DuckDB.

The same reader and the same ``Coder`` as the local runner: Ray Data reads each input shard (a
file) in a task with ``newsevents.ingest``, ``map_batches`` codes batches with an actor pool where
each actor holds one loaded ``Coder``, and ``write_parquet`` writes one row per article (the
contract record as JSON plus doc_id, content_hash, text...). ``load_parquet`` then stores the
partitions in DuckDB (skipping unchanged articles), on the driver.

A worker that dies (killed for memory, ``kill -9``) is restarted by Ray, which sends it the lost batch again.
Before coding a batch, an actor notes its articles in the run's ``Ledger`` (a small Ray actor of its own, so the
note outlives the worker): a batch that finds its articles noted already was being coded when a worker died, and
is coded one article at a time; an article whose worker dies again while coding it alone is reported (``E041``)
and skipped, and the rest of the corpus goes on (before, Ray sent that article again forever).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsevents import errors
from newsevents.errors import InputError, NewseventsError
from newsevents.ingest.checks import DEFAULT_MAX_CHARS
from newsevents.models import Article
from newsevents.runner.local import BatchResult, CoderSpec, code_batch

PARTITION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("content_hash", pa.string()), ("title", pa.string()), ("date", pa.string()),
    ("url", pa.string()), ("source", pa.string()), ("text", pa.string()), ("origin", pa.string()),
    ("n_events", pa.int64()), ("record", pa.string()), ("error", pa.string()),
])


def shard_paths(inputs: Iterable[str | Path]) -> list[str]:
    """Every input file (directories expanded recursively); each file is one shard read by one task."""
    from newsevents.ingest.readers import is_supported

    out: list[str] = []
    for p in inputs:
        if str(p) == "-":
            raise NewseventsError("-: standard input cannot be sharded across a Ray cluster; write it to a file")
        path = Path(p)
        if path.is_dir():
            out += [str(c.resolve()) for c in sorted(path.rglob("*")) if c.is_file() and is_supported(c)]
        else:
            out.append(str(path.resolve()))  # missing or unsupported files are reported by the reader
    return out


def _read_shard(row: dict[str, Any], max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[dict[str, Any]]:
    """Ray flat_map: the articles (and input errors) of one file, as rows."""
    from newsevents.ingest import read_inputs

    for item in read_inputs([row["path"]], max_chars=max_chars):
        if isinstance(item, InputError):
            yield {"doc_id": None, "text": None, "title": None, "date": None, "url": None, "source": None,
                   "origin": item.origin, "error": item.message}
        else:
            yield {"doc_id": item.id, "text": item.text, "title": item.title, "date": item.date, "url": item.url,
                   "source": item.source, "origin": item.origin, "error": None}


class Ledger:
    """The articles being coded in a run, by origin (a Ray actor, one per run): "batch" while their batch is
    coded, "alone" while one is coded by itself; cleared when done. What is left names what a dead worker coded."""

    def __init__(self) -> None:
        self.open: dict[str, str] = {}

    def begin(self, keys: list[str], alone: bool = False) -> dict[str, str]:
        """Note ``keys`` as being coded; return those noted already (their worker died while coding them)."""
        prior = {k: self.open[k] for k in keys if k in self.open}
        for k in keys:
            if alone:
                self.open[k] = "alone"
            else:
                self.open.setdefault(k, "batch")  # an "alone" note must survive until its article is skipped
        return prior

    def end(self, keys: list[str]) -> None:
        for k in keys:
            self.open.pop(k, None)


class CoderActor:
    """A Ray Data actor holding one loaded ``Coder``; codes a batch of article rows into partition rows."""

    def __init__(self, spec: CoderSpec, batch_size: int = 16, ledger: Any = None) -> None:
        self.coder = spec.build()
        self.batch_size = batch_size
        self.ledger = ledger  # a Ledger actor's handle (None: no dead-worker bookkeeping)

    def _code(self, articles: list[Article]) -> BatchResult:
        """Code a batch; after a worker died on it, one article at a time, skipping the one it died on alone."""
        if self.ledger is None or not articles:
            return code_batch(self.coder, articles, self.batch_size)
        import ray

        keys = [a.origin or a.id for a in articles]
        prior = ray.get(self.ledger.begin.remote(keys))
        if not prior:
            result = code_batch(self.coder, articles, self.batch_size)
        else:
            result = BatchResult([], [])
            for article, key in zip(articles, keys, strict=True):
                if prior.get(key) == "alone":
                    result.failed.append(InputError(key, errors.E041.format(how="its Ray worker was lost")))
                    continue
                ray.get(self.ledger.begin.remote([key], alone=True))  # noted before coding: the worker may die
                one = code_batch(self.coder, [article], self.batch_size)
                result.coded += one.coded
                result.failed += one.failed
                ray.get(self.ledger.end.remote([key]))
        ray.get(self.ledger.end.remote(keys))
        return result

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        articles = [
            Article(id=r["doc_id"], text=r["text"], title=r["title"], date=r["date"], url=r["url"],
                    source=r["source"], origin=r["origin"] or "")
            for r in rows if not r.get("error")
        ]
        result = self._code(articles)
        coded = {a.origin or a.id: c for a, c in result.coded}
        failed = {e.origin: e.message for e in result.failed}
        out = []
        for r in rows:
            rec = {k: r.get(k) for k in ("doc_id", "title", "date", "url", "source", "text", "origin")}
            rec.update(content_hash=None, n_events=None, record=None, error=r.get("error"))
            if not r.get("error"):
                key = r["origin"] or r["doc_id"]
                c = coded.get(key)
                art = Article(id=r["doc_id"], text=r["text"], title=r["title"], date=r["date"])
                rec["content_hash"] = art.content_hash()
                if c is None:
                    rec["error"] = failed.get(key, errors.E015.format(detail="no result"))
                else:
                    rec["record"] = json.dumps(c.to_dict(), ensure_ascii=False)
                    rec["n_events"] = len(c.events)
            out.append(rec)
        return pa.Table.from_pylist(out, schema=PARTITION_SCHEMA)


@dataclass
class RayRunStats:
    """What a Ray run wrote."""

    articles: int = 0
    events: int = 0
    errors: list[InputError] = field(default_factory=list)


def run_ray(
    inputs: Iterable[str | Path],
    parquet_dir: str | Path,
    spec: CoderSpec | None = None,
    batch_size: int = 16,
    address: str | None = None,
    num_cpus: int | None = None,
    concurrency: int | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> RayRunStats:
    """Code every input on Ray and write Parquet partitions (one row per article) under ``parquet_dir``."""
    import ray

    spec = spec or CoderSpec()
    paths = shard_paths(inputs)
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            # One CPU more than coding actors: the shard-reading tasks need a free slot, or they
            # starve behind actors holding every CPU and the run never finishes.
            local_cpus = (num_cpus or concurrency or os.cpu_count() or 1) + 1
            ray.init(num_cpus=local_cpus, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # partitions in input order, like the local runner
    ctx.enable_progress_bars = False
    n_actors = concurrency or max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)
    ds: ray.data.Dataset = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=max(1, len(paths)))
    ds = ds.flat_map(functools.partial(_read_shard, max_chars=max_chars))
    # no CPU of its own: the local cluster's CPUs are counted for the readers and the coding actors
    ledger = ray.remote(num_cpus=0)(Ledger).remote()
    ds = ds.map_batches(
        CoderActor,
        fn_constructor_kwargs={"spec": spec, "batch_size": batch_size, "ledger": ledger},
        batch_size=batch_size,
        batch_format="pyarrow",
        concurrency=n_actors,
        num_cpus=1,
    )
    out = Path(parquet_dir)
    out.mkdir(parents=True, exist_ok=True)
    # OVERWRITE: the directory holds this run's partitions only, so `load` never mixes two runs.
    ds.write_parquet(str(out.resolve()), mode=ray.data.SaveMode.OVERWRITE)
    stats = RayRunStats()
    for row in _iter_partition_rows(out, columns=["origin", "error", "n_events"]):
        if row["error"]:
            stats.errors.append(InputError(row["origin"] or "?", row["error"]))
        else:
            stats.articles += 1
            stats.events += row["n_events"] or 0
    return stats


def _partition_files(parquet_dir: Path) -> list[Path]:
    if not parquet_dir.is_dir():
        raise NewseventsError(f"{parquet_dir}: " + errors.E017.format(detail="no such directory"))
    files = sorted(parquet_dir.rglob("*.parquet"))
    if not files:
        raise NewseventsError(f"{parquet_dir}: " + errors.E017.format(detail="no .parquet files inside"))
    return files


def _iter_partition_rows(parquet_dir: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for f in _partition_files(parquet_dir):
        for batch in pq.ParquetFile(f).iter_batches(batch_size=256, columns=columns):
            yield from batch.to_pylist()


@dataclass
class LoadStats:
    """What ``load_parquet`` stored."""

    written: int = 0
    skipped: int = 0
    events: int = 0
    errors: list[InputError] = field(default_factory=list)


def load_parquet(
    store, parquet_dir: str | Path, batch_size: int = 256, on_error: Callable[[InputError], None] = lambda e: None
) -> LoadStats:
    """Store the Parquet partitions of a Ray run in DuckDB, one transaction per batch; unchanged articles skipped."""
    stats = LoadStats()
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        known = store.stored_hashes([r["doc_id"] for r in batch])
        fresh = [r for r in batch if known.get(r["doc_id"]) != r["content_hash"]]
        stats.skipped += len(batch) - len(fresh)
        if fresh:
            store.write_records(fresh)
            stats.written += len(fresh)
            stats.events += sum(r["n_events"] or 0 for r in fresh)
        batch.clear()

    for row in _iter_partition_rows(Path(parquet_dir)):
        if row.get("error") or not row.get("record"):
            err = InputError(row.get("origin") or "?", row.get("error") or "no record")
            stats.errors.append(err)
            on_error(err)
            continue
        batch.append(row)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return stats
