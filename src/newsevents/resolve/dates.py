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
    month = _named_month(s, base.date()) if pub_date else None
    if month is not None:
        return month.isoformat(), "month"
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


_LAST_MONTH = re.compile(r"^last ([a-z]+)$|^([a-z]+),? (last|this) year$", re.I)


def _named_month(text: str, pub: dt.date) -> dt.date | None:
    """A month named against the publication date, which dateparser does not read: "last July" (the latest July
    before the publication's month), "March last year", "July this year"."""
    m = _LAST_MONTH.match(text)
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).lower()
    if name not in MONTHS or name == "may" and m.group(1):  # "last may" is too rare to outweigh the modal
        return None
    try:
        number = dt.datetime.strptime(name[:3], "%b").month
    except ValueError:
        return None
    if m.group(1):
        return dt.date(pub.year if number < pub.month else pub.year - 1, number, 1)
    return dt.date(pub.year - 1 if m.group(3).lower() == "last" else pub.year, number, 1)


HISTORICAL_DAYS = 31  # a day-dated event more than a month before publication is historical
# Dependencies that open a clause of their own: a date under one that does not hold the event is in passing
# ("accused Labour of raising taxes since coming to power in 1997" is today's accusation). A control
# complement is the event's own clause ("refused to endorse him in July").
_CLAUSE_DEPS = frozenset(["relcl", "acl", "advcl", "ccomp", "pcomp", "csubj", "parataxis", "conj"])
# A date modifying a noun names that thing's time, not the event's ("his 2012 Senate campaign").
_NOUN_MODIFIER_DEPS = frozenset(["compound", "amod", "nmod", "poss", "nummod"])
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
NARRATIVE_SENTENCES = 6  # how far back an undated past act looks for the narrative's date
_QUOTE_MARKS = "\"“”‘’'"


