"""The quote stage's knowledge as data: cue words (``resources/quotes/cues.json``), medium and outlet
patterns (``resources/quotes/media.json``) and the learned cue model (``resources/quotes/cue_model.tsv``),
loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from newsevents import errors
from newsevents.errors import KnowledgeError
from newsevents.knowledge.resources import resource
from newsevents.quotes.model import CueModel

RESOURCES = resource("quotes")
# a candidate cue is taken when the learned model gives it at least this probability (chosen on a
# held-out fifth of PolNeAR train: the best content F1 there)
CUE_THRESHOLD = 0.2


@dataclass(frozen=True)
class QuoteLexicon:
    speech: frozenset[str]  # verb lemmas that report speech or writing
    belief: frozenset[str]  # verb lemmas that report a belief or finding (only with a clausal complement)
    prepositions: tuple[tuple[str, ...], ...]  # ("according", "to")
    nouns: frozenset[str]  # nouns that carry content ("the claim that ...")
    not_speakers: frozenset[str]  # subjects that never name a source ("there seems", "this shows")
    kinds: dict[str, str]  # medium word or phrase -> kind
    platforms: dict[str, str]  # word -> platform name ("tweets" -> "Twitter")
    outlet_words: frozenset[str]  # "newspaper", "channel": mark a named organisation as an outlet
    outlet_name_words: frozenset[str]  # "Times", "Post": a name with one of these is an outlet
    outlets: frozenset[str]  # outlet names known without such a word, lower case
    model: CueModel  # learned from PolNeAR train: which verbs and nouns with a complement are cues

    def learned_cue(self, tok: Token, frame: str, comps: list[Token]) -> bool:
        """Whether the learned model takes this verb or noun, with its frame, as a cue."""
        return bool(comps) and self.model.accepts_candidate(tok, frame, comps)


CUE_LISTS = ("speech", "belief", "prepositions", "nouns", "not_speakers")
MEDIA_LISTS = ("kinds", "platforms", "outlet_words", "outlet_name_words", "outlets")


def _read_json(path: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    """A JSON object with these keys; anything else raises ``KnowledgeError`` naming the file (and line)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), errors.E005.format(detail=exc)) from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path}:{exc.lineno}", errors.E001.format(detail=exc.msg)) from exc
    missing = [k for k in keys if not isinstance(data, dict) or k not in data]
    if missing:
        raise KnowledgeError(str(path), errors.E026.format(key=missing[0], keys=", ".join(keys)))
    return data


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = RESOURCES) -> QuoteLexicon:
    """The quote lexicon of ``directory`` (the shipped ``resources/quotes`` by default), read once."""
    cues = _read_json(directory / "cues.json", CUE_LISTS)
    media = _read_json(directory / "media.json", MEDIA_LISTS)
    return QuoteLexicon(
        speech=frozenset(cues["speech"]),
        belief=frozenset(cues["belief"]),
        prepositions=tuple(tuple(p.split()) for p in cues["prepositions"]),
        nouns=frozenset(cues["nouns"]),
        not_speakers=frozenset(cues["not_speakers"]),
        kinds={k.lower(): v for k, v in media["kinds"].items()},
        platforms={k.lower(): v for k, v in media["platforms"].items()},
        outlet_words=frozenset(w.lower() for w in media["outlet_words"]),
        outlet_name_words=frozenset(media["outlet_name_words"]),
        outlets=frozenset(o.lower() for o in media["outlets"]),
        model=CueModel.load(directory / "cue_model.tsv", CUE_THRESHOLD),
    )
