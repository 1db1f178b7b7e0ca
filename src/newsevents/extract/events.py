"""Events from the dependency parse: lexicon triggers, actors, recipients, aux modes. (stub: to be filled)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsevents.models import Event

if TYPE_CHECKING:
    from newsevents.pipeline import ArticleContext


def find_events(doc: Doc, ctx: ArticleContext) -> tuple[list[Event], list[str]]:
    return [], []
