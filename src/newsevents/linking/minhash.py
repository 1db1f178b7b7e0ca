"""MinHash signatures of an article's text over word shingles, their LSH band keys, and the similarity of two.

Pure numpy, no state: the same text gives the same signature in every process and release (the hashes are
CRC-32 of words and fixed multipliers, never Python's salted ``hash``), so signatures stored in one run are
compared with those computed in a later one. ``docs/clusters.md`` says how they decide a duplicate.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE = 5  # words per shingle: long enough that distinct articles rarely share one, short enough to survive edits
BANDS, ROWS = 42, 3  # LSH: 42 bands of 3 values; a pair with Jaccard 0.5 shares a band with probability 0.996
PERMUTATIONS = BANDS * ROWS
# Texts with fewer shingles (about 45 words) are never linked: a brief of two sentences is too short to tell a
# copy from a report that says the same thing in the same stock words, and a MinHash estimate over so few
# shingles is coarse.
MIN_SHINGLES = 40
# A copy is a near-duplicate of an original at an estimated Jaccard similarity of their shingle sets of at least
# this (the BBC corpus's own reissues with a word changed sit above 0.75; a rewritten follow-up, such as talks
# announced and then reported failed, at about 0.6) ...
JACCARD = 0.7
# ... or when the copy is at least this much contained in the original (a copy cut short), provided the Jaccard
# estimate is not tiny. Containment counts one way only: a longer text that holds a stored shorter one adds to
# it, and is not a copy of it.
CONTAINMENT, CONTAINMENT_JACCARD = 0.9, 0.3

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20260415)  # fixed: the permutations are part of the stored format
_A = _rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_BAND_MULT = _rng.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)


@dataclass(frozen=True)
class Signature:
    """An article's MinHash signature (``PERMUTATIONS`` 32-bit values) and the size of its shingle set."""

    values: np.ndarray  # uint64 holding 32-bit values
    n_shingles: int

    def bands(self) -> list[int]:
        """One signed 64-bit key per LSH band (``band_keys``)."""
        return [int(k) for k in band_keys(self.values[None, :])[0]]


def band_keys(matrix: np.ndarray) -> np.ndarray:
    """The LSH band keys (n, ``BANDS``) as signed 64-bit integers of an (n, ``PERMUTATIONS``) signature matrix;
    the band's number is mixed in, so keys of two bands never meet."""
    rows = matrix.reshape(matrix.shape[0], BANDS, ROWS)
    with np.errstate(over="ignore"):  # multiply-and-wrap hashing wraps around on purpose
        mixed = (rows * _BAND_MULT).sum(axis=2) + np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return mixed.view(np.int64)


def words(text: str) -> list[str]:
    """The text's words, lower-cased, punctuation and line breaks dropped (an edit of layout changes nothing)."""
    return _WORD.findall(text.lower())


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct hashes of the text's shingles: runs of ``SHINGLE`` words inside one paragraph (a line), so
    that paragraphs put in another order give the same set; a shorter paragraph is one shingle."""
    out = [_paragraph_shingles(ws) for line in text.splitlines() if (ws := words(line))]
    if not out:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(out))


def _paragraph_shingles(ws: list[str]) -> np.ndarray:
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in ws), dtype=np.uint64, count=len(ws))
    k = min(SHINGLE, len(ws))
    n = len(ws) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):  # a polynomial over the shingle's word hashes, position-sensitive
            acc = acc * np.uint64(1_000_003) + h[i : i + n]
    return acc & _MASK32


def signature(text: str) -> Signature | None:
    """The MinHash signature of the text, or None when it has no word."""
    shingles = shingle_hashes(text)
    if shingles.size == 0:
        return None
    with np.errstate(over="ignore"):
        # one universal hash per permutation: (a * x + b) mod 2^64, its top 32 bits
        hashed = (np.outer(shingles, _A) + _B) >> np.uint64(32)
    return Signature(hashed.min(axis=0), int(shingles.size))


def from_stored(values: list[int], n_shingles: int) -> Signature:
    """A signature read back from the store."""
    return Signature(np.asarray(values, dtype=np.uint64), int(n_shingles))


def jaccard(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of the two shingle sets (the share of equal signature values)."""
    return float(np.mean(a.values == b.values))


def near_duplicate(original: str, copy: str) -> float | None:
    """The Jaccard similarity of the two texts' shingle sets when ``copy`` is a near-duplicate of ``original``
    (``MIN_SHINGLES``, ``JACCARD``, ``CONTAINMENT``), else None. Exact, on the shingles themselves: the
    signatures only find the candidates."""
    a, b = shingle_hashes(original), shingle_hashes(copy)
    if min(a.size, b.size) < MIN_SHINGLES:
        return None
    common = np.intersect1d(a, b, assume_unique=True).size
    j = common / (a.size + b.size - common)
    if j >= JACCARD or (j >= CONTAINMENT_JACCARD and common / b.size >= CONTAINMENT):
        return round(j, 4)
    return None
