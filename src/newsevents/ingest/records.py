"""What a reader yields (an Article or the input error in its place), and the Article of a contract JSON object."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsevents import errors
from newsevents.errors import InputError, InputWarning
from newsevents.models import Article

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Item = Article | InputError


def article_from_record(obj: dict, origin: str, default_id: str) -> Iterator[Item]:
    """An Article from a contract JSON object (``id``, ``text``, optional title/date/url/source)."""
    text = obj.get("text")
    if not isinstance(text, str):
        yield InputError(origin, errors.E002)
        return
    date = obj.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        yield InputWarning(origin, errors.E009.format(value=date))
        date = None

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v is not None else None

    yield Article(
        id=str(obj.get("id", default_id)),
        text=text,
        title=opt("title"),
        date=date,
        url=opt("url"),
        source=opt("source"),
        origin=origin,
    )
