"""What a reader may ask of the store: one validated filter object per kind of row, each giving one SQL condition.

``queries.py`` builds every read from these; the CLI, the REST API and the exports parse user values with
them, so a filter means the same wherever it is given. Every value goes to DuckDB as a bound parameter; only
whitelisted column names are ever spliced into SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from newsevents.knowledge.countries import alpha2_of, alpha3_of
from newsevents.knowledge.ontology import load_ontology
from newsevents.models import AUX_MODES


class FilterError(ValueError):
    """A filter value the user gave that cannot be used; the message says which and why."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"{param}: {message}")


# Sort keys the user may ask for -> SQL expression; "-key" sorts descending. ``id`` breaks ties.
SORT_KEYS: dict[str, str] = {
    "date": "e.date",
    "goldstein": "e.goldstein",
    "confidence": "e.confidence",
    "event": "e.event",
    "quad_code": "e.quad_code",
    "id": "e.id",
}


def _split(values: list[str] | str | None) -> list[str]:
    """Accept repeated params and comma-separated lists alike; drop empties."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in str(v).split(",") if p.strip())
    return out


def parse_date(param: str, value: str | None) -> dt.date | None:
    """YYYY-MM-DD or None; anything else is a FilterError naming the parameter."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(param, f"{value!r} is not a date in YYYY-MM-DD form") from None


def parse_bbox(value: str | None, ordered: bool = True) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees; checks ranges and, when ``ordered`` (the CLI), order. The
    REST API passes ``ordered=False``: a min_lon above max_lon crosses the antimeridian, a min_lat above
    max_lat matches nothing."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise FilterError("bbox", "give four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise FilterError("bbox", f"{value!r} holds a value that is not a number") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise FilterError("bbox", "longitudes must lie in -180..180 and latitudes in -90..90")
    if ordered and (s > n or w > e):
        raise FilterError("bbox", "min_lon must not exceed max_lon, nor min_lat max_lat")
    return w, s, e, n


