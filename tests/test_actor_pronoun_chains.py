"""'they' keeps to the main-clause subject (real spaCy): a subject inside a clause of the sentence before
("... insisted they would hold ministers to account") is no better than the sentence's own subject, a "they" that
says a clause whose speaker is "they" is that speaker's referent, and a "they" already resolved as a main-clause
subject carries its referent on to the next sentence."""

from __future__ import annotations

from conftest import code_text

TEXT = ("The Greens insisted they would hold ministers to account over the tax. They said they would also press "
        "Labour over whether the Treasury could deliver. And they pledged to oppose the budget.")


def _actor_names(coder, lemma_text: str) -> list[str]:
    coded = code_text(coder, TEXT)
    return [a.name for e in coded.events if lemma_text in e.event_text for a in e.actor]


def test_they_is_the_main_clause_subject_not_one_inside_its_clause(coder):
    names = _actor_names(coder, "press")
    assert names and all(n != "ministers" for n in names)
    assert "ministers" not in [n.lower() for n in names]


def test_a_resolved_they_carries_its_referent_on(coder):
    coded = code_text(coder, TEXT)
    press = [a.name for e in coded.events if "press" in e.event_text for a in e.actor]
    pledge = [a.name for e in coded.events if "pledged" in e.event_text for a in e.actor]
    assert press and pledge == press
    assert "Treasury" not in pledge
