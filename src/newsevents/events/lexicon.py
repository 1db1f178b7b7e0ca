"""The event lexicon (``resources/event_lexicon.tsv``): trigger lemmas and short patterns with their meaning.

Rows are matched against a token of the parse: a row's cue (particle, object, preposition, modifier, head)
must hold, and a row with a cue wins over a bare row of the same kind and lemma.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.calendar import MONTHS, RELATIVE_DAYS, WEEKDAYS
from newsevents.knowledge.ontology import load_ontology
from newsevents.knowledge.resources import read_tsv, resource, word_set
from newsevents.nlp.arrays import DocArrays, doc_arrays, token_lemma

LEXICON_FILE = resource("event_lexicon.tsv")
CAMEO_VERBS_FILE = resource("ontology", "cameo_verbs.tsv")
KINDS = ("verb", "noun", "light", "control", "aspect", "report", "stop", "prevent", "nonevent")
# Nouns that name a time: weekdays, months, relative days, parts of the day (resources/lexicon/date_times.tsv)
TIME_WORDS = frozenset([*WEEKDAYS, *MONTHS, *RELATIVE_DAYS, *word_set("date_times")])
OBJ_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
MOD_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")


@dataclass(frozen=True)
class Spec:
    """What a trigger means: PLOVER type, mode, CAMEO code and contexts (from a lexicon row)."""

    event: str | None
    mode: str | None = None
    cameo: str | None = None
    context: tuple[str, ...] = ()
    lemma: str = ""
    cue: str = ""
    kind: str = "verb"

    def describe(self) -> str:
        return f"{self.kind} '{self.lemma}'" + (f" [{self.cue}]" if self.cue else "")


@dataclass(frozen=True)
class Row:
    kind: str
    lemma: str
    cues: tuple[tuple[str, str, frozenset[str]], ...]  # (cue type, preposition or "", accepted lemmas)
    spec: Spec
    order: int = 0


CUE_TYPES = ("prt", "obj", "prep", "pobj", "mod", "head", "comp", "subj", "objent")


def _parse_cues(text: str, where: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    if text in ("", "-"):
        return ()
    cues = []
    for part in text.split(","):
        name, _, value = part.partition(":")
        if name not in CUE_TYPES or not value:
            raise KnowledgeError(where, errors.E021.format(cue=part, cues=", ".join(c + ":" for c in CUE_TYPES)))
        prep = ""
        if name == "pobj":
            prep, _, value = value.partition("=")
        cues.append((name, prep, frozenset(value.split("|"))))
    return tuple(cues)


@dataclass
class Lexicon:
    rows: dict[tuple[str, str], list[Row]] = field(default_factory=lambda: defaultdict(list))
    cameo_verbs: dict[str, str] = field(default_factory=dict)
    _count: int = 0

    @classmethod
    def load(cls, path: Path = LEXICON_FILE, cameo_verbs: Path | None = CAMEO_VERBS_FILE,
             extra: tuple[Path, ...] = ()) -> Lexicon:
        """Read the lexicon; rows of the ``extra`` files (a user's own) come before the shipped rows of the
        same kind and lemma, so they win."""
        lex = cls()
        for user_file in extra:
            lex._read(Path(user_file))
        lex._read(path)
        for rows in lex.rows.values():
            rows.sort(key=lambda r: (-len(r.cues), r.order))  # specific rows first, then user rows, file order
        if cameo_verbs is not None and cameo_verbs.exists():
            for row in read_tsv(cameo_verbs, columns=2):
                lemma, code = row.cols
                lex.cameo_verbs[lemma] = code
        return lex

    def _read(self, path: Path) -> None:
        """Add the rows of one lexicon file; a row that is not right raises ``KnowledgeError`` (file and line)."""
        onto = load_ontology()
        if not path.exists():
            raise KnowledgeError(str(path), errors.E024.format(what="event lexicon", where="NEWSEVENTS_EVENT_LEXICON"))
        for row in read_tsv(path, columns=7, strip=True):
            where = row.where
            kind, lemma, cue, event, mode, cameo, context = row.cols
            if kind not in KINDS:
                raise KnowledgeError(where, errors.E020.format(kind=kind, kinds=", ".join(KINDS)))
            ev = None if event == "-" else event
            if kind in ("verb", "noun", "control", "prevent") and ev not in onto.types:
                raise KnowledgeError(where, errors.E022.format(value=event, what="type"))
            md = None if mode == "-" else mode
            if ev in onto.types and not onto.valid_mode(ev, md):
                raise KnowledgeError(where, errors.E022.format(value=mode, what=f"mode of {ev}"))
            ctx = tuple(c for c in context.split(";") if c and c != "-")
            for c in ctx:
                if c not in onto.contexts:
                    raise KnowledgeError(where, errors.E022.format(value=c, what="context"))
            code = None if cameo == "-" else cameo
            if code is not None and onto.code(code) is None:
                raise KnowledgeError(where, errors.E023.format(code=code))
            spec = Spec(ev, md, code, ctx, lemma, "" if cue == "-" else cue, kind)
            self.rows[(kind, lemma)].append(Row(kind, lemma, _parse_cues(cue, where), spec, self._count))
            self._count += 1

    def match(self, kind: str, token: Token, lemma: str | None = None) -> Spec | None:
        """The first row of this kind whose lemma and cues fit the token, else None."""
        lemma = lemma or token_lemma(token)
        rows = self.rows.get((kind, lemma))
        if not rows and lemma.endswith("s") and token.tag_ in ("NNS", "NNPS"):
            rows = self.rows.get((kind, lemma[:-1]))  # the lazy lemmatizer keeps some plurals ("talks")
        if not rows:
            return None
        for row in rows:
            if all(_cue_holds(token, c) for c in row.cues):
                return row.spec
        return None

    def has(self, kind: str, lemma: str) -> bool:
        return (kind, lemma) in self.rows

    def known_lemma(self, lemma: str) -> bool:
        """Whether a row of any kind but ``nonevent`` has this lemma (a set look-up, rebuilt when rows grow)."""
        known = self.__dict__.get("_known")
        if known is None or known[0] != len(self.rows):
            lemmas = frozenset(lem for k, lem in self.rows if k != "nonevent" and k in KINDS)
            known = self.__dict__["_known"] = (len(self.rows), lemmas)
        return lemma in known[1]


def _cue_holds(token: Token, cue: tuple[str, str, frozenset[str]]) -> bool:
    name, prep, words = cue
    # dependents as positions in the token arrays: Token objects only where a test needs one
    arr = doc_arrays(token.doc)
    doc, deps, lower = token.doc, arr.dep, arr.lower
    kids = arr.kids(token.i)
    if name == "prt":
        # "open fire" may come as an object, "forced X out of" as a preposition
        has_obj = any(deps[k] == "dobj" for k in kids)
        # "forced the agency out of the country": a bare preposition after an object acts as the particle
        loose = ("out", "off", "up", "down", "back", "over", "away")
        # "voted down the bill", "pulled out of the town": parsed as a preposition heading the object
        return any(lower[k] in words and (deps[k] in ("prt", "advmod") + OBJ_DEPS
                                          or deps[k] == "prep" and lower[k] in loose and (
                                              has_obj or any(deps[g] in ("pobj", "prep") for g in arr.kids(k))))
                   for k in kids)
    if name == "subj":
        subjects = [doc[k] for k in kids if deps[k] in ("nsubj", "nsubjpass")]
        subjects += [c for k in subjects for c in k.conjuncts]
        return any(token_lemma(k) in words or k.lower_ in words for k in subjects)
    if name == "objent":
        # the object is a named entity of one of the labels: "entered Kabul" (GPE), not "entered talks";
        # for places, a proper noun the gazetteer knows counts too (spaCy sm often tags towns PERSON or nothing)
        return any(deps[k] in OBJ_DEPS and (doc[k].ent_type_ in words or _known_place(doc[k], words)) for k in kids)
    if name == "comp":
        return any(deps[k] in ("xcomp", "ccomp") and (arr.lemma(k) in words or lower[k] in words) for k in kids)
    if name == "obj":
        objs = [k for k in kids if deps[k] in OBJ_DEPS + ("acomp",)]
        if "*" in words:
            return bool(objs)
        objs += [g for k in objs for g in arr.kids(k) if deps[g] == "compound"]  # "ceasefire agreement"
        # "a team of doctors", "tons of food", "a shipment of weapons": the noun after a collective or quantity
        objs += [x for k in objs for g in arr.kids(k) if deps[g] == "prep" and lower[g] == "of"
                 for x in arr.kids(g) if deps[x] == "pobj"]
        return any(arr.lemma(k) in words or lower[k] in words for k in objs)
    # A preposition may be attached to the object ("discussed security with X", "stripped critics of
    # their citizenship"): PP attachment is the parser's commonest ambiguity, so the object's count too.
    kids = kids + [g for k in kids if deps[k] == "dobj" for g in arr.kids(k) if deps[g] == "prep"]
    if name == "prep":
        # "called X a coward on Sunday": a preposition whose objects are all times is no cue ("call on")
        return any(deps[k] in ("prep", "agent", "prt") and lower[k] in words and not _time_phrase(arr, k)
                   for k in kids)
    if name == "pobj":
        return any(deps[k] == "prep" and lower[k] == prep and any(
            deps[g] == "pobj" and (arr.lemma(g) in words or lower[g] in words) for g in arr.kids(k)) for k in kids)
    if name == "mod":
        return any(deps[k] in MOD_DEPS and (arr.lemma(k) in words or lower[k] in words) for k in kids)
    if name == "head":
        h = token.head
        return h.i != token.i and (token_lemma(h) in words or h.lower_ in words)
    return False


def _time_phrase(arr: DocArrays, prep: int) -> bool:
    """Whether every object of a preposition is a time ("on Sunday", "on 19 October", "on Monday night",
    "for two days", "at the weekend"): a calendar word (``knowledge.calendar``, ``date_times.tsv``) or a
    DATE/TIME entity, with no "of" phrase of its own ("for two days of mourning" is what is called for)."""
    doc, deps, lower = arr.doc, arr.dep, arr.lower
    objs = [g for g in arr.kids(prep) if deps[g] == "pobj"]
    if not objs:
        return False
    for g in objs:
        if any(deps[x] == "prep" and lower[x] == "of" for x in arr.kids(g)):
            return False
        if not (lower[g] in TIME_WORDS or doc[g].ent_type_ in ("DATE", "TIME")):
            return False
    return True


def _known_place(token: Token, labels: frozenset[str]) -> bool:
    if not (labels & {"GPE", "LOC"}) or token.tag_ != "NNP" or token.ent_type_ in ("ORG", "NORP"):
        return False
    from newsevents.knowledge.gazetteer import load_gazetteer

    name = token.doc[token.left_edge.i : token.i + 1].text if token.left_edge.tag_ == "NNP" else token.text
    return load_gazetteer().has(name)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, with the rows of the files named in ``NEWSEVENTS_EVENT_LEXICON`` (separated by
    the path separator) taking precedence: a user adds or overrides a verb without editing the package."""
    extra = tuple(Path(p) for p in os.environ.get("NEWSEVENTS_EVENT_LEXICON", "").split(os.pathsep) if p)
    return Lexicon.load(extra=extra)
