"""Train the event model from the hand-written corpus in training/events/ and write its weights as package data.

Every sentence is parsed and its actors resolved by the same Coder that codes articles; every candidate
predicate becomes one example: the type its writer gave it, or NONE (listed as a negative, or simply not
listed: the corpus labels every event of a sentence). Optional events are left out. A multinomial logistic
regression over the clause features (``newsevents.events.features``) is fitted; the weights, the feature
names and the learned event nouns go to ``src/newsevents/resources/models/event_model.npz``. Deterministic: the
same corpus gives the same file.

    python scripts/train_event_model.py                 # train on everything, write the weights
    python scripts/train_event_model.py --cv            # leave-one-writer-out figures, nothing written
    python scripts/train_event_model.py --heldout       # and score the files of training/events/HELDOUT
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "training" / "events"
OUT = ROOT / "src" / "newsevents" / "resources" / "models" / "event_model.npz"
NONE = "NONE"


@dataclass
class Example:
    writer: str
    label: str
    reason: str
    features: list[str]
    vector: np.ndarray
    text: str
    lemma: str


def heldout_names() -> set[str]:
    """The corpus files kept out of training (training/events/HELDOUT, one name per line)."""
    path = CORPUS / "HELDOUT"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def training_files() -> list[Path]:
    return [p for p in sorted(CORPUS.glob("*.jsonl")) if p.name not in heldout_names()]


def heldout_files() -> list[Path]:
    return [p for p in sorted(CORPUS.glob("*.jsonl")) if p.name in heldout_names()]


def read_corpus(files: list[Path]) -> list[tuple[str, dict]]:
    out = []
    for path in files:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                out.append((path.stem, json.loads(line)))
    return out


def _span_tokens(doc, text: str, words: str, nth: int):  # type: ignore[no-untyped-def]
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text)]
    if len(hits) < nth:
        return None
    span = doc.char_span(hits[nth - 1], hits[nth - 1] + len(words), alignment_mode="expand")
    return span


def _label_token(span):  # type: ignore[no-untyped-def]
    """The predicate a labelled trigger stands for: its verb or noun head (an adjective: its verb)."""
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    t = heads[0] if heads else span.root
    verbs = [w for w in span if w.tag_.startswith("VB") and w.dep_ not in ("aux", "auxpass")]
    if not (t.tag_.startswith("VB") or t.tag_ in ("NN", "NNS")):
        t = verbs[0] if verbs else (t.head if t.head.tag_.startswith("VB") else t)
    return t


def examples(corpus: list[tuple[str, dict]], nouns: frozenset[str] | None = None) -> tuple[list[Example], frozenset]:
    from newsevents.events.features import clause, is_candidate
    from newsevents.events.lexicon import default_lexicon
    from newsevents.models import Article
    from newsevents.nlp.lemmas import lemma_of
    from newsevents.pipeline import Coder
    from newsevents.resolve.actors import resolve_actors

    coder = Coder()
    lex = default_lexicon()
    docs = list(coder.nlp.pipe((item["text"] for _, item in corpus), batch_size=64))
    labelled: list[dict[int, tuple[str, str]]] = []  # per sentence: token index -> (label, reason)
    skip: list[set[int]] = []
    noun_counts: Counter[str] = Counter()
    for (_, item), doc in zip(corpus, docs, strict=True):
        marks: dict[int, tuple[str, str]] = {}
        drop: set[int] = set()
        for ev in item.get("events", []):
            span = _span_tokens(doc, item["text"], ev["trigger"], ev.get("trigger_n", 1))
            if span is None or not len(span):
                continue
            t = _label_token(span)
            if ev.get("optional"):
                drop.add(t.i)
                continue
            if t.i not in marks:
                marks[t.i] = (ev["type"], "")
                if t.tag_ in ("NN", "NNS"):
                    noun_counts[lemma_of(t)] += 1
        for neg in item.get("negatives", []):
            span = _span_tokens(doc, item["text"], neg["trigger"], neg.get("trigger_n", 1))
            if span is None or not len(span):
                continue
            t = _label_token(span)
            marks.setdefault(t.i, (NONE, neg.get("why", "other")))
        labelled.append(marks)
        skip.append(drop)
    if nouns is None:
        nouns = frozenset(n for n, c in noun_counts.items() if c >= 2)
    out: list[Example] = []
    for (writer, item), doc, marks, drop in zip(corpus, docs, labelled, skip, strict=True):
        actors = resolve_actors(doc, Article(id="t", text=item["text"]), coder.kb)
        for sent in doc.sents:
            for t in sent:
                if t.i in drop:
                    continue
                if t.i not in marks and not is_candidate(t, nouns, lex):
                    continue
                label, reason = marks.get(t.i, (NONE, "unlisted"))
                c = clause(t, sent, actors.from_head, lex)
                out.append(Example(writer, label, reason, c.features, c.vector, item["text"], lemma_of(t)))
    return out, nouns


def featurize(exs: list[Example], vocab: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    from scipy import sparse

    if vocab is None:
        counts: Counter[str] = Counter(f for e in exs for f in set(e.features))
        vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
    rows, cols = [], []
    for r, e in enumerate(exs):
        for f in set(e.features):
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(exs), len(vocab)))
    dense = np.stack([e.vector for e in exs]) if exs else np.zeros((0, 1))
    return x, dense, vocab


def design(x, dense: np.ndarray, mean: np.ndarray, std: np.ndarray, scale: float):  # type: ignore[no-untyped-def]
    """The model's input: the sparse features beside the standardised, scaled dense vectors."""
    from scipy import sparse

    return sparse.hstack([x, sparse.csr_matrix((dense - mean) / std * scale)]).tocsr()


