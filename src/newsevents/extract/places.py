"""Toponyms in an article, resolved to gazetteer entries. (stub: to be filled)"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsevents.models import Article, Place


@dataclass
class ArticlePlaces:
    places: list[Place] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> Place | None:
        """The first resolved place mention inside the character range, if any."""
        for p in self.places:
            if p.geonameid is not None and start <= p.start and p.end <= end:
                return p
        return None

    def dominant(self) -> Place | None:
        """The article's most mentioned resolved place."""
        return None


def find_places(doc: Doc, article: Article) -> ArticlePlaces:
    return ArticlePlaces()
