"""Score event coding on a held-out sentence file (``tests/data/heldout_events.tsv``, format in its header).

Each line holds one sentence, its one expected PLOVER type ('-': no political event), the expected actor
and recipient codes ('RUS', 'IRNCOP', 'IGO'; '-': none) and auxiliary modes. Counting follows the PLOVER
GSR scorer: a true positive when we predict the gold type, a false positive for each other predicted type
(every type predicted on a '-' line), a false negative when the gold type is missed. On matched lines the
actor (recipient) is correct when one of our events of the gold type has an actor (recipient) whose country
equals the gold country (or whose code starts with IGO/NGO for those roots) and, when the gold gives a
sector, whose sector equals it too; the aux modes are correct when one such event has exactly them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.eval.report import code_and_score, prf, rate, type_lines
from newsevents.knowledge.resources import read_tsv
from newsevents.models import AUX_MODES, PLOVER_TYPES, Actor, Article, CodedArticle

NON_COUNTRY_ROOTS = ("IGO", "NGO", "IMG", "MNC")
PUB_DATE = "2024-06-15"


@dataclass
class HeldoutRecord:
    """One held-out sentence with its gold event."""

    id: str
    event: str | None
    actor: str | None
    recipient: str | None
    aux: frozenset[str]
    text: str


def read_heldout(path: Path) -> list[HeldoutRecord]:
    """The records of a held-out TSV file; a bad line raises an error naming file and line."""
    records = []
    for row in read_tsv(Path(path)):
        cols = row.cols
        if cols[0] == "id" and len(cols) > 1:
            continue  # the header line
        if len(cols) != 6:
            raise InputError(row.where, f"expected 6 tab-separated columns, found {len(cols)}")
        rid, event, actor, recipient, aux, text = cols
        if event != "-" and event not in PLOVER_TYPES:
            raise InputError(row.where, f"unknown PLOVER type {event!r}")
        modes = frozenset() if aux == "-" else frozenset(aux.split(","))
        if not modes <= set(AUX_MODES):
            raise InputError(row.where, f"unknown aux mode in {aux!r}")
        records.append(HeldoutRecord(rid, None if event == "-" else event, None if actor == "-" else actor,
                                     None if recipient == "-" else recipient, modes, text))
    return records


def code_matches(ours: Actor, gold: str) -> bool:
    """Our actor agrees with a gold code: same country (or non-country root), and same sector if given."""
    gold = gold.upper()
    if gold[:3] in NON_COUNTRY_ROOTS:
        return (ours.code or "").upper().startswith(gold[:3])
    if ours.country != gold[:3]:
        return False
    return len(gold) < 6 or (ours.sector or "").upper() == gold[3:6]


def score(records: list[HeldoutRecord], coded: list[CodedArticle]) -> dict[str, Any]:
    """Scores from held-out records and the CodedArticles for them (same order)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    actor_n = actor_ok = recip_n = recip_ok = aux_n = aux_ok = 0
    nonpolitical = nonpolitical_ok = 0
    misses = []
    for rec, art in zip(records, coded, strict=True):
        predicted = {e.event for e in art.events}
        if rec.event is None:
            nonpolitical += 1
            nonpolitical_ok += not predicted
        else:
            support[rec.event] += 1
            (tp if rec.event in predicted else fn)[rec.event] += 1
        for t in predicted - {rec.event}:
            fp[t] += 1
        matched = [e for e in art.events if e.event == rec.event]
        a_hit = r_hit = None
        if matched:
            if rec.actor:
                actor_n += 1
                a_hit = any(code_matches(a, rec.actor) for e in matched for a in e.actor)
                actor_ok += a_hit
            if rec.recipient:
                recip_n += 1
                r_hit = any(code_matches(a, rec.recipient) for e in matched for a in e.recipient)
                recip_ok += r_hit
            aux_n += 1
            aux_ok += any(set(e.aux) == rec.aux for e in matched)
        if predicted != ({rec.event} if rec.event else set()) or a_hit is False or r_hit is False:
            misses.append({"id": rec.id, "gold": f"{rec.event} {rec.actor} -> {rec.recipient}",
                           "predicted": [f"{e.event} '{e.event_text}' {[a.code for a in e.actor]} -> "
                                         f"{[a.code for a in e.recipient]} {e.aux}" for e in art.events],
                           "text": rec.text, "notes": art.notes[:2]})
    gold_types = [t for t in PLOVER_TYPES if support[t]]
    per_type = {t: {**prf(tp[t], fp[t], fn[t]), "support": support[t]}
                for t in PLOVER_TYPES if support[t] or fp[t]}

    def mean(key: str) -> float:
        return round(sum(per_type[t][key] for t in gold_types) / max(1, len(gold_types)), 4)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "records": len(records),
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "macro": {"precision": mean("precision"), "recall": mean("recall"), "f1": mean("f1")},
        "per_type": per_type,
        "actor_accuracy": ratio(actor_ok, actor_n), "actor_n": actor_n,
        "recipient_accuracy": ratio(recip_ok, recip_n), "recipient_n": recip_n,
        "aux_accuracy": ratio(aux_ok, aux_n), "aux_n": aux_n,
        "nonpolitical_silent": ratio(nonpolitical_ok, nonpolitical), "nonpolitical_n": nonpolitical,
        "misses": misses,
    }


def evaluate(path: Path | str, coder: Any = None) -> dict[str, Any]:
    """Code every held-out sentence (publication date 2024-06-15) and score it."""
    from newsevents.pipeline import Coder

    path = Path(path)
    records = read_heldout(path)
    coder = coder or Coder()
    articles = [Article(id=r.id, text=r.text, date=PUB_DATE, origin=f"{path}:{r.id}") for r in records]
    return code_and_score(coder, articles, records, score, path)[0]


def format_report(scores: dict[str, Any]) -> str:
    """A plain-text report of the scores."""
    return "\n".join([
        f"held-out sentences: {scores['records']} ({scores.get('file', '')})",
        *type_lines(scores, per_type=False),
        f"actor correct on matched events:     {rate(scores, 'actor_accuracy', 'actor_n')}",
        f"recipient correct on matched events: {rate(scores, 'recipient_accuracy', 'recipient_n')}",
        f"aux modes exact on matched events:   {rate(scores, 'aux_accuracy', 'aux_n')}",
        f"non-political sentences without an event: {rate(scores, 'nonpolitical_silent', 'nonpolitical_n')}",
    ])
