"""Score recall on RAMS dev (``../shared/data/rams/dev.*``): 924 news excerpts, one annotated event each.

A RAMS type is read as PLOVER through ``resources/ontology/rams_plover.tsv`` (validation only; ``-`` where the
fit is not firm). An excerpt with a firm type is *found* when the coder gave an event of the mapped type (or an
accepted alternative) in the sentence that holds the annotated trigger: the same test as ``eval.articles``
(our event in the gold event's sentence), the sentence being the coder's own (RAMS gives a trigger text, no
offsets: it is located in the excerpt, the occurrence nearest the middle when it occurs twice, since RAMS
centres its five-sentence window on the trigger). Only one event per excerpt is annotated: recall, not precision.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents import errors
from newsevents.errors import InputError, KnowledgeError
from newsevents.eval.report import read_lines
from newsevents.knowledge.resources import read_tsv, resource
from newsevents.models import PLOVER_TYPES, Article, CodedArticle, Event

MAPPING = resource("ontology", "rams_plover.tsv")


@dataclass(frozen=True)
class Excerpt:
    """One RAMS excerpt and its annotated event: the RAMS type, the trigger text and where it was located."""

    id: str
    text: str
    rams_type: str
    trigger: str
    trigger_start: int
    occurrences: int  # how often the trigger text occurs (1: located without doubt)
    plover_given: str | None = None  # the data's own ``plover`` field (the 294 firm ones), for comparison


@dataclass(frozen=True)
class Reading:
    """The PLOVER reading of a RAMS type: the type scored, and other types accepted as a match."""

    plover: str
    also: frozenset[str] = frozenset()

    @property
    def accepted(self) -> frozenset[str]:
        return self.also | {self.plover}


def read_mapping(path: Path = MAPPING) -> dict[str, Reading | None]:
    """RAMS type or dotted prefix -> its reading (None: no firm PLOVER reading); a PLOVER name that is not one of
    the 16 types raises ``KnowledgeError`` naming the file and line."""
    out: dict[str, Reading | None] = {}
    for row in read_tsv(path, columns=4, strip=True):
        rams, plover, also = row.cols[0], row.cols[1], row.cols[2]
        alts = frozenset(a for a in also.split("|") if a != "-")
        bad = [t for t in {plover, *alts} - {"-"} if t not in PLOVER_TYPES]
        if bad:
            raise KnowledgeError(row.where, f"{', '.join(sorted(bad))} is not a PLOVER type")
        out[rams] = None if plover == "-" else Reading(plover, alts)
    return out


def reading_for(rams_type: str, mapping: dict[str, Reading | None]) -> Reading | None:
    """The reading of the longest entry that is the type itself or a dotted prefix of it (None: not firm)."""
    parts = rams_type.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in mapping:
            return mapping[key]
    return None


def locate(text: str, trigger: str) -> tuple[int, int]:
    """Start of the trigger's whole-word occurrence nearest the middle of the text, and the number of
    occurrences (0 and -1 when it does not occur)."""
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", text)]
    if not starts:
        return -1, 0
    middle = len(text) / 2
    return min(starts, key=lambda s: abs(s + len(trigger) / 2 - middle)), len(starts)


def _lines(path: Path) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for n, line in enumerate(read_lines(path), 1):
        if line.strip():
            try:
                out.append((f"{path}:{n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", errors.E039.format(detail=exc.msg)) from exc
    return out


def read_rams(folder: Path, split: str = "dev") -> list[Excerpt]:
    """The excerpts of ``{split}.articles.jsonl`` joined with ``{split}.gold.jsonl``, in file order; a line
    without its fields, or a trigger that is not in its excerpt, raises ``InputError`` naming file and line."""
    texts: dict[str, str] = {}
    for where, r in _lines(folder / f"{split}.articles.jsonl"):
        if not isinstance(r, dict) or not isinstance(r.get("id"), str) or not isinstance(r.get("text"), str):
            raise InputError(where, errors.E039.format(detail="needs 'id' and 'text' strings"))
        texts[r["id"]] = r["text"]
    out = []
    for where, g in _lines(folder / f"{split}.gold.jsonl"):
        if not isinstance(g, dict) or not all(isinstance(g.get(k), str) for k in ("id", "rams_type", "trigger")):
            raise InputError(where, errors.E039.format(detail="needs 'id', 'rams_type' and 'trigger' strings"))
        if g["id"] not in texts:
            raise InputError(where, errors.E039.format(detail=f"excerpt {g['id']} is not in the articles file"))
        start, count = locate(texts[g["id"]], g["trigger"])
        if count == 0:
            raise InputError(where, errors.E039.format(detail=f"trigger {g['trigger']!r} is not in its excerpt"))
        given = g.get("plover")
        out.append(Excerpt(g["id"], texts[g["id"]], g["rams_type"], g["trigger"], start, count,
                           given if isinstance(given, str) and given in PLOVER_TYPES else None))
    return out


def found(events: Sequence[Event], at: int, accepted: frozenset[str] | None = None) -> bool:
    """Some event (of an accepted type; any type when None) whose sentence holds offset ``at``."""
    return any(e.text_info["start"] <= at < e.text_info["end"] and (accepted is None or e.event in accepted)
               for e in events)


def _share(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def score(excerpts: Sequence[Excerpt], coded: Sequence[CodedArticle],
          mapping: dict[str, Reading | None] | None = None) -> dict[str, Any]:
    """Every figure of the report (see the module docstring) as one JSON-able dict."""
    mapping = read_mapping() if mapping is None else mapping
    by_id = {c.doc_id: c for c in coded}
    per_type: dict[str, list[bool]] = defaultdict(list)
    any_type: list[bool] = []
    confused: Counter[tuple[str, str]] = Counter()
    given: list[bool] = []
    unmapped_with_event: list[bool] = []
    events_per: dict[str, list[int]] = {"all": [], "firm": [], "not firm": []}
    unlocated = 0
    for x in excerpts:
        events = by_id[x.id].events
        reading = reading_for(x.rams_type, mapping)
        events_per["all"].append(len(events))
        events_per["firm" if reading else "not firm"].append(len(events))
        unlocated += x.occurrences > 1
        if x.plover_given:
            given.append(found(events, x.trigger_start, frozenset({x.plover_given})))
        if reading is None:
            unmapped_with_event.append(found(events, x.trigger_start))
            continue
        hit = found(events, x.trigger_start, reading.accepted)
        per_type[reading.plover].append(hit)
        any_type.append(found(events, x.trigger_start))
        if not hit:
            for e in events:
                if e.text_info["start"] <= x.trigger_start < e.text_info["end"]:
                    confused[(reading.plover, e.event)] += 1
    hits = [h for v in per_type.values() for h in v]
    return {
        "excerpts": len(excerpts),
        "firm": len(hits),
        "found": sum(hits),
        "recall": _share(sum(hits), len(hits)),
        "any_type_in_sentence": _share(sum(any_type), len(any_type)),
        "per_type": {t: {"n": len(v), "found": sum(v), "recall": _share(sum(v), len(v))}
                     for t, v in sorted(per_type.items(), key=lambda kv: -len(kv[1]))},
        "confusions": [{"gold": g, "ours": o, "n": n} for (g, o), n in confused.most_common(10)],
        "given_firm": len(given),
        "given_recall": _share(sum(given), len(given)),
        "not_firm_with_event": _share(sum(unmapped_with_event), len(unmapped_with_event)),
        "not_firm": len(unmapped_with_event),
        "ambiguous_triggers": unlocated,
        "events_per_excerpt": {k: round(sum(v) / len(v), 3) if v else None for k, v in events_per.items()},
    }


def evaluate(folder: Path, coder: Any = None, split: str = "dev") -> dict[str, Any]:
    """Read the RAMS split in ``folder``, code its excerpts with ``coder`` (a ``pipeline.Coder``; built when
    None) and score them."""
    excerpts = read_rams(folder, split)
    mapping = read_mapping()
    if coder is None:
        from newsevents.pipeline import Coder

        coder = Coder()
    coded = list(coder.code(Article(id=x.id, text=x.text) for x in excerpts))
    scores = score(excerpts, coded, mapping)
    scores["folder"] = str(folder)
    return scores


def format_report(s: dict[str, Any]) -> str:
    """The scores as plain text (``bench/bench_rams.py`` prints it)."""
    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    lines = [
        f"RAMS {s.get('folder', '')}: {s['excerpts']} excerpts, {s['firm']} with a firm PLOVER reading "
        f"(rams_plover.tsv), {s['ambiguous_triggers']} triggers occurring more than once (nearest the middle taken)",
        f"annotated event found (type + sentence): {f(s['recall'])} ({s['found']}/{s['firm']})",
        f"  any event in the trigger's sentence:   {f(s['any_type_in_sentence'])}",
        f"  over the data's own 'plover' field ({s['given_firm']} firm, the issue's set): {f(s['given_recall'])}",
        "",
        f"{'type':<10} {'n':>4} {'found':>6} {'recall':>7}",
    ]
    for t, v in s["per_type"].items():
        lines.append(f"{t:<10} {v['n']:>4} {v['found']:>6} {f(v['recall']):>7}")
    lines += ["", "misses with another type in the sentence (gold -> ours):"]
    lines += [f"  {c['gold']:<10} -> {c['ours']:<10} {c['n']}" for c in s["confusions"]] or ["  none"]
    e = s["events_per_excerpt"]
    lines += ["", f"events per excerpt: {f(e['all'])} (firm {f(e['firm'])}, not firm {f(e['not firm'])}); "
              f"an event in the trigger's sentence of {f(s['not_firm_with_event'])} of the {s['not_firm']} "
              "excerpts with no firm reading (deaths, commerce, movement...)"]
    return "\n".join(lines)
