"""CAMEO's intent readings (``resources/ontology/intents.tsv``): what an act that is agreed to, refused,
demanded, threatened, stated as an intention or stopped codes. One table, read once, checked against the
ontology; ``events/frames.py`` reads its control and stop rows, ``events/modes.py`` its stated rows."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.ontology import load_ontology
from newsevents.knowledge.resources import read_tsv, resource

INTENTS_FILE = resource("ontology", "intents.tsv")
USES = ("control", "stated", "stop")
ANY = "*"


class Reading(NamedTuple):
    """What the construction codes: a PLOVER type, its mode and a CAMEO code."""

    event: str
    mode: str | None
    cameo: str


class IntentTable:
    """The rows of ``intents.tsv`` by (use, reading, event); a stop row's reading is not part of its key."""

    def __init__(self, rows: dict[tuple[str, str, str], list[tuple[str, Reading]]]) -> None:
        # the rows for one act: one whose mode or code must match first, then the row for any act of the type
        self._rows = {key: sorted(found, key=lambda r: r[0] == ANY) for key, found in rows.items()}

    def reading(self, use: str, event: str | None, intent: str = "", mode: str | None = None,
                cameo: str | None = None) -> Reading | None:
        """The reading of an act of type ``event`` (with its mode and CAMEO code) in ``use``; ``intent`` is the
        type of the control verb or of the stated reading (none for ``stop``). None: the table has no row."""
        for of, found in self._rows.get((use, intent, event or ""), ()):
            if of in (ANY, mode, cameo):
                return found
        return None


@lru_cache(maxsize=1)
def load_intents(path: Path = INTENTS_FILE) -> IntentTable:
    """Read the table; a row that names no PLOVER type, mode or CAMEO code raises ``KnowledgeError`` (file, line)."""
    onto = load_ontology()
    rows: dict[tuple[str, str, str], list[tuple[str, Reading]]] = {}
    for row in read_tsv(path, columns=6, strip=True):
        use, reading, event, of, mode, cameo = row.cols
        if use not in USES:
            raise KnowledgeError(row.where, errors.E027.format(use=use, uses=", ".join(USES)))
        for value in (reading, event):
            if value not in onto.types:
                raise KnowledgeError(row.where, errors.E022.format(value=value, what="type"))
        md = None if mode == "-" else mode
        if not onto.valid_mode(reading, md):
            raise KnowledgeError(row.where, errors.E022.format(value=mode, what=f"mode of {reading}"))
        if onto.code(cameo) is None:
            raise KnowledgeError(row.where, errors.E023.format(code=cameo))
        if of != ANY and not onto.valid_mode(event, of) and not (of.isdigit() and onto.code(of) is not None):
            raise KnowledgeError(row.where, errors.E028.format(of=of, event=event))
        key = (use, "" if use == "stop" else reading, event)
        if any(seen == of for seen, _ in rows.get(key, ())):
            raise KnowledgeError(row.where, errors.E029.format(use=use, event=event, of=of))
        rows.setdefault(key, []).append((of, Reading(reading, md, cameo)))
    return IntentTable(rows)
