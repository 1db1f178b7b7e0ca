"""Store stage: coded articles in an embedded DuckDB file (tables in ``schema.py``); every read is in
``queries.py``, with the filters of ``filters.py``."""

from newsevents.store.db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
