"""Store stage: coded articles in an embedded DuckDB file (tables in ``schema.py``), and queries over it."""

from newsevents.store.db import DEFAULT_DB, Store
from newsevents.store.query import query_events

__all__ = ["DEFAULT_DB", "Store", "query_events"]
