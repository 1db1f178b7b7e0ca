"""Aux modes of coordinated verbs: a conjunct shares its head's auxiliaries and negation only when it is not a
clause of its own (real Coder)."""

from __future__ import annotations

from conftest import code_text


def aux_of(coder, text: str, word: str) -> list[str]:
    events = code_text(coder, text).events
    return next(e.aux for e in events if word in e.event_text)


def test_a_conjunct_with_its_own_subject_does_not_share_the_negation(coder):
    assert aux_of(coder, "The minister has not resigned, and the opposition condemned her.", "condemned") == []


def test_a_finite_conjunct_does_not_share_the_negation(coder):
    text = "The senator has not dismantled the old team and refused to help the manager."
    assert "negated" not in aux_of(coder, text, "refused")


def test_a_bare_conjunct_shares_the_auxiliaries(coder):
    assert "negated" in aux_of(coder, "Police did not arrest or detain the protesters.", "detain")


def test_a_bare_conjunct_shares_the_future(coder):
    assert "future" in aux_of(coder, "The army will withdraw its troops and release the prisoners.", "release")
