"""The subject of an aspect word whose complement is passive undergoes the act (real spaCy): "X is going to be
arrested by the police" has the police as actor and X as recipient, never X as the one who arrests; an active
complement ("police are going to arrest X") is unchanged."""

from __future__ import annotations

import pytest

from conftest import code_text, event_of


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Opposition leader Samuel Mwangi is going to be arrested by the police.", "COP", "Samuel Mwangi"),
    ("Senator Ruth Okafor is likely to be detained by the army.", "MIL", "Ruth Okafor"),
])
def test_the_subject_of_a_passive_complement_is_the_recipient(coder, text, actor, recipient):
    e = event_of(coder, text, "COERCE")
    assert [a.sector for a in e.actor] == [actor]
    assert [a.name for a in e.recipient] == [recipient]


def test_a_passive_complement_without_agent_has_no_actor_from_its_subject(coder):
    coded = code_text(coder, "Opposition leader Samuel Mwangi is going to be arrested.")
    assert all("Samuel Mwangi" not in [a.name for a in e.actor] for e in coded.events)


def test_an_active_complement_keeps_its_subject(coder):
    e = event_of(coder, "Police are going to arrest the protesters.", "COERCE")
    assert [a.sector for a in e.actor] == ["COP"]
    assert [a.sector for a in e.recipient] == ["CVL"]
