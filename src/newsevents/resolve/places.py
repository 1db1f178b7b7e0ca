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
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsevents.knowledge.gazetteer import NAME_ALT, NAME_WEAK, Entry, Gazetteer, fold, load_gazetteer
from newsevents.knowledge.resources import lexicon_path, read_tsv, word_set
from newsevents.mentions.places import Mention, find_mentions, is_word
from newsevents.models import Article, Place
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import lemma_of
from newsevents.resolve.place_bodies import jurisdiction_place, occasion_place
from newsevents.resolve.toponyms import drop_homonyms

EVENT_PREPS = word_set("place_event_preps")  # "in Leeds": where an event happened
HOMONYM_TITLES = word_set("place_homonym_titles")  # "Lord Falconer": a person, not a town
ENTRY_VERBS = word_set("place_entry_verbs")  # "the militia entered Goma": the object is where
SITE_NOUNS = word_set("place_site_nouns")  # "in their Paris home": a site modified by the toponym
# "investigated by Congress": (words of the institution) -> (seat, country), for acts of national institutions
INSTITUTION_SEATS = {tuple(r.cols[0].split()): (r.cols[1], r.cols[2])
                     for r in read_tsv(lexicon_path("place_institution_seats"), columns=3)}
INSTITUTION_BODIES = word_set("place_institution_bodies")  # "a Senate hearing": where the Senate sits
FOREIGN_CITY_POPULATION = 1_000_000  # a city this large is itself, even where its country goes unnamed
DATELINE_SENTENCES = 3  # a dateline opens one of the article's first sentences (the title may come first)
MAIN_LOCATION_MENTIONS = 2  # the article's main location is named where things happen at least this often

# Feature priors: a bare name in news most often means the larger unit.
_FEATURE_PRIOR = {"country": 4.0, "other": 3.5, "admin1": 3.0, "admin2": 0.5, "city": 0.0}
_POP_WEIGHT = 1.0
_KIND_PENALTY = {0: 0.0, NAME_ALT: 0.7, NAME_WEAK: 2.5}
_LOCAL_ALT_PENALTY = 1.3
_CAPITAL_BONUS = 2.0
_COUNTRY_CONTEXT = 1.5
_ADMIN1_CONTEXT = 3.0
_NEIGHBOUR_BONUS = 4.0  # "Alexandria, Va.": the place named right after contains the candidate
_HINT_BONUS = 3.0
# Scores under these, without context support, are too weak to name a place; a name found only by its
# capital letters ("weak") always needs the support of the article's other places.
_ABSTAIN_BELOW = {
    "demonym": 0.0, "ner": 1.5, "dateline": 1.5, "mislabel": 2.3, "nested": 2.3, "token": 2.3, "weak": 99.0,
}
_SOURCE_RANK = ["demonym", "ner", "dateline", "mislabel", "nested", "token", "weak"]
_CONFIDENT_BELOW = 2.3
_NEAR_KM = 150.0  # a candidate this close to a place the article names for sure gains _NEAR_BONUS
_NEAR_BONUS = 2.0
_CONFIDENT_MARGIN = 1.0  # a result this far ahead of its runner-up is context for the other names
_CONTEXT_PASSES = 2
_CELL_DEG = 0.5  # map cells for readings shared by two names (neighbouring cells count: about 50-100 km)
_PAIR_BONUS = 1.5
_MAX_CANDIDATES_FOR_PAIRS = 40  # "Springfield" has a reading everywhere: it says nothing about the map
_VOTE_WEIGHT = 1.5  # per expected other name inside the candidate's first-level division (capped at 2)

