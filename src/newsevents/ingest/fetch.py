"""HTTP for the watcher (httpx): conditional GET, a politeness delay per host, timeouts, retries with back-off."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsevents.version import __version__

USER_AGENT = f"newsevents/{__version__} (+https://pypi.org/project/newsevents/; feed watcher)"
# Statuses worth asking again: the server or a proxy is overloaded or briefly down. Any other 4xx is final.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


class FetchError(Exception):
    """A fetch that failed after its retries; ``str()`` is the one-line reason for the log."""


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: 200 with its body, or 304 (not modified since the validators we sent)."""

    url: str  # the final URL, after redirects
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self, default: str = "utf-8") -> str:
        """The body decoded as the server declared it (``default`` when it did not; undecodable bytes replaced)."""
        charset = default
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")

    def xml_text(self) -> str:
        """An XML body (a feed) decoded by its HTTP charset, else its XML declaration, else UTF-8; the declaration
        is then rewritten to say UTF-8, so a parser reading the text again does not decode it a second time."""
        m = _XML_ENCODING.match(self.body)
        text = self.text(default=m.group(1).decode("ascii") if m else "utf-8")
        if m:
            text = re.sub(r"""(encoding\s*=\s*["'])[A-Za-z0-9._:-]+(["'])""", r"\1utf-8\2", text, count=1)
        return text


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    timeout: float = 15.0  # seconds to connect, and between two reads of the body
    retries: int = 2  # further tries after a timeout, a refused connection, a 429 or a 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each further one
    delay: float = 1.0  # seconds between the start of two requests to the same host
    max_bytes: int = 20_000_000  # a feed or page larger than this is refused, not read into memory
    max_retry_after: float = 60.0  # a server's Retry-After is honoured up to this many seconds


class Fetcher:
    """A shared httpx client that waits ``policy.delay`` between requests to one host and retries with back-off."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.client = httpx.Client(
            follow_redirects=True, max_redirects=5, timeout=self.policy.timeout,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )
        self._next_slot: dict[str, float] = {}  # host -> monotonic time its next request may start
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for(self, host: str) -> None:
        # The slot is taken under the lock, the sleep happens outside it: two threads fetching from one host
        # queue up one delay apart, a thread fetching from another host does not wait at all.
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = start + self.policy.delay
        if start > now:
            time.sleep(start - now)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally, when validators are given); raises ``FetchError`` with the reason."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc.lower()
        tries = self.policy.retries + 1
        for attempt in range(tries):
            self._wait_for(host)
            try:
                fetched = self._get_once(url, headers)
            except _Retryable as exc:
                if attempt + 1 >= tries:
                    suffix = f" (after {tries} tries)" if tries > 1 else ""
                    raise FetchError(f"{exc}{suffix}") from None
                time.sleep(exc.wait if exc.wait is not None else self.policy.backoff * 2**attempt)
                continue
            return fetched
        raise AssertionError("unreachable: the loop returns or raises")

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {response.status_code}", self._retry_after(response))
                if response.status_code not in (200, 304):
                    raise FetchError(f"HTTP {response.status_code}")
                body = b""
                if response.status_code == 200:
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.policy.max_bytes:
                            raise FetchError(f"larger than {self.policy.max_bytes} bytes; not read")
                        chunks.append(chunk)
                    body = b"".join(chunks)
                return Fetched(
                    url=str(response.url), status=response.status_code, body=body,
                    etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                    content_type=response.headers.get("Content-Type", ""),
                )
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects (more than 5)") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retryable(_connect_reason(exc)) from None
        except httpx.UnsupportedProtocol:
            raise FetchError(f"not an http(s) URL: {url}") from None
        except httpx.HTTPError as exc:  # anything else httpx raises: final, with its own words
            raise FetchError(f"{type(exc).__name__}: {exc}".splitlines()[0][:200]) from None

    def _retry_after(self, response: httpx.Response) -> float | None:
        value = response.headers.get("Retry-After", "")
        if value.isdigit():
            return min(float(value), self.policy.max_retry_after)
        return None  # absent, or an HTTP date: our own back-off applies


class _Retryable(Exception):
    """A failure that may pass if asked again (``wait``: the server's Retry-After, if it gave one)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


def _connect_reason(exc: httpx.HTTPError) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "name or service" in text or "nodename" in text or "resolve" in text:
        return "host not found"
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
