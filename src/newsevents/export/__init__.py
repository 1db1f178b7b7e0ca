"""Export stage: events from the DuckDB store as PLOVER JSONL, GDELT 2.0 TSV, ICEWS TSV, CSV or Parquet."""

from newsevents.export.writers import FORMATS, iter_text, write_export

__all__ = ["FORMATS", "iter_text", "write_export"]