def _prior(e: Entry, kind: int) -> float:
    s = _FEATURE_PRIOR[e.feature] + _POP_WEIGHT * math.log10(max(e.population, 1)) - _KIND_PENALTY[kind]
    if kind == NAME_ALT and e.feature in ("city", "admin2"):
        s -= _LOCAL_ALT_PENALTY  # a town's alternate names include old and neighbouring names ("California")
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


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Context:
    """What the article's other names say: countries, first-level divisions, and points on the map."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    votes: dict[int, float] = field(default_factory=dict)  # admin1 row -> how likely the other names lie in it


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / _CELL_DEG)), int(math.floor(lon / _CELL_DEG))


class _Ranker:
    def __init__(self, gaz: Gazetteer, mentions: list[Mention]) -> None:
        self.gaz = gaz
        self.mentions = mentions
        self.candidates: list[list[tuple[Entry, int]]] = [self._candidates(m) for m in mentions]
        # Which names could lie in each map cell: "Paris" and "Henry County" both have a reading in the
        # same corner of Tennessee, and that shared reading is likely the article's.
        self.group = [fold(m.query) for m in mentions]
        self.cells: dict[tuple[int, int], set[str]] = {}
        self._near: dict[tuple[str, int, int], int] = {}
        self._bases: dict[tuple[int, int, int], float] = {}
        self._km: dict[tuple, float] = {}
        for i, cands in enumerate(self.candidates):
            if len(cands) > _MAX_CANDIDATES_FOR_PAIRS:
                continue
            for e, k in cands:
                if e.feature in ("city", "admin2") and k == 0 and e.lat is not None and e.lon is not None:
                    self.cells.setdefault(_cell(e.lat, e.lon), set()).add(self.group[i])

    def neighbours(self, i: int, e: Entry) -> int:
        """How many other names of the article have a reading in the map cells around ``e``."""
        if e.lat is None or e.lon is None or not self.cells:
            return 0
        cy, cx = _cell(e.lat, e.lon)
        key = (self.group[i], cy, cx)  # every context pass asks again: the cells do not change
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = self._count_near(i, cy, cx)
        return found

    def _count_near(self, i: int, cy: int, cx: int) -> int:
        near: set[str] = set()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near |= self.cells.get((cy + dy, cx + dx), set())
        near.discard(self.group[i])
        return len(near)

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

    def _base(self, i: int, e: Entry, kind: int) -> float:
        """The part of a candidate's score that no context changes: prior, same-named division, hint."""
        m = self.mentions[i]
        s = _prior(e, kind)
        if e.feature == "city":
            for other, other_kind in self.candidates[i]:
                if other.feature != "admin1" or other.country_code != e.country_code:
                    continue
                # A city that is most of its same-named division ("Kabul", "Dushanbe"), or the national
                # capital named like a division elsewhere ("Washington"), is what a bare name means.
                if (other.row == e.parent and e.population >= 0.6 * max(other.population, 1)) or (
                    e.capital and kind == 0 and e.population >= 100_000
                ):
                    s = max(s, _prior(other, other_kind) + 0.5)
        if m.hint == "admin" and e.feature in ("admin1", "admin2"):
            s += _HINT_BONUS
        elif m.hint == "city" and e.feature == "city":
            s += _HINT_BONUS
        return s

    def _distance(self, e: Entry, anchors: list[tuple[float, float]]) -> float:
        """``min`` of ``_km`` from ``e`` to the anchors, each pair computed once per article: the context
        passes ask again for nearly the same anchors."""
        km = self._km
        lat, lon = e.lat, e.lon
        best = None
        for anchor in anchors:
            key = (lat, lon, anchor)
            d = km.get(key)
            if d is None:
                d = km[key] = _km(lat, lon, *anchor)  # type: ignore[arg-type]
            if best is None or d < best:
                best = d
        return best  # type: ignore[return-value]

    def score(self, i: int, e: Entry, kind: int, ctx: _Context) -> tuple[float, bool]:
        """A candidate's score and whether the article's context supports it."""
        m = self.mentions[i]
        # every pass scores each candidate again: the context-free part is computed once
        key = (i, id(e), kind)
        s = self._bases.get(key)
        if s is None:
            s = self._bases[key] = self._base(i, e, kind)
        supported = False
        if e.feature != "country" and e.country_code and ctx.countries.get(e.country_code, 0) > 0:
            s += _COUNTRY_CONTEXT
            supported = True
        if e.feature in ("city", "admin2") and e.parent >= 0 and ctx.admin1s.get(e.parent, 0) > 0:
            s += _ADMIN1_CONTEXT
            supported = True
        if e.feature in ("city", "admin2"):
            s += _PAIR_BONUS * min(self.neighbours(i, e), 2)
        if e.feature in ("city", "admin2") and e.parent >= 0 and ctx.votes:
            s += _VOTE_WEIGHT * min(ctx.votes.get(e.parent, 0.0), 2.0)
        if e.feature in ("city", "admin2") and e.lat is not None and ctx.anchors:
            d = self._distance(e, ctx.anchors)
            if d < _NEAR_KM:
                s += _NEAR_BONUS
                supported = True
            elif d < 3 * _NEAR_KM:
                s += _NEAR_BONUS / 2
        if m.next_to is not None:
            for outer, _ in self.candidates[m.next_to]:
                if _contains(self.gaz, outer, e):
                    s += _NEIGHBOUR_BONUS
                    supported = True
                    break
        return s, supported

    def admin1_votes(self, idx: list[int]) -> Counter:
        """How likely a name lies in each first-level division: its candidates' softmax over their priors."""
        cands = {e.row: (e, k) for i in idx for e, k in self.candidates[i]}
        if not cands:
            return Counter()
        priors = {r: _prior(e, k) for r, (e, k) in cands.items()}
        top = max(priors.values())
        weights = {r: math.exp(p - top) for r, p in priors.items()}
        total = sum(weights.values())
        votes: Counter = Counter()
        for r, w in weights.items():
            e = cands[r][0]
            a = e.row if e.feature == "admin1" else e.parent if e.feature in ("city", "admin2") else -1
            if a >= 0:
                votes[a] += w / total  # type: ignore[assignment]  # typeshed's Counter holds ints; these are weights
        return votes

    def best(self, i: int, ctx: _Context) -> tuple[Entry | None, float, bool, float]:
        """The best candidate, its score, whether context supports it, and the runner-up's score."""
        scored = sorted(
            ((*self.score(i, e, k, ctx), e) for e, k in self.candidates[i]),
            key=lambda x: (-x[0], x[2].row),
        )
        if not scored:
            return None, 0.0, False, 0.0
        s, sup, e = scored[0]
        runner = scored[1][0] if len(scored) > 1 else 0.0
        return e, s, sup, runner


