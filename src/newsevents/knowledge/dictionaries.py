"""Read PETRARCH/Phoenix (TABARI-format) actor and agent dictionaries.

Actor dictionaries (``Phoenix.Countries.actors.txt``, ``PETR.Validate.actors.txt``, ...)::

    ASHRAF_GHANI_  # a comment
    +FOREIGN_MINISTER_ASHRAF_GHANI_          <- a synonym of the entry above
        [AFGGOVBUS 20020602-20041214]        <- a code valid between two dates
        [AFGELI]                             <- the default code, used outside every dated range
    TALIBAN_ [AFGREB]                        <- codes may follow the phrase on its line

Dates are YYYYMMDD or YYMMDD (years below 30 are 20YY); ``<DATE`` means before that day, ``>DATE``
from that day on. Agent dictionaries (``Phoenix.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      <- a substitution set
    FOREIGN_MINISTER [~GOVFRM]                      <- appended to the actor's code (USA + GOVFRM)
    HUMAN_RIGHTS_BODY [NGO~]                        <- put before the actor's code
    POLICE {} [~COP]                                <- {} no plural; {FORMS} an irregular plural
    CONGRESS!PERSON! [~LEG]                         <- CONGRESSMAN, CONGRESSMEN, ...

Regular plurals (+S, Y -> IES, SS -> SSES) are generated. Parsed dictionaries are cached as pickles
(keyed by path, size and modification time) under ``$XDG_CACHE_HOME/newsevents`` so that a large
dictionary loads in milliseconds the second time. See ``docs/actors.md``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple, TypeVar

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.actor_codes import DatedCode, parse_date

CACHE_VERSION = "3"  # 3: files are checked as they are parsed (a cache of an unchecked parse is not used)
T = TypeVar("T")
_WORD = re.compile(r"\w+(?:['’.]\w+)*\.?", re.UNICODE)


def fold(text: str) -> str:
    """Upper case without accents, curly apostrophes made straight: the form dictionary phrases are matched in."""
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.upper()


def words_of(text: str) -> list[tuple[str, int, int]]:
    """Folded words of a text with their character offsets (hyphens and spaces separate words)."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (rare ligatures): match on the plain upper form
        folded = text.upper()
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A dictionary phrase (words joined by ``_`` or spaces) as the words ``words_of`` gives for text."""
    return tuple(w for w, _, _ in words_of(phrase.replace("_", " ")))


class DictActor(NamedTuple):
    """One actor of a dictionary: its root phrase and its (dated) codes."""

    name: str
    codes: tuple[DatedCode, ...]


@dataclass
class ActorDictionary:
    """Actors keyed by phrase; ``match`` finds the longest phrase starting at a word."""

    actors: list[DictActor] = field(default_factory=list)
    index: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    max_len: int = 0

    def add(self, phrase: tuple[str, ...], actor_idx: int) -> None:
        if not phrase:
            return
        self.index.setdefault(phrase[0], []).append((phrase, actor_idx))
        self.max_len = max(self.max_len, len(phrase))

    def finish(self) -> None:
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, words: list[str], i: int) -> tuple[int, DictActor] | None:
        """Longest phrase matching ``words[i:]``: (its length in words, the actor)."""
        for phrase, idx in self.index.get(words[i], ()):
            n = len(phrase)
            if tuple(words[i : i + n]) == phrase:
                return n, self.actors[idx]
        return None

    def lookup(self, text: str) -> DictActor | None:
        """The actor whose phrase is exactly ``text``."""
        words = [w for w, _, _ in words_of(text)]
        if not words:
            return None
        hit = self.match(words, 0)
        if hit and hit[0] == len(words):
            return hit[1]
        return None

    def merge(self, other: ActorDictionary) -> None:
        offset = len(self.actors)
        self.actors.extend(other.actors)
        for entries in other.index.values():
            for phrase, idx in entries:
                self.add(phrase, idx + offset)
        self.finish()


class AgentTerm(NamedTuple):
    """An agent phrase (lower-case words) and the code it adds: after the actor's (``~GOV``) or before (``NGO~``)."""

    words: tuple[str, ...]
    code: str
    prefix: bool = False


_CODE = re.compile(r"\[([^\]]*)\]")


