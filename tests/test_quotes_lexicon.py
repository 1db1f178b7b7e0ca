"""The quote stage's data files: well-formed, lower-case lemmas, no duplicates, known medium kinds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsevents.errors import KnowledgeError
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


def test_a_broken_quote_file_names_file_and_line(tmp_path: Path) -> None:
    """The quote lexicon is read when the Coder is built: a broken file stops it with one line to act on."""
    for name in ("cues.json", "media.json", "cue_model.tsv"):
        shutil.copy(RESOURCES / name, tmp_path / name)
    model = tmp_path / "cue_model.tsv"
    model.write_text("# a model\n(bias)\t-2.0\nlemma=say\tmuch\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"cue_model.tsv:3: weight 'much' is not a number"):
        load_lexicon(tmp_path)
    shutil.copy(RESOURCES / "cue_model.tsv", model)
    (tmp_path / "cues.json").write_text('{"speech": ["say",\n "tell"', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"cues.json:2: not valid JSON"):
        load_lexicon(tmp_path)
    (tmp_path / "cues.json").write_text('{"speech": ["say"]}', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"cues.json: no 'belief' entry"):
        load_lexicon(tmp_path)
