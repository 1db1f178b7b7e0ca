"""Write ``resources/gazetteer/country_points.tsv``: one representative point per country.

GeoNames' own country coordinates ship in no PyPI package, and the centre of a country's cities drifts
towards where people live (Canada's lands 1,300 km south of its GeoNames point). The CIA World Factbook's
"geographic coordinates" (public domain), as carried by the ``countryinfo`` package (``latlng``), are what
GeoNames itself uses for most countries; we take them, with the few overrides below set to GeoNames' own
value where the Factbook's differs by more than 100 km. Run once (``pip install countryinfo``); the TSV is
committed, so the package is not needed at run time.
"""

from __future__ import annotations

from pathlib import Path

# GeoNames' own point where the Factbook's is far from it (geonames.org, country features).
GEONAMES_OVERRIDES = {"US": (39.76, -98.5)}

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "resources" / "gazetteer" / "country_points.tsv"


def main() -> None:
    from countryinfo import all_countries

    rows: dict[str, tuple[float, float]] = {}
    for country in all_countries():
        info = country.info()
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if iso and len(latlng) == 2:
            rows[iso] = (float(latlng[0]), float(latlng[1]))
    rows.update(GEONAMES_OVERRIDES)
    lines = ["# ISO 3166-1 alpha-2, latitude, longitude: CIA World Factbook points via countryinfo; see the script."]
    lines += [f"{iso}\t{lat:g}\t{lon:g}" for iso, (lat, lon) in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
