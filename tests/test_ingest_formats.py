"""Ingest readers: every input format, and bad inputs reported with file and line while the rest goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.ingest import read_inputs
from newsevents.models import Article

STORY = (
    "Farmers Block Roads Near Lyon\n\n"
    "LYON, France — Hundreds of farmers blocked roads around Lyon on Monday to protest against falling "
    "milk prices. The agriculture minister said he would meet union leaders on Wednesday."
)
PAGE = """<!doctype html><html><head><title>Dockers Walk Out in Rotterdam</title>
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Dockers Walk Out in Rotterdam</h1>
<p>ROTTERDAM, Netherlands — Dock workers at the port of Rotterdam walked out on Thursday after talks over
automation and job security broke down, the FNV union said in a statement to members.</p>
<p>The port authority said container traffic had slowed sharply and urged the union to resume negotiations
with the terminal operators before the weekend, when several large vessels are due.</p>
<p>Union officials said the strike would last at least 48 hours and accused the operators of ignoring
their proposals for retraining workers whose jobs would be replaced by automated cranes.</p></article>
<footer>Copyright Example News 2024. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example World News</title><link>https://news.example.org/</link>
<description>World</description>
<item><title>Talks Collapse in Geneva</title><link>https://news.example.org/geneva-talks</link>
<guid>https://news.example.org/geneva-talks</guid><pubDate>Sat, 21 Aug 2021 08:00:00 +0200</pubDate>
<description>&lt;p&gt;Negotiators left Geneva on Friday without a deal, diplomats said.&lt;/p&gt;</description></item>
<item><title>Rescue Teams Reach Flooded Villages</title><link>https://news.example.org/floods</link>
<pubDate>Sun, 22 Aug 2021 10:00:00 +0000</pubDate>
<description>Rescue teams reached villages cut off by floods in Assam on Sunday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom Desk</title><id>urn:example:desk</id>
<updated>2023-03-02T12:00:00Z</updated>
<entry><title>Minister Resigns Over Contract Scandal</title><id>urn:example:desk:1</id>
<updated>2023-03-02T12:00:00Z</updated><published>2023-03-01T09:30:00Z</published>
<link href="https://atom.example.org/1"/>
<content type="html">&lt;p&gt;The transport minister resigned on Wednesday.&lt;/p&gt;&lt;p&gt;Opposition parties had
demanded an inquiry.&lt;/p&gt;</content></entry></feed>"""


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def errors_of(items):
    return [i for i in items if isinstance(i, InputError)]


def test_txt_article_title_is_first_line_and_text_is_whole_file(tmp_path: Path) -> None:
    f = tmp_path / "farmers.txt"
    f.write_text(STORY, encoding="utf-8")
    [a] = list(read_inputs([f]))
    assert a.id == "farmers"
    assert a.title == "Farmers Block Roads Near Lyon"
    assert a.text == STORY


def test_jsonl_fields_and_bad_lines_named_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": STORY, "date": "2024-01-08", "title": "T", "url": "u", "source": "s"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "a6", "text": "Rebels shelled the town.", "date": "8 Jan 2024"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([f]))
    good = articles(items)
    assert [a.id for a in good] == ["a1", "a6"]
    assert (good[0].date, good[0].url, good[0].source) == ("2024-01-08", "u", "s")
    assert good[1].date is None  # a malformed date is reported and left unset, the article kept
    origins = [e.origin for e in errors_of(items)]
    assert origins == [f"{f}:2", f"{f}:3", f"{f}:5", f"{f}:6"]


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    f = tmp_path / "dockers.html"
    f.write_text(PAGE, encoding="utf-8")
    [a] = list(read_inputs([f]))
    assert a.id == "dockers"
    assert "walked out on Thursday" in a.text
    assert "All rights reserved" not in a.text and "Sport" not in a.text
    assert a.title == "Dockers Walk Out in Rotterdam"


def test_directory_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored: not an article format", encoding="utf-8")
    ids = [a.id for a in articles(read_inputs([tmp_path]))]
    assert ids == ["b", "a"]  # sorted paths: b.txt < sub/a.txt


def test_stdin_is_jsonl() -> None:
    stream = io.StringIO(json.dumps({"id": "s1", "text": STORY}) + "\nnot json\n")
    items = list(read_inputs(["-"], stdin=stream))
    assert [a.id for a in articles(items)] == ["s1"]
    assert errors_of(items)[0].origin == "<stdin>:2"


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    f = tmp_path / "world.rss"
    f.write_text(RSS, encoding="utf-8")
    got = articles(read_inputs([f]))
    assert len(got) == 2
    first = got[0]
    assert first.title == "Talks Collapse in Geneva"
    assert first.text.startswith("Talks Collapse in Geneva\n\n")
    assert "without a deal" in first.text and "<p>" not in first.text
    assert first.date == "2021-08-21"  # normalised to UTC by feedparser
    assert first.url == "https://news.example.org/geneva-talks"
    assert first.source == "Example World News"
    assert first.id.startswith("feed-") and first.id != got[1].id


def test_atom_feed_and_url_list(tmp_path: Path) -> None:
    feed = tmp_path / "desk.atom"
    feed.write_text(ATOM, encoding="utf-8")
    [a] = articles(read_inputs([feed]))
    assert a.id == "urn:example:desk:1"
    assert a.date == "2023-03-01"
    assert "resigned on Wednesday" in a.text and "demanded an inquiry" in a.text
    urls = tmp_path / "feeds.urls"
    urls.write_text("# my feeds\ndesk.atom\nmissing.rss\n", encoding="utf-8")
    items = list(read_inputs([urls]))
    assert [x.id for x in articles(items)] == ["urn:example:desk:1"]
    [err] = errors_of(items)
    assert err.origin == f"{urls}:3" and "missing.rss" in err.message


def test_broken_feed_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "broken.xml"
    f.write_text("<rss><channel><item><title>unterminated", encoding="utf-8")
    items = list(read_inputs([f]))
    assert not articles(items)
    assert errors_of(items)[0].origin.startswith(str(f))


def _write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from fastwarc.warc import WarcRecord, WarcRecordType

    with open(path, "wb") as fh:
        for uri, body, ctype in pages:
            http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\n\r\n" + body
            rec = WarcRecord()
            rec.init_headers(record_type=WarcRecordType.response)
            rec.headers["WARC-Target-URI"] = uri
            rec.headers["Content-Type"] = "application/http; msgtype=response"
            rec.set_bytes_content(http)
            rec.write(fh, checksum_data=True)


def test_warc_html_responses(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc"
    _write_warc(f, [
        ("https://example.org/dockers", PAGE.encode("utf-8"), "text/html; charset=utf-8"),
        ("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("https://example.org/empty", b"<html><body></body></html>", "text/html"),
    ])
    items = list(read_inputs([f]))
    [a] = articles(items)
    assert a.url == "https://example.org/dockers"
    assert a.id.startswith("warc-")
    assert "walked out on Thursday" in a.text
    [err] = errors_of(items)
    assert err.origin == f"{f}:record 3"


def test_warc_gz_and_garbage(tmp_path: Path) -> None:
    import gzip

    plain = tmp_path / "one.warc"
    _write_warc(plain, [("https://example.org/d", PAGE.encode(), "text/html")])
    gz = tmp_path / "one.warc.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    assert len(articles(read_inputs([gz]))) == 1
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file at all\n" * 3)
    items = list(read_inputs([junk]))
    assert not articles(items) and errors_of(items)[0].origin.startswith(str(junk))


def test_parquet_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = tmp_path / "shard-0.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [STORY, None], "date": ["2024-02-01", None]}), f)
    items = list(read_inputs([f]))
    [a] = articles(items)
    assert (a.id, a.date) == ("p1", "2024-02-01")
    assert errors_of(items)[0].origin == f"{f}:row 2"


@pytest.mark.parametrize(
    ("name", "content", "origin_suffix", "words"),
    [
        ("bin.txt", b"\x00\x01\x02binary\x00", "", "binary"),
        ("latin.txt", "first line\nCaf\u00e9 in Z\u00fcrich\n".encode("latin-1"), ":2", "UTF-8"),
        ("lines.jsonl", b'{"id": "x", "text": "fine"}\n{"id": "y", "text": "caf\xe9"}\n', ":2", "UTF-8"),
        ("image.png", b"\x89PNG", "", "unsupported"),
    ],
)
def test_bad_files_named_and_the_rest_goes_on(
    tmp_path: Path, name: str, content: bytes, origin_suffix: str, words: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    items = list(read_inputs([bad, good, tmp_path / "missing.txt"]))
    errs = errors_of(items)
    assert errs[0].origin == f"{bad}{origin_suffix}"
    assert words in str(errs[0])
    assert errs[-1].origin == str(tmp_path / "missing.txt") and "no such file" in str(errs[-1])
    assert "good" in [a.id for a in articles(items)]
