"""RSS/Atom feeds to articles (feedparser): a feed file, or a ``.urls`` file listing feeds one per line.

Each entry becomes one article: its title, then the plain text of its content (or summary);
the entry id (or link) is the article id, its published date the publication date.

A feed file is handed to feedparser as bytes, never as a string: feedparser fetches a string that looks
like a URL (or opens one that names a file), so a ``.rss`` whose content is ``http://...`` or ``file://...``
would make reading a file touch the network. Only the URLs of a ``.urls`` list are fetched, on purpose.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Iterator
from pathlib import Path

from newsevents import errors
from newsevents.errors import InputError
from newsevents.ingest.records import Item
from newsevents.models import Article

FEED_SUFFIXES = (".rss", ".atom", ".xml")
URL_LIST_SUFFIXES = (".urls",)



def _plain_text(html: str) -> str:
    """Visible text of an HTML fragment, paragraphs separated by blank lines."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; fall back to the raw string
        return html.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = []
    for el in root.iter("p", "li", "h1", "h2", "h3", "h4", "blockquote"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(b for b in blocks if b)


def _entry_date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def _entry_id(entry: dict, origin: str) -> str:
    raw = entry.get("id") or entry.get("link")
    if not raw:
        return "feed-" + hashlib.sha1(origin.encode("utf-8")).hexdigest()[:16]
    raw = str(raw)
    # URLs make poor ids (event ids append "-e1"); a short stable hash of them keeps ids tidy.
    if "://" in raw or len(raw) > 64:
        return "feed-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
    return raw


def read_feed_document(text: str, origin_name: str) -> Iterator[Item]:
    """Yield one article per entry of the RSS/Atom document ``text`` (the content of a feed file)."""
    yield from _entries(io.BytesIO(text.encode("utf-8")), origin_name)


def read_feed(source: str, origin_name: str | None = None) -> Iterator[Item]:
    """Yield one article per entry of an RSS/Atom feed at a URL (fetched), a path (read as bytes), or of a
    document already fetched (a string starting with ``<``)."""
    name = origin_name or source
    if source.lstrip().startswith("<"):  # a document already fetched (runner/sources.py): parsed, not fetched
        document: io.BytesIO | str = io.BytesIO(source.encode("utf-8"))
    elif "://" not in source:
        try:
            with open(source, "rb") as fh:
                document = io.BytesIO(fh.read())
        except OSError as exc:
            yield InputError(name, errors.E005.format(detail=exc.strerror or exc))
            return
    else:
        document = source  # a URL of a .urls list: fetching it is the point
    yield from _entries(document, name)


def _entries(document: io.BytesIO | str, name: str) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(document)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):
        detail = parsed.get("bozo_exception") or "no entries"
        yield InputError(name, errors.E010.format(detail=str(detail).splitlines()[0][:200]))
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, 1):
        origin = f"{name}:entry {n}"
        content = entry.get("content") or []
        body_html = content[0].get("value", "") if content else entry.get("summary", "")
        body = _plain_text(body_html or "")
        title = (entry.get("title") or "").strip() or None
        if not body and not title:
            yield InputError(origin, errors.E011)
            continue
        text = f"{title}\n\n{body}" if title and body and not body.startswith(title) else (body or title or "")
        yield Article(
            id=_entry_id(entry, origin),
            text=text,
            title=title,
            date=_entry_date(entry),
            url=entry.get("link"),
            source=feed_title,
            origin=origin,
        )


def read_url_list(path: Path, text: str) -> Iterator[Item]:
    """A ``.urls`` file: one feed URL or path per line; ``#`` starts a comment."""
    for n, line in enumerate(text.splitlines(), 1):
        target = line.split("#", 1)[0].strip()
        if not target:
            continue
        if "://" not in target:
            local = Path(target)
            if not local.is_absolute():
                local = path.parent / local
            if not local.exists():
                yield InputError(f"{path}:{n}", errors.E005.format(detail=f"no such feed file {target!r}"))
                continue
            target = str(local)
        yield from read_feed(target, origin_name=f"{path}:{n} {target}")
