"""Actor mentions resolved to canonical actors with CAMEO-style codes.

Interface used by the quote and event extractors:
``ArticleActors.from_head(token)`` gives the actors of the noun phrase a token heads (coordination
split into a list, pronouns resolved where clear, [] when the phrase holds no actor);
``actor_for_span(start, end)`` the actor mentioned at some characters; ``resolve_pronoun(token)``
the named actor a pronoun stands for; ``entities`` every named actor of the article, once per
mention, canonicalised (one ``name`` per actor within the article).

How a code is chosen, first hit wins (see ``docs/actors.md``): a user dictionary entry valid on the
article's date; a role the article itself states (appositive, title before the name, copular or
relative clause, "X's government"); our knowledge base (organisations, countries); the cross-article
registry; for a person with a role but no country, the article's main country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsevents.knowledge.actor_codes import country_of_code
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.knowledge.resources import word_set
from newsevents.mentions.entities import find_name_mentions
from newsevents.models import Actor, Article
from newsevents.nlp.lemmas import lemma_of
from newsevents.resolve.actors.agents import find_agent_phrases
from newsevents.resolve.actors.clusters import cluster_names
from newsevents.resolve.actors.coding import code_clusters, main_countries
from newsevents.resolve.actors.demonyms import demonym_actors
from newsevents.resolve.actors.kinds import person_surnames
from newsevents.resolve.actors.pronouns import (
    GROUP_PRONOUNS,
    LOCATIVE_PREPS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
    Referents,
)
from newsevents.resolve.actors.records import ActorMention, Cluster, Role
from newsevents.resolve.actors.roles import learn_roles
from newsevents.resolve.actors.scope import ArticleScope

__all__ = ["ActorKB", "ActorMention", "ArticleActors", "Role", "resolve_actors"]

AUTHORED_NOUNS = word_set("actor_authored_nouns")  # "the opposition's call" -> the opposition


@dataclass
class ArticleActors:
    """The actors of one article; see the module docstring for the interface."""

    entities: list[Actor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)  # every actor mention, named or not
    clusters: list[Cluster] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)  # token index -> mention covering it
    by_head: dict[int, list[ActorMention]] = field(default_factory=dict)  # head token -> its actor(s)
    referents: Referents | None = field(default=None, repr=False)  # pronouns, places, nationality words

    def from_head(self, token: Token) -> list[Actor]:
        """Actors of the noun phrase headed by ``token``; conjuncts give more actors; [] when none."""
        out: list[Actor] = []
        seen: set[tuple[int, int, int]] = set()
        for head in [token, *token.conjuncts]:
            for actor in self._actors_of(head):
                key = (actor.start, actor.end, actor.cluster if actor.cluster >= 0 else id(actor))
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return out

    def description_country(self) -> str | None:
        """The country of a phrase that names no actor the resolver knows ("the two men", "the rapper"), as of an
        agent phrase with no country of its own ("the police"): the country the article names most, if it leads
        (without provinces), else None."""
        return self.referents.scope.stated_country if self.referents is not None else None

    def _actors_of(self, head: Token) -> list[ActorMention]:
        found = self.by_head.get(head.i)
        if found:
            return found
        mention = self.by_token.get(head.i)
        if mention is not None:
            return [mention]
        if head.lower_ in GROUP_PRONOUNS and self.referents is not None:
            return self.referents.resolve_group(head)
        if head.tag_ == "CD" and self.referents is not None and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return self.referents.resolve_number(head)  # "agreed to release the four"
        if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | RELATIVE_PRONOUNS:
            pron = self.resolve_pronoun(head)
            return [pron] if pron is not None else []
        if self.referents is not None:
            place = self.referents.place_actor(head)
            if place is not None:
                return [place]
            found = demonym_actors(self.referents.scope, head)
            if found:
                return found
        return self._author_of(head)

    def _author_of(self, head: Token) -> list[ActorMention]:
        """The actor whose act or product a noun names: "the opposition's call", "the work of Ms Hall", "the
        decision by the court", "the House of Lords decision" (a person or organisation named before the noun;
        a country or place there is the topic: "the Iraq policy" is no policy of Iraq's)."""
        if lemma_of(head) not in AUTHORED_NOUNS:
            return []
        for child in head.children:
            if child.dep_ == "poss":
                return self._actors_of(child)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.tag_ != "VBG":  # "by cutting taxes" is a means
                        return self._actors_of(obj)
        for child in head.children:
            if child.dep_ in ("compound", "nmod") and child.i < head.i:
                named = [m for m in self._actors_of(child) if m.named and m.kind in ("person", "organization")]
                if named:
                    return named
        return []

    def actor_for_span(self, start: int, end: int) -> Actor | None:
        """The mention that best covers the characters ``start``..``end`` (most overlap), else None."""
        best, best_overlap = None, 0
        for m in self.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap or overlap == best_overlap and best is not None and m.named and not best.named:
                best, best_overlap = m, overlap
        return best

    def resolve_pronoun(self, token: Token) -> ActorMention | None:
        """The actor a pronoun (he, she, they, who, ...) refers to when its antecedent is clear, else None."""
        if self.referents is None:
            return None
        return self.referents.resolve_pronoun(token)

    def cluster_of(self, actor: Actor) -> Cluster | None:
        idx = actor.cluster if isinstance(actor, ActorMention) else -1
        return self.clusters[idx] if 0 <= idx < len(self.clusters) else None


