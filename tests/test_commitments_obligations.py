"""Promises and reported obligations (events/frames.py): a promise of something that is no event is an aim, a
commitment to refuse is a rejection to come, an unmet obligation is criticism, and "Y should ..." is a demand only
when Y can be addressed. Sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.conftest import code_text, event_of


def _types(coder, text: str) -> list[str]:
    return [e.event for e in code_text(coder, text).events]


@pytest.mark.parametrize(("text", "plover"), [
    # a promise of something that is no event: an aim
    ("The Tories promise to keep the winter fuel payments.", "AGREE"),
    ("The two parties pledged to review the cost of the identity card scheme.", "AGREE"),
    ("Party bosses are willing to tone down the message before the debates.", "AGREE"),
    # an obligation with no addressee: rhetoric or advice
    ("The first minister said the disaster should persuade everyone to give more to the appeal.", "REQUEST"),
    ("He said 2006 must be the year the country finally tackled child poverty.", "REQUEST"),
    ('She told the radio station: "No government should ever make that mistake again."', "REQUEST"),
])
def test_aims_and_rhetoric_are_not_coded(coder, text, plover):
    assert plover not in _types(coder, text)


def test_a_promise_of_an_event_is_still_agree(coder):
    assert "AGREE" in _types(coder, "The European Union pledged to send food aid to the flooded provinces.")


def test_an_offer_of_a_thing_is_still_agree(coder):
    """Only an infinitival promise is read as an aim: an offer of concessions is an offer."""
    assert "AGREE" in _types(coder, "A Russian envoy offered concessions to the American delegation in Geneva.")


def test_a_commitment_to_oppose_is_a_future_rejection(coder):
    e = event_of(coder, "The Liberal Democrats have pledged to oppose the education bill next week.", "REJECT")
    assert "future" in e.aux
    assert e.actor and e.actor[0].name == "Liberal Democrats"


def test_an_unmet_obligation_is_criticism_not_a_demand(coder):
    text = "The shadow home secretary said the government should have acted months earlier on the backlog."
    frames_types = _types(coder, text)
    assert "REQUEST" not in frames_types


def test_an_obligation_on_an_actor_is_a_request(coder):
    e = event_of(coder, "Amnesty International said the police must release the detained students.", "REQUEST")
    assert [a.name for a in e.recipient] == ["police"]


def test_a_doubtful_hypothetical_is_speculation_with_a_note(coder):
    """A hypothetical event below SPECULATION_AT is dropped with a note; a sure one, a factual one and a conditional
    threat stand (events/judge.Judge.speculative, on an event coded from a sentence written for this test)."""
    from dataclasses import replace

    from newsevents.events.judge import SPECULATION_AT, Judge
    from newsevents.events.lexicon import default_lexicon

    judge = Judge(default_lexicon())
    e = event_of(coder, "The union could appeal against the ruling to the employment tribunal.", "REQUEST")
    assert "hypothetical" in e.aux
    doubtful = judge.speculative(replace(e, confidence=SPECULATION_AT - 0.1))
    assert doubtful is not None and doubtful.event is None
    assert doubtful.note is not None and doubtful.note.startswith("not an event: speculation")
    assert e.confidence >= SPECULATION_AT and judge.speculative(e) is None
    assert judge.speculative(replace(e, confidence=0.1, aux=[])) is None
    assert judge.speculative(replace(e, confidence=0.1, event="THREATEN")) is None


def test_an_event_below_the_doubt_floor_is_dropped_with_a_note(coder):
    """Any event under DOUBT_AT calibrated confidence is dropped with a note naming its type; at the floor it stands
    (events/judge.Judge.doubtful, on an event coded from a sentence written for this test)."""
    from dataclasses import replace

    from newsevents.events.judge import DOUBT_AT, Judge
    from newsevents.events.lexicon import default_lexicon

    judge = Judge(default_lexicon())
    e = event_of(coder, "The health minister met the leaders of the nurses' union in Cardiff on Monday.", "CONSULT")
    assert e.confidence >= DOUBT_AT and judge.doubtful(e) is None
    assert judge.doubtful(replace(e, confidence=DOUBT_AT)) is None
    dropped = judge.doubtful(replace(e, confidence=DOUBT_AT - 0.02))
    assert dropped is not None and dropped.event is None
    assert dropped.note is not None and dropped.note.startswith("not an event: doubtful (CONSULT")
    assert judge.doubtful(replace(e, confidence=DOUBT_AT - 0.02, aux=["negated"])) is None


def test_a_conditional_threat_stands(coder):
    text = ("The European Community may halt its mediation between the feuding republics if cooperation by all "
            "parties founders, the Dutch foreign minister said.")
    assert "THREATEN" in _types(coder, text)
