"""What the watcher polls: feeds over HTTP, local feed files, folders (and the ``.urls`` lists that name feeds).

Each source, when polled, says whether it changed and hands out *units*: one feed entry (its page fetched and its
main text extracted) or one file of a folder, each with the key and version the watcher remembers it by.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from newsevents.errors import InputError
from newsevents.ingest.feeds import FEED_SUFFIXES, URL_LIST_SUFFIXES, read_feed, read_feed_document
from newsevents.ingest.fetch import Fetched, Fetcher, FetchError
from newsevents.ingest.html import html_article
from newsevents.ingest.readers import is_supported, read_file
from newsevents.ingest.records import Item
from newsevents.models import Article
from newsevents.store.watchstate import SourceState


@dataclass
class Unit:
    """One item to code: ``read()`` fetches and reads it (in the prefetch thread), yielding articles or errors."""

    key: str
    url: str | None
    version: str | None
    read: Callable[[], Iterator[Item]]
    retry: bool  # a failure may pass (a page that timed out): tried again at later polls; a bad file is not
    doc_id: str | None = None


@dataclass
class Listing:
    """What one poll of a source found: its units (None when the source is unchanged) and its new validators."""

    units: list[Unit] | None
    etag: str | None = None
    last_modified: str | None = None
    note: str = ""  # how the source was found unchanged ("304", "same mtime")


class SourceFailed(Exception):
    """The source itself could not be read this poll (``str()`` is the reason)."""


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def expand(targets: list[str]) -> tuple[list[str], list[InputError]]:
    """The sources named on the command line, ``.urls`` lists replaced by the feeds they list (read again each
    pass, so an edited list takes effect); a missing path is an error naming it."""
    sources: list[str] = []
    problems: list[InputError] = []
    for target in targets:
        if is_url(target):
            sources.append(target)
            continue
        path = Path(target)
        if not path.exists():
            problems.append(InputError(target, "no such file or directory"))
        elif path.is_file() and path.suffix.lower() in URL_LIST_SUFFIXES:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(InputError(target, f"cannot read the list ({exc})"))
                continue
            for n, line in enumerate(lines, 1):
                entry = line.split("#", 1)[0].strip()
                if not entry:
                    continue
                if is_url(entry):
                    sources.append(entry)
                elif (path.parent / entry).exists():
                    sources.append(str(path.parent / entry))
                else:
                    problems.append(InputError(f"{path}:{n}", f"no such feed file {entry!r}; fix or remove the line"))
        else:
            sources.append(target)
    return list(dict.fromkeys(sources)), problems


def list_source(source: str, old: SourceState, fetcher: Fetcher, fetch_pages: bool, force: bool) -> Listing:
    """Poll one source; ``force`` asks again without validators (failed items are waiting to be retried)."""
    if is_url(source):
        return _http_feed(source, old, fetcher, fetch_pages, force)
    path = Path(source)
    if path.is_dir():
        return _folder(path)
    if not path.exists():
        raise SourceFailed("no such file or directory")
    if path.suffix.lower() in FEED_SUFFIXES:
        return _local_feed(path, old, fetcher, fetch_pages, force)
    if not is_supported(path):
        raise SourceFailed(f"not a format newsevents reads ({path.suffix or 'no suffix'})")
    return _folder(path)


def _file_version(path: Path) -> str:
    st = path.stat()
    return f"{st.st_mtime_ns}:{st.st_size}"


def _http_feed(url: str, old: SourceState, fetcher: Fetcher, fetch_pages: bool, force: bool) -> Listing:
    try:
        got = fetcher.get(url, None if force else old.etag, None if force else old.last_modified)
    except FetchError as exc:
        raise SourceFailed(str(exc)) from None
    if got.not_modified:
        return Listing(None, old.etag, old.last_modified, note="304 not modified")
    units = _entries(read_feed_document(got.xml_text(), origin_name=url), url, fetcher, fetch_pages)
    return Listing(units, got.etag, got.last_modified)


def _local_feed(path: Path, old: SourceState, fetcher: Fetcher, fetch_pages: bool, force: bool) -> Listing:
    version = _file_version(path)
    if version == old.etag and not force:
        return Listing(None, version, note="file unchanged")
    return Listing(_entries(read_feed(str(path), origin_name=str(path)), str(path), fetcher, fetch_pages), version)


def _entries(items: Iterator[Item], source: str, fetcher: Fetcher, fetch_pages: bool) -> list[Unit]:
    """One unit per feed entry; a feed with no readable entry at all is a failed source."""
    units: list[Unit] = []
    errors: list[InputError] = []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
            continue
        entry = item
        page = entry.url if fetch_pages and entry.url and is_url(entry.url) else None
        # The entry's own text is its version: an entry whose title or summary changes is fetched again.
        units.append(Unit(entry.id, entry.url, entry.content_hash(), _entry_reader(entry, page, fetcher),
                          retry=True, doc_id=entry.id))
    if errors and not units:
        raise SourceFailed(errors[0].message)
    return units


def _entry_reader(entry: Article, page: str | None, fetcher: Fetcher) -> Callable[[], Iterator[Item]]:
    def read() -> Iterator[Item]:
        if page is None:
            yield entry
            return
        try:
            got = fetcher.get(page)
        except FetchError as exc:
            yield InputError(page, f"cannot fetch the page ({exc}); it is tried again at the next poll")
            return
        yield page_article(entry, got)

    return read


def page_article(entry: Article, got: Fetched) -> Article:
    """The article of a fetched page: its main text, under the entry's id, date and outlet (the feed's word wins:
    a page's own date is often its last edit). A page with no main text falls back to the entry's text."""
    found = html_article(entry.id, got.text(), origin=got.url, url=got.url)
    if isinstance(found, InputError):
        return entry
    return replace(found, date=entry.date or found.date, source=entry.source or found.source,
                   url=entry.url or got.url)


def _folder(root: Path) -> Listing:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and is_supported(p))
    units = []
    for path in files:
        try:
            version = _file_version(path)
        except OSError:  # removed between the listing and now: it is simply not there this pass
            continue
        units.append(Unit(os.path.abspath(path), None, version, _file_reader(path), retry=False))
    return Listing(units)


def _file_reader(path: Path) -> Callable[[], Iterator[Item]]:
    return lambda: read_file(path)
