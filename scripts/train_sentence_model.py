"""Train the sentence detector (criticism, praise, ...) on MiniLM sentence vectors and write its weights.

Every sentence of the hand-written corpus (``training/events/*.jsonl``, the HELDOUT files included: see below) is
embedded by ``newsevents.nlp.encoder`` and labelled, for each detected type, 1 when its writer gave it a firm event
of that type, 0 when it has none (a sentence whose only event of the type is optional is left out of that type).
One binary logistic regression per type (scikit-learn, lbfgs: deterministic) is fitted on the unit vectors; the
weights go to ``src/newsevents/resources/models/sentence_model.npz``.

The HELDOUT files are trained on here: they were kept out of the clause model because ``quoted_speech.jsonl``
puts a quote's criticism on the quote's words where the older files put it on the report verb, which confuses a
clause-level model; a sentence-level label is the same under either convention, and quote-carried criticism is
what this detector is for. ``--cv`` shows what they bring (leave-one-writer-out, nothing written).

    python scripts/train_sentence_model.py              # write the weights (about 2 minutes: 11k sentences)
    python scripts/train_sentence_model.py --cv         # leave-one-writer-out AUC / AP per type
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "training" / "events"
OUT = ROOT / "src" / "newsevents" / "resources" / "models" / "sentence_model.npz"
TYPES = ("ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN")
# inverse regularisation strength, chosen by --cv (0.3, 1, 3, 10 compared: docs/event-model.md)
C = 3.0


def read_corpus() -> tuple[list[str], list[str], list[dict[str, int]]]:
    """Texts, writers and, per type, 1 (a firm event), 0 (none) or -1 (only optional ones) of every sentence."""
    texts, writers, labels = [], [], []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            firm = {e["type"] for e in r["events"] if not e.get("optional")}
            optional = {e["type"] for e in r["events"] if e.get("optional")}
            texts.append(r["text"])
            writers.append(path.stem)
            labels.append({t: 1 if t in firm else -1 if t in optional else 0 for t in TYPES})
    return texts, writers, labels


def embed(texts: list[str], cache: Path | None) -> np.ndarray:
    """The sentence vectors, 64 sentences per ONNX call; with ``cache``, the vectors of texts it holds are read from
    it and only the new texts are embedded (the cache is then rewritten with all of them)."""
    from newsevents.nlp.encoder import Encoder

    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        data = np.load(cache, allow_pickle=False)
        known = dict(zip((str(t) for t in data["texts"]), np.asarray(data["x"]), strict=True))
    new = sorted({t for t in texts if t not in known})
    if new:
        enc = Encoder(threads=2)
        for i in range(0, len(new), 64):
            known.update(zip(new[i:i + 64], enc.encode(new[i:i + 64]), strict=True))
    x = np.vstack([known[t] for t in texts])
    if cache is not None and new:
        np.savez(cache, x=x, texts=np.array(texts))
    return x


def fit(x: np.ndarray, y: np.ndarray, c: float = C):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000).fit(x, y)


def cross_validate(x: np.ndarray, writers: list[str], labels: list[dict[str, int]], cs: list[float]) -> None:
    """Leave-one-writer-out AUC and average precision per type, for each C."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    names = sorted(set(writers))
    w = np.array(writers)
    for c in cs:
        for t in TYPES:
            y = np.array([lab[t] for lab in labels])
            scores, truth = [], []
            for name in names:
                train = (w != name) & (y >= 0)
                test = (w == name) & (y >= 0)
                if y[test].sum() == 0:
                    continue
                model = fit(x[train], y[train], c)
                scores.append(model.predict_proba(x[test])[:, 1])
                truth.append(y[test])
            s, yt = np.concatenate(scores), np.concatenate(truth)
            print(f"C={c:<5} {t:9} positives {int(yt.sum()):5}  AUC {roc_auc_score(yt, s):.3f}  "
                  f"AP {average_precision_score(yt, s):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave-one-writer-out figures; write nothing")
    ap.add_argument("--c", type=float, nargs="*", default=[C], help="C values to compare with --cv")
    ap.add_argument("--cache", type=Path, help="keep the corpus vectors in this .npz between runs")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    texts, writers, labels = read_corpus()
    x = embed(texts, args.cache)
    print(f"{len(texts)} sentences embedded in {time.perf_counter() - t0:.0f} s")
    if args.cv:
        cross_validate(x, writers, labels, args.c)
        return
    weights, bias = [], []
    for t in TYPES:
        y = np.array([lab[t] for lab in labels])
        model = fit(x[y >= 0], y[y >= 0])
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
        print(f"{t:9} positives {int((y == 1).sum()):5}")
    np.savez_compressed(args.out, types=np.array(TYPES), weights=np.array(weights, dtype=np.float32),
                        bias=np.array(bias, dtype=np.float32), c=np.array(C))
    print(f"wrote {args.out.relative_to(ROOT)} ({args.out.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
