"""A real HTTP server on loopback serving RSS feeds and article pages, for bench_watch.py and tests/test_watch*.py.

Routes are set (and changed) while it runs: a feed answers with ETag and Last-Modified and honours conditional
GET; a route can also redirect, fail with a status, answer slowly, or serve any bytes (a malformed feed).
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds to wait before answering
    validators: bool = True  # send ETag / Last-Modified and answer 304 to a matching conditional GET
    modified: float = 0.0  # the Last-Modified time
    fail_first: int = 0  # answer this many requests with 503 (and ``retry_after``) before serving
    retry_after: str | None = None


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed of items {"title", "link", "description", "date" (RFC 822), "guid"?}."""
    parts = [f"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel><title>{html.escape(title)}</title>"
             "<link>http://127.0.0.1/</link><description>test feed</description>"]
    for it in items:
        parts.append(
            f"<item><title>{html.escape(it['title'])}</title><link>{html.escape(it['link'])}</link>"
            f"<guid>{html.escape(it.get('guid', it['link']))}</guid>"
            f"<description>{html.escape(it.get('description', it['title']))}</description>"
            f"<pubDate>{it.get('date', 'Mon, 11 Mar 2024 09:00:00 GMT')}</pubDate></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def page(title: str, paragraphs: list[str]) -> bytes:
    """An article page with navigation and footer boilerplate around its main text."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{body}</article>"
            "<footer>Copyright The Test Gazette. All rights reserved. Contact us.</footer></body></html>"
            ).encode()


class FeedServer:
    """``with FeedServer() as srv: srv.set('/feed.xml', Route(...)); srv.url('/feed.xml')``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()  # path -> requests answered
        self.not_modified: Counter[str] = Counter()  # path -> 304s answered
        self.arrivals: dict[str, list[float]] = {}  # path -> monotonic times requests arrived
        self.conditional: Counter[str] = Counter()  # path -> requests that carried If-None-Match/If-Modified-Since
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do: a poll is not a new connection each time
            # headers and body go out in two writes: without this, Nagle's algorithm and the client's delayed ACK
            # hold every answer back 40 ms on a kept-alive connection (real servers send them together)
            disable_nagle_algorithm = True

            def do_GET(self) -> None:  # noqa: N802 (the http.server API)
                try:
                    server._answer(self)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout under test)
                    pass

            def log_message(self, *args: Any) -> None:  # quiet: the tests read the counters instead
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, route: Route) -> None:
        with self._lock:
            route.modified = route.modified or time.time()
            self.routes[path] = route

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        with self._lock:
            route = self.routes.get(path)
            self.hits[path] += 1
            self.arrivals.setdefault(path, []).append(time.monotonic())
            if h.headers.get("If-None-Match") or h.headers.get("If-Modified-Since"):
                self.conditional[path] += 1
            failing = route is not None and route.fail_first > 0
            if failing and route is not None:
                route.fail_first -= 1
        if route is None:
            h.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        if failing:
            h.send_response(503)
            if route.retry_after:
                h.send_header("Retry-After", route.retry_after)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        if route.location:
            h.send_response(route.status or 301)
            h.send_header("Location", route.location)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        if route.status != 200:
            h.send_response(route.status)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        last_modified = formatdate(route.modified, usegmt=True)
        if route.validators and (h.headers.get("If-None-Match") == etag
                                 or (h.headers.get("If-None-Match") is None
                                     and h.headers.get("If-Modified-Since") == last_modified)):
            with self._lock:
                self.not_modified[path] += 1
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", route.content_type)
        h.send_header("Content-Length", str(len(route.body)))
        if route.validators:
            h.send_header("ETag", etag)
            h.send_header("Last-Modified", last_modified)
        h.end_headers()
        h.wfile.write(route.body)
