"""A place is not a recipient because a statement was made there (real spaCy): "condemned the decision in a
speech in London" has no recipient, while the people a setting names ("at a meeting with Mr Chirac") and the
place of a material act ("shelled villages in Chechnya") still count."""

from __future__ import annotations

import pytest

from conftest import event_of


@pytest.mark.parametrize("text", [
    "Prime Minister Tony Blair condemned the decision in a speech in London.",
    "Foreign Secretary Jack Straw criticised the ruling at a meeting in Brussels.",
])
def test_the_venue_of_a_statement_is_no_recipient(coder, text):
    e = event_of(coder, text, "ACCUSE")
    assert e.recipient == []


def test_a_person_the_setting_names_is_still_the_recipient(coder):
    e = event_of(coder, "Foreign Secretary Jack Straw criticised the ruling at a meeting with Jacques Chirac in Paris.",
               "ACCUSE")
    assert [a.name for a in e.recipient] == ["Jacques Chirac"]


def test_the_place_of_a_material_act_still_names_its_recipient(coder):
    e = event_of(coder, "Russian artillery shelled villages in Chechnya.", "ASSAULT")
    assert [a.name for a in e.recipient] == ["Chechnya"]
