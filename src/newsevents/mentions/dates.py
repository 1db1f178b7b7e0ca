"""Temporal expressions in an article: spaCy DATE entities, trimmed to the words a date is made of.

spaCy's DATE spans run on ("August 15 after a months-long"): a span is cut at its first word that is
not part of a date. Resolution (``newsevents.resolve.dates``) gives each a calendar date and a granularity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsevents.knowledge.calendar import MONTHS, RELATIVE_DAYS, UNITS, WEEKDAYS
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import doc_arrays

# Words a date expression is made of (resources/lexicon/date_words.tsv and the calendar's), and the grammar
# that may sit inside one ("the morning of August 15", "Sunday's"); the first other word ends it.
_GRAMMAR = frozenset(["of", "the", "a", "an", "on", "in", ",", ".", "-", "'s", "’s"])
DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS, *RELATIVE_DAYS, *UNITS, *word_set("date_words"), *_GRAMMAR])
_ORDINAL = re.compile(r"^\d{1,4}(st|nd|rd|th)?$|^\d{1,2}/\d{1,2}(/\d{2,4})?$")
_EDGE = frozenset(["of", "the", "a", "an", "on", "in", ",", ".", "-"])
_CLOCK = re.compile(r"^([01]\d|2[0-3])[0-5]\d$")  # 0000-2359
CLOCK_BEFORE = word_set("date_clock_before")  # "at 1830": a time
CLOCK_AFTER = word_set("date_clock_after")  # "1830 GMT": a time


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    date: str | None  # YYYY-MM-DD (first day of the month/year for coarser granularity)
    granularity: str | None  # day | month | year


def _is_date_token(text: str) -> bool:
    low = text.lower().rstrip(".")
    return low in DATE_WORDS or text.lower() in DATE_WORDS or bool(_ORDINAL.match(low))


def trim(span: Span) -> tuple[int, int] | None:
    """Token bounds of the date inside a DATE entity: from its start to its first non-date word."""
    a, b = span.start, span.start
    while b < span.end and _is_date_token(span.doc[b].text):
        b += 1
    while a < b and span.doc[a].lower_ in _EDGE:
        a += 1
    while b > a and span.doc[b - 1].lower_ in _EDGE:
        b -= 1
    return (a, b) if b > a else None


def find_date_mentions(doc: Doc) -> list[DateMention]:
    """Every DATE expression of the article, trimmed, not yet resolved (``date`` and ``granularity`` None)."""
    out: list[DateMention] = []
    for ent in doc_arrays(doc).ents:
        if ent.label_ != "DATE":
            continue
        bounds = trim(ent)
        if bounds is None:
            continue
        span = doc[bounds[0]:bounds[1]]
        if _clock_time(span):
            continue
        out.append(DateMention(span.text, span.start_char, span.end_char, None, None))
    return out


def _clock_time(span: Span) -> bool:
    """A 24-hour clock time that spaCy reads as a year: "at 1830", "1830 GMT" (never a date)."""
    if len(span) != 1 or not _CLOCK.match(span.text):
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in CLOCK_BEFORE or after in CLOCK_AFTER
