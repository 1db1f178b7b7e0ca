"""Which verbs and nouns report what someone said, believes or does: a logistic model over the cue
candidate's words and parse, learned from PolNeAR train (``scripts/learn_quote_cues.py`` writes
``resources/quotes/cue_model.tsv``: one feature and its weight a line).

A candidate is a verb or noun with a frame (``quote_cues.cue_frame``); the model says how likely its
complement is an attribution's content ("opposed the invasion", "called for a ban", "polls show that").
The hand lexicon's reporting verbs with a clause do not need it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.resources import read_tsv
from newsevents.nlp.arrays import doc_arrays

_FIRST_WORDS = {"that", "to", "how", "what", "whether", "why", "if", "who", "when", "where"}


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def candidate_features(tok: Token, frame: str, comps: list[Token]) -> list[str]:
    """The features of one cue candidate: lemma and frame, its subject, its complement."""
    feats = _word_features(tok, frame)
    _add_rest(feats, tok, frame, comps)
    return feats


def _word_features(tok: Token, frame: str) -> list[str]:
    """The features read off the candidate word and its dependents (all but the complement's)."""
    arr = doc_arrays(tok.doc)
    lemma = arr.lemma(tok.i)
    deps, tags = arr.dep, arr.tag
    dep = deps[tok.i]
    feats = [
        f"lemma={lemma}", f"frame={frame}", f"lemma_frame={lemma}|{frame}", f"tag={tags[tok.i]}",
        f"dep={dep}", f"lemma_dep={lemma}|{dep}", f"frame_dep={frame}|{dep}",
    ]
    kids = arr.kids(tok.i)  # positions: a Token object only for the subject
    subj = next((c for c in kids if deps[c] in ("nsubj", "nsubjpass", "poss")), None)
    if subj is None:
        feats.append("subj=none")
    else:
        kind = tok.doc[subj].ent_type_ or ("PRON" if tags[subj] in ("PRP", "WP") else tags[subj])
        feats += [f"subj={kind}", f"lemma_subj={lemma}|{kind}"]
    for c in kids:
        if deps[c] == "neg":
            feats.append("neg")
        elif deps[c] == "auxpass":
            feats.append("passive")
        elif deps[c] == "aux" and tags[c] == "MD":
            feats.append("modal")
    return feats


def _add_rest(feats: list[str], tok: Token, frame: str, comps: list[Token]) -> None:
    """Append the complement's features and the sentence-start flag to ``_word_features``'s."""
    arr = doc_arrays(tok.doc)
    if comps:
        lemma = arr.lemma(tok.i)
        head = comps[0]
        size = sum(c.right_edge.i - c.left_edge.i + 1 for c in comps)
        feats += [
            f"size={_bucket(size)}", f"head={head.tag_}", f"head_ent={head.ent_type_ or '-'}",
            f"lemma_head={lemma}|{head.tag_}", f"frame_size={frame}|{_bucket(size)}",
        ]
        first = head.left_edge.lower_
        if first in _FIRST_WORDS:
            feats.append(f"first={first}")
    if tok.i == arr.sent_start(tok.i):
        feats.append("sentence_start")


@dataclass
class CueModel:
    """Logistic weights; ``accepts`` when the probability reaches ``threshold``."""

    bias: float = -10.0  # no model file: nothing is accepted
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        z = self.bias + sum([get(f, 0.0) for f in features])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold

    def accepts_candidate(self, tok: Token, frame: str, comps: list[Token]) -> bool:
        """``accepts(candidate_features(tok, frame, comps))`` for a candidate with a complement, without
        the complement's features (subtree edges) when even their largest weights cannot reach the threshold."""
        feats = _word_features(tok, frame)
        bounds = self._bounds()
        if bounds is not None:
            lemma = doc_arrays(tok.doc).lemma(tok.i)
            top, by_lemma, by_frame, z_min = bounds
            get = self.weights.get
            most = sum([get(f, 0.0) for f in feats]) + top + by_lemma.get(lemma, 0.0) + by_frame.get(frame, 0.0)
            # float sums of a few terms err by far less than the margin: a rejection here is exact
            if self.bias + most < z_min - 1e-6:
                return False
        _add_rest(feats, tok, frame, comps)
        return self.accepts(feats)

    def _bounds(self) -> tuple[float, dict[str, float], dict[str, float], float] | None:
        """The largest weight each feature after ``_word_features`` can add (never below 0): summed over
        the groups that do not depend on the lemma or frame, per lemma (``lemma_head``), per frame
        (``frame_size``); and the score the threshold needs. None when the threshold is not in (0, 1)."""
        cached = self.__dict__.get("_bound_cache")
        model = (self.weights, len(self.weights), self.threshold)
        if cached is not None and cached[0] is model[0] and cached[1:3] == model[1:]:
            return cached[3]
        bounds = None
        if 0.0 < self.threshold < 1.0:
            group: dict[str, float] = {}
            by_lemma: dict[str, float] = {}
            by_frame: dict[str, float] = {}
            for name, w in self.weights.items():
                kind, _, value = name.partition("=")
                if kind == "lemma_head":
                    key = value.rpartition("|")[0]
                    by_lemma[key] = max(by_lemma.get(key, 0.0), w)
                elif kind == "frame_size":
                    key = value.rpartition("|")[0]
                    by_frame[key] = max(by_frame.get(key, 0.0), w)
                elif kind in ("size", "head", "head_ent", "first", "sentence_start"):
                    group[kind] = max(group.get(kind, 0.0), w)
            z_min = -math.log(1.0 / self.threshold - 1.0)
            bounds = (sum(group.values()), by_lemma, by_frame, z_min)
        self.__dict__["_bound_cache"] = (*model, bounds)
        return bounds

    @classmethod
    def load(cls, path: Path, threshold: float) -> CueModel:
        """The model of a ``feature<TAB>weight`` file (``(bias)`` for the bias); no file: nothing is accepted."""
        if not path.exists():
            return cls(threshold=threshold)
        weights = {}
        bias = 0.0
        for row in read_tsv(path, columns=2):
            name, value = row.cols
            try:
                weight = float(value)
            except ValueError as exc:
                raise KnowledgeError(row.where, errors.E025.format(value=value)) from exc
            if name == "(bias)":
                bias = weight
            else:
                weights[name] = weight
        return cls(bias=bias, weights=weights, threshold=threshold)

    def save(self, path: Path, header: str) -> None:
        lines = [f"# {header}", f"(bias)\t{self.bias:.5f}"]
        ranked = sorted(self.weights.items(), key=lambda kv: -abs(kv[1]))
        # weights under 0.01 are left out to keep the file small (held-out scores unchanged)
        lines += [f"{k}\t{v:.4f}" for k, v in ranked if abs(v) >= 0.01]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train_logistic(examples: list[list[str]], labels: list[int], l2: float = 1.0, steps: int = 400) -> CueModel:
    """Fit weights by full-batch gradient descent (Adam) with an L2 penalty; features seen once are dropped."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats in examples:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= 2)
    index = {f: i for i, f in enumerate(names)}
    rows = [[index[f] for f in feats if f in index] for feats in examples]
    cols = np.fromiter((j for r in rows for j in r), dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(len(names))
    b = 0.0
    m, v = np.zeros(len(names) + 1), np.zeros(len(names) + 1)
    n = len(rows)
    for step in range(1, steps + 1):
        z = b + np.bincount(row_of, weights=w[cols], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        grad = np.concatenate([np.bincount(cols, weights=err[row_of], minlength=len(names)) + l2 * w, [err.sum()]]) / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        update = 0.1 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        w -= update[:-1]
        b -= update[-1]
    return CueModel(bias=float(b), weights={f: float(w[i]) for f, i in index.items()})
