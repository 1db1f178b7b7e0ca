"""Every article is checked before it is coded: the size limit (``--max-chars``), invisible characters that
cost events (a leading BOM, bidi controls), characters no writer can store (lone surrogates, NUL), empty text.

The cleaned text is the article's text from then on: every offset of a coded record (evidence, triggers,
quotes, places) indexes it, and it is what the store keeps and the API returns (docs/scaling.md,
"Size policy and hostile input").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from newsevents import errors
from newsevents.errors import InputError, InputWarning
from newsevents.ingest.records import Item
from newsevents.models import Article

# Real news is far shorter: the longest of the 2,225 BBC articles is 25,452 characters (99.9% are under
# 18,400), the seed article 3,283; a 15,000-word long-read is about 90,000. 100,000 keeps one article's
# coding near half a GB and under a minute even on text dense with events (bench/bench_hostile.py: 200,000
# such characters took 745 MB and 125 s); time grows faster than length, so the limit is also a time limit.
DEFAULT_MAX_CHARS = 100_000

# Removed: byte-order marks and zero-width spaces, left-to-right/right-to-left marks, bidi embeddings,
# overrides and isolates. They carry no words, and a name behind one ("\u202eRebels") is no longer matched.
# Zero-width (non-)joiners stay: some scripts need them inside words.
INVISIBLE = re.compile("[\ufeff\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# Replaced by U+FFFD, one for one (offsets do not move): lone surrogates (a JSON "\ud800" escape) and NUL
# cannot be written as UTF-8 or stored in DuckDB.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without invisible controls, with unstorable characters replaced."""
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    return storable(text)


def storable(text: str) -> str:
    """``text`` with lone surrogates and NUL replaced by U+FFFD, one for one."""
    return UNSTORABLE.sub("\ufffd", text) if UNSTORABLE.search(text) else text


def clean_field(value: str | None) -> str | None:
    return clean_text(value) if value else value


def checked(article: Article, max_chars: int | None = DEFAULT_MAX_CHARS) -> Article | InputError:
    """The article cleaned, or the error that stops it: over ``max_chars`` (None: no limit), or no text."""
    origin = article.origin or article.id
    if max_chars is not None and len(article.text) > max_chars:
        return InputError(origin, errors.E040.format(chars=len(article.text), limit=max_chars))
    text = clean_text(article.text)
    if not text.strip():
        return InputWarning(origin, errors.E043)
    cleaned = replace(article, text=text, id=clean_text(article.id), title=clean_field(article.title),
                      url=clean_field(article.url), source=clean_field(article.source),
                      origin=clean_text(article.origin))
    return article if cleaned == article else cleaned


def checked_items(items: Iterable[Item], max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """``checked`` over a reader's items; errors pass through."""
    for item in items:
        yield checked(item, max_chars) if isinstance(item, Article) else item
