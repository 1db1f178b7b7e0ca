"""Score quote extraction against PolNeAR (Newell et al., LREC 2018) brat attribution files.

A split folder holds ``articles.jsonl`` (``id``, ``text``, ``date``, ...) and ``attributions/*.ann``
named ``<article id>_<annotator>.ann``. An article coded by several annotators has several files; we
score the one whose annotator code sorts first (deterministic, and independent of our output).

Gold attribution = one brat event (``E`` line): its Content spans (discontinuous spans and
``Content2`` joined), its Source spans (none for ``Attribution-no-source``). Predicted attribution =
the quotes sharing one cue: their contents joined, the speaker mention of the first.

- Content: a predicted and a gold attribution match when the characters they share are at least half
  of the gold content and at least half of the predicted content; pairs are matched one-to-one,
  greedily by shared characters. Precision = matched / predicted, recall = matched / gold.
- Speaker: a matched pair whose predicted speaker mention overlaps one of the gold Source spans.
  Precision = speaker matches / predictions with a speaker, recall = speaker matches / gold
  attributions with a Source.
- ``lenient`` repeats the content figures with the looser rule of ../shared/research/quotes.md
  (half of either side), for comparison with that note's textacy figures.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.knowledge.resources import read_tsv
from newsevents.models import Article, Quote
from newsevents.nlp.model import DEFAULT_MODEL

Ranges = list[tuple[int, int]]


@dataclass
class Attribution:
    """One attribution, gold or predicted, as character ranges into the article text."""

    content: Ranges
    source: Ranges = field(default_factory=list)
    kind: str = ""  # gold: direct | mixed | indirect (from the quote marks in the content)

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.content)


@dataclass
class GoldArticle:
    article: Article
    annotator: str
    attributions: list[Attribution]


def _ranges(field_text: str) -> Ranges:
    out = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return out


def _kind(text: str, content: Ranges) -> str:
    chars = "".join(text[s:e] for s, e in content)
    marks = sum(chars.count(m) for m in ('"', "“", "”", "''"))
    if marks < 2:
        return "indirect"
    stripped = chars.strip(" ,.;:")
    return "direct" if stripped[:1] in "\"“'" and stripped[-1:] in "\"”'" else "mixed"


def parse_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[list[tuple[str, str]]] = []
    for row in read_tsv(path):  # "#" lines are annotator notes, which nothing here reads
        parts = row.cols
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _ranges(offsets))
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split() if ":" in arg])  # type: ignore[misc]
    out = []
    for args in events:
        content: Ranges = []
        source: Ranges = []
        for role, ref in args:
            if ref not in spans:
                continue
            if role.startswith("Content"):
                content += spans[ref][1]
            elif role.startswith("Source"):
                source += spans[ref][1]
        if content:
            out.append(Attribution(sorted(content), source, _kind(text, content)))
    return out


def load_gold(directory: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles of a PolNeAR split with the attributions of one annotator each (the first code)."""
    directory = Path(directory)
    articles = {}
    with (directory / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            articles[rec["id"]] = Article(
                id=rec["id"], text=rec["text"], title=rec.get("title"), date=rec.get("date"), source=rec.get("source")
            )
    files: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in sorted((directory / "attributions").glob("*.ann")):
        article_id, _, annotator = path.stem.rpartition("_")
        files[article_id].append((annotator, path))
    out = []
    for article_id in sorted(files):
        if article_id not in articles:
            continue
        annotator, path = min(files[article_id])
        article = articles[article_id]
        out.append(GoldArticle(article, annotator, parse_ann(path, article.text)))
        if limit is not None and len(out) >= limit:
            break
    return out


def from_quotes(quotes: Iterable[Quote]) -> list[Attribution]:
    """Predicted attributions: the quotes of one cue joined (one cue, one attribution, as in PolNeAR)."""
    by_cue: dict[tuple[int, int], Attribution] = {}
    for q in quotes:
        key = (q.cue.start, q.cue.end)
        if key not in by_cue:
            source = [(q.speaker.start, q.speaker.end)] if q.speaker is not None else []
            by_cue[key] = Attribution([], source)
        by_cue[key].content.append((q.content.start, q.content.end))
    return list(by_cue.values())


def _shared(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(gold: list[Attribution], pred: list[Attribution], lenient: bool = False) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs that share enough characters, largest first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = _shared(g.content, p.content)
            if not shared:
                continue
            half_gold, half_pred = shared * 2 >= g.length, shared * 2 >= p.length
            if (half_gold or half_pred) if lenient else (half_gold and half_pred):
                pairs.append((shared, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(gold: list[GoldArticle], predicted: dict[str, list[Attribution]]) -> dict[str, Any]:
    """Content and speaker scores of predicted attributions (by article id) against the gold."""
    n_gold = n_pred = tp = tp_lenient = 0
    n_gold_source = n_pred_speaker = tp_speaker = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [gold, matched]
    for g in gold:
        preds = predicted.get(g.article.id, [])
        n_gold += len(g.attributions)
        n_pred += len(preds)
        n_gold_source += sum(1 for a in g.attributions if a.source)
        n_pred_speaker += sum(1 for p in preds if p.source)
        pairs = match(g.attributions, preds)
        tp += len(pairs)
        tp_lenient += len(match(g.attributions, preds, lenient=True))
        matched = {gi for gi, _ in pairs}
        for gi, a in enumerate(g.attributions):
            by_kind[a.kind][0] += 1
            by_kind[a.kind][1] += gi in matched
        for gi, pi in pairs:
            if _shared(g.attributions[gi].source, preds[pi].source) > 0:
                tp_speaker += 1
    return {
        "articles": len(gold),
        "gold": n_gold,
        "predicted": n_pred,
        "content": _prf(tp, n_pred, n_gold),
        "speaker": _prf(tp_speaker, n_pred_speaker, n_gold_source),
        "lenient_content": _prf(tp_lenient, n_pred, n_gold),
        "recall_by_type": {k: round(m / n, 4) for k, (n, m) in sorted(by_kind.items()) if n},
    }


def predict(
    gold: list[GoldArticle], model: str = DEFAULT_MODEL, triage: bool | None = None
) -> dict[str, list[Attribution]]:
    """newsevents' attributions for the gold articles (the whole pipeline, as ``newsevents code`` runs it)."""
    from newsevents.pipeline import Coder

    coder = Coder(model=model, triage=triage)
    out = {}
    for coded in coder.code(g.article for g in gold):
        out[coded.doc_id] = from_quotes(coded.quotes)
    return out


def evaluate(
    directory: Path, model: str = DEFAULT_MODEL, limit: int | None = None, triage: bool | None = None
) -> dict[str, Any]:
    """Score newsevents on a PolNeAR split folder (articles.jsonl + attributions/)."""
    gold = load_gold(Path(directory), limit=limit)
    scores = score(gold, predict(gold, model=model, triage=triage))
    scores["directory"] = str(directory)
    return scores


def format_report(scores: dict[str, Any]) -> str:
    lines = [
        f"PolNeAR {scores.get('directory', '')}: {scores['articles']} articles, "
        f"{scores['gold']} gold attributions, {scores['predicted']} predicted",
        f"{'':18}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for key, label in (("content", "content"), ("speaker", "speaker"), ("lenient_content", "content (lenient)")):
        s = scores[key]
        lines.append(f"{label:18}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}")
    kinds = ", ".join(f"{k} {v:.3f}" for k, v in scores.get("recall_by_type", {}).items())
    lines.append(f"content recall by gold type: {kinds}")
    return "\n".join(lines)