@dataclass
class ArticleDates:
    pub_date: str | None
    mentions: list[DateMention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why expressions stayed unresolved (no publication date)
    _doc: Doc | None = field(default=None, repr=False, compare=False)
    _sents: list[Span] = field(default_factory=list, repr=False, compare=False)

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
        pub = self.iso_pub
        doc = head.doc
        past = False
        for m in self.mentions:
            if not (clause[0] <= m.start and m.end <= clause[1]):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not _own_clause(span, head):
                continue
            if m.date:
                return m.date, m.granularity, self.dated_before(m, span, head)
            past = past or long_ago(m.text)
        # Unresolved for want of a publication date, "last month" still says the act is past; an undated past
        # act goes on the narrative the sentences before it set ("in July ... the senator urged ...").
        if past or self.conjunct_past(head, clause) or self.narrative_past(head):
            return None, None, True  # a past act the text does not date ("last July" unread): not the publication day
        return pub, ("day" if pub else None), False

    def conjunct_past(self, head: Token, clause: tuple[int, int]) -> bool:
        """Whether an undated past act is the conjunct of a past act its sentence dates before publication: "the
        government tried to cut subsidies in 2003 but was forced to back down" (the retreat went with the attempt)."""
        verb = _verb_of(head)
        if verb is None or verb.dep_ != "conj" or not _past_tense(verb):
            return False
        first = verb.head
        while first.dep_ == "conj" and first.head.i != first.i:  # "A in 2003, B and C": C goes back to A
            first = first.head
        if not first.tag_.startswith("VB") or not _past_tense(first):
            return False
        doc = head.doc
        for m in self.mentions:
            if clause[0] <= m.start < clause[1] or not (first.sent.start_char <= m.start < first.sent.end_char):
                continue  # the event's own clause was read before; the first conjunct is in the same sentence
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not _own_clause(span, first):  # a date of the second conjunct is not the first's
                continue
            if self.dated_before(m, span, first):
                return True
            if not m.date and long_ago(m.text):
                return True
        return False

    def narrative_past(self, head: Token) -> bool:
        """Whether an undated past-tense act continues a narrative the preceding sentences set before publication.

        Walking back at most ``NARRATIVE_SENTENCES`` sentences (the event's own is left out: its dates in passing
        are not the event's), the last date that places a point decides: a date before publication (or "last
        year") makes the act historical, a date in the reporting period ("on Tuesday") does not; an anaphoric
        one ("the following morning") is read through. A sentence in the present or future ends the narrative,
        and a sentence wholly in quotation marks neither sets nor ends it."""
        if not _past_tense(head):
            return False
        doc = head.doc
        sents = self._sentences(doc)
        k = next((i for i, s in enumerate(sents) if s.start <= head.i < s.end), 0)
        names: set[str] = set()  # the proper names of the sentences walked back through
        for back in range(1, min(k, NARRATIVE_SENTENCES) + 1):
            s = sents[k - back]
            if _quoted(s):
                continue
            # a sentence that names no one refers to those named just before it ("The rivals spent two years feuding")
            names |= _names(s) or (_names(sents[k - back - 1]) if k - back > 0 else set())
            for m in reversed([m for m in self.mentions if s.start_char <= m.start and m.end <= s.end_char]):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or _in_quotation(doc.text, m.start) or not _sets_time(span, s.root, back):
                    continue
                if m.date:
                    return self.before_publication(m.date, m.granularity) and _goes_on(sents[k], names)
                if long_ago(m.text) or _past_duration(span):
                    return _goes_on(sents[k], names)  # "last year"; "the rivals spent two years feuding"
                if _is_point(normalise(m.text)):
                    return False  # "on Tuesday" with no publication date: the reporting period
            if _present(s.root):
                return False
        return False

    def _sentences(self, doc: Doc) -> list[Span]:
        if self._doc is not doc:
            self._doc, self._sents = doc, list(doc.sents)
        return self._sents

    @property
    def iso_pub(self) -> str | None:
        """The publication date when it is an ISO day, else None."""
        return self.pub_date if self.pub_date and _ISO.match(self.pub_date) else None

    def dated_before(self, m: DateMention, span: Span, head: Token) -> bool:
        """Whether a resolved date of ``head``'s own clause puts the act before publication: its whole period lies
        before it, or, with no publication date, a year dates a simple-past act (``_dated_past``)."""
        if not m.date:
            return False
        if self.before_publication(m.date, m.granularity):
            return True
        return self.iso_pub is None and _dated_past(span, m.text, head)

    def before_publication(self, day: str, granularity: str | None) -> bool:
        """Whether a date's whole period lies before the publication (or, with none, the article's latest year)."""
        pub = self.iso_pub
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
_NARRATIVE_PRONOUNS = word_set("date_narrative_pronouns")
_SPAN_STARTS = word_set("date_span_starts")
_OCCASION_PREPS = word_set("date_occasion_preps")


_COMPARISON_WORDS = word_set("date_comparison_words")


def _dated_past(span: Span, text: str, head: Token) -> bool:
    """Without a publication date: a simple-past act its own clause dates by a year it names ("quit the
    government in 1999", "in June 2004"). News dates the reporting period's acts by the day ("on Monday"); a year
    named for a past act puts it before the reporting period. A span's start ("since 2003") does not."""
    r = span.root
    if not is_absolute(text) or r.dep_ == "pobj" and r.head.lower_ in _SPAN_STARTS:
        return False
    return _past_tense(head)


def _days(a: str, b: str) -> int:
    try:
        return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days
    except ValueError:
        return 0


def _verb_of(head: Token, steps: int = 3) -> Token | None:
    """The verb whose tense times the event: its head, or for a nominal event the verb that governs it."""
    t = head
    for _ in range(steps):
        if t.tag_.startswith("VB"):  # the coder runs no POS tagger: fine tags only
            while t.dep_ == "xcomp" and t.head.tag_.startswith("VB"):  # "refused to endorse": refused's tense
                t = t.head
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _past_tense(head: Token, steps: int = 3) -> bool:
    """A simple past or past perfect act ("urged", "was sentenced", "had attacked"), with no modal or present
    perfect ("has been investigated" is the perfect alone, not a dated past: docs/annotation.md)."""
    verb = _verb_of(head, steps)
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" or c.tag_ in ("VBZ", "VBP") for c in aux):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux)


def _present(root: Token) -> bool:
    """A sentence told in the present, present perfect or future: the narrative is back in the reporting period."""
    if root.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ in ("VBZ", "VBP") or c.tag_ == "MD" and c.lower_ != "would")
               for c in root.children)


