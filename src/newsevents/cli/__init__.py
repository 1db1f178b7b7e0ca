"""Command-line interface: ``newsevents code | ingest | events | eval | ...``."""

from newsevents.cli.main import app

__all__ = ["app"]
