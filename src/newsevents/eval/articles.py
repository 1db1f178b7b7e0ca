"""Score the coder on whole articles annotated sentence by sentence (``gold/articles/``, see docs/annotation.md).

An event matches a gold event of the same type (or one of its ``alt`` types) whose sentence holds the event's
trigger; each gold event is matched once. A match with an optional gold event is neither a hit nor an error;
an unmatched firm gold event is a miss. On matches: actor and recipient (name overlap, and country where the
gold gives one), aux modes exact, place and date. Precision is also given by confidence band, with the mean
confidence of each band (the reliability table), and the events per article by section.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents import errors
from newsevents.errors import InputError
from newsevents.eval.report import prf, read_lines
from newsevents.models import PLOVER_TYPES, Actor, Article, CodedArticle, Event

BANDS = (0.0, 0.5, 0.65, 0.8, 0.9, 1.01)
# words that say nothing about who a participant is ("the", titles): left out of name overlap
NAME_STOP = frozenset(
    "the a an of and mr mrs ms miss dr sir lord lady dame president minister secretary senator sen rep gov "
    "governor prime chancellor leader chief shadow former party".split()
)
CORPUS_FILES = {
    "bbc": ("bbc", "articles.jsonl"),
    "polnear-train": ("polnear", "train", "articles.jsonl"),
    "polnear-dev": ("polnear", "dev", "articles.jsonl"),
}


@dataclass
class GoldArticle:
    """One annotated article: where its text is, and its gold events (offsets into that text)."""

    id: str
    corpus: str
    section: str
    date: str | None
    events: list[dict[str, Any]] = field(default_factory=list)


def read_gold(path: Path | str) -> list[GoldArticle]:
    """The articles of a gold file (``dev.jsonl`` or ``aside.jsonl``), in file order; a line that is not a gold
    article raises ``InputError`` naming the file and line."""
    lines = read_lines(path)
    out = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                r = json.loads(line)
                out.append(GoldArticle(r["id"], r["corpus"], r["section"], r.get("date"), r["events"]))
                problem = _gold_problem(r)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                raise InputError(f"{path}:{n}", errors.E036.format(detail=problem))
    return out


def _gold_problem(r: dict[str, Any]) -> str | None:
    """What makes an article line unusable by the scorer, or None."""
    if r["corpus"] not in CORPUS_FILES:
        return f"corpus {r['corpus']!r} is not one of {', '.join(CORPUS_FILES)}"
    for k, e in enumerate(r["events"], 1):
        for key in ("sentence", "trigger"):
            span = e.get(key)
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
                return f"event {k}: {key!r} must be [start, end] character offsets"
        if e.get("type") not in PLOVER_TYPES:
            return f"event {k}: type {e.get('type')!r} is not a PLOVER type"
        if not isinstance(e.get("optional"), bool) or not all(isinstance(e.get(side), list)
                                                               for side in ("actor", "recipient")):
            return f"event {k}: needs 'optional' (true or false) and 'actor' and 'recipient' lists"
    return None


def shared_data(gold_path: Path | str) -> Path:
    """The shared data folder: beside the repository that holds the gold file, else beside the current folder."""
    parents = Path(gold_path).resolve().parents
    for base in ([parents[2]] if len(parents) > 2 else []) + [Path.cwd()]:
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    raise InputError(str(gold_path), errors.E037)


def load_articles(gold: Sequence[GoldArticle], data: Path) -> list[Article]:
    """The texts of the gold articles, read from the shared corpora (never stored with the gold)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        wanted[g.corpus].add(g.id)
    texts: dict[str, dict[str, Any]] = {}
    for corpus, ids in wanted.items():
        path = data.joinpath(*CORPUS_FILES[corpus])
        try:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    if r["id"] in ids:
                        texts[r["id"]] = r
        except OSError as exc:
            raise InputError(str(path), errors.E005.format(detail=exc.strerror or exc)) from exc
        missing = sorted(ids - set(texts))
        if missing:
            raise InputError(str(path), errors.E038.format(ids=", ".join(missing[:3]), n=len(missing)))
    return [Article(id=g.id, text=texts[g.id]["text"], title=texts[g.id].get("title"), date=g.date) for g in gold]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in NAME_STOP and len(w) > 1}


