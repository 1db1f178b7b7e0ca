"""Score event coding against PETRARCH2's validation suite (``newsevents eval petrarch FILE``).

The suite (``PETR.UnitTest.records.xml``) holds short sentences about fictional actors (Arnor, Gondor,
Osgiliath...) with the events PETRARCH2 must produce: source code, target code, event code. Its actors are
coded with the ``PETR.Validate.actors/agents`` dictionaries named in the file's ``<Environment>``; we load
them through ``ActorKB.load`` so the fictional actors resolve. Its event codes are not CAMEO but the TABARI
validation codes (mostly WEIS); ``resources/ontology/petrarch_validation_codes.tsv`` gives each the CAMEO
code of the same meaning, and our ontology gives its PLOVER type. Gold events whose code only tests a
parser pattern, or means a comment, have no PLOVER type: records holding one are not scored.

Scores, on the scored records (each sentence coded as one article with the record's date):
- PLOVER type P/R/F1, micro and macro, counted per record as in the PLOVER GSR scorer: a true positive
  for each gold type we predict, a false positive for each other predicted type, a false negative for
  each gold type we miss. Records marked ``noevents`` have no gold type: all our types are false positives.
- CAMEO root agreement on matched events: one of our events of the gold type has the same 2-digit root
  as the gold code's CAMEO equivalent.
- Source / target agreement on matched events: one of our events of the gold type has an actor
  (recipient) whose code starts with the gold code's first three letters (its root: ARN, GON, IGO); gold
  codes that PETRARCH leaves as quoted text are not counted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.eval.report import code_and_score, prf, rate, type_lines
from newsevents.knowledge.ontology import ONTOLOGY_DIR, load_ontology
from newsevents.knowledge.resources import read_tsv
from newsevents.models import PLOVER_TYPES, Article, CodedArticle
from newsevents.nlp.model import DEFAULT_MODEL

CODE_TABLE = ONTOLOGY_DIR / "petrarch_validation_codes.tsv"


@dataclass
class GoldEvent:
    """One expected event: source and target actor codes (None when PETRARCH leaves them as text)."""

    source: str | None
    target: str | None
    code: str
    cameo: str | None = None  # the CAMEO code of the same meaning
    plover: str | None = None


@dataclass
class ValidationRecord:
    """One sentence of the suite with its expected events."""

    id: str
    category: str
    date: str | None
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    noevents: bool = False


def load_code_table(path: Path = CODE_TABLE) -> dict[str, str | None]:
    """Validation code -> CAMEO code of the same meaning (None: not scored)."""
    table: dict[str, str | None] = {}
    for row in read_tsv(Path(path)):
        cols = row.cols
        if len(cols) < 2:
            raise InputError(row.where, "expected 'code<TAB>cameo<TAB>note'")
        table[cols[0]] = None if cols[1] == "-" else cols[1]
    return table


def _code(value: str | None) -> str | None:
    """An actor code, or None when PETRARCH gives quoted text or nothing."""
    if not value or '"' in value or not re.fullmatch(r"[A-Za-z0-9]+", value):
        return None
    return value.upper()


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def read_suite(path: Path) -> tuple[list[ValidationRecord], dict[str, str]]:
    """The suite's records (those marked as input errors dropped) and its <Environment> file names."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}:{exc.position[0]}", f"not valid XML ({exc})") from exc
    env = {child.tag: (child.text or "").strip() for child in root.find("Environment") or []}
    onto = load_ontology()
    table = load_code_table()
    records = []
    for sent in root.iter("Sentence"):
        codings = sent.findall("EventCoding")
        if any(c.get("error") for c in codings):
            continue  # records testing PETRARCH's input-error handling
        text_el = sent.find("Text")
        text = text_el.text if text_el is not None else None
        if not (text or "").strip():
            raise InputError(f"{path}:{sent.get('id')}", "sentence without <Text>")
        rec = ValidationRecord(id=sent.get("id") or "", category=sent.get("category") or "",
                               date=_date(sent.get("date")), text=" ".join((text or "").split()))
        for c in codings:
            if (c.get("noevents") or "").strip().lower() == "true":
                rec.noevents = True
                continue
            code = (c.get("eventcode") or "").strip()
            cameo = table.get(code)
            hit = onto.code(cameo) if cameo else None
            rec.events.append(GoldEvent(_code(c.get("sourcecode")), _code(c.get("targetcode")), code,
                                        cameo, hit.event if hit else None))
        records.append(rec)
    return records, env


def _has_root(actors: list[Any], gold: str) -> bool:
    return any((a.code or "").upper().startswith(gold[:3]) for a in actors)


