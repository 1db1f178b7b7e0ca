"""CAMEO-style actor codes: split a code into country and sectors, build one, and check dated validity.

A CAMEO actor code is a run of three-letter parts: an optional country (``AFG``) or organisation type
(``IGO``, ``NGO``, ``IMG``, ...), then role parts (``GOV``, ``MIL``, ``REB``, ...), then anything more
specific (``UNO`` for the United Nations, ``HMS`` for Hamas). ``country`` is ISO 3166-1 alpha-3; CAMEO's
own country codes that differ from ISO (``JAP``, ``ITL``, ``VTN``, ...) are mapped through
``resources/ontology/cameo_countries.tsv``, the one table of them (the ontology reads it here too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from newsevents.knowledge.resources import read_tsv, resource, word_set

CAMEO_COUNTRIES_FILE = resource("ontology", "cameo_countries.tsv")

# Role (sector) parts that CAMEO actor codes use; the first one found after the country is `sector`.
SECTORS: frozenset[str] = word_set("actor_sectors")
# Organisation types that stand where a country would (IGOUNO, NGOHLHIRC, IMGMUSALQ, MNC...).
ORG_TYPES: frozenset[str] = word_set("actor_org_types")


@lru_cache(maxsize=1)
def cameo_countries() -> dict[str, str]:
    """CAMEO (and old TABARI) country codes that are not ISO alpha-3 -> ISO alpha-3 ('' for regions)."""
    table: dict[str, str] = {}
    for row in read_tsv(CAMEO_COUNTRIES_FILE, columns=(1, 2), strip=True):
        cameo, iso3 = (row.cols + [""])[:2]
        table[cameo.upper()] = iso3.upper()
    return table


@lru_cache(maxsize=1)
def sector_sides() -> dict[str, str]:
    """Sector part of a code -> the side of an armed conflict it stands on (``state``, ``insurgent``), from
    ``actors/sector_sides.tsv``; sectors that take no side are not in it."""
    return {row.cols[0]: row.cols[1] for row in read_tsv(resource("actors", "sector_sides.tsv"), columns=2,
                                                         strip=True)}


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes.add("XKX")  # Kosovo: user-assigned, used by CAMEO coders
    return frozenset(codes)


def country_of_code(part: str) -> str | None:
    """ISO alpha-3 for a three-letter country part of a code, or None when it is no country."""
    part = part.upper()
    mapped = cameo_countries().get(part)
    if mapped is not None:
        return mapped or None
    if part in SECTORS or part in ORG_TYPES:
        return None
    if part in iso3_codes():
        return part
    return None


@dataclass(frozen=True)
class CodeParts:
    """A code split into its parts. ``code`` is the normalised code (ISO country, upper case)."""

    code: str
    country: str | None
    sector: str | None
    sectors: tuple[str, ...]
    org_type: str | None  # IGO, NGO, ... when the code starts with one


@lru_cache(maxsize=8192)
def split_code(code: str) -> CodeParts:
    """Split ``AFGGOVBUS`` into country AFG, sector GOV, sectors (GOV, BUS); ``IGOUNO`` into org type IGO."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    parts = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    country: str | None = None
    org_type: str | None = None
    rest = parts
    if parts:
        first = parts[0]
        if first in ORG_TYPES:
            org_type, rest = first, parts[1:]
        else:
            iso = country_of_code(first)
            if iso is not None or (first not in SECTORS and len(first) == 3):
                # An unknown leading part (a fictional or regional code) still stands where a country would.
                country, rest = iso, parts[1:]
                if iso is not None:
                    parts = [iso, *rest]
    sectors = tuple(p for p in rest if p in SECTORS)
    sector = sectors[0] if sectors else org_type
    return CodeParts("".join(parts), country, sector, sectors, org_type)


def build_code(country: str | None, sector: str | None, org_type: str | None = None) -> str:
    """The CAMEO-style code for a country and a sector (``AFG`` + ``GOV`` -> ``AFGGOV``; IGO alone -> ``IGO``)."""
    head = org_type or country or ""
    if sector and sector != head:
        return head + sector
    return head


def parse_date(text: str) -> dt.date | None:
    """A PETRARCH date: YYYYMMDD, or YYMMDD with years below 30 read as 20YY (as PETRARCH does)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if len(digits) == 6:
            yy = int(digits[:2])
            return dt.date((2000 if yy < 30 else 1900) + yy, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 7:  # a typo in some dictionaries (2004017): read as YYYYMDD
            return dt.date(int(digits[:4]), int(digits[4:5]), int(digits[5:7]))
    except ValueError:
        return None
    return None


def to_date(value: str | dt.date | None) -> dt.date | None:
    """An article date (YYYY-MM-DD) as a date; None when absent or malformed."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class DatedCode(NamedTuple):
    """A code valid from ``start`` to ``end`` (inclusive, either open). No dates: the default code."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: dt.date | None) -> bool:
        if not self.dated:
            return True
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def pick_code(codes: tuple[DatedCode, ...] | list[DatedCode], day: dt.date | None) -> DatedCode | None:
    """The code valid on ``day``: a dated code whose range holds it, else the first undated default.

    Without an article date the default is used, else the latest-starting dated code.
    """
    dated = [c for c in codes if c.dated and c.valid_on(day)]
    if dated:
        return dated[0]
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[0]
    if day is None and codes:
        return max(codes, key=lambda c: c.start or dt.date.min)
    return None
