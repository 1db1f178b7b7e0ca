"""Quotes: direct, indirect and mixed, with cue, speaker and medium. (stub: to be filled)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsevents.models import Quote

if TYPE_CHECKING:
    from newsevents.pipeline import ArticleContext


def find_quotes(doc: Doc, ctx: ArticleContext) -> list[Quote]:
    return []
