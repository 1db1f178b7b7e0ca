"""The actor knowledge base: countries, demonyms, places, organisations, agent terms and user dictionaries.

Everything is data under ``resources/actors/`` (formats in ``docs/actors.md``) and the one demonym table
(``knowledge.demonyms``); user dictionaries in the PETRARCH/Phoenix format come on top
(``--actors``/``--agents``). Lookups are dictionary hits on folded words, so resolving an article costs
little next to parsing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.actor_codes import DatedCode, split_code
from newsevents.knowledge.demonyms import actor_plurals, demonym_table
from newsevents.knowledge.dictionaries import (
    ActorDictionary,
    AgentTerm,
    DictActor,
    fold,
    load_actor_dictionary,
    load_agent_dictionary,
    phrase_words,
)
from newsevents.knowledge.resources import read_tsv, resource, word_map, word_set

RESOURCES = resource("actors")

# Word lists of the actor resolver (resources/lexicon/actor_*.tsv, docs/knowledge.md).
HONORIFICS = word_set("actor_honorifics")  # before a name, saying nothing of the role: "Mr.", "Sheikh"
FORMER = word_set("actor_former")  # mark a role as past or not current: "former", "ex-", "late"
SECTOR_MODIFIERS = word_map("actor_sector_modifiers")  # a role word's sector: "rebel leader" -> REB


class Agent(NamedTuple):
    """What an agent term says: its sector (``*``: inherited), the code part it adds, person or group."""

    sector: str | None
    code: str
    kind: str  # person | group
    inherit: bool = False  # "*" / "*GOV": the sector comes from what the term heads
    prefix: bool = False  # a user dictionary's NGO~ form: the code goes before the actor's


class Place(NamedTuple):
    iso3: str
    feature: str  # capital | city | admin1
    population: int


class KnownActor(NamedTuple):
    """A named actor of our own knowledge base or of a user dictionary."""

    name: str
    codes: tuple[DatedCode, ...]
    kind: str  # person | organization | country
    source: str  # kb | dictionary


def _regular_plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def _rows(name: str, most: int) -> list[list[str]]:
    """The columns of every data line of ``resources/actors/NAME``; missing trailing columns read as empty."""
    return [(row.cols + [""] * most)[:most] for row in read_tsv(RESOURCES / name, columns=(1, most))]


@dataclass
class ActorKB:
    """Knowledge used to code actors (countries, organisations, agent terms, user dictionaries)."""

    countries: dict[str, str] = field(default_factory=dict)  # folded name -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> ISO3
    capitals: dict[str, str] = field(default_factory=dict)  # ISO3 -> folded capital name
    agents: dict[tuple[str, ...], Agent] = field(default_factory=dict)  # lower-case words -> agent
    agent_max_len: int = 1
    names: ActorDictionary = field(default_factory=ActorDictionary)  # our organisations and countries
    name_kinds: list[str] = field(default_factory=list)  # parallel to names.actors
    exact_case: set[tuple[str, ...]] = field(default_factory=set)  # abbreviations matched in capitals only
    user: ActorDictionary | None = None  # --actors dictionaries
    registry: Any = None  # store.registry.RegistryView: roles learned from earlier articles
    _places: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, actors_file: Path | str | None = None, agents_file: Path | str | None = None) -> ActorKB:
        """Our knowledge base, plus PETRARCH/Phoenix dictionaries when given.

        ``actors_file`` / ``agents_file`` may each be a file, a directory (every ``*actors*.txt`` /
        ``*agents*.txt`` inside) or several paths joined by ``,`` or the OS path separator.
        """
        kb = _base_kb().copy()
        for path in _paths(actors_file, "actors"):
            d = load_actor_dictionary(path)
            if kb.user is None:
                kb.user = ActorDictionary()
            kb.user.merge(d)
        for path in _paths(agents_file, "agents"):
            kb.add_agent_terms(load_agent_dictionary(path))
        return kb

    def copy(self) -> ActorKB:
        return ActorKB(
            countries=self.countries, country_names=self.country_names, demonyms=self.demonyms,
            capitals=self.capitals, agents=dict(self.agents), agent_max_len=self.agent_max_len,
            names=self.names, name_kinds=self.name_kinds, exact_case=self.exact_case, user=self.user,
            registry=self.registry, _places=self._places,
        )

    # --- building -------------------------------------------------------------------------
    def _load_resources(self) -> None:
        for iso3, _iso2, name, names, capital in _rows("countries.tsv", 5):
            self.country_names[iso3] = name
            for n in names.split("|"):
                if n:
                    self.countries.setdefault(fold(n).lower(), iso3)
            if capital:
                self.capitals[iso3] = fold(capital).lower()
        for country in demonym_table():
            for d in country.for_actors:
                for form in [d, *actor_plurals(d)]:
                    self.demonyms.setdefault(fold(form).lower(), country.iso3)
        for name, aliases, codes, kind in _rows("organizations.tsv", 4):
            dated = tuple(_kb_code(c) for c in codes.split())
            self._add_name(name, [name, *aliases.split("|")], dated, kind or "organization")
        for name, aliases, codes in _rows("people.tsv", 3):
            # political figures by full name: a person's country from who they are (docs/actors.md)
            self._add_name(name, [name, *aliases.split("|")], tuple(_kb_code(c) for c in codes.split()), "person")
        for iso3, name in self.country_names.items():
            forms = [n for n, c in self.countries.items() if c == iso3]
            self._add_name(name, forms, (DatedCode(iso3),), "country")
        self.names.finish()
        rows = _rows("agents.tsv", 3)
        for plurals in (False, True):  # listed forms first, so "officials" keeps its own row
            for listed, sector, kind in rows:
                self._add_agent_forms(listed.split("|"), sector.strip(), kind.strip() or "group", plurals)

    def _add_name(self, name: str, forms: list[str], codes: tuple[DatedCode, ...], kind: str) -> None:
        idx = len(self.names.actors)
        self.names.actors.append(DictActor(name, codes))
        self.name_kinds.append(kind)
        for form in forms:
            if not form:
                continue
            words = phrase_words(form)
            if words and words[0] == "THE" and len(words) > 1:
                words = words[1:]
            self.names.add(words, idx)
            letters = form.replace(".", "").replace("-", "").replace(" ", "")
            if len(letters) <= 5 and (letters.isupper() or any(ch.isupper() for ch in letters[1:])):
                self.exact_case.add(words)

    def _add_agent_forms(self, forms: list[str], sector: str, kind: str, plurals: bool) -> None:
        inherit = sector.startswith("*")
        base = sector.lstrip("*") or None
        first = forms[0].split()
        if plurals:
            if len(forms) > 1 or first[-1].endswith("."):
                return
            forms = [" ".join([*first[:-1], _regular_plural(first[-1])])]
            kind = "group"
        agent = Agent(base, base or "", kind, inherit)
        for form in forms:
            words = tuple(w.lower() for w in form.split())
            if words:
                self.agents.setdefault(words, agent)
                self.agent_max_len = max(self.agent_max_len, len(words))

    def add_agent_terms(self, terms: list[AgentTerm]) -> None:
        """Add (and override with) a user agent dictionary's terms."""
        for term in terms:
            parts = split_code(term.code if not term.prefix else term.code + "XXX")
            sector = parts.sectors[0] if parts.sectors else (parts.org_type if term.prefix else None)
            kind = "group" if term.words[-1].endswith("s") else "person"
            self.agents[term.words] = Agent(sector, term.code, kind, False, term.prefix)
            self.agent_max_len = max(self.agent_max_len, len(term.words))

    # --- lookups ---------------------------------------------------------------------------
    def country(self, text: str) -> str | None:
        """ISO3 of a country name ("Afghanistan", "the United States"), else None."""
        key = fold(text).lower().strip()
        if key.startswith("the "):
            key = key[4:]
        return self.countries.get(key)

    def demonym(self, text: str) -> str | None:
        """ISO3 of a demonym or national adjective ("Afghan", "Israelis"), else None."""
        return self.demonyms.get(fold(text).lower())

    @property
    def places(self) -> dict[str, list[str]]:
        if self._places is None:
            self._places = _load_places()
            _base_kb()._places = self._places
        return self._places

    def place(self, text: str) -> Place | None:
        """The country of a city or province name (the most populous of that name), else None."""
        key = fold(text).lower().strip()
        if key.startswith("the "):
            key = key[4:]
        row = self.places.get(key)
        if row is None:
            return None
        iso3, feature, population = row
        return Place(iso3, feature, int(population or 0))

    def is_capital(self, text: str, iso3: str) -> bool:
        return self.capitals.get(iso3) == fold(text).lower().strip()

    def agent(self, words: tuple[str, ...]) -> Agent | None:
        return self.agents.get(words)

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)


