"""Write filtered events from the store in one export format to a binary stream, or yield them as byte chunks.

Text formats stream row by row; Parquet goes through pyarrow record batches straight from DuckDB.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import IO

import duckdb

from newsevents.export.formats import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    flat_fields,
    gdelt_fields,
    icews_fields,
    plover_record,
)
from newsevents.store import queries
from newsevents.store.filters import EventFilter

FORMATS: dict[str, tuple[str, str]] = {
    # format -> (media type, file suffix)
    "plover": ("application/x-ndjson", ".jsonl"),
    "gdelt": ("text/tab-separated-values", ".tsv"),
    "icews": ("text/tab-separated-values", ".tsv"),
    "csv": ("text/csv", ".csv"),
    "parquet": ("application/vnd.apache.parquet", ".parquet"),
}


def coder_name() -> str:
    from newsevents.version import __version__

    return f"newsevents {__version__}"


def iter_text(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    flt: EventFilter | None = None,
    sort: str | None = "date",
    limit: int | None = None,
    header: bool | None = None,
) -> Iterator[str]:
    """Yield the export as text lines (each ending in a newline). ``header`` defaults to the format's custom:

    GDELT files have no header row; ICEWS and CSV files have one.
    """
    if fmt not in FORMATS or fmt == "parquet":
        raise ValueError(f"unknown text export format {fmt!r}; use plover, gdelt, icews or csv")
    clustered = fmt == "gdelt" and queries.has_table(con, "event_clusters")  # NumMentions, NumSources, NumArticles
    rows = queries.export_rows(queries.fit(con, flt or EventFilter()), sort, limit, clustered).stream(con)
    if fmt == "plover":
        coder = coder_name()
        for row in rows:
            yield json.dumps(plover_record(row, coder), ensure_ascii=False, default=str) + "\n"
    elif fmt == "gdelt":
        if header:
            yield "\t".join(GDELT_COLUMNS) + "\n"
        for row in rows:
            yield "\t".join(gdelt_fields(row)) + "\n"
    elif fmt == "icews":
        if header is None or header:
            yield "\t".join(ICEWS_COLUMNS) + "\n"
        for row in rows:
            yield "\t".join(icews_fields(row)) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        header_rows = [FLAT_COLUMNS] if header is None or header else []
        for values in itertools.chain(header_rows, (flat_fields(row) for row in rows)):
            # one chunk per CSV record (a quoted cell may hold line breaks)
            writer.writerow(values)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()


def write_parquet(
    con: duckdb.DuckDBPyConnection,
    out: IO[bytes],
    flt: EventFilter | None = None,
    sort: str | None = "date",
    limit: int | None = None,
) -> int:
    """Write the flat columns as a Parquet file (lists stay lists); returns the number of rows."""
    import pyarrow.parquet as pq

    cur = con.cursor()
    try:
        reader = queries.flat_rows(queries.fit(cur, flt or EventFilter()), sort, limit).reader(cur, 50_000)
        n = 0
        with pq.ParquetWriter(out, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
        return n
    finally:
        cur.close()


def write_export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: IO[bytes],
    flt: EventFilter | None = None,
    sort: str | None = "date",
    limit: int | None = None,
    header: bool | None = None,
) -> int:
    """Write the export to a binary stream; returns the number of events written."""
    if fmt == "parquet":
        return write_parquet(con, out, flt, sort, limit)
    n = 0
    skip_header = fmt in ("icews", "csv") and header is not False or (fmt == "gdelt" and bool(header))
    for i, line in enumerate(iter_text(con, fmt, flt, sort, limit, header)):
        out.write(line.encode("utf-8"))
        if not (skip_header and i == 0):
            n += 1
    return n
