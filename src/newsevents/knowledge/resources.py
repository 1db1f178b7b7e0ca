"""Where the package's data files live, and the one reader of their tab-separated tables."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from newsevents import errors
from newsevents.errors import KnowledgeError

RESOURCES = Path(str(resources.files("newsevents"))) / "resources"


def resource(*parts: str) -> Path:
    """A path under ``src/newsevents/resources``: ``resource("actors", "agents.tsv")``."""
    return RESOURCES.joinpath(*parts)


class Row(NamedTuple):
    """One data line of a table: where it is (for error messages) and its columns."""

    where: str  # "path:line"
    cols: list[str]


def read_tsv(path: Path, columns: int | tuple[int, int] | None = None, strip: bool = False) -> list[Row]:
    """The data lines of a tab-separated file: blank lines and ``#`` comments skipped.

    ``columns``: the exact number of columns, or (least, most); a line outside it raises ``KnowledgeError``
    naming the file and line. ``strip``: strip white space around every column.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), errors.E005.format(detail=exc)) from exc
    name = str(path)
    rows: list[Row] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if strip:
            cols = [c.strip() for c in cols]
        if columns is not None:
            least, most = (columns, columns) if isinstance(columns, int) else columns
            if not least <= len(cols) <= most:
                expected = str(least) if least == most else f"{least} to {most}"
                raise KnowledgeError(f"{name}:{n}", errors.E019.format(expected=expected, got=len(cols)))
        rows.append(Row(f"{name}:{n}", cols))
    return rows


def lexicon_path(name: str) -> Path:
    """A word list under ``resources/lexicon/`` by its name (without ``.tsv``)."""
    return resource("lexicon", f"{name}.tsv")


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of ``resources/lexicon/NAME.tsv``: the first column of every data line (read once)."""
    return frozenset(row.cols[0] for row in read_tsv(lexicon_path(name)))


@cache
def word_map(name: str) -> dict[str, str]:
    """A two-column word list of ``resources/lexicon/NAME.tsv``: first column -> second (read once)."""
    return {row.cols[0]: row.cols[1] for row in read_tsv(lexicon_path(name), columns=2)}
