"""HTML pages to articles: main text through trafilatura, boilerplate removed."""

from __future__ import annotations

import trafilatura

from newsevents import errors
from newsevents.errors import InputError
from newsevents.models import Article


def html_article(doc_id: str, html: str, origin: str, url: str | None = None) -> Article | InputError:
    """Extract the main text, title, date and URL of a page; an error when no text is found."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if result is None:
        return InputError(origin, errors.E007)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        return InputError(origin, errors.E007)
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    date = data.get("date")
    return Article(
        id=doc_id,
        text=text,
        title=title,
        date=date[:10] if isinstance(date, str) and len(date) >= 10 else None,
        url=url or data.get("url"),
        source=data.get("sitename") or data.get("hostname"),
        origin=origin,
    )
