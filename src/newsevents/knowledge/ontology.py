"""The event ontology as data: PLOVER 2.0 types, modes, contexts; CAMEO codes with QuadClass, Goldstein and
their PLOVER mapping; CAMEO country codes to ISO (``knowledge.actor_codes.cameo_countries``, the one table of
them). Loaded once from ``resources/ontology/``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from newsevents.knowledge.actor_codes import cameo_countries
from newsevents.knowledge.resources import read_tsv, resource

ONTOLOGY_DIR = resource("ontology")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code and what it maps to in PLOVER 2.0."""

    code: str
    name: str
    quad_class: int
    goldstein: float
    event: str | None  # PLOVER type, None for CAMEO 01 statements
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    types: dict[str, dict]
    contexts: tuple[str, ...]
    cameo: dict[str, CameoCode]
    cameo_countries: dict[str, str]

    def modes(self, event: str) -> list[str]:
        return list(self.types[event]["modes"])

    def valid_mode(self, event: str, mode: str | None) -> bool:
        return mode is None or mode in self.types.get(event, {}).get("modes", [])

    def quad_class(self, event: str) -> int:
        return int(self.types[event]["quad_class"])

    def code(self, code: str | None) -> CameoCode | None:
        """The CAMEO code, or its closest listed ancestor (1712 -> 171 -> 17)."""
        if not code:
            return None
        for n in range(len(code), 1, -1):
            hit = self.cameo.get(code[:n])
            if hit is not None:
                return hit
        return None

    def goldstein(self, code: str | None) -> float | None:
        hit = self.code(code)
        return hit.goldstein if hit else None

    def type_mode_pairs(self) -> list[tuple[str, str]]:
        return [(t, m) for t, spec in self.types.items() for m in spec["modes"]]

    def country_iso3(self, code: str | None) -> str | None:
        """ISO alpha-3 of a CAMEO country code (the first three letters of an actor code), else None."""
        if not code or len(code) < 3:
            return None
        root = code[:3].upper()
        if root in self.cameo_countries:
            return self.cameo_countries[root] or None  # a region or bloc code ("AFR") is no country
        return root if pycountry.countries.get(alpha_3=root) is not None else None


@lru_cache(maxsize=1)
def load_ontology(directory: Path = ONTOLOGY_DIR) -> Ontology:
    plover = json.loads((directory / "plover.json").read_text(encoding="utf-8"))
    cameo: dict[str, CameoCode] = {}
    for row in read_tsv(directory / "cameo.tsv", columns=(4, 7)):
        code, name, quad, gold, event, mode, ctx = (row.cols + [""] * 3)[:7]
        cameo[code] = CameoCode(code, name, int(quad), float(gold), event or None, mode or None,
                                tuple(c for c in ctx.split(";") if c))
    return Ontology(types=plover["types"], contexts=tuple(plover["contexts"]), cameo=cameo,
                    cameo_countries=cameo_countries())
