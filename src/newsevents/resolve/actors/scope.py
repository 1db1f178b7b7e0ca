"""What one article's actor resolution shares between its passes, and the small look-ups they all make.

The resolver's passes (clusters, roles, codes, agent phrases) and the on-demand look-ups (pronouns,
places, nationality words) read and fill one ``ArticleScope``; none of them holds state of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsevents.knowledge.actor_codes import SECTORS, pick_code, split_code, to_date
from newsevents.knowledge.actor_kb import ActorKB, Agent
from newsevents.mentions.entities import NameMention
from newsevents.models import Article
from newsevents.nlp.arrays import doc_arrays
from newsevents.resolve.actors.records import ActorMention, Cluster, NameInfo

# The longest agent term ending at a token: the term, its words, the token index of its first word.
AgentHit = tuple[Agent, tuple[str, ...], int]


@dataclass(eq=False)
class ArticleScope:
    """One article's resolution: its names, clusters and mentions so far, and caches kept while it lasts."""

    doc: Doc
    article: Article
    kb: ActorKB
    day: dt.date | None
    names: list[NameMention]
    name_of_token: list[NameMention | None]  # token index -> the name mention covering it
    clusters: list[Cluster] = field(default_factory=list)
    cluster_of_name: dict[int, int] = field(default_factory=dict)  # id(NameMention) -> cluster index
    mention_of_name: dict[int, ActorMention] = field(default_factory=dict)  # id(NameMention) -> its mention
    by_head: dict[int, list[ActorMention]] = field(default_factory=dict)  # head token -> its actor(s)
    by_token: dict[int, ActorMention] = field(default_factory=dict)  # token index -> name mention covering it
    mentions: list[ActorMention] = field(default_factory=list)  # every mention, once resolution is finished
    agent_cache: dict[int, AgentHit | None] = field(default_factory=dict)  # token index -> agent term there
    default_country: str | None = None  # the article's main country, provinces counted
    stated_country: str | None = None  # the same without provinces (see coding.main_countries)
    context_country: str | None = None  # the main country if named at least twice (coding.CONTEXT_MENTIONS)

    @classmethod
    def open(cls, doc: Doc, article: Article, kb: ActorKB, names: list[NameMention]) -> ArticleScope:
        """The scope of an article whose name mentions have been found."""
        name_of_token: list[NameMention | None] = [None] * len(doc)
        for m in names:
            for j in range(m.start, m.end):
                name_of_token[j] = m
        return cls(doc, article, kb, to_date(article.date), names, name_of_token)

    def name_at(self, tok: Token) -> NameMention | None:
        return self.name_of_token[tok.i]

    def demonym(self, tok: Token) -> str | None:
        """The country of a capitalised nationality word ("Israeli"); pronouns ("US" read as "us") are none."""
        if not tok.text[:1].isupper() or tok.tag_ in ("PRP", "PRP$"):
            return None
        return self.kb.demonym(tok.text)

    def country_word(self, tok: Token) -> str | None:
        if not tok.text[:1].isupper():
            return None
        return self.kb.country(tok.text)

    def name_info(self, m: NameMention) -> NameInfo:
        """What a name says to a phrase that holds it: its country, organisation code, name and person cluster."""
        idx = self.cluster_of_name.get(id(m))
        if idx is not None:
            c = self.clusters[idx]
            code, country = c.code, c.country
            if not code and c.known_codes:
                # Asked before the clusters are coded (while roles are learnt): the known code of the day.
                picked = pick_code(c.known_codes, self.day)
                if picked is not None:
                    parts = split_code(picked.code)
                    code, country = parts.code, parts.country
            if country is None and code and c.kind != "person":
                country = country_part(code)
            org = code if c.kind == "organization" and code else None
            person = idx if c.kind == "person" else None
            if person is not None and country is None:
                country = role_country(c)
            return NameInfo(country, org, c.name, person)
        if m.place is not None:
            return NameInfo(m.place.iso3, None, doc_arrays(self.doc).span_text(m.start, m.end), None)
        span = self.doc[m.start : m.end]
        iso = self.kb.demonym(span.text) or self.kb.country(span.text)
        for t in reversed(span) if iso is None else ():
            iso = self.demonym(t) or self.country_word(t)
            if iso:
                break
        return NameInfo(iso, None, span.text, None)


def role_country(c: Cluster) -> str | None:
    """An actor's own country, else the first country among its stated roles."""
    if c.country:
        return c.country
    for r in c.roles:
        if r.country:
            return r.country
    return None


def country_part(code: str) -> str | None:
    """The leading country-like part of a code that is no ISO country ("CAL" of a dictionary's "CALGOV"),
    so that "the Calenardhon government" is coded CALGOV; None for sectors and organisation types."""
    parts = split_code(code)
    lead = code[:3].upper()
    if parts.org_type is not None or lead in SECTORS or len(lead) < 3 or not lead.isalpha():
        return None
    return lead
