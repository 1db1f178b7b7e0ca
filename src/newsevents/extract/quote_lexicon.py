"""The quote stage's knowledge as data: cue words (``resources/quotes/cues.json``) and medium and outlet
patterns (``resources/quotes/media.json``), loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "quotes"
# a learned (lemma, frame) is a cue when its complement matched gold content this often in train
LEARNED_MIN_SHARE = 0.25
LEARNED_MIN_MATCHED = 2


def _learned(path: Path) -> dict[tuple[str, str], tuple[int, int]]:
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            lemma, frame, verbs, _cues, matched = line.split("\t")
            out[(lemma, frame)] = (int(verbs), int(matched))
    return out


@dataclass(frozen=True)
class QuoteLexicon:
    speech: frozenset[str]  # verb lemmas that report speech or writing
    belief: frozenset[str]  # verb lemmas that report a belief or finding (only with a clausal complement)
    continuation: frozenset[str]  # cues that carry the last speaker on ("he added")
    prepositions: tuple[tuple[str, ...], ...]  # ("according", "to")
    nouns: frozenset[str]  # nouns that carry content ("the claim that ...")
    not_speakers: frozenset[str]  # subjects that never name a source ("it seems")
    kinds: dict[str, str]  # medium word or phrase -> kind
    platforms: dict[str, str]  # word -> platform name ("tweets" -> "Twitter")
    outlet_words: frozenset[str]  # "newspaper", "channel": mark a named organisation as an outlet
    outlet_name_words: frozenset[str]  # "Times", "Post": a name with one of these is an outlet
    outlets: frozenset[str]  # outlet names known without such a word, lower case
    learned: dict[tuple[str, str], tuple[int, int]]  # (lemma, frame) -> (verbs seen, complement matched)

    def learned_cue(self, lemma: str, frame: str) -> bool:
        """Whether a verb with this frame reported content often enough in PolNeAR train."""
        seen, matched = self.learned.get((lemma, frame), (0, 0))
        return matched >= LEARNED_MIN_MATCHED and matched >= LEARNED_MIN_SHARE * seen


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = RESOURCES) -> QuoteLexicon:
    cues = json.loads((directory / "cues.json").read_text(encoding="utf-8"))
    media = json.loads((directory / "media.json").read_text(encoding="utf-8"))
    return QuoteLexicon(
        speech=frozenset(cues["speech"]),
        belief=frozenset(cues["belief"]),
        continuation=frozenset(cues["continuation"]),
        prepositions=tuple(tuple(p.split()) for p in cues["prepositions"]),
        nouns=frozenset(cues["nouns"]),
        not_speakers=frozenset(cues["not_speakers"]),
        kinds={k.lower(): v for k, v in media["kinds"].items()},
        platforms={k.lower(): v for k, v in media["platforms"].items()},
        outlet_words=frozenset(w.lower() for w in media["outlet_words"]),
        outlet_name_words=frozenset(media["outlet_name_words"]),
        outlets=frozenset(o.lower() for o in media["outlets"]),
        learned=_learned(directory / "learned_cues.tsv"),
    )
