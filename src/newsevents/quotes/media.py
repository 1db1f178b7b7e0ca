"""Through which medium and outlet a quote was given, and on which date.

The medium is read from the words of the cue's sentence outside the quoted content: a kind word
("interview", "statement", "press conference", "tweets"), a platform ("tweets" -> Twitter) and a named
outlet ("told Al Arabiya", "the Asharq Al-Awsat newspaper", "in The Washington Post"). "the article"
takes its outlet from the last article mentioned before it. The date is the cue sentence's date
expression outside the content ("said Sunday"), resolved against the publication date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import coarse_pos
from newsevents.quotes.lexicon import QuoteLexicon

_OUTLET_LABELS = {"ORG", "WORK_OF_ART", "PERSON", "GPE", "NORP", "PRODUCT", "FAC"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DATE_WORDS = re.compile(r"[A-Za-z]|\b(1[89]\d\d|20\d\d)\b|\d+[/.-]\d+")


def _is_outlet(ent: Span, lex: QuoteLexicon) -> bool:
    name = ent.text
    bare = re.sub(r"^the\s+", "", name, flags=re.I).lower()
    if name.lower() in lex.outlets or bare in lex.outlets:
        return True
    if ent.label_ not in ("ORG", "WORK_OF_ART"):
        return False
    if any(w in lex.outlet_name_words for w in name.split()):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.lower_ in lex.outlet_words


def _outlet_name(ent: Span) -> str:
    """The outlet's name as written; a lower-case "the" belongs to the noun phrase, not the name."""
    return ent.text[4:] if ent.text.startswith("the ") else ent.text


_HEADS: dict[int, tuple[dict[str, str], frozenset[str]]] = {}


def _pair_heads(kinds: dict[str, str]) -> frozenset[str]:
    """Every part of a kind phrase before one of its spaces: a word outside this set starts no two-word
    kind, so the scan builds no pair string for it."""
    cached = _HEADS.get(id(kinds))
    if cached is None or cached[0] is not kinds:
        heads = frozenset(k[:j] for k in kinds for j, ch in enumerate(k) if ch == " ")
        cached = _HEADS[id(kinds)] = (kinds, heads)
    return cached[1]


class MediumFinder:
    """Finds media in one article; remembers named media so "the article" can point back to them."""

    def __init__(self, doc: Doc, lex: QuoteLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.outlets = [e for e in doc_arrays(doc).ents if e.label_ in _OUTLET_LABELS and _is_outlet(e, lex)]
        self.mentions: list[tuple[int, str, str]] = []  # (offset, kind, name) of named media
        arr = self.arr = doc_arrays(doc)
        for sent in arr.sents:
            found = self._scan(list(range(sent.start, sent.end)), None)
            if found and found[1]:
                self.mentions.append((sent.start_char, found[0] or "", found[1]))

    def _scan(self, positions: list[int], cue: Token | None) -> tuple[str | None, str | None, str | None] | None:
        """(kind, name, kind word) from the tokens at ``positions``, or None when they mention no medium.
        Read off the lower-case forms: only a medium word becomes a Token object (for its part of speech)."""
        kinds, platforms, lower = self.lex.kinds, self.lex.platforms, self.arr.lower
        heads = _pair_heads(kinds)
        kind = word = name = None
        last = len(positions) - 1
        for n, i in enumerate(positions):
            w = lower[i]
            if kind is None:
                pair = f"{w} {lower[positions[n + 1]]}" if n < last and w in heads else None
                if pair is not None and pair in kinds:  # a two-word kind ("press conference") first
                    kind, word = kinds[pair], pair
                elif w in kinds and coarse_pos(self.doc[i]) != "PROPN":
                    kind, word = kinds[w], w
            platform = platforms.get(w)
            if platform and name is None:
                name = platform
                kind = kind or "post"
        ids = set(positions)
        for ent in self.outlets:
            if ent.start in ids and name is None:
                name = _outlet_name(ent)
                if kind is None and cue is not None and self._is_addressee(ent, cue):
                    kind = "interview"
        if kind is None and name is None:
            return None
        return kind, name, word

    @staticmethod
    def _is_addressee(ent: Span, cue: Token) -> bool:
        """"told Al Arabiya", "speaking to CNN": the outlet is the one spoken to."""
        root = ent.root
        if root.head == cue and root.dep_ in ("dobj", "dative", "iobj"):
            return True
        return root.dep_ == "pobj" and root.head.lower_ in ("to", "with") and root.head.head == cue

    def medium(self, sentence: Span, content: tuple[int, int], cue: Token) -> dict[str, str] | None:
        """The medium of a quote whose cue is in ``sentence`` (content characters excluded)."""
        idx = self.arr.idx
        positions = [i for i in range(sentence.start, sentence.end) if not (content[0] <= idx[i] < content[1])]
        found = self._scan(positions, cue)
        if found is None:
            return None
        kind, name, word = found
        if name is None and kind is not None:
            for offset, kind_before, name_before in reversed(self.mentions):
                if offset < sentence.start_char and kind_before == kind and sentence.start_char - offset < 2000:
                    name = name_before
                    break
        if kind is None:
            # an outlet with no medium word: spoken to ("told CNN") or reporting ("according to Reuters")
            lower = self.arr.lower
            kind = "interview" if any(lower[i] in ("told", "tells", "tell", "telling") for i in positions) else "report"
        return {"name": name or (word or kind), "kind": kind}


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=4096)
def _parse_date(text: str, base: str | None) -> str | None:
    import dateparser

    day = text.strip().lower()
    if day in _WEEKDAYS and base:
        # news usage: "said Sunday" is the last such day on or before publication (the same day included)
        pub = datetime.strptime(base, "%Y-%m-%d")
        back = (pub.weekday() - _WEEKDAYS.index(day)) % 7
        return (pub - timedelta(days=back)).strftime("%Y-%m-%d")

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.strptime(base, "%Y-%m-%d")
    elif not _YEAR.search(text):
        return None  # relative without a publication date: it stays unresolved
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.strftime("%Y-%m-%d") if parsed else None


def quote_date(
    date_ents: list[Span], sentence: Span, content: tuple[int, int], pub_date: str | None, dates=None
) -> str | None:
    """The date a quote was given: the first DATE entity of its sentence outside the content."""
    for ent in date_ents:
        if not (sentence.start_char <= ent.start_char < sentence.end_char) or content[0] <= ent.start_char < content[1]:
            continue
        if not _DATE_WORDS.search(ent.text):
            continue  # "Ramos, 58,": an age the recogniser took for a date
        if dates is not None:
            mention = dates.in_range(ent.start_char, ent.end_char)
            if mention is not None and mention.date:
                return mention.date
        resolved = _parse_date(ent.text, pub_date)
        if resolved:
            return resolved
    return None
