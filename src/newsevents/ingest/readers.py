"""Dispatch input paths to the reader for their format; walk directories recursively."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsevents import errors
from newsevents.errors import InputError, InputWarning
from newsevents.ingest.checks import DEFAULT_MAX_CHARS, checked_items
from newsevents.ingest.dates import DefaultDates, dated
from newsevents.ingest.records import Item, article_from_record
from newsevents.models import Article

SUPPORTED_SUFFIXES = (
    ".txt", ".jsonl", ".html", ".htm", ".rss", ".atom", ".xml", ".urls", ".warc", ".gz", ".parquet",
)


def read_inputs(paths: Iterable[str | Path], stdin: IO[str] | None = None, last_wins: bool = False,
                dates: DefaultDates | None = None, max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Yield articles (or input errors) from files, directories and ``-`` (JSONL on stdin).

    ``last_wins``: an id repeated within a JSONL file yields only its last article (the earlier lines
    give a warning), as storing would; this costs a first pass over each JSONL file, so only
    ``newsevents code`` asks for it (``ingest`` gets the same result from the store).
    ``dates``: the publication date of articles that have none (``--date``, ``--date-from``).
    ``max_chars``: longer articles are refused (``ingest.checks``; None: no limit); every article is cleaned.
    """
    return checked_items(_read_all(paths, stdin, last_wins, dates), max_chars)


def _read_all(paths: Iterable[str | Path], stdin: IO[str] | None, last_wins: bool,
              dates: DefaultDates | None) -> Iterator[Item]:
    for p in paths:
        if str(p) == "-":
            yield from dated(read_jsonl_stream(stdin or sys.stdin, "<stdin>"), dates, None)
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and is_supported(child):
                    yield from dated(read_file(child, last_wins), dates, child)
                elif child.is_symlink() and not child.exists():
                    yield InputWarning(display(child), errors.E045.format(detail=_missing(child)))
                elif child.is_file() and child.suffix.lower() == ".json":
                    yield InputWarning(display(child), errors.E046)
        elif not path.exists():
            yield InputError(display(path), errors.E005.format(detail=_missing(path)))
        else:
            yield from dated(read_file(path, last_wins), dates, path)


def display(path: Path) -> str:
    """The path as text that every writer can take: bytes of a name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _missing(path: Path) -> str:
    """Why a path does not resolve: a symlink loop, a link to nothing, or no such file."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if path.is_symlink():
            return f"a symbolic link to {display(Path(os.readlink(path)))!r}, which does not exist"
    return "no such file or directory"


def _read_text(path: Path) -> str | InputError:
    name = display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputError(name, errors.E005.format(detail=exc.strerror or exc))
    if not raw.strip():
        return InputWarning(name, errors.E043)
    if raw.lstrip()[:5] == b"%PDF-":
        return InputError(name, errors.E044)
    if b"\x00" in raw[:8192]:
        return InputError(name, errors.E003)
    try:
        return raw.decode("utf-8-sig")  # a leading BOM marks the encoding: it is not text
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return InputError(f"{name}:{line}", errors.E004.format(detail=exc.reason))


def is_supported(path: Path) -> bool:
    """True when a file's name says it is a format we read (``.gz`` only as ``.warc.gz``)."""
    from newsevents.ingest.warc import is_warc

    suffix = path.suffix.lower()
    return is_warc(path) or (suffix in SUPPORTED_SUFFIXES and suffix != ".gz")


def read_file(path: Path, last_wins: bool = False) -> Iterator[Item]:
    """Read one file by its suffix; every problem is yielded as an ``InputError`` naming file and line."""
    suffix = path.suffix.lower()
    name = display(path)
    if name != str(path):
        yield InputWarning(name, errors.E047)
    if not is_supported(path):
        yield InputError(name, errors.E006.format(suffix=suffix))
        return
    if suffix in (".warc", ".gz"):
        from newsevents.ingest.warc import read_warc

        yield from read_warc(path)
        return
    if suffix == ".parquet":
        from newsevents.ingest.parquet import read_parquet

        yield from read_parquet(path)
        return
    if suffix == ".jsonl":
        try:
            superseded = _superseded_lines(path) if last_wins else {}
            with path.open("rb") as fh:
                yield from _read_jsonl_bytes(fh, name, superseded)
        except OSError as exc:
            yield InputError(name, errors.E005.format(detail=exc.strerror or exc))
        return
    text = _read_text(path)
    if isinstance(text, InputError):
        yield text
        return
    stem = Path(name).stem
    if suffix == ".txt":
        yield txt_article(stem, text, name)
    elif suffix in (".rss", ".atom", ".xml"):
        from newsevents.ingest.feeds import read_feed_document

        yield from read_feed_document(text, origin_name=name)
    elif suffix == ".urls":
        from newsevents.ingest.feeds import read_url_list

        yield from read_url_list(path, text)
    else:
        from newsevents.ingest.html import html_article

        yield html_article(stem, text, name)


def txt_article(doc_id: str, text: str, origin: str) -> Article:
    """A .txt article: the first non-empty line is the title; ``text`` is the whole content."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=doc_id, text=text, title=title, origin=origin)


def _superseded_lines(path: Path) -> dict[int, tuple[str, int]]:
    """Line numbers of JSONL articles whose id comes again later: line -> (id, the later line)."""
    last: dict[str, int] = {}
    lines: dict[str, list[int]] = {}
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                doc_id = json.loads(raw).get("id")
            except (ValueError, AttributeError):
                continue  # reported as an error when the line is read
            if doc_id is not None:
                key = str(doc_id)
                lines.setdefault(key, []).append(n)
                last[key] = n
    return {n: (doc_id, last[doc_id]) for doc_id, ns in lines.items() if len(ns) > 1 for n in ns[:-1]}


def _read_jsonl_bytes(fh: IO[bytes], name: str, superseded: dict[int, tuple[str, int]] | None = None) -> Iterator[Item]:
    for n, raw in enumerate(fh, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # the file's BOM (json.loads refuses one)
        if superseded and n in superseded:
            doc_id, later = superseded[n]
            yield InputWarning(f"{name}:{n}", errors.E018.format(doc_id=doc_id, later=later))
            continue
        if b"\x00" in raw:
            yield InputError(f"{name}:{n}", errors.E003)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(f"{name}:{n}", errors.E004.format(detail=exc.reason))
            continue
        yield from _jsonl_line(line, name, n)


def read_jsonl_stream(fh: IO[str], name: str) -> Iterator[Item]:
    for n, line in enumerate(fh, 1):
        yield from _jsonl_line(line, name, n)


def _jsonl_line(line: str, name: str, n: int) -> Iterator[Item]:
    if not line.strip():
        return
    origin = f"{name}:{n}"
    try:
        obj = json.loads(line)
    except ValueError as exc:
        yield InputError(origin, errors.E001.format(detail=exc))
        return
    if not isinstance(obj, dict):
        yield InputError(origin, errors.E008)
        return
    yield from article_from_record(obj, origin, default_id=f"{Path(name).stem}-{n}")
