"""Recipients in the verb's phrase (real spaCy): the target of a complaint in an "about" phrase ("complained about
Pakistan"), and the object of "called X a Y" where the parse takes both nouns for object predicates
(events/arguments.py: RECIPIENT_PREPS, predicate_objects)."""

from __future__ import annotations

import pytest

from conftest import event_of
from newsevents.events.arguments import predicate_objects


@pytest.mark.parametrize(("text", "name"), [
    ("Indian Prime Minister Narendra Modi complained about Pakistan at the United Nations.", "Pakistan"),
    ("The Kenyan opposition leader Raila Odinga complained about President William Ruto.", "William Ruto"),
])
def test_the_target_of_a_complaint_in_an_about_phrase(coder, text, name):
    e = event_of(coder, text, "ACCUSE")
    assert [a.name for a in e.recipient] == [name]


def test_the_first_of_two_object_predicates_is_the_object(nlp):
    doc = nlp('Sanders called Trump a "pathological liar".')
    verb = doc[1]
    assert [c.dep_ for c in verb.children if c.dep_ == "oprd"] == ["oprd", "oprd"]  # the parse this rule is for
    assert [t.text for t in predicate_objects(verb)] == ["Trump"]


def test_a_single_object_predicate_is_what_the_object_is_called(nlp):
    doc = nlp("The minister called the decision a mistake.")
    assert predicate_objects(doc[2]) == []


def test_called_x_a_liar_has_x_as_recipient(coder):
    e = event_of(coder, 'Bernie Sanders called Trump a "pathological liar".', "ACCUSE")
    assert [a.entity_text for a in e.recipient] == ["Trump"]
