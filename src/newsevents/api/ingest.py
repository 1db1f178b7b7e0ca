"""``POST /api/articles``: code new articles with ``pipeline.Coder`` and store them, behind a bearer token.

Write endpoints are off (403) unless the app has a token; a missing or wrong token is a 401. The token is
checked before the body is read, so a caller without it learns nothing of the body's schema. A request
holds at most ``MAX_ARTICLES`` articles and ``app.state.max_chars`` characters of text (413 past either);
an article the coder raises on is answered with its error and the others are stored.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, field_validator

from newsevents.api.errors import ApiError, error_responses
from newsevents.errors import InputError
from newsevents.ingest.checks import checked, storable
from newsevents.models import Article
from newsevents.runner.batches import code_batch

router = APIRouter()
MAX_ARTICLES = 100  # per request: coding is CPU-bound, so keep one request's work bounded


class ArticleIn(BaseModel):
    """One article as in the contract's JSONL input."""

    id: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")
    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD")
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None
        return value

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value


class ArticleBatch(BaseModel):
    """Several articles in one request."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


def check_token(request: Request, authorization: str | None) -> None:
    """403 when writes are off, 401 when the bearer token is missing or wrong."""
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "write endpoints are off: start the server with NEWSEVENTS_TOKEN set")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "send 'Authorization: Bearer <token>'", "Authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "wrong bearer token", "Authorization", headers={"WWW-Authenticate": "Bearer"})


PAYLOAD = TypeAdapter(ArticleBatch | ArticleIn)
# the body's schema for the OpenAPI document (its models go to components/schemas: ``payload_schemas``)
PAYLOAD_SCHEMA = PAYLOAD.json_schema(ref_template="#/components/schemas/{model}")


def payload_schemas(max_chars: int | None = None) -> dict[str, Any]:
    """The models the body's schema refers to, for the OpenAPI document's components, saying what the validators
    check: a text with a character that is not a space (and at most ``max_chars`` of them), a real date."""
    defs = json.loads(json.dumps(PAYLOAD_SCHEMA.get("$defs", {})))  # a copy: the module's schema stays as built
    props = defs["ArticleIn"]["properties"]
    props["text"]["pattern"] = r"\S"
    if max_chars is not None:
        props["text"]["maxLength"] = max_chars
        props["text"]["description"] = (f"At most {max_chars:,} characters, and as many in all the articles of a "
                                        "request (413 past it)")
    props["date"]["anyOf"][0]["format"] = "date"
    return defs


async def authorized_payload(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> list[ArticleIn]:
    """The request's articles, read only once the token is right (a dependency: FastAPI would otherwise
    validate a declared body before any check)."""
    check_token(request, authorization)
    raw = await request.body()
    try:
        # a JSON "\ud800" escape is valid JSON but no valid string: replaced, as in files (ingest.checks)
        payload = PAYLOAD.validate_python(json.loads(raw, object_hook=_storable_strings))
    except ValueError as exc:  # not JSON (json.JSONDecodeError is a ValueError)
        if isinstance(exc, ValidationError):
            raise RequestValidationError(exc.errors(include_url=False)) from exc
        raise ApiError(422, f"the body is not JSON ({exc})", "body") from exc
    items = payload.articles if isinstance(payload, ArticleBatch) else [payload]
    limit = request.app.state.max_chars
    chars = sum(len(a.text) for a in items)
    if chars > limit:
        raise ApiError(413, f"{chars:,} characters of text in this request, over the limit of {limit:,}; "
                       "send long articles in requests of their own, or fewer articles per request", "text")
    return items


def _storable_strings(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: storable(v) if isinstance(v, str) else v for k, v in obj.items()}


def _coder(request: Request) -> Any:
    state = request.app.state
    with state.coder_lock:  # load the spaCy model once, on the first write
        if state.coder is None:
            from newsevents.pipeline import Coder

            state.coder = Coder()
        return state.coder


@router.post("/api/articles", status_code=201, tags=["articles"],
             responses=error_responses(401, 403, 413, 422, 500),
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": {k: v for k, v in PAYLOAD_SCHEMA.items() if k != "$defs"}}}}})
def post_articles(request: Request, items: Annotated[list[ArticleIn], Depends(authorized_payload)]) -> dict[str, Any]:
    """Code and store one article or ``{"articles": [...]}``; replaces stored articles with the same id. An id
    repeated in the request is stored once (the last article with it) and listed under ``repeated``."""
    # an id given twice is stored once, the later article replacing the earlier (as ``ingest`` does with a repeated
    # id and as a later request would): the schema cannot say the ids of a list must differ, so it is no 422
    last = {a.id: i for i, a in enumerate(items)}
    repeated = sorted({a.id for i, a in enumerate(items) if last[a.id] != i})
    articles = []
    for i, a in enumerate(items):
        if last[a.id] != i:
            continue
        article = checked(Article(id=a.id, text=a.text, title=a.title, date=a.date, url=a.url, source=a.source,
                                  origin=f"articles[{i}]"), None)  # the request's size is checked above
        if isinstance(article, InputError):
            raise ApiError(422, str(article), "text")
        articles.append(article)
    result = code_batch(_coder(request), articles, 16)  # an article the coder raises on costs only itself
    with request.app.state.write_lock:  # one writer at a time on the store's connection
        stored = request.app.state.store.write_batch(result.coded) if result.coded else 0
    return {
        "stored": stored,
        "articles": [
            {"doc_id": c.doc_id, "events": len(c.events), "quotes": len(c.quotes), "places": len(c.places),
             "notes": c.notes, "url": f"/api/articles/{c.doc_id}"}
            for _, c in result.coded
        ],
        "failed": [{"origin": e.origin, "error": e.message} for e in result.failed],
        **({"repeated": repeated} if repeated else {}),
    }
