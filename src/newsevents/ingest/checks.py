"""Every article is checked before it is coded: the size limit (``--max-chars``), characters no writer can
store (lone surrogates, NUL: replaced one for one, so no offset moves), empty text.

Nothing is removed from the text: the contract's offsets index the input text itself (a file's leading BOM is
an encoding mark, dropped when the file is decoded, ``ingest.readers``). See docs/scaling.md, "Size policy and
hostile input".
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

# Replaced by U+FFFD, one for one (offsets do not move): lone surrogates (a JSON "\ud800" escape) and NUL
# cannot be written as UTF-8 or stored in DuckDB.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with lone surrogates and NUL replaced by U+FFFD, one for one."""
    return UNSTORABLE.sub("\ufffd", text) if UNSTORABLE.search(text) else text


def storable_field(value: str | None) -> str | None:
    return storable(value) if value else value


def checked(article: Article, max_chars: int | None = DEFAULT_MAX_CHARS) -> Article | InputError:
    """The article cleaned, or the error that stops it: over ``max_chars`` (None: no limit), or no text."""
    origin = article.origin or article.id
    if max_chars is not None and len(article.text) > max_chars:
        return InputError(origin, errors.E040.format(chars=len(article.text), limit=max_chars))
    text = storable(article.text)
    if not text.strip():
        return InputWarning(origin, errors.E043)
    cleaned = replace(article, text=text, id=storable(article.id), title=storable_field(article.title),
                      url=storable_field(article.url), source=storable_field(article.source),
                      origin=storable(article.origin))
    return article if cleaned == article else cleaned


def checked_items(items: Iterable[Item], max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """``checked`` over a reader's items; errors pass through."""
    for item in items:
        yield checked(item, max_chars) if isinstance(item, Article) else item
