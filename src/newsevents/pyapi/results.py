"""The answer to one read of the store, handed to Arrow, pandas or polars by DuckDB itself (no row is copied
through Python objects on the way; from a PostgreSQL store the rows become Arrow batch by batch)."""

from __future__ import annotations

import importlib
from typing import Any

import duckdb

from newsevents.store.backend import is_pg
from newsevents.store.queries import Query

EXTRA = "pip install 'newsevents[frames]'"


class Result:
    """Rows of one query (``Store.events(...)`` and the like). Nothing runs until a ``to_*`` method is called,
    and each call runs the query again, so a result reflects the store at the time it is read."""

    def __init__(self, con: duckdb.DuckDBPyConnection, query: Query, kind: str) -> None:
        self._con = con
        self.query = query
        self.kind = kind  # events, quotes, actors or places

    def _relation(self) -> duckdb.DuckDBPyRelation:
        return self._con.sql(self.query.sql, params=list(self.query.params))

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` built by DuckDB."""
        return self.query.arrow(self._con)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (needs pandas: the ``frames`` extra); dates as ``datetime64``.

        Through DuckDB's Arrow: on 1M events about 3x faster than DuckDB's own ``.df()`` (bench/bench_pyapi.py),
        since pandas takes Arrow's string columns as they are."""
        _need("pandas")
        return self.to_arrow().to_pandas(date_as_object=False)

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (needs polars: the ``frames`` extra)."""
        _need("polars")
        if is_pg(self._con):  # a PostgreSQL store: through the Arrow table (no DuckDB relation there)
            return importlib.import_module("polars").from_arrow(self.to_arrow())
        return self._relation().pl()

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every row as a dict (Python values: dates as ``datetime.date``); for small results."""
        return self.query.dicts(self._con)

    def __len__(self) -> int:
        row = self._con.execute(f"SELECT count(*) FROM ({self.query.sql}) AS q", list(self.query.params)).fetchone()
        return int(row[0]) if row else 0

    def __repr__(self) -> str:
        return f"<newsevents {self.kind}: {len(self)} rows; .to_pandas(), .to_polars() or .to_arrow()>"


def _need(module: str) -> None:
    """Import ``module`` or say how to install it."""
    try:
        __import__(module)
    except ImportError as exc:
        raise ImportError(f"{module} is not installed; install it with {EXTRA} (or pip install {module})") from exc
