"""Invisible format characters (zero-width spaces and joiners, bidi controls, the BOM) inside an article: kept in
the text, so every offset indexes the input exactly, and split off as tokens of their own that the models read as a
line break, so "\\u202eRebels attacked the town" codes the same actor as "Rebels attacked the town". The real
spaCy model, the real Coder and the real `newsevents code` checked by ../shared/tools/check_contract.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, code_text
from newsevents.nlp.model import INVISIBLE_CHARS

CHECKER = SHARED / "tools" / "check_contract.py"
PLAIN = "Rebels attacked the town of Aleppo on Friday. The army shelled rebel positions near Homs."
# (name, text): each holds invisible characters at the start, around a word or inside the text
PLANTED = [
    ("rlo", "\u202e" + PLAIN),
    ("bom", "\ufeff" + PLAIN),
    ("override-around", PLAIN.replace("Rebels", "\u202eRebels\u202c")),
    ("isolates-in-phrase", PLAIN.replace("army", "\u2066army\u2069")),
    ("zero-width-inside", PLAIN.replace("attacked the", "attacked\u200bthe").replace("rebel", "rebel\u200d")),
    ("embedding-mid", PLAIN.replace("The army", "\u202aThe army\u202c")),
]


def _visible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE_CHARS)


def _coding(coded) -> list[tuple]:
    """What must not change: each event's type and its actors' codes, display names and (visible) words."""
    return [(e.event, [(a.code, a.name, _visible(a.entity_text)) for a in e.actor],
             [(a.code, a.name, _visible(a.entity_text)) for a in e.recipient]) for e in coded.events]


def test_each_invisible_character_is_a_token_of_its_own(nlp) -> None:
    assert len(INVISIBLE_CHARS) == 15
    for char in INVISIBLE_CHARS:
        text = f"{char}Rebels attacked{char}the town{char}."
        doc = nlp(text)
        assert doc.text == text  # nothing removed
        assert [t.text for t in doc] == [char, "Rebels", "attacked", char, "the", "town", char, "."], hex(ord(char))
        assert all(t.is_space for t in doc if t.text == char)


@pytest.mark.parametrize(("name", "text"), PLANTED, ids=[n for n, _ in PLANTED])
def test_planted_characters_code_the_same_events_and_actors(coder, name: str, text: str) -> None:
    plain = code_text(coder, PLAIN)
    planted = code_text(coder, text)
    assert _coding(planted) == _coding(plain)
    assert [a.code for a in planted.events[0].actor] == ["SYRREB"]  # not "'\u202eRebels' is not a known actor"
    for event in planted.events:
        for actor in event.actor + event.recipient:
            assert text[actor.start:actor.end] == actor.entity_text  # offsets index the text with its controls
        assert text[event.trigger["start"]:event.trigger["end"]] == event.event_text


def test_code_output_over_planted_texts_passes_the_contract_check(tmp_path: Path) -> None:
    inp = tmp_path / "planted.jsonl"
    # JSON escapes keep the characters inside the texts (a file's own leading BOM is dropped as it is decoded)
    inp.write_text("".join(json.dumps({"id": n, "date": "2024-03-08", "text": t}) + "\n" for n, t in PLANTED),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "newsevents", "code", str(inp), "--output", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == [n for n, _ in PLANTED]
    assert all(r["events"] and r["events"][0]["actor"][0]["code"] == "SYRREB" for r in records)
    check = subprocess.run([sys.executable, str(CHECKER), str(out), str(inp)], capture_output=True, text=True)
    assert check.returncode == 0 and "0 problems" in check.stdout, check.stdout