@lru_cache(maxsize=1)
def _base_kb() -> ActorKB:
    kb = ActorKB()
    kb._load_resources()
    return kb


def is_agent_term(*forms: tuple[str, ...]) -> bool:
    """Whether any of these lower-case word tuples is an agent term of our knowledge base ("government",
    "foreign minister", "police"), without the user's dictionaries."""
    kb = _base_kb()
    return any(kb.agent(words) is not None for words in forms)


def _load_places() -> dict[str, list[str]]:
    """Folded place name -> the rest of its row: ISO3, feature, population (made a Place on look-up)."""
    return {row.cols[0]: row.cols[1:] for row in read_tsv(RESOURCES / "places.tsv", columns=4)}


def _kb_code(text: str) -> DatedCode:
    """``AFGREB@2001-01-01..2021-08-14`` (either side may be empty) or a plain code."""
    import datetime as dt

    code, _, when = text.partition("@")
    if not when:
        return DatedCode(code)
    a, _, b = when.partition("..")
    return DatedCode(code, dt.date.fromisoformat(a) if a else None, dt.date.fromisoformat(b) if b else None)


def _paths(spec: Path | str | None, kind: str) -> list[Path]:
    """The dictionary files a ``--actors``/``--agents`` value names; a missing one raises ``KnowledgeError``."""
    if spec is None or str(spec) == "":
        return []
    out: list[Path] = []
    for part in str(spec).replace(",", os.pathsep).split(os.pathsep):
        if not part:
            continue
        p = Path(part)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if kind in q.name.lower() and q.suffix == ".txt")
            if not found:
                raise KnowledgeError(str(p), errors.E035.format(kind=kind))
            out.extend(found)
        else:
            if not p.exists():
                raise KnowledgeError(str(p), errors.E024.format(what=f"{kind} dictionary", where=f"--{kind}"))
            out.append(p)
    return out
