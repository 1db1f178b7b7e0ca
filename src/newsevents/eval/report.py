"""Shared pieces of the event scorers: coding a suite, precision/recall/F1 and the plain-text report lines."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsevents import errors
from newsevents.errors import InputError


def code_and_score(
    coder: Any, articles: Sequence[Any], records: Sequence[Any], score: Callable[..., dict[str, Any]],
    path: Path | str,
) -> tuple[dict[str, Any], list[Any], float]:
    """Code the articles of a suite and score them against its records: the scores (with the file name),
    the coded articles and the seconds the coding took."""
    t = time.perf_counter()
    coded = list(coder.code(articles))
    elapsed = time.perf_counter() - t
    scores = score(records, coded)
    scores["file"] = str(path)
    return scores, coded, elapsed


def read_lines(path: Path | str) -> list[str]:
    """The lines of a gold file; one that cannot be read or is not UTF-8 raises ``InputError`` naming it."""
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), errors.E005.format(detail=exc.strerror or exc)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), errors.E004.format(detail=exc.reason)) from exc


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 where undefined), with the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def rate(scores: dict[str, Any], key: str, n: str) -> str:
    """A proportion with its denominator: "0.946 (n=147)", or "-" when there was nothing to count."""
    v = scores.get(key)
    return f"{v:.3f} (n={scores[n]})" if v is not None else f"- (n={scores[n]})"


def type_lines(scores: dict[str, Any], label: str = "event type", per_type: bool = True) -> list[str]:
    """Micro and macro P/R/F1 over event types, then (optionally) one row per type."""
    m, ma = scores["micro"], scores["macro"]
    pad = " " * len(label)
    lines = [
        f"{label}  micro P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})",
        f"{pad}  macro P {ma['precision']:.3f} R {ma['recall']:.3f} F1 {ma['f1']:.3f}",
    ]
    if per_type:
        lines += ["", f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for t, s in scores["per_type"].items():
            lines.append(f"{t:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['support']:>5} "
                         f"{s['tp']:>4} {s['fp']:>4} {s['fn']:>4}")
    return lines
