"""The watcher's HTTP (ingest/fetch.py) against a real server on loopback: politeness delay, conditional GET,
Retry-After, retries, redirects, size limit."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from newsevents.ingest.fetch import Fetcher, FetchError, FetchPolicy

sys.path.insert(0, str(ROOT / "bench"))
from feed_server import FeedServer, Route, rss  # noqa: E402

FEED = rss("Desk", [{"title": "Troops withdraw", "link": "http://127.0.0.1/a"}])


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0.5, retries=0)) as fetcher:
        srv.set("/a.xml", Route(FEED))
        for _ in range(4):
            fetcher.get(srv.url("/a.xml"))
        times = srv.arrivals["/a.xml"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # arrival times at the server, not the client's own clock (so up to 0.1 s of a loaded machine's jitter)
    assert len(gaps) == 3 and min(gaps) >= 0.4


def test_conditional_get_sends_validators_and_reads_304() -> None:
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0)) as fetcher:
        srv.set("/a.xml", Route(FEED))
        first = fetcher.get(srv.url("/a.xml"))
        assert first.status == 200 and first.etag and first.last_modified and b"Troops" in first.body
        again = fetcher.get(srv.url("/a.xml"), first.etag, first.last_modified)
        assert again.not_modified and again.body == b""
        assert srv.conditional["/a.xml"] == 1 and srv.not_modified["/a.xml"] == 1
        srv.set("/a.xml", Route(FEED.replace(b"withdraw", b"advance")))  # changed: the old ETag no longer matches
        changed = fetcher.get(srv.url("/a.xml"), first.etag, first.last_modified)
        assert changed.status == 200 and b"advance" in changed.body


def test_retry_after_is_honoured_then_the_answer_is_served() -> None:
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0, retries=2, backoff=0.01)) as fetcher:
        srv.set("/busy.xml", Route(FEED, fail_first=1, retry_after="1"))
        got = fetcher.get(srv.url("/busy.xml"))
        times = srv.arrivals["/busy.xml"]
    assert got.status == 200 and len(times) == 2 and times[1] - times[0] >= 0.9  # waited as the server asked


def test_a_500_is_retried_with_back_off_then_reported() -> None:
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0, retries=2, backoff=0.1)) as fetcher:
        srv.set("/down.xml", Route(status=500))
        with pytest.raises(FetchError, match=r"^HTTP 500 \(after 3 tries\)$"):
            fetcher.get(srv.url("/down.xml"))
        times = srv.arrivals["/down.xml"]
        srv.set("/gone.xml", Route(status=404))
        with pytest.raises(FetchError, match=r"^HTTP 404$"):  # final at once: asking again will not help
            fetcher.get(srv.url("/gone.xml"))
        assert srv.hits["/gone.xml"] == 1
    assert len(times) == 3 and times[1] - times[0] >= 0.05 and times[2] - times[1] >= 0.15  # doubled


def test_redirects_are_followed_and_oversized_bodies_refused() -> None:
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0, max_bytes=1000)) as fetcher:
        srv.set("/old.xml", Route(status=301, location=srv.url("/new.xml")))
        srv.set("/new.xml", Route(FEED))
        got = fetcher.get(srv.url("/old.xml"))
        assert got.url == srv.url("/new.xml") and b"Troops" in got.body
        srv.set("/huge.xml", Route(b"<rss>" + b" " * 5000 + b"</rss>"))
        with pytest.raises(FetchError, match="larger than 1000 bytes"):
            fetcher.get(srv.url("/huge.xml"))
        srv.set("/loop.xml", Route(status=302, location=srv.url("/loop.xml")))
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.get(srv.url("/loop.xml"))
    with Fetcher(FetchPolicy(delay=0)) as fetcher, pytest.raises(FetchError, match="not an http"):
        fetcher.get("ftp://127.0.0.1/feed.xml")


def test_a_latin_1_feed_is_read_by_its_xml_declaration() -> None:
    from newsevents.ingest.feeds import read_feed_document

    doc = ("<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>Zeitung</title>"
           "<item><title>Protest in Zürich</title><link>http://127.0.0.1/z</link>"
           "<description>Demonstranten in Zürich.</description></item></channel></rss>").encode("latin-1")
    with FeedServer() as srv, Fetcher(FetchPolicy(delay=0)) as fetcher:
        srv.set("/z.xml", Route(doc, content_type="application/rss+xml"))  # no charset in the header
        got = fetcher.get(srv.url("/z.xml"))
    [article] = list(read_feed_document(got.xml_text(), srv.url("/z.xml")))
    assert article.title == "Protest in Zürich" and "Zürich" in article.text
