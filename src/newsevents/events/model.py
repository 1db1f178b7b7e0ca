"""The learned event model: for one candidate clause, NONE or a PLOVER type, with a probability.

A multinomial logistic regression over the clause features of ``events/features.py`` (sparse strings plus the
parser's contextual vectors), trained by ``scripts/train_event_model.py`` on the hand-written corpus in
``training/events/`` and shipped as ``resources/models/event_model.npz``. A second head, trained on the
corpus's negatives, names why a clause is not an event ("opinion", "sport", "figurative" ...). Inference is
numpy only: a sum of the weights of the features present.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.events.features import Clause
from newsevents.knowledge.resources import RESOURCES

MODEL_PATH = RESOURCES / "models" / "event_model.npz"
NONE = "NONE"


@dataclass(frozen=True)
class Judgement:
    """What the model says of one clause."""

    label: str  # NONE or a PLOVER type
    p: float  # probability of ``label``
    probs: dict[str, float]  # every class's probability
    reason: str | None = None  # for NONE: the kind of non-event it most resembles

    def prob(self, event: str) -> float:
        return self.probs.get(event, 0.0)

    @property
    def best_event(self) -> tuple[str, float]:
        """The most probable event type and its probability."""
        return max(((c, p) for c, p in self.probs.items() if c != NONE), key=lambda cp: cp[1])

    @property
    def p_event(self) -> float:
        """The probability that the clause is an event of any type."""
        return 1.0 - self.probs.get(NONE, 0.0)


class Head:
    """One linear softmax head: weights per feature name and per dense dimension, a bias per class."""

    def __init__(self, classes: np.ndarray, features: np.ndarray, sparse: np.ndarray, dense: np.ndarray,
                 mean: np.ndarray, bias: np.ndarray) -> None:
        self.classes = [str(c) for c in classes]
        self.index = {str(f): i for i, f in enumerate(features)}
        self.sparse = sparse
        self.dense = dense
        self.offset = bias - mean @ dense  # the training mean folded into the bias

    def probs(self, clause: Clause) -> np.ndarray:
        rows = [j for j in {self.index.get(f) for f in clause.features} if j is not None]
        z = self.sparse[rows].sum(axis=0) + clause.vector @ self.dense + self.offset
        z = np.exp(z - z.max())
        return np.asarray(z / z.sum())


class EventModel:
    """The shipped event model (type head and non-event reason head) and the event nouns it learned."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        try:
            data = np.load(path, allow_pickle=False)
            self.types = Head(data["classes"], data["features"], data["sparse_weights"], data["dense_weights"],
                              data["dense_mean"], data["bias"])
            self.reasons = Head(data["reason_classes"], data["features"], data["reason_sparse"],
                                data["reason_dense"], data["dense_mean"], data["reason_bias"])
            self.nouns = frozenset(str(n) for n in data["nouns"])
        except (OSError, KeyError, ValueError) as exc:
            raise KnowledgeError(str(path), errors.E030.format(error=exc)) from exc
        self.path = path

    def judge(self, clause: Clause) -> Judgement:
        p = self.types.probs(clause)
        probs = {c: float(v) for c, v in zip(self.types.classes, p, strict=True)}
        best = int(p.argmax())
        label = self.types.classes[best]
        reason = None
        if label == NONE:
            r = self.reasons.probs(clause)
            reason = self.reasons.classes[int(r.argmax())]
        return Judgement(label, float(p[best]), probs, reason)


@lru_cache(maxsize=2)
def load_event_model(path: Path = MODEL_PATH) -> EventModel:
    return EventModel(path)
