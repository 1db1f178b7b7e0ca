"""The article-topic head: is the article politics, business, sport, culture or tech? (read off word vectors).

A sport, culture or tech story is "quiet": its "attacks", "meetings" and "defeats" are rarely political
events (``events/judge.py``). The head is a logistic regression over the mean word vector of a text
(en_core_web_md's static vectors), trained by ``scripts/train_topic_model.py`` on the desks of the event
corpus (``training/events/``). Because the regression is linear in the mean, it is shipped folded per word: each
word's vector times the weights, one score per topic (``resources/models/topic_words.npz``), so coding needs
neither the vectors nor spaCy's md model, and a word the corpus never used ("striker", "Arsenal", "gig")
still counts by its vector's neighbours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.resources import RESOURCES

TOPIC_PATH = RESOURCES / "models" / "topic_words.npz"
WORD = re.compile(r"[a-z][a-z'-]+")


def topic_words(text: str) -> list[str]:
    """The lower-case words of a text, in order and repeated (the head averages over every occurrence)."""
    return WORD.findall(text.lower())


class TopicModel:
    """Per-word topic scores and the bias: the mean score of a text's known words, softmaxed."""

    def __init__(self, path: Path = TOPIC_PATH) -> None:
        try:
            data = np.load(path, allow_pickle=False)
            self.classes = [str(c) for c in data["classes"]]
            words = str(data["words"]).split("\n")
            self.index = {w: i for i, w in enumerate(words)}
            self.scores = data["scores"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise KnowledgeError(str(path), errors.E030.format(error=exc)) from exc
        self.path = path

    def read(self, text: str) -> tuple[dict[str, float], int]:
        """The probability of each topic for ``text`` and the number of words it was read from (a uniform answer
        for a text with no known word)."""
        rows = [j for j in (self.index.get(w) for w in topic_words(text)) if j is not None]
        if not rows:
            return {c: 1.0 / len(self.classes) for c in self.classes}, 0
        z = self.scores[rows].mean(axis=0) + self.bias
        z = np.exp(z - z.max())
        return {c: float(v) for c, v in zip(self.classes, z / z.sum(), strict=True)}, len(rows)


@lru_cache(maxsize=2)
def load_topic_model(path: Path = TOPIC_PATH) -> TopicModel:
    return TopicModel(path)
