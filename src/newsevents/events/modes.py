"""Auxiliary modes (negated, future, hypothetical, historical), CAMEO's intent reading, event date and place,
attribution to a speaker, and the confidence score of a frame."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents.events.frames import COOPERATIVE, MATERIAL_CONFLICT, Frame, conditional_mark, is_verbal
from newsevents.events.intents import load_intents
from newsevents.events.lexicon import Lexicon, Spec
from newsevents.knowledge.resources import word_set
from newsevents.models import Place, Quote
from newsevents.nlp import lemma_of
from newsevents.nlp.arrays import doc_arrays

if TYPE_CHECKING:
    from newsevents.context import ArticleContext

FUTURE_AUX = ("will", "shall", "'ll", "wo")
HYPOTHETICAL_AUX = ("could", "might", "may", "would", "should", "'d")
FUTURE_NOUN_MODS = word_set("event_future_modifiers")
READINESS = word_set("event_readiness_adjectives")  # "ready to strike" states an intent as "will strike" does
DENIALS = word_set("event_denial_verbs")
HISTORICAL_DAYS = 31  # an explicit date more than a month before publication makes an event historical


def aux_modes(frame: Frame, lex: Lexicon) -> set[str]:
    """negated / future / hypothetical from auxiliaries, negation, aspect verbs and conditional clauses."""
    modes = set(frame.aux)
    words = list(frame.chain)
    if frame.kind not in ("control", "obligation") and frame.head not in words:
        words.append(frame.head)
    reported_past = frame.reported_by is not None and frame.reported_by.tag_ in ("VBD", "VBN")
    for w in words:
        src = w
        # a coordinated verb without its own auxiliaries shares its head's ("will withdraw and release"), unless
        # it is a clause of its own: a subject or a tense of its own ("has not dismantled it, and Trump refused")
        if w.dep_ == "conj" and not any(c.dep_ in ("aux", "neg") for c in w.children) and not _own_clause(w):
            src = w.head
        for c in list(src.children):
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "advmod" and low == "never"):
                modes.add("negated")
            elif c.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
                modes.add("negated")
            elif c.dep_ == "aux" and low in FUTURE_AUX:
                modes.add("future")
            elif c.dep_ == "aux" and low in ("would", "'d") and reported_past:
                modes.add("future")  # future in the past: "said it would allow"
            elif c.dep_ == "aux" and low in HYPOTHETICAL_AUX:
                modes.add("hypothetical")
        if lemma_of(w) == "go" and w.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in w.children):
            modes.add("future")
    if frame.kind == "nominal":
        if any(c.dep_ == "amod" and c.lower_ in FUTURE_NOUN_MODS for c in frame.head.children):
            modes.add("future")
        if any(c.dep_ == "det" and c.lower_ == "no" for c in frame.head.children):
            modes.add("negated")
    if frame.reported_by is not None and lemma_of(frame.reported_by) in DENIALS:
        modes.add("negated")  # "Iran denied that it had attacked the tanker": the speaker says it did not happen
    t: Token | None = frame.pred
    for _ in range(12):
        if t is None:
            break
        if t.dep_ == "advcl" and conditional_mark(t):
            modes.add("hypothetical")
            break
        if t.head.i == t.i:
            break
        t = t.head
    return modes


def _own_clause(verb: Token) -> bool:
    """A coordinated verb that heads a clause of its own: its own subject, or a finite tense of its own."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


# CAMEO codes stated intentions as events of their own: "will provide aid" is an intent to cooperate (03),
# "would blockade" a threat (13), "will not accept" a rejection (12): the intent table's stated rows.


def intent_reading(frame: Frame, modes: set[str]) -> tuple[Spec, set[str], str | None]:
    """The stated-intention reading of a future or conditional material event (CAMEO 03 / 12 / 13)."""
    spec = frame.spec
    if frame.kind in ("obligation", "nominal") or not ({"future", "hypothetical"} & modes):
        return spec, modes, None
    future = _modal_future(frame)  # "will", "shall", reported "would"; not "plans to" (a report of plans)
    if spec.event in COOPERATIVE and spec.event != "AGREE" and _has_condition(frame, "unless"):
        return (replace(spec, event="THREATEN", mode="relations", cameo="139"), modes,
                f"ultimatum: {spec.event} announced unless a condition is met, read as THREATEN")
    intents = load_intents()
    refusal = intents.reading("stated", spec.event, "REJECT", spec.mode, spec.cameo)
    if "negated" in modes and future and refusal is not None:
        return (replace(spec, event=refusal.event, mode=refusal.mode, cameo=refusal.cameo), modes - {"negated"},
                f"stated refusal: negated future {spec.event} read as REJECT")
    if "negated" in modes:
        return spec, modes, None
    intent = intents.reading("stated", spec.event, "AGREE", spec.mode, spec.cameo)
    if future and intent is not None:
        return (replace(spec, event=intent.event, mode=intent.mode, cameo=intent.cameo), modes,
                f"stated intent: future {spec.event} read as AGREE")
    announced_measure = spec.event == "SANCTION" and not _is_conditional_threat(frame)
    threat = intents.reading("stated", spec.event, "THREATEN", spec.mode, spec.cameo)
    if threat is not None and (future or _is_conditional_threat(frame)) and not announced_measure:
        # an announced sanction ("will cut aid to", "would prohibit aid") is the measure itself, with `future`;
        # a stated intent to attack, coerce, deploy or protest, or a conditional sanction, is a threat
        return (replace(spec, event=threat.event, mode=threat.mode, cameo=threat.cameo), modes,
                f"stated intent: {'future' if future else 'conditional'} {spec.event} read as THREATEN")
    return spec, modes, None


