"""A wire dateline ("MOGADISHU, March 3 (Reuters) - ...") is a sentence of its own (nlp/model.py's
paragraph_breaks): its place is where the report was filed, never the subject of the first sentence (real spaCy)."""

from __future__ import annotations

import pytest

from conftest import code_text


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize(("text", "dateline"), [
    ("BAGHDAD, Oct 4 (AFP) - Gunmen ambushed a police patrol north of the city on Monday.", "BAGHDAD, Oct 4 (AFP) -"),
    ("LAGOS -- Soldiers detained two opposition organisers outside their offices.", "LAGOS --"),
    ("PORTLAND, Ore. — The governor vetoed the measure late on Friday.", "PORTLAND, Ore. —"),
    ("Army seizes port\n\nHAVANA (Wire) - Troops took control of the harbour overnight.", "HAVANA (Wire) -"),
])
def test_a_dateline_is_a_sentence_of_its_own(nlp, text, dateline):
    assert dateline in _sentences(nlp, text)


@pytest.mark.parametrize("text", [
    "NATO, the alliance of thirty states, said Russia attacked again - a claim Moscow denied.",
    "POLICE HAVE CHARGED HIM - the man, 34, appeared in court on Tuesday.",
    "The EU and the UN met in Geneva - and agreed on nothing.",
])
def test_capitals_that_are_no_dateline_are_left_alone(nlp, text):
    first = _sentences(nlp, text)[0]
    assert "-" in first  # the first sentence runs on past the dash


def test_the_dateline_city_is_not_the_actor(coder):
    text = ("NAIROBI, May 9 (Meridian Wire) - Rebel fighters attacked a government convoy near the border on "
            "Thursday, the army said.")
    events = [e for e in code_text(coder, text, date="2024-05-10").events if e.event == "ASSAULT"]
    assert events
    assert all("NAIROBI" not in (a.entity_text or "") and a.code != "KENGOV" for e in events for a in e.actor)
    assert any(a.sector == "REB" for e in events for a in e.actor)


def test_the_dateline_is_still_the_place_of_the_report(coder):
    text = "ISTANBUL, June 2 (Meridian Wire) - The opposition leader accused the government of lying."
    events = code_text(coder, text, date="2024-06-02").events
    assert events and events[0].event_loc is not None and events[0].event_loc.name == "Istanbul"
