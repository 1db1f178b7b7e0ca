"""The hostile corpus of issue 17, written at run time (nothing large is committed): good articles among broken,
adversarial and oversized inputs, with what a run must do with each. Used by tests/test_hostile*.py and
bench/bench_hostile.py.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

CITIES = ["Lagos", "Quito", "Hanoi", "Tbilisi", "Dakar", "Manila", "Amman", "Lusaka", "Accra", "Lima"]


def story(n: int) -> str:
    """A short article with events, quotes and places (varied by ``n``)."""
    city = CITIES[n % len(CITIES)]
    return (f"Protesters Rally in {city}\n\n"
            f"Thousands of protesters rallied in {city} on Monday to demand the release of jailed journalists, and "
            f"police arrested {n + 3} people near the interior ministry. \"We will keep marching,\" organiser Maria "
            f"Duarte told reporters. The government accused foreign groups of funding the protests.")


def long_text(chars: int) -> str:
    """An article of about ``chars`` characters: paragraphs of varied stories, as a long report would be."""
    paras: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paras) < chars:
        paras.append(story(n).split("\n\n", 1)[1])
        n += 1
    return "\n\n".join(paras)[:chars]


@dataclass
class Corpus:
    """Where the corpus is and what a run must give: the ids every run stores (``good``), the names every
    error line must carry (``errors``: one per bad input), and the warnings (``warnings``)."""

    root: Path
    good: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    max_chars: int = 20_000


def _warc_member(uri: str, html: bytes) -> bytes:
    from fastwarc.warc import WarcRecord, WarcRecordType

    buf = io.BytesIO()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    rec = WarcRecord()
    rec.init_headers(record_type=WarcRecordType.response)
    rec.headers["WARC-Target-URI"] = uri
    rec.headers["Content-Type"] = "application/http; msgtype=response"
    rec.set_bytes_content(http)
    rec.write(buf, checksum_data=True)
    return gzip.compress(buf.getvalue())


def build(root: Path, ssrf_url: str | None = None, n_good: int = 10) -> Corpus:
    """Write the corpus under ``root``; ``ssrf_url``: a URL that a feed file holds as its whole content (it
    must never be fetched)."""
    root.mkdir(parents=True, exist_ok=True)
    c = Corpus(root)
    for i in range(n_good):  # plain good articles
        (root / f"good-{i:02d}.txt").write_text(story(i), encoding="utf-8")
        c.good.add(f"good-{i:02d}")
    # a file that starts with a BOM: an encoding mark, not text
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + story(21).encode("utf-8"))
    c.good.add("bom")
    # a name that is not UTF-8: coded, its id with U+FFFD for the bad byte
    bad_name = os.fsencode(root) + b"/caf\xe9-report.txt"
    with open(bad_name, "wb") as fh:
        fh.write(story(20).encode("utf-8"))
    c.good.add("caf\ufffd-report")
    c.warnings.append("caf\ufffd-report.txt")
    # JSON lines: good, invisible controls, a lone surrogate escape, NUL, bad JSON, a repeated id
    lines = [
        json.dumps({"id": "wire-1", "text": story(30)}),
        json.dumps({"id": "wire-bidi", "text": "\ufeff" + story(31).replace("Thousands", "\u202eThousands\u202c")}),
        json.dumps({"id": "wire-surrogate", "text": story(32) + " \ud800 end."}),
        json.dumps({"id": "wire-nul", "text": story(33).replace("Monday", "Mon\u0000day")}),
        "{not json at all",
        json.dumps({"id": "wire-2", "text": story(34)}),
        json.dumps({"id": "wire-2", "text": story(35)}),  # the same id again: stored once
        json.dumps({"id": "wire-huge", "text": long_text(c.max_chars + 5_000)}),
    ]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    c.good |= {"wire-1", "wire-bidi", "wire-surrogate", "wire-nul", "wire-2"}
    c.errors += ["wire.jsonl:5", "wire.jsonl:8"]
    # files that are not articles
    (root / "empty.txt").write_bytes(b"")
    c.warnings.append("empty.txt")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text" * 50)
    c.errors.append("binary.txt")
    (root / "latin1.txt").write_bytes("Caf\xe9 owners protested in Lyon.".encode("latin-1"))
    c.errors.append("latin1.txt:1")
    (root / "paper.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    c.errors.append("paper.html")
    (root / "records.json").write_text(json.dumps([{"id": "x", "text": "y"}]), encoding="utf-8")
    c.warnings.append("records.json")
    # links: dangling and looping
    os.symlink(root / "gone.txt", root / "dangling.txt")
    c.warnings.append("dangling.txt")
    os.symlink(root / "loop-b.txt", root / "loop-a.txt")
    os.symlink(root / "loop-a.txt", root / "loop-b.txt")
    c.warnings += ["loop-a.txt", "loop-b.txt"]
    # a feed file whose content is a URL (SSRF): must be an unreadable feed, never a fetch
    if ssrf_url:
        (root / "ssrf.rss").write_text(ssrf_url + "\n", encoding="utf-8")
        c.errors.append("ssrf.rss")
    # a WARC archive cut inside its last record: the first records read, the cut one reported
    page = ("<html><head><title>Strike in Lima</title></head><body><article><p>"
            + story(40).split("\n\n", 1)[1] + "</p></article></body></html>").encode("utf-8")
    members = [_warc_member(f"https://example.org/{k}", page.replace(b"Lima", city.encode()))
               for k, city in enumerate(("Lima", "Quito", "Accra"))]
    data = b"".join(members)
    (root / "crawl.warc.gz").write_bytes(data[: len(data) - len(members[-1]) // 2])
    from newsevents.ingest.warc import warc_doc_id

    c.good |= {warc_doc_id("https://example.org/0"), warc_doc_id("https://example.org/1")}
    c.errors.append("crawl.warc.gz:record 3")
    return c