@dataclass
class EventFilter:
    """What a user can ask of the events table. Build it with :meth:`parse` to get validation."""

    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    actor: str | None = None  # substring of an actor or recipient name, or an exact code
    country: str | None = None  # ISO alpha-3 or alpha-2: actor, recipient or place country
    start: dt.date | None = None
    end: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    aux: list[str] = field(default_factory=list)  # "none" = events without any aux flag
    q: str | None = None  # free text over trigger, actors, place, attribution
    said_by: str | None = None  # part of the canonical name of the speaker who reported the event
    doc_id: str | None = None
    min_confidence: float | None = None
    # Events of near-duplicate articles (docs/clusters.md) are left out unless asked for: they repeat their
    # original's events and would count them twice.
    duplicates: bool = False

    @classmethod
    def parse(
        cls,
        type: list[str] | str | None = None,  # noqa: A002 - the PLOVER field is called "event type"
        mode: list[str] | str | None = None,
        quad: list[str] | str | None = None,
        actor: str | None = None,
        country: str | None = None,
        start: str | None = None,
        end: str | None = None,
        bbox: str | None = None,
        aux: list[str] | str | None = None,
        q: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        said_by: str | None = None,
        duplicates: bool = False,
    ) -> EventFilter:
        """Validate raw user values (query string or CLI options) into a filter."""
        types = [t.upper() for t in _split(type)]
        known = tuple(load_ontology().types)
        bad = [t for t in types if t not in known]
        if bad:
            raise FilterError("type", f"unknown PLOVER type(s) {', '.join(bad)}; use one of {', '.join(known)}")
        quads: list[int] = []
        for v in _split(quad):
            if v not in {"1", "2", "3", "4"}:
                raise FilterError("quad", f"{v!r} is not a quad class; use 1, 2, 3 or 4")
            quads.append(int(v))
        auxes = [a.lower() for a in _split(aux)]
        bad = [a for a in auxes if a not in (*AUX_MODES, "none")]
        if bad:
            raise FilterError("aux", f"unknown aux flag(s) {', '.join(bad)}; use {', '.join(AUX_MODES)} or none")
        if country:
            country = country.strip().upper()
            if len(country) not in (2, 3) or not country.isalpha():
                raise FilterError("country", f"{country!r} is not an ISO 3166-1 alpha-2 or alpha-3 code")
        if min_confidence is not None and not 0 <= min_confidence <= 1:
            raise FilterError("min_confidence", "must lie in 0..1")
        f = cls(
            types=types,
            modes=[m.lower() for m in _split(mode)],
            quad=quads,
            actor=(actor or "").strip() or None,
            country=country or None,
            start=parse_date("start", start),
            end=parse_date("end", end),
            bbox=parse_bbox(bbox),
            aux=auxes,
            q=(q or "").strip() or None,
            said_by=(said_by or "").strip() or None,
            doc_id=(doc_id or "").strip() or None,
            min_confidence=min_confidence,
            duplicates=duplicates,
        )
        if f.start and f.end and f.start > f.end:
            raise FilterError("start", "start date is after end date")
        return f

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL condition over the events table (aliased ``alias``) and its parameters."""
        a = alias
        conds: list[str] = []
        params: list[Any] = []
        if self.types:
            conds.append(f"{a}.event IN ({', '.join('?' * len(self.types))})")
            params += self.types
        if self.modes:
            conds.append(f"{a}.mode IN ({', '.join('?' * len(self.modes))})")
            params += self.modes
        if self.quad:
            conds.append(f"{a}.quad_code IN ({', '.join('?' * len(self.quad))})")
            params += self.quad
        if self.actor:
            # literal, case-insensitive substring: contains(lower()) needs no LIKE escaping and stays fast
            # (an ILIKE ... ESCAPE clause is ~10x slower in DuckDB)
            needle = self.actor.lower()
            parts = [f"contains(lower({a}.actor_names), ?)", f"contains(lower({a}.recipient_names), ?)"]
            params += [needle, needle]
            if self.actor.isalpha() and 3 <= len(self.actor) <= 15:  # could be a code such as KENCOP: match whole codes
                parts += [f"list_contains(string_split({a}.actor_codes, '; '), ?)",
                          f"list_contains(string_split({a}.recipient_codes, '; '), ?)"]
                params += [self.actor.upper(), self.actor.upper()]
            conds.append("(" + " OR ".join(parts) + ")")
        if self.country:
            a3 = alpha3_of(self.country) or self.country
            a2 = alpha2_of(self.country) or self.country
            # first actor's or recipient's country, the place's country, or a later actor's code starting with it
            conds.append(f"({a}.actor_country = ? OR {a}.recipient_country = ? OR {a}.loc_country_code = ?"
                         f" OR contains({a}.actor_codes, ?) OR contains({a}.recipient_codes, ?))")
            params += [a3, a3, a2, f"; {a3}", f"; {a3}"]
        if self.start:
            conds.append(f"{a}.date >= ?")
            params.append(self.start)
        if self.end:
            conds.append(f"{a}.date <= ?")
            params.append(self.end)
        if self.bbox:
            w, s, e, n = self.bbox
            if w <= e:
                conds.append(f"{a}.loc_lon BETWEEN ? AND ? AND {a}.loc_lat BETWEEN ? AND ?")
            else:  # across the antimeridian (RFC 7946, 5.2): east of min_lon or west of max_lon
                conds.append(f"({a}.loc_lon >= ? OR {a}.loc_lon <= ?) AND {a}.loc_lat BETWEEN ? AND ?")
            params += [w, e, s, n]
        if self.aux:
            parts = []
            for flag in self.aux:
                if flag == "none":
                    parts.append(f"coalesce(len({a}.aux), 0) = 0")
                else:
                    parts.append(f"list_contains({a}.aux, ?)")
                    params.append(flag)
            conds.append("(" + " OR ".join(parts) + ")")
        if self.q:
            cols = ("event_text", "event", "mode", "actor_names", "recipient_names", "loc_name", "attributed_to")
            cond, needles = _any_contains(tuple(f"{a}.{c}" for c in cols), self.q)
            conds.append(cond)
            params += needles
        if self.said_by:
            cond, needles = _contains(f"{a}.attributed_to", self.said_by)
            conds.append(cond)
            params += needles
        if self.doc_id:
            conds.append(f"{a}.doc_id = ?")
            params.append(self.doc_id)
        if self.min_confidence is not None:
            conds.append(f"{a}.confidence >= ?")
            params.append(self.min_confidence)
        if not self.duplicates:
            conds.append(f"{a}.duplicate_of IS NULL")
        return (" AND ".join(conds) if conds else "TRUE"), params


def order_by(sort: str | None, alias: str = "e") -> str:
    """ORDER BY clause for a user sort key such as ``-date`` (the default)."""
    key = (sort or "-date").strip()
    desc = key.startswith("-")
    name = key.lstrip("-+")
    if name not in SORT_KEYS:
        keys = ", ".join(SORT_KEYS)
        raise FilterError("sort", f"unknown sort key {name!r}; use one of {keys} (prefix - for descending)")
    expr = SORT_KEYS[name].replace("e.", f"{alias}.")
    direction = "DESC" if desc else "ASC"
    return f"{expr} {direction} NULLS LAST, {in_article_order(alias)}"


def in_article_order(alias: str) -> str:
    """Ties keep the articles' order whatever the sort: by article id, then the coder's numbering in the article
    (e1, e2 ... e10: ids of one article share their prefix, so the shorter id comes first)."""
    return f"{alias}.doc_id, length({alias}.id), {alias}.id"


def _contains(column: str, needle: str) -> tuple[str, list[Any]]:
    """Literal, case-insensitive substring of a column (no LIKE wildcards to escape, and fast in DuckDB)."""
    return f"contains(lower({column}), ?)", [needle.lower()]


def _any_contains(columns: tuple[str, ...], needle: str) -> tuple[str, list[Any]]:
    """``needle`` in any of these columns (``_contains``)."""
    return "(" + " OR ".join(f"contains(lower({c}), ?)" for c in columns) + ")", [needle.lower()] * len(columns)


def _all(conds: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """Conditions joined with AND, and their parameters in the same order."""
    params = [p for _, ps in conds for p in ps]
    return (" AND ".join(c for c, _ in conds) if conds else "TRUE"), params


@dataclass
class ArticleFilter:
    """What a user can ask of the articles table: words in the title or the text (empty: every article)."""

    q: str | None = None
    duplicates: str | None = None  # "only": near-duplicates alone, "none": originals alone; None: every article

    def where(self) -> tuple[str, list[Any]]:
        conds: list[tuple[str, list[Any]]] = [_any_contains(("title", "text"), self.q)] if self.q else []
        if self.duplicates == "only":
            conds.append(("duplicate_of IS NOT NULL", []))
        elif self.duplicates == "none":
            conds.append(("duplicate_of IS NULL", []))
        return _all(conds)


@dataclass
class ActorFilter:
    """What a user can ask of the actors of events: a part of the name or code, and the role."""

    q: str | None = None
    role: str | None = None  # actor | recipient; None: both

    @classmethod
    def parse(cls, q: str | None = None, role: str | None = None) -> ActorFilter:
        if role and role not in ("actor", "recipient"):
            raise FilterError("role", f"{role!r} is not a role; use actor or recipient")
        return cls(q=q or None, role=role or None)

    def where(self) -> tuple[str, list[Any]]:
        conds: list[tuple[str, list[Any]]] = [("role IN ('actor', 'recipient')", [])]
        if self.role:
            conds.append(("role = ?", [self.role]))
        if self.q:
            conds.append(_any_contains(("name", "code"), self.q))
        return _all(conds)


@dataclass
class RegistryFilter:
    """What a user can ask of the actor registry: a part of an actor's canonical name or of one of its aliases
    (empty: every actor)."""

    search: str | None = None

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        if not self.search:
            return "TRUE", []
        pattern = f"%{self.search.lower()}%"
        return (f"({alias}.actor_id LIKE ? OR {alias}.actor_id IN"
                " (SELECT actor_id FROM registry_aliases WHERE lower(alias) LIKE ?))"), [pattern, pattern]


@dataclass
class QuoteFilter:
    """What a user can ask of the quotes table: who spoke, through which medium, in which article, and words of
    the quote. Every text is a literal part of the column, in any case."""

    speaker: str | None = None  # the speaker's canonical name
    medium: str | None = None  # the medium's name or kind ("Al Arabiya", "interview")
    doc_id: str | None = None
    q: str | None = None  # the quote's content

    @classmethod
    def parse(cls, speaker: str | None = None, medium: str | None = None, doc_id: str | None = None,
              q: str | None = None) -> QuoteFilter:
        return cls(speaker=speaker or None, medium=medium or None, doc_id=doc_id or None, q=q or None)

    def where(self, alias: str = "q") -> tuple[str, list[Any]]:
        """SQL condition over the quotes table (aliased ``alias``) and its parameters."""
        a = alias
        conds: list[tuple[str, list[Any]]] = []
        if self.speaker:
            conds.append(_contains(f"{a}.speaker_name", self.speaker))
        if self.medium:
            conds.append(_any_contains((f"{a}.medium_name", f"{a}.medium_kind"), self.medium))
        if self.doc_id:
            conds.append((f"{a}.doc_id = ?", [self.doc_id]))
        if self.q:
            conds.append(_contains(f"{a}.content_text", self.q))
        return _all(conds)


@dataclass
class PlaceFilter:
    """What a user can ask of the places articles mention: a part of the place's name (or of the text that named
    it), its country (ISO alpha-2, as the gazetteer stores it; alpha-3 is converted) and the article."""

    q: str | None = None
    country: str | None = None
    doc_id: str | None = None

    @classmethod
    def parse(cls, q: str | None = None, country: str | None = None, doc_id: str | None = None) -> PlaceFilter:
        if country:
            code = country.strip().upper()
            if len(code) not in (2, 3) or not code.isalpha():
                raise FilterError("country", f"{country!r} is not an ISO 3166-1 alpha-2 or alpha-3 code")
            country = alpha2_of(code) or code
        return cls(q=q or None, country=country or None, doc_id=doc_id or None)

    def where(self, alias: str = "p") -> tuple[str, list[Any]]:
        """SQL condition over the places table (aliased ``alias``) and its parameters."""
        conds: list[tuple[str, list[Any]]] = []
        if self.q:
            conds.append(_any_contains((f"{alias}.name", f"{alias}.text"), self.q))
        if self.country:
            conds.append((f"{alias}.country_code = ?", [self.country]))
        if self.doc_id:
            conds.append((f"{alias}.doc_id = ?", [self.doc_id]))
        return _all(conds)
