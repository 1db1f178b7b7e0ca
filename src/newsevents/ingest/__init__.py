"""Ingest stage: read txt, JSONL, HTML, feeds, WARC, directories and stdin into ``Article`` records.

``read_inputs`` yields an ``Article`` or an ``InputError`` per item, lazily, so a bad file or
line is reported and the rest of the batch goes on.
"""

from newsevents.ingest.readers import SUPPORTED_SUFFIXES, read_inputs

__all__ = ["SUPPORTED_SUFFIXES", "read_inputs"]