def score(records: list[ValidationRecord], coded: list[CodedArticle]) -> dict[str, Any]:
    """Scores from the suite's records and the CodedArticles for them (same order)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    root_n = root_ok = src_n = src_ok = tgt_n = tgt_ok = 0
    scored = gold_events = 0
    unscored: Counter[str] = Counter()
    misses = []
    for rec, art in zip(records, coded, strict=True):
        if any(g.plover is None for g in rec.events):
            for g in rec.events:
                if g.plover is None:
                    unscored[g.code] += 1
            continue
        scored += 1
        gold_events += len(rec.events)
        gold = {g.plover for g in rec.events if g.plover}
        predicted = {e.event for e in art.events}
        for t in gold:
            support[t] += 1
            (tp if t in predicted else fn)[t] += 1
        for t in predicted - gold:
            fp[t] += 1
        src_miss = tgt_miss = False
        for g in rec.events:
            ours = [e for e in art.events if e.event == g.plover]
            if not ours:
                continue
            root_n += 1
            root_ok += any((e.cameo or "")[:2] == (g.cameo or "")[:2] for e in ours)
            if g.source:
                src_n += 1
                hit = any(_has_root(e.actor, g.source) for e in ours)
                src_ok += hit
                src_miss |= not hit
            if g.target:
                tgt_n += 1
                hit = any(_has_root(e.recipient, g.target) for e in ours)
                tgt_ok += hit
                tgt_miss |= not hit
        if gold != predicted or src_miss or tgt_miss:
            misses.append({"id": rec.id, "gold": [f"{g.plover} {g.source}->{g.target} ({g.code})" for g in rec.events],
                           "predicted": [f"{e.event} '{e.event_text}' {[a.code for a in e.actor]} -> "
                                         f"{[a.code for a in e.recipient]}" for e in art.events],
                           "text": rec.text[:200], "notes": art.notes[:2]})
    gold_types = [t for t in PLOVER_TYPES if support[t]]
    types = [t for t in PLOVER_TYPES if support[t] or fp[t]]
    per_type = {t: {**prf(tp[t], fp[t], fn[t]), "support": support[t]} for t in types}

    def mean(key: str) -> float:
        return round(sum(per_type[t][key] for t in gold_types) / max(1, len(gold_types)), 4)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "records": len(records), "records_scored": scored, "gold_events_scored": gold_events,
        "gold_events_unscored": sum(unscored.values()), "unscored_codes": dict(sorted(unscored.items())),
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "macro": {"precision": mean("precision"), "recall": mean("recall"), "f1": mean("f1")},
        "per_type": per_type,
        "cameo_root_accuracy": ratio(root_ok, root_n), "matched_events": root_n,
        "source_agreement": ratio(src_ok, src_n), "source_n": src_n,
        "target_agreement": ratio(tgt_ok, tgt_n), "target_n": tgt_n,
        "misses": misses,
    }


def coder_for(path: Path, env: dict[str, str], model: str = DEFAULT_MODEL, triage: bool | None = None) -> Any:
    """A Coder with the suite's actor and agent dictionaries (the files its <Environment> names)."""
    from newsevents.pipeline import Coder

    actors = path.parent / env.get("Actorfile", "PETR.Validate.actors.txt")
    agents = path.parent / env.get("Agentfile", "PETR.Validate.agents.txt")
    for f in (actors, agents):
        if not f.exists():
            raise InputError(str(f), "dictionary named in the suite's <Environment> is missing")
    return Coder(model=model, actors_file=actors, agents_file=agents, triage=triage)


def evaluate(
    path: Path | str, model: str = DEFAULT_MODEL, coder: Any = None, triage: bool | None = None
) -> dict[str, Any]:
    """Code every sentence of the suite with its dictionaries and score it (see the module docstring)."""
    path = Path(path)
    records, env = read_suite(path)
    coder = coder or coder_for(path, env, model, triage)
    articles = [Article(id=r.id, text=r.text, date=r.date, origin=f"{path}:{r.id}") for r in records]
    return code_and_score(coder, articles, records, score, path)[0]


def format_report(scores: dict[str, Any]) -> str:
    """A plain-text report of the scores."""
    return "\n".join([
        f"PETRARCH2 validation suite: {scores['records']} records ({scores.get('file', '')})",
        f"scored: {scores['records_scored']} records, {scores['gold_events_scored']} gold events; "
        f"not scored: {scores['gold_events_unscored']} gold events with pattern-test or comment codes",
        *type_lines(scores, label="PLOVER type"),
        "",
        f"CAMEO root agreement on matched events: {rate(scores, 'cameo_root_accuracy', 'matched_events')}",
        f"source code agreement (root):          {rate(scores, 'source_agreement', 'source_n')}",
        f"target code agreement (root):          {rate(scores, 'target_agreement', 'target_n')}",
    ])