def resolve_actors(doc: Doc, article: Article, kb: ActorKB) -> ArticleActors:
    """Find, cluster and code every actor mention of an article (see the module docstring)."""
    scope = ArticleScope.open(doc, article, kb, person_surnames(doc, kb, find_name_mentions(doc, kb)))
    scope.default_country, scope.stated_country, scope.context_country = main_countries(scope)
    cluster_names(scope)
    learn_roles(scope)  # roles before codes: a stated role is a source of codes
    code_clusters(scope)
    find_agent_phrases(scope)  # after codes: a phrase takes the code of an organisation it names
    return _finish(scope)


def _finish(scope: ArticleScope) -> ArticleActors:
    """Every mention once, in text order; names and descriptions indexed by token; the named entities."""
    mentions: list[ActorMention] = []
    for c in scope.clusters:
        mentions.extend(c.mentions)
    for found in scope.by_head.values():
        mentions.extend(m for m in found if m.cluster < 0 or m.how == "description")
    uniq: dict[int, ActorMention] = {}
    for m in mentions:
        uniq[id(m)] = m
    scope.mentions = sorted(uniq.values(), key=lambda m: (m.start, -m.end))
    for m in scope.mentions:
        if m.country and country_of_code(m.country) is None:
            m.country = None  # a non-ISO country part (a user dictionary's own) stays in the code only
    for m in scope.mentions:
        if m.how == "name":
            tok_span = scope.doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok_span is not None:
                for t in tok_span:
                    scope.by_token.setdefault(t.i, m)
            scope.by_head.setdefault(m.head, [m])
        elif m.how == "description" and not m.appositive:
            scope.by_head.setdefault(m.head, [m])
    entities: list[Actor] = []
    taken: list[tuple[int, int]] = []
    for m in scope.mentions:
        if not m.named or m.how not in ("name", "description") or m.appositive:
            continue
        if m.how == "name" and m.kind == "country" and _locative(scope, m):
            continue
        if any(s < m.end and m.start < e for s, e in taken):
            continue
        taken.append((m.start, m.end))
        entities.append(m)
    return ArticleActors(entities=entities, mentions=scope.mentions, clusters=scope.clusters,
                         by_token=scope.by_token, by_head=scope.by_head, referents=Referents(scope))


def _locative(scope: ArticleScope, m: ActorMention) -> bool:
    """A country named where something happens ("in Iraq") rather than as an actor."""
    head = scope.doc[m.head]
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS
