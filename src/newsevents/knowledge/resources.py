"""Where the package's data files live, and the one reader of their tab-separated tables."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

RESOURCES = Path(str(resources.files("newsevents"))) / "resources"


def resource(*parts: str) -> Path:
    """A path under ``src/newsevents/resources``: ``resource("actors", "agents.tsv")``."""
    return RESOURCES.joinpath(*parts)
