"""Temporal expressions in an article, resolved against its publication date. (stub: to be filled)"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsevents.models import Article


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    date: str | None  # YYYY-MM-DD (first day of the month/year for coarser granularity)
    granularity: str | None  # day | month | year


@dataclass
class ArticleDates:
    pub_date: str | None
    mentions: list[DateMention] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> DateMention | None:
        """The first resolved date mention inside the character range, if any."""
        for m in self.mentions:
            if m.date and start <= m.start and m.end <= end:
                return m
        return None


def find_dates(doc: Doc, article: Article) -> ArticleDates:
    return ArticleDates(pub_date=article.date)