def _sets_time(span: Span, root: Token, back: int) -> bool:
    """Whether a date of an earlier sentence (``back`` sentences before) sets the narrative's time: a date of a
    verb of the sentence's own clause does; one in a past relative clause of its own ("the senator, who refused to
    back the nominee at the convention in July") only for the next sentence, which may go on with it; one that
    dates a noun ("the trial of six men for bombings in 1974", "loans to his 2012 campaign") only if that noun is
    the occasion of a verb ("testified at a 2009 hearing"); one that starts a span ("since 1997") never."""
    r = span.root
    if r.dep_ == "pobj" and r.head.lower_ in _SPAN_STARTS:
        return False  # "since the party took office in 1997": a span up to the reporting period
    if r.dep_ in _NOUN_MODIFIER_DEPS and r.head.tag_.startswith("NN"):
        noun = r.head
        while noun.dep_ == "compound" and noun.head.i != noun.i:  # "a 2009 Senate hearing": the hearing
            noun = noun.head
        if not (noun.dep_ == "pobj" and noun.head.lower_ in _OCCASION_PREPS and noun.head.head.tag_.startswith("VB")):
            return False
        span, r = span.doc[noun.i:noun.i + 1], noun  # the hearing's time is the testimony's
    if _own_clause(span, root):
        return not (r.dep_ == "pobj" and r.head.head.tag_.startswith("NN"))  # "in 1974" of a noun: its time
    clause = next((t for t in _ancestors(r) if t.dep_ in _CLAUSE_DEPS), None)
    return back == 1 and clause is not None and clause.dep_ == "relcl" and _past_tense(clause)


def _ancestors(token: Token) -> list[Token]:
    out, t = [], token
    while t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def _past_duration(span: Span) -> bool:
    """A span of months or years that a past act filled: "spent months", "for three years" (not "after months
    of tension" or "months ahead of the election", which lead up to the reporting period)."""
    words = re.findall(r"[a-z]+", span.text.lower())
    if _is_point(span.text) or not any(w.endswith("s") and w[:-1] in _LONG_UNITS for w in words):
        return False
    r = span.root
    if r.dep_ == "pobj" and r.head.lower_ == "for":
        verb: Token | None = r.head.head
    else:
        verb = r.head if r.dep_ in ("dobj", "npadvmod") else None
    return verb is not None and verb.tag_.startswith("VB") and _past_tense(verb)


def _names(sent: Span) -> set[str]:
    """The people a sentence names (the narrative's participants; things and places named do not carry it)."""
    return {t.lower_ for t in sent if t.ent_type_ == "PERSON" and len(t) > 1}


def _goes_on(sent: Span, names: set[str]) -> bool:
    """Whether a sentence goes on with the narrative before it: it names one of its people, or refers
    back with a personal pronoun. A new actor in the reporting period ("The audit committee said ...") does not."""
    return bool(_names(sent) & names) or any(t.lower_ in _NARRATIVE_PRONOUNS for t in sent)


def _in_quotation(text: str, at: int) -> bool:
    """Whether the character offset lies inside quotation marks opened in its paragraph (the speaker's time)."""
    para = text[text.rfind("\n", 0, at) + 1:at]
    return para.count('"') % 2 == 1 or para.count("“") > para.count("”")


def _quoted(sent: Span) -> bool:
    text = sent.text.strip()
    return len(text) > 1 and text[0] in _QUOTE_MARKS and text.rstrip(".!?")[-1:] in _QUOTE_MARKS


def _own_clause(span: Span, head: Token) -> bool:
    """A date of the event's own clause: not modifying a noun, and not under a clause that leaves out the event."""
    root = span.root
    if root.dep_ in _NOUN_MODIFIER_DEPS and root.head.tag_.startswith("NN") and root.head.i != head.i:
        return False
    t = root
    while t.head.i != t.i and t.i != head.i:  # Tokens compare by index, not identity
        if t.dep_ in _CLAUSE_DEPS and not t.left_edge.i <= head.i <= t.right_edge.i:
            return False
        if t.lower_ in _COMPARISON_WORDS and t.dep_ in ("prep", "mark"):
            return False  # "unlike in 2000": the occasion compared with
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
