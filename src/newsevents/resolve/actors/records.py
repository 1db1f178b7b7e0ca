"""The resolver's records: an actor mention with what is known beyond the contract, its roles, its cluster."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Span, Token

from newsevents.knowledge.actor_codes import DatedCode
from newsevents.models import Actor

CONTRACT_FIELDS = ("entity_text", "start", "end", "name", "code", "country", "sector", "kind")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"be", "become", "remain", "serve", "act"})


@dataclass
class Role:
    """A role an actor holds according to one source: country, sector, whether it is past, the evidence."""

    country: str | None
    sector: str | None
    code: str = ""
    status: str = "current"  # current | former
    source: str = "text"  # title | appositive | copula | relative | possessive | dictionary | kb | registry
    text: str = ""
    start: int = -1
    end: int = -1
    valid_from: str | None = None
    valid_to: str | None = None
    agent: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in (
            "country", "sector", "code", "status", "source", "text", "start", "end", "valid_from", "valid_to")}


@dataclass(eq=False)
class ActorMention(Actor):
    """An Actor (the contract's fields) with what the resolver knows beyond them; ``to_dict`` is the contract."""

    head: int = -1  # token index of the phrase's head
    cluster: int = -1  # index into ArticleActors.clusters (-1: an unnamed actor)
    how: str = "name"  # name | description | pronoun | agent | place
    named: bool = True
    roles: list[Role] = field(default_factory=list, repr=False)
    aliases: tuple[str, ...] = ()
    # A title or appositive description of a named person: it overlaps the name, so it is neither listed
    # in ``entities`` nor reached through ``by_head``.
    appositive: bool = field(default=False, repr=False)
    # Which evidence gave the country (resolve/actors/evidence.COUNTRY_SOURCES: kb, role, affiliation, context...);
    # "" for none. Not one of the contract's fields.
    country_from: str = field(default="", repr=False)

    __hash__ = object.__hash__

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in CONTRACT_FIELDS}

    def copy_at(self, text: str, start: int, end: int, how: str) -> ActorMention:
        return ActorMention(
            entity_text=text, start=start, end=end, name=self.name, code=self.code, country=self.country,
            sector=self.sector, kind=self.kind, head=self.head, cluster=self.cluster, how=how,
            named=self.named, roles=self.roles, aliases=self.aliases, country_from=self.country_from,
        )


@dataclass
class Cluster:
    """One actor of the article and all its mentions."""

    id: int
    name: str
    kind: str
    words: tuple[str, ...] = ()
    known_codes: tuple[DatedCode, ...] = ()  # DatedCodes from a dictionary or the knowledge base
    known_source: str = ""
    roles: list[Role] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    code: str = ""
    country: str | None = None
    sector: str | None = None
    country_from: str = ""  # the evidence that gave the country (evidence.COUNTRY_SOURCES)
    first_token: int = 1 << 30


class NameInfo(NamedTuple):
    country: str | None
    org_code: str | None
    name: str
    person_cluster: int | None


def np_span(head: Token, left_only: bool = False) -> Span:
    """The noun phrase of a head: its left modifiers, and (unless ``left_only``) its right dependents."""
    doc = head.doc
    start = head.left_edge.i
    # punctuation, a conjunction or whitespace (a bidi control is a token of its own: nlp.model) at either edge
    # is no part of the phrase
    while start < head.i and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    end = head.i + 1 if left_only else head.right_edge.i + 1
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ in ("cc", "prep")):
        end -= 1
    return doc[start:end]
