"""What the runners code and hand back: ``CoderSpec`` (how to build a Coder), ``Batch``, ``BatchResult``, and
``code_batch``, which codes one batch so that one bad article costs only itself."""

from __future__ import annotations

import os
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
    """The coded articles of one batch (input order) and the articles that failed inside the coder (warnings,
    ``InputWarning``, say what happened without counting as a failure)."""

    coded: list[tuple[Article, CodedArticle]]
    failed: list[InputError]
    pid: int = 0
    peak_rss_kb: int = 0


@dataclass
class Batch:
    """Articles to code together, with the part of the actor registry they can use (None: the coder's own)."""

    articles: list[Article]
    registry: Any = None


def articles_of(batch: list[Article] | Batch) -> list[Article]:
    return batch.articles if isinstance(batch, Batch) else batch


def code_batch(coder, batch: list[Article] | Batch, batch_size: int) -> BatchResult:
    """Code one batch; if the coder raises, code the articles one by one so one bad article costs only itself."""
    if isinstance(batch, Batch):
        if batch.registry is not None:
            coder.kb.registry = batch.registry
        batch = batch.articles
    try:
        coded = list(coder.code(batch, batch_size=batch_size))
        return BatchResult(list(zip(batch, coded, strict=True)), [], os.getpid(), peak_rss_kb())
    except Exception:  # an extractor bug on one article must not lose the whole batch: each is retried below
        pass
    ok: list[tuple[Article, CodedArticle]] = []
    failed: list[InputError] = []
    for article in batch:
        try:
            ok.append((article, coder.code_one(article)))
        except Exception as exc:  # reported to the user with the article's origin, never swallowed
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            failed.append(InputError(article.origin or article.id, errors.E015.format(detail=detail)))
    return BatchResult(ok, failed, os.getpid(), peak_rss_kb())


def peak_rss_kb() -> int:
    """Peak resident memory of this process (VmHWM), in kB; 0 where /proc is unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0