def _context(
    results: dict[tuple, tuple[Entry | None, float, float]], groups: dict, skip: tuple, votes: dict[tuple, Counter]
) -> _Context:
    """Context from the confident results of every name but ``skip``."""
    ctx = _Context()
    for key, v in votes.items():
        if key != skip:
            for a, w in v.items():
                ctx.votes[a] = ctx.votes.get(a, 0.0) + w
    for key, (e, s, runner) in results.items():
        if key == skip or e is None or s < _CONFIDENT_BELOW or s - runner < _CONFIDENT_MARGIN:
            continue
        n = len(groups[key])
        if e.country_code:
            ctx.countries[e.country_code] += n
        if e.feature == "admin1":
            ctx.admin1s[e.row] += n
        elif e.parent >= 0 and e.feature in ("city", "admin2"):
            ctx.admin1s[e.parent] += n
            if e.lat is not None and e.lon is not None:
                ctx.anchors.append((e.lat, e.lon))
    return ctx


def resolve_mentions(gaz: Gazetteer, mentions: list[Mention]) -> list[Place | None]:
    """One resolved Place (or None: no candidate, or too unsure) per mention, in the same order."""
    ranker = _Ranker(gaz, mentions)
    groups: dict[tuple[str, str | None, str | None], list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault((fold(m.query), m.hint, m.country), []).append(i)

    # Pass 1 ranks without context; each later pass ranks every name again with the context that the
    # other names' confident results of the previous pass give.
    results: dict[tuple, tuple[Entry | None, float, float]] = {}
    support: dict[tuple, bool] = {}
    votes = {key: ranker.admin1_votes(idx) for key, idx in groups.items()}
    empty = _Context()
    for key, idx in groups.items():
        e, s, sup, runner = max((ranker.best(i, empty) for i in idx), key=lambda r: r[1])
        results[key], support[key] = (e, s, runner), sup
    for _ in range(_CONTEXT_PASSES):
        new: dict[tuple, tuple[Entry | None, float, float]] = {}
        for key, idx in groups.items():
            ctx = _context(results, groups, key, votes)
            e, s, sup, runner = max((ranker.best(i, ctx) for i in idx), key=lambda r: r[1])
            new[key], support[key] = (e, s, runner), sup
        results = new

    out: list[Place | None] = [None] * len(mentions)
    for key, idx in groups.items():
        e, s, _ = results[key]
        sources = {mentions[i].source for i in idx}
        if e is None or (not support[key] and s < _ABSTAIN_BELOW.get(min(sources, key=_SOURCE_RANK.index), 9)):
            continue
        for i in idx:
            m = mentions[i]
            out[i] = e.to_place(m.text, m.start, m.end)
    return out


@dataclass
class ArticlePlaces:
    places: list[Place] = field(default_factory=list)
    _homonyms: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)  # start -> homonym?
    _country: list[str | None] = field(default_factory=list, repr=False, compare=False)  # the main country, once

    def in_range(self, start: int, end: int) -> Place | None:
        """The first resolved place mention inside the character range, if any."""
        for p in self.places:
            if p.geonameid is not None and start <= p.start and p.end <= end:
                return p
        return None

    def dominant(self) -> Place | None:
        """The article's most salient resolved place: most mentions, earlier first mention, finer feature."""
        counts: Counter[int] = Counter()
        first: dict[int, Place] = {}
        for p in self.places:
            if p.geonameid is None:
                continue
            counts[p.geonameid] += 1
            first.setdefault(p.geonameid, p)
        if not counts:
            return None
        rank = {"city": 0, "admin2": 1, "admin1": 2, "other": 3, "country": 4}

        def key(gid: int) -> tuple[int, int, int]:
            p = first[gid]
            return (-counts[gid], rank.get(p.feature, 3), p.start)

        return first[min(counts, key=key)]


    def event_place(self, head: Token, clause: tuple[int, int]) -> Place | None:
        """Where the event headed by ``head`` happened (docs/places-and-dates.md): a place named after a
        locative preposition in its own clause (``how`` "clause"), else in its sentence ("sentence"), else where the
        article puts the occasion of its clause ("occasion"), the acting country, an institution's seat, the place
        of a jurisdiction body among its arguments ("jurisdiction"), the dateline, else the article's main location
        ("main location"); None rather than a guess. Homonyms of the article's
        people and organisations and common-word towns are never the event's place."""
        doc = head.doc
        sent = doc_arrays(doc).sent_of(head.i)
        for (a, b), how in ((clause, "clause"), ((sent.start_char, sent.end_char), "sentence")):
            for p in self.places:
                if p.geonameid is not None and a <= p.start and p.end <= b and self._where(doc, p, head):
                    return replace(p, how=how)
        occasion = occasion_place(self.places, head, clause, lambda p: self._where(doc, p, None))
        if occasion is not None:
            return replace(occasion, how="occasion")
        actor = self.acting_country(head)
        if actor is not None:
            return replace(actor, how="acting country")
        seat = self.institution_seat(head, sent)
        if seat is not None:
            return replace(seat, how="institution")
        # a one-word town that is a verb or adjective first names no body ("the Bar Council")
        body = jurisdiction_place(self.places, head, sent, lambda p: not self._foreign_homonym(p) and not (
            p.feature in ("city", "admin2") and " " not in p.text and is_word(p.text, nouns=False)))
        if body is not None:
            return replace(body, how="jurisdiction")
        dateline = self.dateline(doc)
        if dateline is not None:
            return replace(dateline, how="dateline")
        main = self.main_location(doc)
        return replace(main, how="main location") if main is not None else None

    def acting_country(self, head: Token) -> Place | None:
        """A national act: the event's subject is the article's main country itself ("China has resisted
        pressure"), which is then the place; else None."""
        home = self.main_country()
        if home is None:
            return None
        for p in self.places:
            if p.feature == "country" and p.country_code == home:
                span = head.doc.char_span(p.start, p.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.i == head.i:
                    return p
        return None

    def institution_seat(self, head: Token, sent: Span) -> Place | None:
        """The seat of a national institution of the article's country that is an argument of the event ("was
        investigated by Congress", "testified before a Senate panel"), else None."""
        home = self.main_country()
        if home is None:
            return None
        doc = head.doc
        for i in range(sent.start, sent.end):
            for words, (seat, country) in INSTITUTION_SEATS.items():
                j = i + len(words)
                if country != home or j > sent.end or tuple(t.lower_ for t in doc[i:j]) != words:
                    continue
                before = doc[i - 1] if i > 0 else None
                if before is not None and (before.lower_ == "state" or before.ent_type_ in ("GPE", "LOC") or any(
                    p.start <= before.idx < p.end for p in self.places
                )):
                    continue  # "the Florida Senate", "the state Senate": not the national one
                if _argument_of(doc[j - 1], head):
                    entry = _seat_entry(seat, country)
                    if entry is not None:
                        return entry.to_place(doc[i:j].text, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
        return None

    def dateline(self, doc: Doc) -> Place | None:
        """The place of the article's dateline ("WASHINGTON, June 10 (UPI) -"): a resolved name in capitals
        opening one of its first ``DATELINE_SENTENCES`` sentences, followed by a comma or a dash."""
        sents = doc_arrays(doc).sents[:DATELINE_SENTENCES]
        starts = {s.start_char for s in sents}
        end = sents[-1].end_char if sents else 0
        for p in self.places:
            if p.start > end:
                break
            if p.geonameid is None or p.start not in starts or not p.text.isupper():
                continue
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and span.end < len(doc) and doc[span.end].text in _DATELINE_MARKS:
                return p
        return None

    def main_location(self, doc: Doc) -> Place | None:
        """The place the article's events happen in: a division, town or site (a country says what the story
        is about, not where its acts happen) named after a locative preposition at least
        ``MAIN_LOCATION_MENTIONS`` times and more often than any other, else None."""
        counts: Counter[int] = Counter()
        first: dict[int, Place] = {}
        for p in self.places:
            if p.geonameid is not None and p.feature != "country" and self._where(doc, p, None):
                counts[p.geonameid] += 1
                first.setdefault(p.geonameid, p)
        ranked = counts.most_common(2) + [(0, 0), (0, 0)]
        (top, n), (_, second) = ranked[0], ranked[1]
        return first[top] if n >= MAIN_LOCATION_MENTIONS and n > second else None

    def _where(self, doc: Doc, p: Place, head: Token | None) -> bool:
        """Whether a place mention says where something happened: the object of a locative preposition, no
        homonym, and (given the event's head) not inside a relative or participle clause of another noun
        ("Cruz, who was born in Cuba, ...")."""
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        homonym = self._homonyms.get(p.start)
        if homonym is None:
            homonym = self._homonyms[p.start] = _homonym(doc, span, p) or self._foreign_homonym(p)
        return not homonym and _located(span, head, site=head is not None)

    def main_country(self) -> str | None:
        """The country the article's countries and first-level divisions name most (each mention counts; more
        than any other country), else None. Towns do not count: they are the homonyms this decides between."""
        if not self._country:
            counts = Counter(p.country_code for p in self.places
                             if p.geonameid is not None and p.country_code and p.feature in ("country", "admin1"))
            ranked = counts.most_common(2) + [("", 0), ("", 0)]
            (top, n), (_, second) = ranked[0], ranked[1]
            self._country.append(top if n > second else None)
        return self._country[0]

    def _foreign_homonym(self, p: Place) -> bool:
        """A town resolved abroad, in an article about another country that names neither the town's country
        nor a division of it ("Westminster" as the Colorado city, "West Yorkshire" as Yorkshire, New York, in a
        British story): too unsure to be the event's place. A national capital or a city of a million stays."""
        home = self.main_country()
        if home is None or p.country_code == home or p.feature not in ("city", "admin2"):
            return False
        if any(q.country_code == p.country_code for q in self.places if q.feature in ("country", "admin1")):
            return False
        entry = next((e for e, _ in load_gazetteer().lookup(p.name) if e.geonameid == p.geonameid), None)
        return entry is None or not (entry.capital or entry.population >= FOREIGN_CITY_POPULATION)


_DATELINE_MARKS = frozenset({",", "-", "--", "\u2014", "\u2013", "(", ":"})


def _argument_of(tok: Token, head: Token) -> bool:
    """Whether ``tok`` (or the sitting or body of it that it modifies: "a Senate hearing", not "his Senate
    campaign") is the subject or object of ``head``, or the object of a preposition on it ("investigated by
    Congress", "appeared before the Commons")."""
    if tok.dep_ == "compound":
        if lemma_of(tok.head) not in INSTITUTION_BODIES:
            return False
        tok = tok.head
    if tok.dep_ == "pobj":
        tok = tok.head
    return tok.head.i == head.i and tok.i != head.i


def _seat_entry(name: str, country: str) -> Entry | None:
    """The gazetteer entry of an institution's seat: the town of that name in that country, its capital first."""
    towns = [e for e, _ in load_gazetteer().lookup(name) if e.country_code == country and e.feature == "city"]
    return max(towns, key=lambda e: (e.capital, e.population)) if towns else None


def _located(span: Span, head: Token | None, site: bool = True) -> bool:
    """The place is the object of a locative preposition (itself or as the modifier of a site: "in their Paris
    home"), not under another noun's clause than ``head``'s nor inside another argument's prepositional phrase
    ("loans to his campaign in Texas"), or the direct object of an entry verb that heads the event ("entered
    Kabul"). ``site``: whether the modifier of a site counts (for the event's own sentence only: a main location
    is named itself)."""
    tok = span.root
    if head is not None and tok.dep_ == "dobj" and tok.head.i == head.i and lemma_of(head) in ENTRY_VERBS:
        return True
    if site and tok.dep_ == "compound" and tok.head.dep_ == "pobj" and lemma_of(tok.head) in SITE_NOUNS:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in EVENT_PREPS:
        return False
    if head is None:
        return True
    t = tok.head
    while t.head.i != t.i and t.i != head.i:  # up to the event's head or the root (Tokens compare by index)
        if t.dep_ in ("relcl", "acl") and not t.left_edge.i <= head.i <= t.right_edge.i:
            return False
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ not in EVENT_PREPS:
            return False  # "criticism for loans to his campaign in Texas": the campaign's place
        t = t.head
    return True


def _homonym(doc: Doc, span: Span, p: Place) -> bool:
    """A place name that is something else in this article: a word of a person's or an organisation's name
    ("Lord Falconer", "Bar Council", "Sanders" where "Bernie Sanders" is named), a name after a title, or a
    town named like a common word ("Secretary", "Rugby", "Energy")."""
    start, end = span.start, span.end
    for ent in doc_arrays(doc).ents:
        if ent.label_ in ("PERSON", "ORG") and ent.start <= start and end <= ent.end and (ent.start, ent.end) != (
            start, end
        ):
            return True
    if start > 0 and doc[start - 1].lower_.rstrip(".") in HOMONYM_TITLES:
        return True
    if end - start == 1 and p.feature not in ("country", "admin1"):
        text = span.text
        if fold(text) in _person_words(doc):
            return True  # a surname of the article
        if span.root.ent_type_ in ("GPE", "LOC", "FAC"):
            return False  # the tagger read a place here: "in Nice", "in Bath"
        if is_word(text, nouns=False):
            return True  # a verb or adjective first ("Bar", "Mobile")
        # A noun that is also a town ("Rugby", "Secretary"): a common word where the article uses it as one.
        # WordNet lists many towns as nouns ("Leeds"), so a noun alone is no evidence.
        low = text.lower()
        if is_word(text) and any(t.text == low for t in doc):
            return True
    return False


def _person_words(doc: Doc) -> set[str]:
    """The words of the article's multi-word person names after the first (surnames, middle names)."""
    return {fold(t.text) for e in doc_arrays(doc).ents if e.label_ == "PERSON" and len(e) > 1 for t in e[1:]}


def find_places(doc: Doc, article: Article) -> ArticlePlaces:
    """Every toponym of the article resolved to a GeoNames place; unresolvable mentions are left out."""
    gaz = load_gazetteer()
    mentions = drop_homonyms(doc, find_mentions(doc, gaz), gaz)
    resolved = resolve_mentions(gaz, mentions)
    return ArticlePlaces(places=[p for p in resolved if p is not None])
