"""The one coding pipeline: Article -> spaCy Doc -> actors, places, dates, quotes, events -> CodedArticle.

Every entry point (``newsevents code``, ``ingest``, the API, the multiprocessing and Ray runners)
calls ``Coder.code``; scaling wraps this, it never forks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from newsevents.events.coder import find_events
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.mentions.dates import ArticleDates, find_dates
from newsevents.mentions.places import ArticlePlaces, find_places
from newsevents.models import Article, CodedArticle, Quote
from newsevents.nlp import load_model, parse_articles
from newsevents.nlp.model import DEFAULT_MODEL
from newsevents.nlp.triage import triage_default
from newsevents.quotes.finder import find_quotes
from newsevents.resolve.actors import ArticleActors, resolve_actors


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


class Coder:
    """Codes articles into events, quotes, places and actors with one loaded model and knowledge base."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        actors_file: Path | None = None,
        agents_file: Path | None = None,
        explain: bool = False,
        triage: bool | None = None,
    ) -> None:
        self.nlp = load_model(model)
        # parse only the sentences that can hold an event or a quote (None: NEWSEVENTS_TRIAGE or the default)
        self.triage = triage_default() if triage is None else triage
        self.kb = ActorKB.load(actors_file=actors_file, agents_file=agents_file)
        self.explain = explain

    def code(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Code articles in input order, parsing them in batches."""
        for article, doc in parse_articles(self.nlp, articles, batch_size=batch_size, triage=self.triage):
            yield self.code_doc(article, doc)

    def code_one(self, article: Article) -> CodedArticle:
        return next(self.code([article]))

    def code_doc(self, article: Article, doc: Doc) -> CodedArticle:
        actors = resolve_actors(doc, article, self.kb)
        places = find_places(doc, article)
        dates = find_dates(doc, article)
        ctx = ArticleContext(article, doc, actors, places, dates, explain=self.explain)
        ctx.quotes = find_quotes(doc, ctx)
        for n, quote in enumerate(ctx.quotes, 1):
            quote.id = f"{article.id}-q{n}"
        events, notes = find_events(doc, ctx)
        for n, event in enumerate(events, 1):
            event.id = f"{article.id}-e{n}"
        if not events and not notes:
            notes.append("no event: no sentence holds a trigger from the event lexicon")
        return CodedArticle(
            doc_id=article.id,
            title=article.title,
            date=article.date,
            events=events,
            quotes=ctx.quotes,
            places=places.places,
            entities=actors.entities,
            notes=notes,
            url=article.url,
            source=article.source,
        )
