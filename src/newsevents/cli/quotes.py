"""CLI commands for the quotes stage (registered on the main app)."""

from __future__ import annotations

from newsevents.cli.main import app  # noqa: F401