def _modal_future(frame: Frame) -> bool:
    reported_past = frame.reported_by is not None and frame.reported_by.tag_ in ("VBD", "VBN")
    for w in [frame.pred, *frame.chain, frame.head]:
        src = w.head if w.dep_ == "conj" and not any(c.dep_ == "aux" for c in w.children) else w
        for c in src.children:
            if c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lower_ in ("would", "'d") and reported_past):
                return True
        if w.tag_ in ("JJ",) and lemma_of(w) in READINESS:
            return True
    return False


def _is_conditional_threat(frame: Frame) -> bool:
    """"would/may X ... if/unless Y": a conditional hostile act by the actor is a threat."""
    return _has_condition(frame, "if", "unless")


def _has_condition(frame: Frame, *marks: str) -> bool:
    return any(c.dep_ == "advcl" and conditional_mark(c, marks) for c in frame.pred.children)


def clause_range(frame: Frame) -> tuple[int, int]:
    """Character range of the frame's own clause (its predicate without coordinated or parenthetical clauses)."""
    toks = [frame.pred]
    stack = [frame.pred]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ in ("conj", "parataxis", "relcl") and is_verbal(c):
                continue
            toks.append(c)
            stack.append(c)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def event_date(frame: Frame, ctx: ArticleContext) -> tuple[str | None, str | None, bool]:
    """(date, granularity, historical): the clause's date mention, else the publication date."""
    return ctx.dates.event_date(frame.head, clause_range(frame))  # resolve/dates.py: own clause, historical


def event_place(frame: Frame, ctx: ArticleContext) -> Place | None:
    return ctx.places.event_place(frame.head, clause_range(frame))  # resolve/places.py: clause, sentence, main


def reporting_verb(frame: Frame, lex: Lexicon) -> Token | None:
    """The reporting verb ("said", "announced") whose complement holds the frame, if any."""
    t = frame.pred
    for _ in range(12):
        if t.head.i == t.i:
            return None
        parent = t.head
        if t.dep_ in ("ccomp", "parataxis", "xcomp") and lex.has("report", lemma_of(parent)) and parent.i != t.i:
            if not (frame.kind == "obligation" and parent.i == frame.pred.i):
                return parent
        if t.dep_ in ("relcl", "acl", "advcl") or parent.dep_ == "relcl":
            return None
        t = parent
    return None


def according_to(frame: Frame) -> Token | None:
    """"..., according to X": the head of X."""
    arr = doc_arrays(frame.head.doc)
    sent = arr.sent_of(frame.head.i)
    hits = [i for i in range(sent.start, sent.end) if arr.lower[i] == "according"]  # Tokens only for these
    if not hits:
        return None
    root = sent.root
    for i in hits:
        tok = sent.doc[i]
        if tok.head in (root, frame.pred):
            for c in tok.children:
                if c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
    return None


def quote_of(frame: Frame, quotes: list[Quote]) -> Quote | None:
    pos = frame.head.idx
    best = None
    for q in quotes:
        if q.content.start <= pos < q.content.end:
            if best is None or (q.content.end - q.content.start) < (best.content.end - best.content.start):
                best = q
    return best


BASE_CONFIDENCE = {"verb": 0.6, "control": 0.65, "light": 0.6, "stop": 0.55, "prevent": 0.5, "obligation": 0.45,
                   "nominal": 0.4}


def confidence(frame: Frame, n_actors: int, n_recipients: int, actor_named: bool, modes: set[str],
               lex_cue: bool) -> float:
    """A score that ranks events: strong constructions, named actors, main clauses and cues score higher."""
    c = BASE_CONFIDENCE.get(frame.kind, 0.5)
    if n_actors:
        c += 0.15 if actor_named else 0.08
    else:
        c -= 0.25
    if n_recipients:
        c += 0.07
    if lex_cue:
        c += 0.05
    dep = frame.pred.dep_
    if dep == "ROOT" or (dep in ("ccomp", "parataxis") and frame.reported_by is not None):
        c += 0.08
    elif dep in ("relcl", "acl", "advcl", "pcomp"):
        c -= 0.12
    if "hypothetical" in modes:
        c -= 0.1
    if frame.spec.event in MATERIAL_CONFLICT + COOPERATIVE and frame.kind == "nominal":
        c -= 0.05
    return max(0.05, min(0.99, round(c, 3)))
