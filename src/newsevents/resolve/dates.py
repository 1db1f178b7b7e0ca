"""Temporal expressions resolved to calendar dates against the publication date, with their granularity.

``dateparser`` does the reading ("Sunday" is the latest Sunday not after publication, "August 15" that
year, "last month" the month before); it costs about 0.75 ms a call, so results are cached by
(expression, publication date). An expression without a year ("Sunday", "last month") needs the
publication date: without one it stays unresolved rather than invented. Weeks and vaguer spans
("the 1990s", "last week") are left unresolved: the contract's granularities are day, month and year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from newsevents.knowledge.calendar import MONTHS, RELATIVE_DAYS, WEEKDAYS
from newsevents.knowledge.resources import word_set
from newsevents.mentions.dates import DateMention, find_date_mentions
from newsevents.models import Article

# Words that make an expression a point in time rather than a duration ("two months" is not a date).
_ANCHORS = frozenset([*MONTHS, *WEEKDAYS, *RELATIVE_DAYS, *word_set("date_anchors")])
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(\d{2}|\d{4})\b")
# Words dropped from the front ("earlier this month"); longer first, so "earlier" is not read as "early".
_PREFIX_WORDS = sorted(word_set("date_prefixes"), key=lambda w: (-len(w), w))
_PREFIXES = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _PREFIX_WORDS) + r")[\s-]+", re.I)


@lru_cache(maxsize=256)
def _parser(base: dt.datetime) -> DateDataParser:
    """A parser reading relative expressions against ``base`` (one per publication date, kept for reuse)."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False, "RELATIVE_BASE": base}
    return DateDataParser(languages=["en"], settings=settings)


def is_absolute(text: str) -> bool:
    """Whether the expression names its year ("August 15, 2021", "2019", "8/15/2021")."""
    return bool(_YEAR.search(text) or _NUMERIC_DATE.search(text))


def normalise(text: str) -> str:
    """The expression as dateparser reads it best: no "'s", no "earlier"/"mid-" in front."""
    s = re.sub(r"[’']s$", "", text.strip())
    prev = None
    while prev != s:
        prev, s = s, _PREFIXES.sub("", s).strip()
    return s


def _is_point(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(_ANCHORS.intersection(words)) or is_absolute(text)


@lru_cache(maxsize=65_536)
def resolve_date(text: str, pub_date: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, granularity) for a temporal expression, or (None, None) when it can't be placed.

    Month and year granularity give the first day of the month or year.
    """
    s = normalise(text)
    if not s or not _is_point(s):
        return None, None
    absolute = is_absolute(s)
    if pub_date is None and not absolute:
        return None, None
    try:
        base = dt.datetime.fromisoformat(pub_date) if pub_date else dt.datetime(2000, 1, 1)
    except ValueError:
        if not absolute:
            return None, None
        base = dt.datetime(2000, 1, 1)
    data = _parser(base.replace(hour=12)).get_date_data(s)
    if data.date_obj is None or data.period not in ("day", "month", "year", "time"):
        return None, None
    d = data.date_obj.date()
    period = "day" if data.period == "time" else data.period
    if period == "month":
        d = d.replace(day=1)
    elif period == "year":
        d = d.replace(month=1, day=1)
    return d.isoformat(), period


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
    """Every DATE expression of the article, trimmed and resolved (date None when it can't be placed)."""
    out = ArticleDates(pub_date=article.date)
    for m in find_date_mentions(doc):
        m.date, m.granularity = resolve_date(m.text, article.date)
        out.mentions.append(m)
    return out
