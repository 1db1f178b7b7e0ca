"""A particle with an object is a preposition for the recipient (real spaCy): the small model often parses "called
on fellow Republicans to ..." with "on" as the verb's particle; the addressee is still the recipient, not the object
of the complement."""

from __future__ import annotations

from conftest import event_of


def test_the_object_of_a_particle_on_is_the_addressee(coder):
    e = event_of(coder, "In June, the South Carolina senator called on fellow Republicans to unendorse Trump.",
                 "REQUEST")
    assert [a.name for a in e.recipient] == ["Republican Party"]


def test_call_on_parsed_as_a_preposition_is_unchanged(coder):
    e = event_of(coder, "The opposition leader called on the government to resign.", "REQUEST")
    assert [a.sector for a in e.recipient] == ["GOV"]
