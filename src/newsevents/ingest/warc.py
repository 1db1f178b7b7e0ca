"""WARC archives (.warc, .warc.gz) to articles: HTML responses read with fastwarc, main text with trafilatura.

Records are streamed one at a time, so an archive of any size runs in constant memory. A record whose
body is shorter than its declared length (a truncated download) is reported, not coded half-read. The
article id is derived from the target URI, so a re-crawl of the same page replaces the old version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from newsevents import errors
from newsevents.errors import InputError
from newsevents.ingest.html import html_article
from newsevents.ingest.records import Item


def is_warc(path: Path) -> bool:
    """True for ``.warc`` and ``.warc.gz`` files."""
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def warc_doc_id(uri: str) -> str:
    """A short stable article id for a page URI."""
    return "warc-" + hashlib.sha1(uri.encode("utf-8")).hexdigest()[:16]


def gzip_complete(path: Path) -> bool:
    """True when every gzip member of the file ends (a second, decompress-only pass: cheap beside parsing)."""
    import zlib

    member = zlib.decompressobj(wbits=31)
    inside = False  # bytes of the current member read, its end not yet reached
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                try:
                    member.decompress(chunk)
                except zlib.error:
                    return False
                inside = True
                if member.eof:  # the next member starts in what is left
                    chunk = member.unused_data
                    member = zlib.decompressobj(wbits=31)
                    inside = False
                else:
                    chunk = b""
    return not inside


def read_warc(path: Path) -> Iterator[Item]:
    """Yield one article per HTML ``response`` (or ``resource``) record; errors name the record number."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed in the finally below; the reader is a generator)
    except OSError as exc:
        yield InputError(str(path), errors.E005.format(detail=exc.strerror or exc))
        return
    n = 0
    cut = False  # a record was reported as truncated
    try:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response | WarcRecordType.resource, parse_http=True,
            fsspec_args=False,
        )
        for record in records:
            n += 1
            origin = f"{path}:record {n}"
            uri = record.headers.get("WARC-Target-URI") or f"{path}#{n}"
            body = record.reader.read()
            if len(body) < record.content_length:  # the file ends inside this record: a truncated archive
                yield InputError(origin, errors.E048)
                cut = True
                continue
            ctype = (record.http_content_type or record.headers.get("Content-Type") or "").lower()
            if ctype and "html" not in ctype and "text" not in ctype:
                continue  # images, scripts, PDFs: not articles
            charset = record.http_charset or "utf-8"
            try:
                html = body.decode(charset, errors="replace")
            except LookupError:
                html = body.decode("utf-8", errors="replace")
            item = html_article(warc_doc_id(uri), html, origin, url=uri)
            if isinstance(item, InputError):
                yield InputError(origin, errors.E013)
            else:
                yield item
    except Exception as exc:  # fastwarc raises plain exceptions on truncated or foreign files
        yield InputError(f"{path}:record {n + 1}", errors.E012.format(detail=str(exc)[:200] or type(exc).__name__))
    finally:
        stream.close()
    if not cut and path.name.lower().endswith(".gz") and not gzip_complete(path):
        # the gzip stream stops inside a record's headers: fastwarc ends quietly, having read the records before
        yield InputError(f"{path}:record {n + 1}", errors.E048)
        return
    if n == 0:
        yield InputError(str(path), errors.E012.format(detail="no WARC records found"))
