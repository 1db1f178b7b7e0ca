"""A number with "the" and no noun ("released the four", "urged the two to talk") stands for people named before
(real spaCy; resolve/actors/pronouns.Referents.resolve_number): a phrase counted with that number ("Two British aid
workers") or a coordination of that many names; with none, the phrase stands as an open recipient
(events/coder._elliptic_people)."""

from __future__ import annotations

from conftest import event_of
from test_recipients_pronouns import head_actors


def test_the_two_is_the_phrase_counted_with_two(coder):
    text = ("Two British aid workers were held in Iran for a year. Britain's foreign minister said Iran had agreed to "
            "release the two after long talks.")
    e = event_of(coder, text, "AGREE")
    assert [(a.name, a.country) for a in e.recipient] == [("Two British aid workers", "GBR")]


def test_the_two_is_both_people_of_a_coordination(coder):
    text = "Moazzam Ali and Feroz Khan, from Leeds, were held for two years. Officials said they would free the two."
    assert [a.name for a in head_actors(coder, text, "two")] == ["Moazzam Ali", "Feroz Khan"]


def test_a_number_that_counts_nothing_named_stands_as_itself(coder):
    e = event_of(coder, "The Kenyan president urged the three to end their dispute. Kenya is calm.", "REQUEST")
    assert [(a.entity_text, a.country) for a in e.recipient] == [("three", "KEN")]


def test_a_different_number_is_not_the_group(coder):
    text = "Three Dutch sailors were seized off Somalia. Officials in Amsterdam hope to see the two again."
    assert all(a.name != "Three Dutch sailors" for a in head_actors(coder, text, "two"))
