"""Name folding and the codes shared by the gazetteer builder and loader."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

FEATURES: tuple[str, ...] = ("country", "admin1", "admin2", "city", "other")
# How a name belongs to a place: its own name, an alternate name, or a bare form of a division's name.
NAME_PRIMARY, NAME_ALT, NAME_WEAK = 0, 1, 2

_FOLD_MAP = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " ", ".": ""})


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case, accents stripped, dots dropped, hyphens as spaces: "Bāzārak" -> "bazarak", "U.S." -> "us"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.lower().translate(_FOLD_MAP).split())


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a folded name: the index stores these (sorted) instead of the names."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
