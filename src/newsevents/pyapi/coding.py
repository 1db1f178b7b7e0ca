"""Code text or articles from Python with the CLI's one ``Coder``, loaded once per set of options and reused."""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.models import DEFAULT_MIN_CONFIDENCE, Article, CodedArticle

if TYPE_CHECKING:
    from newsevents.pipeline import Coder

# One Coder per set of options (model, dictionaries, triage, threshold): loading spaCy and the knowledge takes
# seconds, so every call of ``code`` and ``code_many`` with the same options shares it.
_CODERS: dict[tuple[Any, ...], Coder] = {}

ArticleLike = str | Article | Mapping[str, Any]


def coder(model: str | None = None, actors_file: str | Path | None = None, agents_file: str | Path | None = None,
          triage: bool | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Coder:
    """The shared ``Coder`` for these options, built (spaCy loaded) on first use."""
    key = (model, str(actors_file or ""), str(agents_file or ""), triage, min_confidence)
    if key not in _CODERS:
        from newsevents.pipeline import Coder

        kwargs: dict[str, Any] = {"actors_file": Path(actors_file) if actors_file else None,
                                  "agents_file": Path(agents_file) if agents_file else None,
                                  "triage": triage, "min_confidence": min_confidence}
        if model:
            kwargs["model"] = model
        _CODERS[key] = Coder(**kwargs)
    return _CODERS[key]


def check_date(date: str | dt.date | None) -> str | None:
    """A publication date as YYYY-MM-DD text (a ``datetime.date`` is accepted); anything else is a ValueError."""
    if date is None or date == "":
        return None
    if isinstance(date, dt.date):
        return date.isoformat()[:10]
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise ValueError(f"date {date!r} is not a date in YYYY-MM-DD form") from None


def to_article(item: ArticleLike, date: str | None = None, title: str | None = None,
               doc_id: str | None = None) -> Article:
    """An ``Article`` from a text, an ``Article`` or a dict with the JSONL input's keys (``text``, ``id``,
    ``title``, ``date``, ``url``, ``source``). ``date`` is the default publication date: an article's own wins.
    A text without an id gets one from its content, so coding it twice gives the same ids."""
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        digest = hashlib.sha1(item.encode("utf-8")).hexdigest()[:16]
        article = Article(id=doc_id or f"text_{digest}", text=item, title=title, origin="python")
    elif isinstance(item, Mapping):
        if not isinstance(item.get("text"), str):
            raise ValueError(f"an article dict needs a 'text' string; got keys {sorted(item)}")
        own = to_article(item["text"], doc_id=item.get("id") and str(item["id"]), title=item.get("title"))
        article = replace(own, date=check_date(item.get("date")), url=item.get("url"), source=item.get("source"))
    else:
        raise TypeError(f"cannot code a {type(item).__name__}: give a str, an Article or a dict with 'text'")
    if article.date is None and date:
        article = replace(article, date=date)
    return article


def code(text_or_article: ArticleLike, date: str | dt.date | None = None, *, title: str | None = None,
         id: str | None = None,  # noqa: A002 - the article's id, as in the JSONL input
         model: str | None = None, actors_file: str | Path | None = None, agents_file: str | Path | None = None,
         min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> CodedArticle:
    """Code one article (a text, an ``Article`` or a dict) into a ``CodedArticle``: events, quotes, places,
    entities and notes, exactly as ``newsevents code`` prints them. ``date`` (YYYY-MM-DD) is the publication
    date relative dates ("on Tuesday") resolve against, when the article has none of its own."""
    article = to_article(text_or_article, check_date(date), title=title, doc_id=id)
    return coder(model, actors_file, agents_file, None, min_confidence).code_one(article)


def code_many(items: Iterable[ArticleLike], date: str | dt.date | None = None, *, workers: int = 1,
              batch_size: int = 16, model: str | None = None, actors_file: str | Path | None = None,
              agents_file: str | Path | None = None, triage: bool | None = None,
              min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[CodedArticle]:
    """Code many articles, yielding one ``CodedArticle`` each in input order as the batches finish (the input is
    read lazily, so a generator of a million texts is fine). ``workers`` > 1 codes in that many processes, each
    with its own model; an article the coder fails on is a ``UserWarning`` naming it, and the others go on."""
    default = check_date(date)
    articles = (to_article(item, default) for item in items)
    if workers <= 1:
        yield from coder(model, actors_file, agents_file, triage, min_confidence).code(articles, batch_size)
        return
    from newsevents.runner.local import CoderSpec, run_batches

    spec = CoderSpec(model=model, options={"actors_file": actors_file, "agents_file": agents_file,
                                           "triage": triage, "min_confidence": min_confidence})
    for result in run_batches(_batches(articles, batch_size), spec, workers=workers, batch_size=batch_size):
        for _, coded in result.coded:
            yield coded
        for err in result.failed:
            warnings.warn(f"error: {err}", stacklevel=2)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