def fit(exs: list[Example], c: float = 1.0, dense_scale: float = 0.1,  # type: ignore[no-untyped-def]
        reasons: bool = False, none_weight: float = 1.0):
    """The type head (and with ``reasons`` the non-event reason head, fitted on the listed negatives)."""
    from sklearn.linear_model import LogisticRegression

    x, dense, vocab = featurize(exs)
    mean, std = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    xd = design(x, dense, mean, std, dense_scale)
    y = [e.label for e in exs]
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    model.fit(xd, y, sample_weight=[none_weight if label == NONE else 1.0 for label in y])
    fitted = {"model": model, "vocab": vocab, "mean": mean, "std": std, "dense_scale": dense_scale}
    if reasons:
        rows = [i for i, e in enumerate(exs) if e.label == NONE and e.reason not in ("", "unlisted")]
        head = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
        head.fit(xd[rows], [exs[i].reason for i in rows])
        fitted["reasons"] = head
    return fitted


def predict(fitted: dict, exs: list[Example]) -> np.ndarray:  # type: ignore[type-arg]

    x, dense, _ = featurize(exs, fitted["vocab"])
    return fitted["model"].predict_proba(design(x, dense, fitted["mean"], fitted["std"], fitted["dense_scale"]))


def report(exs: list[Example], proba: np.ndarray, classes: list[str], threshold: float = 0.5) -> dict:
    pred = [classes[i] for i in proba.argmax(axis=1)]
    conf = proba.max(axis=1)
    tp = fp = fn = 0
    for e, p, c in zip(exs, pred, conf, strict=True):
        p = p if c >= threshold else NONE
        if p != NONE and p == e.label:
            tp += 1
        else:
            if p != NONE:
                fp += 1
            if e.label != NONE:
                fn += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"P": round(prec, 3), "R": round(rec, 3), "F1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0}


def cross_validate(exs: list[Example], **kw) -> None:  # type: ignore[no-untyped-def]
    writers = sorted({e.writer for e in exs})
    allp, alle = [], []
    for w in writers:
        train = [e for e in exs if e.writer != w]
        test = [e for e in exs if e.writer == w]
        fitted = fit(train, **kw)
        classes = list(fitted["model"].classes_)
        proba = predict(fitted, test)
        print(f"  held out {w:<14} {len(test):>6} clauses: {report(test, proba, classes)}", flush=True)
        allp.append(proba)
        alle.extend(test)
    print(f"  all writers held out in turn: {report(alle, np.vstack(allp), classes)}")


# the desks whose stories hold no political events as a rule; the rest are "politics" (the topic head's labels,
# scripts/train_topic_model.py)
TOPIC_DESKS = {"sport": "sport", "culture": "culture", "tech": "tech", "science": "tech", "business": "business"}


def save(fitted: dict, nouns: frozenset[str], path: Path) -> None:  # type: ignore[type-arg]
    """The weights as the arrays ``events/model.py`` reads (dense weights rescaled to raw tok2vec values)."""
    names = sorted(fitted["vocab"], key=fitted["vocab"].get)
    n_sparse = len(names)

    def split(model):  # type: ignore[no-untyped-def]
        coef = model.coef_.T.astype(np.float32)  # features x classes
        if coef.shape[1] == 1:  # a two-class head: sklearn keeps one column
            coef = np.hstack([-coef, coef]) / 2
        dense = coef[n_sparse:] * fitted["dense_scale"] / fitted["std"][:, None].astype(np.float32)
        bias = model.intercept_.astype(np.float32)
        return coef[:n_sparse], dense.astype(np.float32), bias

    sparse_w, dense_w, bias = split(fitted["model"])
    reason_sparse, reason_dense, reason_bias = split(fitted["reasons"])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        classes=np.array(fitted["model"].classes_),
        features=np.array(names),
        sparse_weights=sparse_w,
        dense_weights=dense_w,
        dense_mean=fitted["mean"].astype(np.float32),
        bias=bias,
        reason_classes=np.array(fitted["reasons"].classes_),
        reason_sparse=reason_sparse,
        reason_dense=reason_dense,
        reason_bias=reason_bias,
        nouns=np.array(sorted(nouns)),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave-one-writer-out figures; nothing is written")
    ap.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--dense-scale", type=float, default=0.1)
    ap.add_argument("--none-weight", type=float, default=1.0, help="weight of a NONE clause against an event's")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--heldout", action="store_true", help="also score the files listed in training/events/HELDOUT")
    ap.add_argument("--cache", type=Path, help="keep the parsed examples in this file between runs (experiments)")
    args = ap.parse_args()
    t = time.perf_counter()
    corpus = read_corpus(training_files())
    if args.cache and args.cache.exists():
        exs, nouns = pickle.loads(args.cache.read_bytes())
    else:
        exs, nouns = examples(corpus)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((exs, nouns)))
    labels = Counter(e.label for e in exs)
    print(f"{len(corpus)} sentences, {len(exs)} clauses ({labels[NONE]} NONE), {len(nouns)} learned event nouns, "
          f"{time.perf_counter() - t:.0f} s", flush=True)
    if args.cv:
        cross_validate(exs, c=args.C, dense_scale=args.dense_scale, none_weight=args.none_weight)
        return
    fitted = fit(exs, c=args.C, dense_scale=args.dense_scale, reasons=True, none_weight=args.none_weight)
    if args.heldout:
        held = read_corpus(heldout_files())
        held_exs, _ = examples(held, nouns)
        proba = predict(fitted, held_exs)
        print(f"held-out files {[p.name for p in heldout_files()]}: {len(held)} sentences, {len(held_exs)} clauses: "
              f"{report(held_exs, proba, list(fitted['model'].classes_))}")
    save(fitted, nouns, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
