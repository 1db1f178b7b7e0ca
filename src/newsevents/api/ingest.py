"""``POST /api/articles``: code new articles with ``pipeline.Coder`` and store them, behind a bearer token.

Write endpoints are off (403) unless the app has a token; a missing or wrong token is a 401.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field, field_validator

from newsevents.api.errors import ApiError
from newsevents.models import Article

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


def _coder(request: Request) -> Any:
    state = request.app.state
    with state.coder_lock:  # load the spaCy model once, on the first write
        if state.coder is None:
            from newsevents.pipeline import Coder

            state.coder = Coder()
        return state.coder


@router.post("/api/articles", status_code=201, tags=["articles"])
def post_articles(
    request: Request,
    payload: ArticleBatch | ArticleIn,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Code and store one article or ``{"articles": [...]}``; replaces stored articles with the same id."""
    check_token(request, authorization)
    items = payload.articles if isinstance(payload, ArticleBatch) else [payload]
    ids = [a.id for a in items]
    if len(set(ids)) != len(ids):
        raise ApiError(422, "two articles in this request share an id", "id")
    articles = [Article(id=a.id, text=a.text, title=a.title, date=a.date, url=a.url, source=a.source,
                        origin=f"POST /api/articles[{i}]") for i, a in enumerate(items)]
    coded = list(_coder(request).code(articles))
    with request.app.state.write_lock:  # one writer at a time on the store's connection
        stored = request.app.state.store.write_batch(list(zip(articles, coded, strict=True)))
    return {
        "stored": stored,
        "articles": [
            {"doc_id": c.doc_id, "events": len(c.events), "quotes": len(c.quotes), "places": len(c.places),
             "notes": c.notes, "url": f"/api/articles/{c.doc_id}"}
            for c in coded
        ],
    }
