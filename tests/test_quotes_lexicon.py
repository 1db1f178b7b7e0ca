"""The quote stage's data files: well-formed, lower-case lemmas, no duplicates, known medium kinds."""

from __future__ import annotations

import json

from newsevents.quotes.lexicon import RESOURCES, load_lexicon

KINDS = {"interview", "article", "statement", "press conference", "speech", "letter", "post", "debate",
         "testimony", "book", "broadcast"}


def test_cue_lists_are_lower_case_lemmas_without_duplicates():
    cues = json.loads((RESOURCES / "cues.json").read_text(encoding="utf-8"))
    for key in ("speech", "belief", "nouns", "prepositions", "not_speakers"):
        words = cues[key]
        assert words and len(words) == len(set(words)), key
        assert all(w == w.lower() and w.strip() == w for w in words), key


def test_media_kinds_are_known_and_platforms_named():
    lex = load_lexicon()
    assert set(lex.kinds.values()) <= KINDS
    assert lex.platforms["tweets"] == "Twitter"
    assert "al arabiya" in lex.outlets and "newspaper" in lex.outlet_words


def test_cue_model_ships_with_the_package():
    lex = load_lexicon()
    assert (RESOURCES / "cue_model.tsv").exists() and len(lex.model.weights) > 1000
