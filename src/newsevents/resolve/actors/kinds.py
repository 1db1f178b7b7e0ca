"""What kind of actor a name is, from the words around it: a person named like a country, a band or a company.

Two corrections to what the name alone suggests. A country name that is a person's surname ("Eddie Jordan",
"Mr Israel") names that person, never the country (issue 13: a politician coded with the country his surname
matches). An organisation its own phrase calls a band, a club, a company or a product ("the band Bloc Party",
"Rover, the car company") is not a political actor: its name's words ("Party") give it no party sector, a
business kind gives CAMEO's business sector (``resources/actors/actor_kinds.tsv``).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc, Token

from newsevents.knowledge.actor_kb import HONORIFICS, ActorKB
from newsevents.knowledge.resources import read_tsv, resource
from newsevents.mentions.entities import NameMention
from newsevents.nlp.arrays import doc_arrays
from newsevents.resolve.actors.records import Cluster
from newsevents.resolve.actors.scope import ArticleScope

MODIFIER_DEPS = ("compound", "amod", "nmod")
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "PTY", "OPP", "JUD", "MIL", "REB", "COP", "SPY"})


class Kind(NamedTuple):
    """A non-political kind of organisation ("music", "sport", "business", "product") and its sector, if any."""

    kind: str
    sector: str | None
    word: str  # the noun that says so, for the role's evidence


@cache
def kind_nouns() -> dict[str, tuple[str, str | None]]:
    """noun -> (kind, sector or None), from ``resources/actors/actor_kinds.tsv``."""
    rows = read_tsv(resource("actors", "actor_kinds.tsv"), columns=3, strip=True)
    return {r.cols[0].lower(): (r.cols[1], None if r.cols[2] == "-" else r.cols[2]) for r in rows}


def person_surnames(doc: Doc, kb: ActorKB, names: list[NameMention]) -> list[NameMention]:
    """The name mentions with every known country that is part of a person's name made that person's name,
    and every known figure's surname after other given names ("Michelle Obama") made that other person.

    "Eddie Jordan" (spaCy's PERSON around the country "Jordan", the country last) becomes one PERSON mention;
    "Mr Jordan" (an honorific before the country) a PERSON mention of the surname. A country after a title
    ("President Jordan" is rare, "King Abdullah of Jordan" common) or before a possessive stays the country."""
    persons = [e for e in doc_arrays(doc).ents if e.label_ == "PERSON"]
    out: list[NameMention] = []
    for m in names:
        if m.known is not None and m.known.kind == "person" and m.end - m.start == 1:
            # "Michelle Obama": a known figure's surname after other given names is another person
            ent = next((e for e in persons if e.start < m.start and e.end == m.end), None)
            if ent is not None and _given_names(doc, kb, ent.start, m.start):
                out.append(NameMention(ent.start, ent.end, "PERSON"))
                continue
        if m.known is None or m.known.kind != "country":
            out.append(m)
            continue
        ent = next((e for e in persons if e.start < m.start and e.end == m.end), None)
        if ent is not None and _given_names(doc, kb, ent.start, m.start):
            out.append(NameMention(ent.start, ent.end, "PERSON"))
            continue
        before = doc[m.start - 1] if m.start > 0 else None
        if before is not None and before.lower_.rstrip(".") in HONORIFICS and before.text[:1].isupper():
            out.append(NameMention(m.start, m.end, "PERSON"))
            continue
        out.append(m)
    _other_bearers(doc, out)
    _known_person_homonyms(doc, out)
    return out


def _other_bearers(doc: Doc, names: list[NameMention]) -> None:
    """A bare surname of a known figure in an article that names another bearer of it and not the figure
    ("Michelle Obama ... Obama said") is that other person, as a person's surname is in any article."""
    others = {doc[m.end - 1].lower_ for m in names if m.known is None and m.label == "PERSON" and m.end - m.start > 1}
    full = {id(m.known.codes) for m in names if m.known is not None and m.end - m.start > 1}
    for k, m in enumerate(names):
        if (m.known is not None and m.known.kind == "person" and m.end - m.start == 1
                and doc[m.start].lower_ in others and id(m.known.codes) not in full):
            names[k] = NameMention(m.start, m.end, "PERSON")


def _known_person_homonyms(doc: Doc, names: list[NameMention]) -> None:
    """A town named like a known person of this article is that person: "Paul" where "Rand Paul" (our list of
    political figures) is named; capitals keep their place, as for the persons spaCy finds (mentions/entities.py)."""
    surnames = {doc[m.end - 1].lower_ for m in names
                if m.known is not None and m.known.kind == "person" and m.end - m.start > 1}
    for m in names:
        if m.place is not None and m.place.feature != "capital" and m.end - m.start == 1 and (
                doc[m.start].lower_ in surnames):
            m.place = None


def _given_names(doc: Doc, kb: ActorKB, start: int, end: int) -> bool:
    """Tokens ``start``..``end`` are capitalised given names: no title, possessive or known actor among them."""
    for t in doc[start:end]:
        if not t.text[:1].isupper() or t.tag_ == "POS" or t.lower_.rstrip(".") in HONORIFICS:
            return False
        if kb.agents.get((t.lower_,)) is not None or kb.country(t.text) or kb.demonym(t.text):
            return False
    return True


def non_political_kind(scope: ArticleScope, c: Cluster) -> Kind | None:
    """The kind its own phrase gives an organisation of no known code, if that kind is not political."""
    if c.kind != "organization" or c.known_codes:
        return None
    nouns = kind_nouns()
    for m in c.mentions:
        if m.how != "name":
            continue
        span = scope.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in _kind_words(span.root, span.start, span.end):
            hit = nouns.get(t.lower_) if t.tag_ in ("NN", "NNS") else None
            if hit is not None:
                return Kind(hit[0], hit[1], t.text)
    if any(r.source == "name" and r.sector == "PTY" for r in c.roles):
        return _story_kind(scope)
    return None


# A story of at least this many band, club or product nouns and no political actor is not about politics.
STORY_KIND_NOUNS = 2


def _story_kind(scope: ArticleScope) -> Kind | None:
    """The non-political kind of a whole story (an entertainment or sport story: "X Party" with no phrase of
    its own is the band there), when its kind nouns are many and it names no political actor: no agent term
    of a political sector and no known party, body or government."""
    nouns = kind_nouns()
    counts: dict[str, int] = {}
    for t in scope.doc:
        if t.tag_ in ("NN", "NNS"):
            hit = nouns.get(t.lower_)
            if hit is not None and hit[1] is None:
                counts[hit[0]] = counts.get(hit[0], 0) + 1
            agent = scope.kb.agents.get((t.lower_,))
            if agent is not None and agent.sector in POLITICAL_SECTORS:
                return None
    if any(m.known is not None and m.known.kind == "organization" for m in scope.names):
        return None
    if not counts:
        return None
    kind, n = max(counts.items(), key=lambda kv: kv[1])
    return Kind(kind, None, "story") if n >= STORY_KIND_NOUNS else None


def _kind_words(root: Token, start: int, end: int) -> list[Token]:
    """The common nouns that say what a name is: lower-case words inside it ("Football club Arsenal"), its
    modifiers before it ("the band Bloc Party"), the head of its appositive ("Bloc Party, the band") and the
    noun it is the appositive of ("the band, Bloc Party")."""
    out = [t for t in root.doc[start:end] if t.text[:1].islower()]
    todo = [t for t in root.children if t.dep_ in MODIFIER_DEPS and t.i < start]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(k for k in t.children if k.dep_ in MODIFIER_DEPS and k.i < t.i)
    out.extend(t for t in root.children if t.dep_ == "appos")
    if root.dep_ == "appos" and root.head.i < start:
        out.append(root.head)
    return out
