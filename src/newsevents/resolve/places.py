"""Toponym mentions resolved to GeoNames places: candidates ranked by feature, population and article context.

Two passes over an article's mentions. The first ranks each distinct name without context and keeps the
confident results (countries, divisions, cities whose name is theirs alone) as the article's context. The
second ranks again with that context: a candidate inside a country or first-level division the article
names elsewhere gains, so "Gainesville" next to "Florida" is Gainesville, FL. A name keeps one sense in
an article. A mention whose best candidate is weak and unsupported is left unresolved (abstention).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from newsevents.models import Place
from newsevents.resolve.gazetteer import NAME_ALT, NAME_WEAK, Entry, Gazetteer, fold

# Feature priors: a bare name in news most often means the larger unit.
_FEATURE_PRIOR = {"country": 4.0, "other": 3.5, "admin1": 3.0, "admin2": 0.5, "city": 0.0}
_POP_WEIGHT = 0.6
_KIND_PENALTY = {0: 0.0, NAME_ALT: 0.7, NAME_WEAK: 2.5}
_CAPITAL_BONUS = 2.0
_COUNTRY_CONTEXT = 1.5
_ADMIN1_CONTEXT = 3.0
_NEIGHBOUR_BONUS = 4.0  # "Alexandria, Va.": the place named right after contains the candidate
_HINT_BONUS = 3.0
_ABSTAIN_BELOW = 2.3  # scores under this, without context support, are too weak to name a place

ADMIN_HINTS = frozenset(
    "province provinces county parish state region district governorate oblast prefecture department "
    "municipality valley".split()
)
CITY_HINTS = frozenset(["city", "town", "village"])


@dataclass
class Mention:
    """A toponym found in the text, before resolution."""

    text: str
    start: int
    end: int
    query: str  # the name to look up (suffix such as "province" removed)
    source: str  # ner | demonym | nested | mislabel | token
    hint: str | None = None  # admin | city: the word next to the name says which kind of place
    country: str | None = None  # ISO alpha-2 when the mention is a demonym
    next_to: int | None = None  # index of a mention right after ", " ("Alexandria, Va.")


def _prior(e: Entry, kind: int) -> float:
    s = _FEATURE_PRIOR[e.feature] + _POP_WEIGHT * math.log10(max(e.population, 1)) - _KIND_PENALTY[kind]
    if e.capital:
        s += _CAPITAL_BONUS
    return s


def _contains(gaz: Gazetteer, outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` lies inside ``outer`` (a country or a first-level division)."""
    if outer.feature == "country":
        return inner.country_code == outer.country_code and inner.row != outer.row
    if outer.feature == "admin1":
        return inner.parent == outer.row
    return False


class _Ranker:
    def __init__(self, gaz: Gazetteer, mentions: list[Mention]) -> None:
        self.gaz = gaz
        self.mentions = mentions
        self.candidates: list[list[tuple[Entry, int]]] = [self._candidates(m) for m in mentions]

    def _candidates(self, m: Mention) -> list[tuple[Entry, int]]:
        if m.country:
            e = self.gaz.country(m.country)
            return [(e, 0)] if e else []
        found = self.gaz.lookup(m.query)
        letters = m.query.replace(".", "")
        if letters.isupper() and len(letters) <= 4 and m.source != "dateline":
            # an acronym ("UN", "EU", "NSW") names a country or a division, never a village called "Un"
            found = [(e, k) for e, k in found if e.feature in ("country", "admin1")]
        return found

    def score(self, i: int, e: Entry, kind: int, countries: Counter, admin1s: Counter) -> tuple[float, bool]:
        """A candidate's score and whether the article's context supports it."""
        m = self.mentions[i]
        s = _prior(e, kind)
        # A city that is most of its same-named division ("Kabul", "Dushanbe") is what a bare name means.
        if e.feature == "city" and e.parent >= 0:
            for other, other_kind in self.candidates[i]:
                if other.row == e.parent and e.population >= 0.6 * max(other.population, 1):
                    s = max(s, _prior(other, other_kind) + 0.5)
        if m.hint == "admin" and e.feature in ("admin1", "admin2"):
            s += _HINT_BONUS
        elif m.hint == "city" and e.feature == "city":
            s += _HINT_BONUS
        supported = False
        if e.feature != "country" and e.country_code and countries.get(e.country_code, 0) > 0:
            s += _COUNTRY_CONTEXT
            supported = True
        if e.feature in ("city", "admin2") and e.parent >= 0 and admin1s.get(e.parent, 0) > 0:
            s += _ADMIN1_CONTEXT
            supported = True
        if m.next_to is not None:
            for outer, _ in self.candidates[m.next_to]:
                if _contains(self.gaz, outer, e):
                    s += _NEIGHBOUR_BONUS
                    supported = True
                    break
        return s, supported

    def best(self, i: int, countries: Counter, admin1s: Counter) -> tuple[Entry | None, float, bool, float]:
        """The best candidate, its score, whether context supports it, and the runner-up's score."""
        scored = sorted(
            ((*self.score(i, e, k, countries, admin1s), e) for e, k in self.candidates[i]),
            key=lambda x: (-x[0], x[2].row),
        )
        if not scored:
            return None, 0.0, False, 0.0
        s, sup, e = scored[0]
        runner = scored[1][0] if len(scored) > 1 else 0.0
        return e, s, sup, runner


def resolve_mentions(gaz: Gazetteer, mentions: list[Mention]) -> list[Place | None]:
    """One resolved Place (or None: no candidate, or too unsure) per mention, in the same order."""
    ranker = _Ranker(gaz, mentions)
    groups: dict[tuple[str, str | None, str | None], list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault((fold(m.query), m.hint, m.country), []).append(i)

    # Pass 1: context-free ranking; confident results become the article's context.
    empty: Counter = Counter()
    first: dict[tuple, tuple[Entry | None, float, float]] = {}
    for key, idx in groups.items():
        e, s, _, runner = max((ranker.best(i, empty, empty) for i in idx), key=lambda r: r[1])
        first[key] = (e, s, runner)
    contrib: dict[tuple, tuple[Counter, Counter]] = {}
    for key, (e, s, runner) in first.items():
        c_cnt: Counter = Counter()
        a_cnt: Counter = Counter()
        if e is not None and s - runner >= 1.0 and s >= _ABSTAIN_BELOW:
            n = len(groups[key])
            if e.country_code:
                c_cnt[e.country_code] += n
            if e.feature == "admin1":
                a_cnt[e.row] += n
            elif e.parent >= 0 and e.feature in ("city", "admin2"):
                a_cnt[e.parent] += n
        contrib[key] = (c_cnt, a_cnt)
    all_c: Counter = sum((c for c, _ in contrib.values()), Counter())
    all_a: Counter = sum((a for _, a in contrib.values()), Counter())

    # Pass 2: rank again with the context the other names give.
    out: list[Place | None] = [None] * len(mentions)
    for key, idx in groups.items():
        own_c, own_a = contrib[key]
        countries, admin1s = all_c - own_c, all_a - own_a
        e, s, sup, _ = max((ranker.best(i, countries, admin1s) for i in idx), key=lambda r: r[1])
        if e is None or (s < _ABSTAIN_BELOW and not sup):
            continue
        for i in idx:
            m = mentions[i]
            out[i] = e.to_place(m.text, m.start, m.end)
    return out
