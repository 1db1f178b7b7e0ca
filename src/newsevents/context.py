"""What the stages after parsing share while one article is coded: its parse and the earlier stages' results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsevents.models import Article, Quote

if TYPE_CHECKING:  # the results of the resolve stage: named for the type checker only, never imported here
    from newsevents.resolve.actors import ArticleActors
    from newsevents.resolve.dates import ArticleDates
    from newsevents.resolve.places import ArticlePlaces


@dataclass
class ArticleContext:
    """What the extractors of one article share: the parse and the earlier stages' results."""

    article: Article
    doc: Doc
    actors: ArticleActors
    places: ArticlePlaces
    dates: ArticleDates
    quotes: list[Quote] = field(default_factory=list)
    explain: bool = False
