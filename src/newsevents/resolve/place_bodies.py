"""Event places the text gives through a body or an occasion rather than after a preposition on the event.

Two fallbacks of ``ArticlePlaces.event_place`` (docs/places-and-dates.md), for an event with no place in its
clause or sentence:

- **jurisdiction**: who acts in the event (subject or passive agent) is a body bound to the place that names it
  ("questioned by UK police", "the New York Police Department are investigating", "Iraqi authorities arrested"):
  police, courts, councils and governments act where their writ runs (``place_jurisdiction_bodies.tsv``);
- **occasion**: the event's own clause puts it at an occasion ("lashed out at Obama in a debate") that the
  article places elsewhere, once ("entered the debate in South Carolina") (``place_occasion_nouns.tsv``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from newsevents.knowledge.resources import lexicon_path, read_tsv, word_set
from newsevents.models import Place
from newsevents.nlp.lemmas import lemma_of

_ROLES = {r.cols[0]: r.cols[1] for r in read_tsv(lexicon_path("place_jurisdiction_bodies"), columns=2)}
BODIES = frozenset(w for w, role in _ROLES.items() if role == "body")  # "police", "court"
MEMBERS = frozenset(w for w, role in _ROLES.items() if role == "member")  # "department" of "Police Department"
OCCASIONS = word_set("place_occasion_nouns")  # "in a debate": where the article puts the debate
EVENT_PREPS = word_set("place_event_preps")
_MODIFIER_DEPS = ("compound", "amod", "nmod")  # "UK police", "Iraqi police", "New York Police Department"


def _body_of(span: Span) -> Token | None:
    """The jurisdiction body a place mention names ("UK" of "UK police"; "New York" of "the New York Police
    Department"): the noun its modifiers lead to, when that noun is a body word, or a member word ("department",
    "spokeswoman") after one. Not a possessor: "the British government's plans" are not the government."""
    tok = span.root
    words: list[Token] = []
    while tok.dep_ in _MODIFIER_DEPS and tok.head.i != tok.i and tok.head.tag_.startswith("NN"):
        tok = tok.head
        words.append(tok)
    if not words:
        return None
    top = lemma_of(tok)
    between = span.doc[span.end:tok.i]  # "Police" of "New York Police Department" modifies the department itself
    if top in BODIES or top in MEMBERS and any(lemma_of(t) in BODIES for t in between):
        return tok
    return None


def _argument(tok: Token, head: Token) -> bool:
    """Whether a noun is who acts in the event: the subject of its head or its passive agent ("by UK police"); the
    later conjuncts and appositions of a subject are subjects ("the FBI and the NYPD are investigating"). An
    object is not: "recognising the Greek Cypriot government" happened wherever the recogniser was."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        tok = tok.head
    return tok.head.i == head.i and tok.i != head.i and tok.dep_ in ("nsubj", "agent")


def jurisdiction_place(places: Sequence[Place], head: Token, sent: Span,
                       usable: Callable[[Place], bool]) -> Place | None:
    """The place of a jurisdiction body that is an argument of the event, in the event's sentence, else None;
    ``usable`` leaves out towns resolved abroad that the article does not support."""
    doc = head.doc
    for p in places:
        if p.geonameid is None or not (sent.start_char <= p.start and p.end <= sent.end_char):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        body = _body_of(span) if span is not None else None
        if body is not None and _argument(body, head) and usable(p):
            return p
    return None


def _locative_objects(host: Token) -> list[Token]:
    """The objects of the locative prepositions on ``host`` ("in a debate", "in South Carolina")."""
    return [obj for prep in host.children if prep.dep_ == "prep" and prep.lower_ in EVENT_PREPS
            for obj in prep.children if obj.dep_ == "pobj"]


def _occasions(head: Token, clause: tuple[int, int]) -> set[str]:
    """The occasions the event's own clause puts it at: nouns after a locative preposition on the head."""
    return {lemma_of(obj) for obj in _locative_objects(head)
            if obj.tag_ in ("NN", "NNS") and clause[0] <= obj.idx < clause[1] and lemma_of(obj) in OCCASIONS}


def _located_at(host: Token, by_root: dict[int, Place]) -> list[Place]:
    """The places after a locative preposition on ``host``."""
    return [by_root[obj.i] for obj in _locative_objects(host) if obj.i in by_root]


def occasion_place(places: Sequence[Place], head: Token, clause: tuple[int, int],
                   usable: Callable[[Place], bool]) -> Place | None:
    """The place the article gives the occasion of the event's own clause ("the debate in South Carolina",
    "opened the forum in Brighton"), when it gives it one place only; ``usable`` leaves out homonyms. Else None.
    An occasion is placed by a locative phrase on itself, else (only then) by the first one on the verb it is the
    object of: "entered the debate in South Carolina atop the polls in Iowa" is South Carolina alone."""
    wanted = _occasions(head, clause)
    if not wanted:
        return None
    doc = head.doc
    by_root: dict[int, Place] = {}
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand") if p.geonameid is not None else None
        if span is not None and usable(p):
            by_root[span.root.i] = p
    found: dict[int, Place] = {}
    for t in doc:
        if t.tag_ not in ("NN", "NNS") or lemma_of(t) not in wanted:
            continue
        at = _located_at(t, by_root)
        if not at and t.dep_ == "dobj" and t.head.tag_.startswith("VB"):
            at = _located_at(t.head, by_root)[:1]
        for p in at[:1]:
            found.setdefault(p.geonameid or 0, p)
    return next(iter(found.values())) if len(found) == 1 else None
