"""The one demonym table (``resources/countries/demonyms.tsv``) and the two plural rules of its callers.

The actor knowledge base (``knowledge/actor_kb.py``) and the place finder (``mentions/places.py``) both read
it; each takes the shared forms plus its own column, and adds plurals by its own rule (below, named).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from newsevents.knowledge.resources import read_tsv, resource

DEMONYMS_FILE = resource("countries", "demonyms.tsv")


class CountryDemonyms(NamedTuple):
    """One country's line of the table."""

    iso3: str
    iso2: str
    forms: tuple[str, ...]  # read by both callers
    actor_forms: tuple[str, ...]  # read by the actor knowledge base only
    place_forms: tuple[str, ...]  # read by the place finder only

    @property
    def for_actors(self) -> tuple[str, ...]:
        return self.forms + self.actor_forms

    @property
    def for_places(self) -> tuple[str, ...]:
        return self.forms + self.place_forms


def _forms(column: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in column.split("|") if f.strip())


@lru_cache(maxsize=1)
def demonym_table() -> tuple[CountryDemonyms, ...]:
    """Every line of the table, in file order (read once)."""
    rows = read_tsv(DEMONYMS_FILE, columns=(3, 5))
    return tuple(
        CountryDemonyms(iso3, iso2, _forms(forms), _forms(actors), _forms(places))
        for iso3, iso2, forms, actors, places in ((*row.cols, "", "")[:5] for row in rows)
    )


def actor_plurals(form: str) -> list[str]:
    """The actor knowledge base's plurals: "+s" for a one-word form in -an, -i or -ite ("Afghans", "Israelis",
    "Hashemites"), the forms that name a person as well as the country's adjective; none for the rest, whose
    plurals the table lists when they have one ("Frenchmen")."""
    low = form.lower()
    if low.endswith(("an", "i", "ite")) and " " not in low:
        return [form + "s"]
    return []


# Endings after which the place finder adds no "s": "Chinese", "British", "Dutch", "Frenchmen", "Swiss".
_PLACE_NO_PLURAL = ("ese", "ish", "ch", "sh", "i", "men", "ss", "z")


def place_plural(key: str) -> str | None:
    """The place finder's plural of a folded form: "+s" unless it ends in one of ``_PLACE_NO_PLURAL``."""
    return None if key.endswith(_PLACE_NO_PLURAL) else key + "s"
