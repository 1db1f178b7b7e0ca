"""Record types shared by every stage: Article in, CodedArticle (events, quotes, places, actors) out.

Field names follow ``../shared/contract.md`` (and the PLOVER 2.0 manual where it has one);
``to_dict`` gives exactly the contract's JSON shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES: tuple[str, ...] = ("negated", "future", "hypothetical", "historical")
# `code`, `ingest` and POST /api/articles drop events below this confidence (naming them in the article's
# notes) unless --min-confidence says otherwise; 0 keeps every event. The one place to set the shipped default.
DEFAULT_MIN_CONFIDENCE = 0.0


@dataclass
class Article:
    """One input news article. ``text`` is the string every offset indexes into."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    origin: str = ""  # "file:line" where it was read, for error messages

    def content_hash(self) -> str:
        import hashlib

        return hashlib.sha1(
            "\x1f".join([self.text, self.title or "", self.date or ""]).encode("utf-8")
        ).hexdigest()


@dataclass
class Actor:
    """A mention of an actor, resolved to a canonical name and a CAMEO-style code."""

    entity_text: str
    start: int
    end: int
    name: str
    code: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV, MIL, REB, ...
    kind: str = "group"  # person | organization | country | group

    def to_dict(self) -> dict[str, Any]:
        # explicit rather than dataclasses.asdict, which deep-copies and is ~10x slower on this hot path
        return {"entity_text": self.entity_text, "start": self.start, "end": self.end, "name": self.name,
                "code": self.code, "country": self.country, "sector": self.sector, "kind": self.kind}


@dataclass
class Place:
    """A toponym mention and the gazetteer entry it resolved to (GeoNames ids)."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str = "other"  # country | admin1 | admin2 | city | other
    country_code: str | None = None  # ISO 3166-1 alpha-2
    how: str | None = None  # only on event_loc: clause | sentence | article

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
             "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "feature": self.feature,
             "country_code": self.country_code}
        if self.how is not None:
            d["how"] = self.how
        return d


@dataclass
class Span:
    """A piece of the article text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Quote:
    """Who said what, through which medium, when."""

    speaker: Actor | None
    cue: Span
    content: Span
    type: str  # direct | indirect | mixed
    medium: dict[str, str] | None = None  # {"name": ..., "kind": ...}
    date: str | None = None
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "type": self.type,
            "medium": self.medium,
            "date": self.date,
        }


@dataclass
class Event:
    """One coded event: PLOVER type/mode/context, CAMEO code, actors, date, place and evidence."""

    id: str
    event: str  # PLOVER type
    event_text: str
    text_info: dict[str, int]  # evidence sentence {"start", "end"}
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad_code: int = 1
    goldstein: float | None = None
    date: str | None = None
    date_granularity: str | None = None
    event_loc: Place | None = None
    aux: list[str] = field(default_factory=list)
    attributed_to: Actor | None = None
    confidence: float = 0.5
    trigger: dict[str, int] | None = None  # trigger offsets {"start", "end"} (extension)
    quote_id: str | None = None  # the quote this event was reported in (extension)
    why: str = ""  # short explanation of the rule that fired (extension)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_code": self.quad_code,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date,
            "date_granularity": self.date_granularity,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "event_text": self.event_text,
            "text_info": dict(self.text_info),
            "aux": list(self.aux),
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "confidence": round(float(self.confidence), 3),
            "trigger": dict(self.trigger) if self.trigger else None,
            "quote_id": self.quote_id,
            "why": self.why,
        }


@dataclass
class CodedArticle:
    """Everything newsevents found in one article; ``to_dict`` is one line of `newsevents code`."""

    doc_id: str
    title: str | None
    date: str | None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Actor] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    url: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "entities": [a.to_dict() for a in self.entities],
            "notes": list(self.notes),
        }