def _parse_code(inside: str) -> DatedCode | None:
    parts = inside.split(None, 1)
    if not parts:
        return None
    code = "".join(ch for ch in parts[0].upper() if ch.isalnum())
    if not code:
        return None  # "---": the dictionary says this phrase is no actor to code
    when = "".join(parts[1].split()) if len(parts) > 1 else ""
    if not when:
        return DatedCode(code)
    if when.startswith("<"):
        end = parse_date(when[1:])
        return DatedCode(code, None, end - timedelta(days=1) if end else None)
    if when.startswith(">"):
        return DatedCode(code, parse_date(when[1:]), None)
    if "-" in when:
        a, b = when.split("-", 1)
        return DatedCode(code, parse_date(a), parse_date(b))
    return DatedCode(code)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_actor_dictionary(text: str, origin: str = "<text>") -> ActorDictionary:
    """Parse the text of an actor dictionary (see the module docstring).

    A code or synonym line before any phrase, or a code bracket left open, raises ``KnowledgeError``
    naming ``origin`` and the line: the published PETRARCH/Phoenix dictionaries have neither.
    """
    result = ActorDictionary()
    group: list[tuple[str, list[tuple[str, ...]]]] = []  # entries waiting for codes: (root, phrases)
    codes: list[DatedCode] = []

    def flush() -> None:
        nonlocal group, codes
        if group and codes:
            for root, phrases in group:
                idx = len(result.actors)
                result.actors.append(DictActor(root, tuple(codes)))
                for phrase in phrases:
                    result.add(phrase, idx)
            group, codes = [], []
        elif codes:
            codes = []

    for n, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("<"):
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line.count("[") > line.count("]"):
            raise KnowledgeError(f"{origin}:{n}", errors.E032)
        line_codes = [c for c in (_parse_code(m) for m in _CODE.findall(line)) if c]
        phrase_part = _CODE.sub(" ", line).strip()
        if not group and (raw[0] in " \t" or line.lstrip().startswith(("[", "+"))):
            raise KnowledgeError(f"{origin}:{n}", errors.E031)
        if raw[0] in " \t" or line.lstrip().startswith("["):
            codes.extend(line_codes)
            continue
        if line.startswith("+"):
            if group:
                group[-1][1].append(phrase_words(phrase_part[1:].split("+")[0]))
            codes.extend(line_codes)
            continue
        # A new root phrase: entries that already have codes are complete; codeless ones wait for codes.
        if codes:
            flush()
        root = phrase_part.replace("_", " ").strip()
        group.append((root, [phrase_words(phrase_part)]))
        codes.extend(line_codes)
    flush()
    result.finish()
    return result


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def parse_agent_dictionary(text: str, origin: str = "<text>") -> list[AgentTerm]:
    """Parse the text of an agent dictionary into agent terms (plurals and substitutions expanded).

    A substitution set used before it is defined, or a code without ``~``, raises ``KnowledgeError``
    naming ``origin`` and the line. A line with no code at all is skipped, as PETRARCH does.
    """
    subst: dict[str, list[str]] = {}
    terms: list[AgentTerm] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("<"):
            continue
        line = _strip_comment(raw).strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        inside = codes[0].strip().replace(" ", "")
        if "~" not in inside:
            raise KnowledgeError(f"{origin}:{n}", errors.E034.format(code=inside or "CODE"))
        prefix = inside.endswith("~")
        code = inside.strip("~").upper()
        body = _CODE.sub(" ", line)
        for marker in re.findall(r"![A-Z]+!", body):
            if marker not in subst:
                raise KnowledgeError(f"{origin}:{n}", errors.E033.format(marker=marker))
        plural_m = re.search(r"\{([^}]*)\}", body)
        body = re.sub(r"\{[^}]*\}", " ", body).strip()
        forms = [body]
        if plural_m is not None:
            forms += [plural_m.group(1)] if plural_m.group(1).strip() else []
        has_subst = "!" in body
        expanded: list[str] = []
        for form in forms:
            variants = [form]
            for marker, alts in subst.items():
                if marker in form:
                    variants = [v.replace(marker, alt) for v in variants for alt in alts]
            expanded.extend(variants)
        if plural_m is None and not has_subst:
            parts = [w for w in body.replace(" ", "_").split("_") if w]
            if parts:
                expanded.append("_".join([*parts[:-1], _plural(parts[-1])]))
        for form in expanded:
            words = tuple(w.lower() for w in phrase_words(form))
            if words:
                terms.append(AgentTerm(words, code, prefix))
    return terms


def _cache_path(path: Path, kind: str) -> Path:
    st = path.stat()
    # the module name is in the key: a pickle names the classes by module, so a move makes old caches unreadable
    stamp = f"{CACHE_VERSION}|{__name__}|{kind}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    key = hashlib.sha1(stamp.encode()).hexdigest()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents"
    return base / f"{kind}-{key[:16]}.pickle"


def _read(path: Path) -> str:
    """A dictionary's text; a file that cannot be read, or is not UTF-8, raises ``KnowledgeError``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(str(path), errors.E005.format(detail=exc)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise KnowledgeError(f"{path}:{line}", errors.E004.format(detail=exc.reason)) from exc


def _cached(path: Path, kind: str, parse: Callable[[str, str], T]) -> T:
    cache: Path | None
    try:
        cache = _cache_path(path, kind)
        if cache.exists():
            with cache.open("rb") as fh:
                return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        cache = None
    result = parse(_read(path), str(path))
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError:
            pass  # a read-only home: parse every time
    return result


def load_actor_dictionary(path: str | Path) -> ActorDictionary:
    """Read (or take from the cache) an actor dictionary file."""
    return _cached(Path(path), "actors", parse_actor_dictionary)


def load_agent_dictionary(path: str | Path) -> list[AgentTerm]:
    """Read (or take from the cache) an agent dictionary file."""
    return _cached(Path(path), "agents", parse_agent_dictionary)
