"""Parquet files of articles (columns ``id``, ``text`` and optional ``title``, ``date``, ``url``, ``source``).

Read in record batches with pyarrow so a large shard streams in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsevents import errors
from newsevents.errors import InputError
from newsevents.ingest.records import Item, article_from_record


def read_parquet(path: Path, batch_rows: int = 1024) -> Iterator[Item]:
    """Yield one article per row; a row without text is reported with its row number."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for foreign or truncated files
        yield InputError(str(path), errors.E014.format(detail=str(exc).splitlines()[0][:200]))
        return
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        yield InputError(str(path), errors.E014.format(detail="no 'text' column"))
        return
    columns = [c for c in ("id", "text", "title", "date", "url", "source") if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=batch_rows, columns=columns):
        for record in batch.to_pylist():
            row += 1
            record = {k: v for k, v in record.items() if v is not None}
            if "date" in record and not isinstance(record["date"], str):
                record["date"] = record["date"].isoformat()[:10]
            yield from article_from_record(record, f"{path}:row {row}", default_id=f"{path.stem}-{row}")
