"""The ranked evidence for an actor's country: who the actor is, never which country is mentioned nearby.

``COUNTRY_SOURCES`` is the order, strongest first; an actor's country comes from the first source that has
one, and the source is kept in ``Cluster.country_from`` / ``ActorMention.country_from`` (not part of the
contract's fields):

1. ``dictionary``, ``kb``: a user dictionary entry or our knowledge base (organisations, countries, people).
2. ``role``: what the text states of the actor: a title ("Israeli Prime Minister", "Rep.", "Florida Rep."),
   an appositive, a copular or relative clause, a party-state tag, an organisation's own words.
3. ``registry``: the latest role stated for the name in earlier articles.
4. ``name``: a name that holds a country ("Iraqi Kurds" clustered as that people).
5. ``affiliation``: a party or body of our knowledge base the actor belongs to ("Labour MP X", "Labour's X",
   "Brad Adams, from Human Rights Watch", "Amnesty International's Jan Shaw"). A body of no country (an NGO,
   an IGO) says the person is international: no country, and none of the weaker sources below applies.
6. ``nationality``: a group named by its nationality ("French Islamist", "Roma Czechs").
7. ``main country``: a person with an office but no country takes the country the article names most.
8. ``context``: a person or unknown domestic organisation takes the article's country context (its main
   country, named at least twice).

``coding.code_clusters`` applies 1-3 (they give codes and sectors too) and asks ``fallback_country`` for 4-8.
A country word in the actor's sentence is none of these ("X said Iraq had cost Labour its trust").
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from newsevents.knowledge.actor_codes import pick_code, split_code
from newsevents.knowledge.actor_kb import HONORIFICS
from newsevents.knowledge.resources import word_set
from newsevents.resolve.actors.records import Cluster
from newsevents.resolve.actors.scope import ArticleScope

COUNTRY_SOURCES = ("dictionary", "kb", "role", "registry", "name", "affiliation", "nationality", "main country",
                   "context")

# Prepositions after a person's name that say which body the person is from ("X of the BBC", "X, from HRW").
AFFILIATION_PREPS = frozenset({"of", "from", "at", "with"})
# Organisation types that say the body belongs to no one country (a person of Amnesty International is not
# the story's country).
INTERNATIONAL_TYPES = frozenset({"IGO", "NGO", "MNC"})
REGION_MODIFIERS = word_set("actor_region_modifiers")  # "European leaders" are of no one country


class Evidence(NamedTuple):
    """A country (None where the evidence says the actor has none), a sector hint, and the source's name."""

    country: str | None
    sector: str | None
    source: str


def fallback_country(scope: ArticleScope, c: Cluster, code: str | None, sector: str | None) -> Evidence | None:
    """Sources 4-8 of ``COUNTRY_SOURCES`` for an actor that the dictionary, the knowledge base, the text's
    roles and the registry give no country; None when none applies."""
    if c.country:
        return Evidence(c.country, None, "name")
    if c.kind == "person":
        found = affiliation(scope, c)
        if found is not None:
            return found
    if c.kind == "group" or c.kind == "organization" and not c.known_codes and _people_name(scope, c):
        # "Roma Czechs" (spaCy's ORG): a name ending in a people's plural names people of that nationality
        iso = _nationality(scope, c)
        if iso:
            return Evidence(iso, None, "nationality")
    if c.kind == "person" and sector is not None and scope.default_country:
        return Evidence(scope.default_country, None, "main country")
    if scope.context_country and _takes_context(scope, c, code, sector):
        return Evidence(scope.context_country, None, "context")
    return None


def affiliation(scope: ArticleScope, c: Cluster) -> Evidence | None:
    """The country of a party or body of our knowledge base a person belongs to, read from the person's stated
    roles and title ("Labour MP X", "X, a Conservative councillor"), a possessor ("Labour's X", "Amnesty
    International's X") or a preposition after the name ("X of the BBC", "X, from Human Rights Watch").
    A body of no country (NGO, IGO) gives no country and its sector: the person is international."""
    doc = scope.doc
    tokens: list[int] = []
    for r in c.roles:
        span = doc.char_span(r.start, r.end, alignment_mode="expand") if r.start >= 0 else None
        if span is not None:
            tokens.extend(t.i for t in span)
    for m in c.mentions:
        if m.how != "name" or m.head < 0:
            continue
        root = doc[m.head]
        for t in root.children:
            if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "poss"):
                tokens.extend(x.i for x in t.subtree)
            elif t.i > root.i and t.dep_ == "prep" and t.lower_ in AFFILIATION_PREPS:
                # "X, from Human Rights Watch": the object and its own modifiers, not a clause further on
                for obj in t.children:
                    if obj.dep_ == "pobj":
                        tokens.extend(x.i for x in obj.subtree if x.i <= obj.i)
    for i in tokens:
        named = scope.name_of_token[i]
        if named is None or named.known is None or named.known.kind != "organization":
            continue
        picked = pick_code(named.known.codes, scope.day)
        if picked is None:
            continue
        parts = split_code(picked.code)
        if parts.country:
            return Evidence(parts.country, None, "affiliation")
        if parts.org_type in INTERNATIONAL_TYPES:
            return Evidence(None, parts.org_type, "affiliation")
    return None


def _demonym(scope: ArticleScope, word: str) -> str | None:
    """A nationality word's country, its plural too where the table has the singular only ("Czechs")."""
    iso = scope.kb.demonym(word)
    if iso is None and word.endswith("s") and len(word) > 4:
        iso = scope.kb.demonym(word[:-1])
    return iso


def _people_name(scope: ArticleScope, c: Cluster) -> bool:
    """Whether a name ends in a plural nationality noun ("six Roma Czechs")."""
    last = c.name.split()[-1] if c.name else ""
    return last.endswith("s") and last[:1].isupper() and _demonym(scope, last) is not None


def _nationality(scope: ArticleScope, c: Cluster) -> str | None:
    """The country of a nationality word in a group's name ("French Islamist" -> FRA, "Roma Czechs" -> CZE)."""
    words = c.name.split()
    if len(words) < 2:
        return None
    for w in words:
        if w[:1].isupper():
            iso = _demonym(scope, w)
            if iso:
                return iso
    return None


def of_many_countries(head: Token) -> bool:
    """Whether a modifier of an agent phrase's head names a region or many countries ("European leaders",
    "foreign ministers", "world leaders"): the phrase then takes no country from the article's."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < head.i and c.lower_ in REGION_MODIFIERS
               for c in head.children)


def _takes_context(scope: ArticleScope, c: Cluster, code: str | None, sector: str | None) -> bool:
    """A person, or an organisation of no known code whose name says nothing international, takes the
    article's country context ("the campaign group Liberty" in a British story is British). A one-word name
    the article never gives a first name, a title, an honorific or a role ("Yukos said it would sell its main
    unit") is no sure person: spaCy tags firms and things so, and the context country would be a guess."""
    if c.kind == "person":
        return len(c.words) > 1 or bool(c.roles) or _honorific_before(scope, c)
    if c.kind != "organization" or c.known_codes or (code and split_code(code).org_type):
        return False
    return sector not in ("IGO", "NGO", "MNC", "BUS")


def _honorific_before(scope: ArticleScope, c: Cluster) -> bool:
    """Whether a name of the cluster follows an honorific ("Mr Blunkett", "Mrs King")."""
    doc = scope.doc
    for m in c.mentions:
        if m.how != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in doc[max(span.start - 1, 0) : span.start + 1]:
            if t.lower_.rstrip(".") in HONORIFICS:
                return True
    return False
