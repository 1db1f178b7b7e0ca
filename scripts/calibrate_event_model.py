"""Fit the event confidence calibration on the development articles and write resources/models/calibration.tsv.

Codes the development two thirds of our annotated articles (gold/articles/dev.jsonl) with the calibration
switched off, pairs every event with the gold (eval.articles.match_article: same type, same sentence; optional
gold events left out), and fits a logistic map (Platt scaling) from the model's probability to the share judged
right. The aside third is never read here: ``bench/bench_articles.py --aside`` shows how the map holds on it.

    python scripts/calibrate_event_model.py            # fit and write
    python scripts/calibrate_event_model.py --show     # print the table only
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "articles" / "dev.jsonl"
OUT = ROOT / "src" / "newsevents" / "resources" / "models" / "calibration.tsv"
POINTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)


def _logit(p: np.ndarray) -> np.ndarray:
    """The log-odds of probabilities, kept finite at 0 and 1."""
    q = np.clip(p, 1e-3, 1 - 1e-3)
    return np.log(q / (1 - q))


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from newsevents.eval.articles import load_articles, match_article, read_gold, shared_data
    from newsevents.events.coder import _judge
    from newsevents.events.lexicon import default_lexicon
    from newsevents.pipeline import Coder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the table; write nothing")
    args = ap.parse_args()
    _judge(default_lexicon()).calibration = ()  # raw model probabilities as confidences
    gold = read_gold(GOLD)
    coded = {c.doc_id: c for c in Coder().code(load_articles(gold, shared_data(GOLD)))}
    raw, right = [], []
    for g in gold:
        pairs, _ = match_article(coded[g.id], g)
        for m in pairs:
            if m.gold is not None and m.gold["optional"]:
                continue
            raw.append(m.ours.confidence)
            right.append(m.gold is not None)
    x, y = np.array(raw), np.array(right, dtype=float)
    # Platt scaling (a logistic curve over the logit of the model probability): smooth and monotone, where an
    # isotonic step function would follow the noise of a hundred-odd events
    platt = LogisticRegression(C=1e6).fit(_logit(x).reshape(-1, 1), y.astype(int))

    def calibrated(p: float) -> float:
        return float(platt.predict_proba(_logit(np.array([p])).reshape(-1, 1))[0, 1])

    lines = ["# model probability\tshare right on gold/articles/dev.jsonl (Platt fit, "
             f"{len(x)} events); written by scripts/calibrate_event_model.py"]
    print(f"{len(x)} events, {int(y.sum())} right; raw band -> events, share right, calibrated")
    lo = 0.0
    for hi in POINTS:
        band = (x >= lo) & (x < hi if hi < 1.0 else x <= hi)
        share = y[band].mean() if band.any() else float("nan")
        print(f"  {lo:.2f}-{hi:.2f}: {int(band.sum()):>4}  {share:.2f}  {calibrated(hi):.3f}")
        lo = hi
    for p in np.round(np.arange(0.05, 1.0001, 0.05), 2):
        lines.append(f"{p:.2f}\t{calibrated(float(p)):.3f}")
    if not args.show:
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
