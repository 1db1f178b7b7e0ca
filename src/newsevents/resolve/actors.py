"""Actor mentions resolved to canonical actors with CAMEO-style codes. (minimal v1: to be deepened)

Interface used by the quote and event extractors:
``ArticleActors.from_head(token)`` gives the actors of the noun phrase a token heads
(coordination split into a list, pronouns resolved where clear); ``entities`` lists every named
actor of the article, canonicalised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from spacy.tokens import Doc, Token

from newsevents.models import Actor, Article

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


@dataclass
class ActorKB:
    """Knowledge used to code actors (countries, organisations, agent terms, user dictionaries)."""

    countries: dict[str, str] = field(default_factory=dict)  # lower-case name -> ISO alpha-3

    @classmethod
    def load(cls, actors_file: Path | None = None, agents_file: Path | None = None) -> ActorKB:
        countries = {}
        for c in pycountry.countries:
            countries[c.name.lower()] = c.alpha_3
            for attr in ("common_name", "official_name"):
                if hasattr(c, attr):
                    countries[getattr(c, attr).lower()] = c.alpha_3
        return cls(countries=countries)


@dataclass
class ArticleActors:
    entities: list[Actor] = field(default_factory=list)
    by_token: dict[int, Actor] = field(default_factory=dict)  # token index -> actor mention

    def from_head(self, token: Token) -> list[Actor]:
        """Actors of the noun phrase headed by ``token`` (its conjuncts give more actors)."""
        out: list[Actor] = []
        for head in [token, *token.conjuncts]:
            for t in head.subtree:
                actor = self.by_token.get(t.i)
                if actor is not None and actor not in out:
                    out.append(actor)
                    break
        return out


def resolve_actors(doc: Doc, article: Article, kb: ActorKB) -> ArticleActors:
    result = ArticleActors()
    for ent in doc.ents:
        if ent.label_ not in _KIND:
            continue
        country = kb.countries.get(ent.text.lower())
        actor = Actor(
            entity_text=ent.text,
            start=ent.start_char,
            end=ent.end_char,
            name=ent.text,
            code=country or "",
            country=country,
            sector=None,
            kind=_KIND[ent.label_],
        )
        result.entities.append(actor)
        for t in ent:
            result.by_token[t.i] = actor
    return result