def _same_participant(ours: Actor, gold: dict[str, Any], with_country: bool) -> bool:
    """Name overlap (canonical name or mention words), and the country where the gold gives one."""
    mine = _words(ours.name) | _words(ours.entity_text)
    theirs = _words(gold.get("name") or "") | _words(gold.get("text") or "")
    if gold.get("kind") == "country" and gold.get("country") and ours.country == gold["country"]:
        return True  # "Britain" / "the UK" / "London" standing for the country
    if not mine & theirs:
        return False
    return not (with_country and gold.get("country") and ours.country != gold["country"])


def participants_right(ours: Sequence[Actor], gold: Sequence[dict[str, Any]], with_country: bool = False) -> bool:
    """Both empty, or some participant of ours is one of the gold participants."""
    if not gold:
        return not ours
    return any(_same_participant(a, g, with_country) for a in ours for g in gold)


def _place_right(ours: Event, gold: dict[str, Any]) -> bool | None:
    """None when the gold says nothing about the place; else whether ours agrees (none where the gold has none)."""
    if "place" not in gold:
        return None
    gp, op = gold["place"], ours.event_loc
    if gp is None:
        return op is None
    if op is None:
        return False
    if gp.get("level") == "country":
        return (op.country_code or "").upper() == (gp.get("country_code") or "").upper()
    return bool(_words(op.name) & _words(gp.get("name") or "") or _words(op.text) & _words(gp.get("name") or ""))


def _trigger_start(e: Event) -> int:
    return e.trigger["start"] if e.trigger else e.text_info["start"]


@dataclass
class Match:
    ours: Event
    gold: dict[str, Any] | None  # None: a false positive
    article: str
    section: str


def match_article(coded: CodedArticle, gold: GoldArticle) -> tuple[list[Match], list[dict[str, Any]]]:
    """Our events paired with gold events (one-to-one; firm gold first), and the firm gold events missed."""
    taken: set[int] = set()
    out: list[Match] = []
    for e in sorted(coded.events, key=lambda e: -e.confidence):
        at = _trigger_start(e)
        best = None
        for k, g in enumerate(gold.events):
            if k in taken or not g["sentence"][0] <= at < g["sentence"][1]:
                continue
            if e.event != g["type"] and e.event not in g.get("alt", ()):
                continue
            rank = (g["optional"], e.event != g["type"], abs(g["trigger"][0] - at))
            if best is None or rank < best[0]:
                best = (rank, k)
        if best is not None:
            taken.add(best[1])
        out.append(Match(e, gold.events[best[1]] if best else None, gold.id, gold.section))
    missed = [g for k, g in enumerate(gold.events) if k not in taken and not g["optional"]]
    return out, missed


def score(gold: Sequence[GoldArticle], coded: Sequence[CodedArticle]) -> dict[str, Any]:
    """Every figure of the report (see the module docstring) as one JSON-able dict."""
    by_id = {c.doc_id: c for c in coded}
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    matched: list[Match] = []
    bands: dict[int, list[bool]] = defaultdict(list)
    band_conf: dict[int, list[float]] = defaultdict(list)
    per_section: dict[str, list[int]] = defaultdict(list)
    optional_hits = 0
    for g in gold:
        c = by_id[g.id]
        pairs, missed = match_article(c, g)
        per_section[g.section].append(len(c.events))
        for m in pairs:
            if m.gold is not None and m.gold["optional"]:
                optional_hits += 1
                continue
            ok = m.gold is not None
            (tp if ok else fp)[m.ours.event] += 1
            k = next(i for i in range(len(BANDS) - 1) if BANDS[i] <= m.ours.confidence < BANDS[i + 1])
            bands[k].append(ok)
            band_conf[k].append(m.ours.confidence)
            if ok:
                matched.append(m)
        for g_ev in missed:
            fn[g_ev["type"]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    per_type = {t: {**prf(tp[t], fp[t], fn[t]), "support": tp[t] + fn[t]} for t in types}
    out: dict[str, Any] = {
        "articles": len(gold),
        "events": sum(len(c.events) for c in coded),
        "optional_matched": optional_hits,
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_type": per_type,
    }
    out.update(_argument_scores(matched))
    out["bands"] = [
        {"from": BANDS[k], "to": min(BANDS[k + 1], 1.0), "events": len(bands[k]),
         "precision": round(sum(bands[k]) / len(bands[k]), 4) if bands[k] else None,
         "mean_confidence": round(sum(band_conf[k]) / len(band_conf[k]), 4) if band_conf[k] else None}
        for k in range(len(BANDS) - 1)
    ]
    high = [ok for k, v in bands.items() if BANDS[k] >= 0.8 for ok in v]
    out["precision_at_0.8"] = round(sum(high) / len(high), 4) if high else None
    out["events_at_0.8"] = len(high)
    out["per_section"] = {s: {"articles": len(v), "events_per_article": round(sum(v) / len(v), 3)}
                          for s, v in sorted(per_section.items())}
    return out


def _rate(values: Iterable[bool | None]) -> tuple[float | None, int]:
    vals = [v for v in values if v is not None]
    return (round(sum(vals) / len(vals), 4) if vals else None), len(vals)


def _argument_scores(matched: Sequence[Match]) -> dict[str, Any]:
    """Actor, recipient, aux, place and date agreement on the matched firm events."""
    out: dict[str, Any] = {"matched": len(matched)}
    checks = {
        "actor": lambda m: participants_right(m.ours.actor, m.gold["actor"]),
        "actor_country": lambda m: participants_right(m.ours.actor, m.gold["actor"], with_country=True),
        "recipient": lambda m: participants_right(m.ours.recipient, m.gold["recipient"]),
        "recipient_country": lambda m: participants_right(m.ours.recipient, m.gold["recipient"], with_country=True),
        "aux": lambda m: sorted(m.ours.aux) == sorted(m.gold.get("aux", [])),
        "historical": lambda m: ("historical" in m.ours.aux) if "historical" in m.gold.get("aux", []) else None,
        "place": lambda m: _place_right(m.ours, m.gold),
        "date": lambda m: (m.ours.date or "")[: len(m.gold["date"])] == m.gold["date"] if m.gold.get("date") else None,
    }
    for name, check in checks.items():
        out[name], out[f"{name}_n"] = _rate(check(m) for m in matched)
    return out


def evaluate(path: Path | str, coder: Any = None, data: Path | None = None, model: str | None = None,
             triage: bool | None = None) -> dict[str, Any]:
    """Code the gold articles with ``coder`` (a ``pipeline.Coder``; if None, one of ``model`` and ``triage``, built
    once the gold and its texts are read) and score them. The texts come from ``data`` (default: shared_data)."""
    gold = read_gold(path)
    articles = load_articles(gold, data or shared_data(path))
    if coder is None:
        from newsevents.pipeline import Coder

        coder = Coder(triage=triage) if model is None else Coder(model=model, triage=triage)
    coded = list(coder.code(articles))
    scores = score(gold, coded)
    scores["file"] = str(path)
    return scores


def format_report(s: dict[str, Any]) -> str:
    """The scores as the plain-text report ``newsevents eval articles`` prints."""
    m = s["micro"]
    lines = [
        f"{s['file']}: {s['articles']} articles, {s['events']} events coded ({s['optional_matched']} matched an "
        f"optional gold event and are not counted)",
        f"event type + sentence  P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})",
        "",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for t, v in s["per_type"].items():
        lines.append(f"{t:<10} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>5} "
                     f"{v['tp']:>4} {v['fp']:>4} {v['fn']:>4}")
    lines += ["", f"on the {s['matched']} matched events:"]
    for key, label in (("actor", "actor (name)"), ("actor_country", "actor (name + country)"),
                       ("recipient", "recipient (name)"), ("recipient_country", "recipient (name + country)"),
                       ("aux", "aux modes exact"), ("historical", "historical found"), ("place", "place"),
                       ("date", "date")):
        v = s[key]
        lines.append(f"  {label:<28} {'-' if v is None else f'{v:.3f}'} (n={s[key + '_n']})")
    lines += ["", "precision by confidence (reliability):", f"  {'band':<12} {'events':>6} {'precision':>9} "
              f"{'mean conf':>9}"]
    for b in s["bands"]:
        p = "-" if b["precision"] is None else f"{b['precision']:.3f}"
        c = "-" if b["mean_confidence"] is None else f"{b['mean_confidence']:.3f}"
        lines.append(f"  {b['from']:.2f}-{b['to']:.2f}  {b['events']:>6} {p:>9} {c:>9}")
    p8 = s["precision_at_0.8"]
    lines.append(f"  confidence >= 0.8: precision {'-' if p8 is None else f'{p8:.3f}'} on {s['events_at_0.8']} events")
    lines += ["", "events per article by section:"]
    for sec, v in s["per_section"].items():
        lines.append(f"  {sec:<14} {v['events_per_article']:.2f} ({v['articles']} articles)")
    return "\n".join(lines)
