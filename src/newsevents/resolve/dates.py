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
from spacy.tokens import Doc, Span, Token

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


HISTORICAL_DAYS = 31  # a day-dated event more than a month before publication is historical
# Dependencies that open a clause of their own: a date under one that does not hold the event is in passing
# ("accused Labour of raising taxes since coming to power in 1997" is today's accusation). A control
# complement is the event's own clause ("refused to endorse him in July").
_CLAUSE_DEPS = frozenset(["relcl", "acl", "advcl", "ccomp", "pcomp", "csubj", "parataxis", "conj"])
# A date modifying a noun names that thing's time, not the event's ("his 2012 Senate campaign").
_NOUN_MODIFIER_DEPS = frozenset(["compound", "amod", "nmod", "poss", "nummod"])
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class ArticleDates:
    pub_date: str | None
    mentions: list[DateMention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why expressions stayed unresolved (no publication date)

    def in_range(self, start: int, end: int) -> DateMention | None:
        """The first resolved date mention inside the character range, if any."""
        for m in self.mentions:
            if m.date and start <= m.start and m.end <= end:
                return m
        return None

    def event_date(self, head: Token, clause: tuple[int, int]) -> tuple[str | None, str | None, bool]:
        """(date, granularity, historical) of the event headed by ``head`` (docs/places-and-dates.md).

        The first resolved date of the event's own clause: inside ``clause`` and not in passing (under a
        clause of its own that does not hold the event, or modifying a noun). Else the publication date.
        ``historical``: the date's whole period lies before publication ("in 1975"; a day more than
        ``HISTORICAL_DAYS`` before); without a publication date, before the latest year the article names, or
        an expression that is a month or more back by its words ("last month", "two years ago")."""
        pub = self.pub_date if self.pub_date and _ISO.match(self.pub_date) else None
        doc = head.doc
        past = False
        for m in self.mentions:
            if not (clause[0] <= m.start and m.end <= clause[1]):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not _own_clause(span, head):
                continue
            if m.date:
                return m.date, m.granularity, self.before_publication(m.date, m.granularity)
            past = past or long_ago(m.text)
        # Unresolved for want of a publication date, "last month" still says the act is past.
        return pub, ("day" if pub else None), past

    def before_publication(self, day: str, granularity: str | None) -> bool:
        """Whether a date's whole period lies before the publication (or, with none, the article's latest year)."""
        pub = self.pub_date if self.pub_date and _ISO.match(self.pub_date) else None
        if pub is None:
            latest = self.latest_year()
            return latest is not None and int(day[:4]) < latest
        if granularity == "year":
            return day[:4] < pub[:4]
        if granularity == "month":
            return day[:7] < pub[:7] and _days(day, pub) > HISTORICAL_DAYS
        return _days(day, pub) > HISTORICAL_DAYS

    def latest_year(self) -> int | None:
        years = [int(m.date[:4]) for m in self.mentions if m.date and is_absolute(m.text)]
        return max(years) if years else None


def long_ago(text: str) -> bool:
    """Whether an expression puts its time a month or more back from any publication date by its words alone:
    "last month", "last December", "in March last year", "five years ago", "earlier this year" (not "last
    week" or "yesterday", which are the reporting period)."""
    words = re.findall(r"[a-z]+", text.lower())
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w == "last" and (nxt in _LONG_UNITS or nxt in MONTHS):
            return True
        if w == "ago" and k > 0 and words[k - 1].rstrip("s") in _LONG_UNITS:
            return True
        if w == "earlier" and nxt == "this" and k + 2 < len(words) and words[k + 2] == "year":
            return True
    return False


_LONG_UNITS = word_set("date_long_units")  # month, year, decade, seasons


def _days(a: str, b: str) -> int:
    try:
        return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days
    except ValueError:
        return 0


def _own_clause(span: Span, head: Token) -> bool:
    """A date of the event's own clause: not modifying a noun, and not under a clause that leaves out the event."""
    root = span.root
    if root.dep_ in _NOUN_MODIFIER_DEPS and root.head.tag_.startswith("NN") and root.head.i != head.i:
        return False
    t = root
    while t.head.i != t.i and t.i != head.i:  # Tokens compare by index, not identity
        if t.dep_ in _CLAUSE_DEPS and not t.left_edge.i <= head.i <= t.right_edge.i:
            return False
        t = t.head
    return True


def find_dates(doc: Doc, article: Article) -> ArticleDates:
    """Every DATE expression of the article, trimmed and resolved (date None when it can't be placed).

    A relative expression ("next Monday") in an article with no publication date stays unresolved, and a
    note says so."""
    out = ArticleDates(pub_date=article.date)
    pub = article.date if article.date and _ISO.match(article.date) else None
    for m in find_date_mentions(doc):
        m.date, m.granularity = resolve_date(m.text, pub)
        if m.date is None and pub is None and _is_point(normalise(m.text)) and not is_absolute(m.text):
            out.notes.append(f"date {m.text!r} at {m.start}-{m.end} left unresolved: the article has no "
                             "publication date")
        out.mentions.append(m)
    return out
