"""One JSON error shape for every failure, and the request-body size limit.

Every error response is ``{"error": {"status": int, "code": str, "message": str, "param": str|null}}``;
bad input is always a 4xx, never a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.errors import NewseventsError
from newsevents.store.filters import FilterError

log = logging.getLogger("newsevents.api")

CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    param: str | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


WHY = {400: "a filter value that cannot be used, or a Host header not allowed", 401: "missing or wrong bearer token",
       403: "writes are off", 404: "no such event, article or endpoint", 405: "wrong method",
       413: "request body or text over the limit", 422: "a parameter or body that fails validation",
       500: "a bug (logged with its traceback)"}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, all in the one error shape."""
    return {s: {"model": ErrorBody, "description": WHY.get(s, CODES.get(s, "error"))} for s in statuses}


class ApiError(Exception):
    """An error raised by our endpoints, turned into the JSON error shape."""

    def __init__(self, status: int, message: str, param: str | None = None, headers: dict[str, str] | None = None):
        self.status = status
        self.message = message
        self.param = param
        self.headers = headers
        super().__init__(message)


def error_body(status: int, message: str, param: str | None = None) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message, "param": param}}


def error_response(status: int, message: str, param: str | None = None, headers: dict[str, str] | None = None):
    return JSONResponse(error_body(status, message, param), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    """One readable sentence from pydantic's error list, naming the parameter."""
    msgs = []
    first_param = None
    for err in exc.errors()[:5]:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header")]
        param = ".".join(loc) or None
        first_param = first_param or param
        msgs.append(f"{param}: {err.get('msg')}" if param else str(err.get("msg")))
    return "; ".join(msgs) or "invalid request", first_param


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception type to the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.param, exc.headers)

    @app.exception_handler(FilterError)
    async def _filter_error(request: Request, exc: FilterError) -> JSONResponse:
        return error_response(400, str(exc), exc.param)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, param = _validation_message(exc)
        return error_response(422, message, param)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint or resource: {request.url.path}"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(NewseventsError)
    async def _ours(request: Request, exc: NewseventsError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug, not bad input: log it with its traceback, answer in the same shape.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"internal error ({type(exc).__name__}); see the server log")


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    await self._reject(send, 400, "Content-Length is not a number")
                    return
                if too_big:
                    await self._reject(send, 413, f"request body over the limit of {self.max_bytes} bytes")
                    return
        seen = 0
        started = over = False

        async def limited_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    raise _TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if over:  # the app's own answer to the aborted body read is replaced by our 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            pass
        if over and not started:
            await self._reject(send, 413, f"request body over the limit of {self.max_bytes} bytes")

    @staticmethod
    async def _reject(send: Send, status: int, message: str) -> None:
        import json

        body = json.dumps(error_body(status, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    """Raised inside the app when the streamed body passes the limit."""


class HostGuard:
    """ASGI middleware: answer 400 to a request whose Host header is not allowed (DNS rebinding: a page of another
    site, its name pointed at 127.0.0.1, would otherwise read a local server's data in the user's browser)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.allowed:
                await BodySizeLimit._reject(send, 400, f"Host {host[:100]!r} is not allowed; start the server with "
                                            "--allow-host NAME to serve under another name")
                return
        await self.app(scope, receive, send)


def host_name(host: str) -> str:
    """The name of a Host header, without its port: ``localhost:8000`` -> localhost, ``[::1]:80`` -> ::1."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
