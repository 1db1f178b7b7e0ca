"""REST API: FastAPI app over the DuckDB store (events, articles, actors, quotes, counts, exports, ingest)."""

from newsevents.api.app import create_app

__all__ = ["create_app"]
