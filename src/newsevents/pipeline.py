"""The one coding pipeline: Article -> spaCy Doc -> actors, places, dates, quotes, events -> CodedArticle.

Every entry point (``newsevents code``, ``ingest``, the API, the multiprocessing and Ray runners)
calls ``Coder.code``; scaling wraps this, it never forks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from newsevents.context import ArticleContext
from newsevents.events.coder import find_events
from newsevents.events.lexicon import Lexicon, default_lexicon
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.models import DEFAULT_MIN_CONFIDENCE, Article, CodedArticle, Event
from newsevents.nlp import load_model, parse_articles
from newsevents.nlp.model import DEFAULT_MODEL
from newsevents.nlp.triage import TriageWords, triage_default
from newsevents.quotes.finder import find_quotes
from newsevents.quotes.lexicon import QuoteLexicon, load_lexicon
from newsevents.resolve.actors import resolve_actors
from newsevents.resolve.dates import find_dates
from newsevents.resolve.places import find_places

# event-lexicon kinds whose lemma alone can start an event (light, aspect, report and stop verbs only
# act on one of these, so a sentence without one of these holds no event)
TRIGGER_KINDS = ("verb", "noun", "control", "prevent")
# a learned-model cue lemma keeps a sentence when its weight is above this (weaker ones only help other features)
MODEL_WEIGHT = 1.0
# the note of an undated article: what stays open, and how to give the date
NO_PUBLICATION_DATE = ("no publication date: relative dates ('on Tuesday') stay unresolved and events are dated "
                       "only where the text names the date; give one with --date or --date-from")


def triage_words(kb: ActorKB) -> TriageWords:
    """The words that make a sentence worth parsing, read off the very lexicons the stages use (already
    loaded and cached there; the event lexicon with a user's ``NEWSEVENTS_EVENT_LEXICON`` rows)."""
    quotes = load_lexicon()
    lemmas = {lemma.split()[0].lower() for kind, lemma in default_lexicon().rows if kind in TRIGGER_KINDS}
    lemmas.update(w.split()[0].lower() for w in quotes.speech | quotes.belief | quotes.nouns)
    # multi-word cues by their longest word: "according to" -> according, "in the words of" -> words
    lemmas.update(max(words, key=len) for words in quotes.prepositions)
    # role nouns ("the first vice president", "the resistance led by"): the sentences that state who an
    # actor is are parsed, so the resolver still learns the roles from them
    lemmas.update(words[-1] for words in kb.agents)
    # cue lemmas the learned quote model weighs strongly ("lemma=chant" 1.95)
    lemmas.update(feat[len("lemma="):] for feat, weight in quotes.model.weights.items()
                  if feat.startswith("lemma=") and weight > MODEL_WEIGHT)
    return TriageWords(frozenset(lemmas))


@dataclass(frozen=True)
class Knowledge:
    """What the stages read besides the parse, loaded and checked before any article is read."""

    kb: ActorKB  # with the user's --actors / --agents dictionaries
    events: Lexicon  # with the rows of NEWSEVENTS_EVENT_LEXICON
    quotes: QuoteLexicon


def load_knowledge(actors_file: Path | str | None = None, agents_file: Path | str | None = None) -> Knowledge:
    """Load the actor KB with the user's dictionaries and the event and quote lexicons (the lexicons once per
    process); a malformed file raises ``KnowledgeError`` naming the file and line and what to fix."""
    kb = ActorKB.load(actors_file=actors_file, agents_file=agents_file)
    return Knowledge(kb, default_lexicon(), load_lexicon())


class Coder:
    """Codes articles into events, quotes, places and actors with one loaded model and knowledge base."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        actors_file: Path | None = None,
        agents_file: Path | None = None,
        explain: bool = False,
        triage: bool | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        if not 0 <= min_confidence <= 1:
            raise ValueError(f"min_confidence {min_confidence!r} must lie in 0..1")
        # the knowledge first: a malformed user file stops here, before the model is loaded or an article read
        self.knowledge = load_knowledge(actors_file, agents_file)
        self.kb = self.knowledge.kb
        self.nlp = load_model(model)
        # parse only the sentences that can hold an event or a quote (None: NEWSEVENTS_TRIAGE or the default)
        self.triage = triage_default() if triage is None else triage
        self.triage_words = triage_words(self.kb) if self.triage else None
        self.explain = explain
        self.min_confidence = min_confidence

    def code(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Code articles in input order, parsing them in batches."""
        for article, doc in parse_articles(self.nlp, articles, batch_size=batch_size, triage=self.triage_words):
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
        events = drop_unconfident(events, self.min_confidence, notes)
        notes.extend(dates.notes)  # relative dates left unresolved (no publication date)
        if not events and not notes:
            notes.append("no event: no sentence holds a trigger from the event lexicon")
        if not article.date:
            notes.append(NO_PUBLICATION_DATE)
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


def drop_unconfident(events: list[Event], min_confidence: float, notes: list[str]) -> list[Event]:
    """The events at or above ``min_confidence``; the dropped ones are named in ``notes`` (never silent). Ids are
    given before, so an event keeps its id whatever the threshold."""
    dropped = [e for e in events if e.confidence < min_confidence]
    if dropped:
        which = ", ".join(f"{e.id.rsplit('-', 1)[-1]} {e.event} {e.confidence:.2f}" for e in dropped)
        notes.append(f"{len(dropped)} event{'s' if len(dropped) > 1 else ''} below confidence "
                     f"{min_confidence:g} dropped: {which}")
    return [e for e in events if e.confidence >= min_confidence]
