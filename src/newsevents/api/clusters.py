"""The REST API's cluster and story endpoints: ``/api/clusters`` (reports of one happening across articles),
``/api/clusters/{id}`` and ``/api/stories/{id}``; ``app.py`` adds them with its own cursor and filter
dependencies (``add_routes``), and the answers come from ``views.py``.

No ``from __future__ import annotations`` here: FastAPI must see the dependency types handed to ``add_routes``
as objects, not as names of this module."""


from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi import Path as PathParam

from newsevents.api import views
from newsevents.api.errors import ApiError, error_responses


def add_routes(app: FastAPI, cursor: Any, event_filter: Any, limit: Any, offset: Any) -> None:
    """Register the routes; ``cursor``, ``event_filter``, ``limit`` and ``offset`` are ``app.py``'s annotated
    dependencies, so these endpoints take the same filters as ``/api/events``."""

    @app.get("/api/clusters", tags=["clusters"])
    def clusters(cur: cursor, flt: event_filter,
                 sort: Annotated[str, Query(max_length=30, description="-articles, -sources, -mentions, -date")]
                 = "-articles",
                 min_articles: Annotated[int, Query(ge=1, le=10_000, description="At least this many articles")] = 1,
                 limit: limit = 50, offset: offset = 0) -> dict[str, Any]:
        """Event clusters (reports of one happening) with a member event matching the filters, most reported
        first: num_mentions, num_articles, num_sources, first and last seen."""
        return views.list_clusters(cur, flt, sort, limit, offset, min_articles)

    @app.get("/api/clusters/{cluster_id}", tags=["clusters"], responses=error_responses(404))
    def cluster(cur: cursor, cluster_id: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        """One cluster with every member event's own evidence sentence and article."""
        return _found(views.get_cluster(cur, cluster_id), "cluster", cluster_id)

    @app.get("/api/stories/{story_id}", tags=["clusters"], responses=error_responses(404))
    def story(cur: cursor, story_id: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        """One story (a happening and its follow-ups) with its articles."""
        return _found(views.get_story(cur, story_id), "story", story_id)


def _found(found: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if found is None:
        raise ApiError(404, f"no {what} with id {key!r}", f"{what}_id")
    return found
