"""A protest is aimed at the authorities of the place it is held in (real spaCy; events/arguments.LOCATED_TYPES, the
PLOVER GSR convention): "demonstrated in Serbia" -> Serbia, where the text names no target of its own; a target it
names ("against the Iranian government") comes first, and a setting ("in a hall") is no place."""

from __future__ import annotations

import pytest

from conftest import event_of


@pytest.mark.parametrize(("text", "country"), [
    ("Thousands of Kurds protested in Turkey on Sunday.", "TUR"),
    ("Opposition supporters marched in Kampala, the Ugandan capital, on Monday.", "UGA"),
])
def test_the_place_of_a_protest_is_its_recipient(coder, text, country):
    e = event_of(coder, text, "PROTEST")
    assert [a.country for a in e.recipient] == [country]


def test_a_named_target_comes_before_the_place(coder):
    e = event_of(coder, "Hundreds of Iranian exiles demonstrated in London against the Iranian government.", "PROTEST")
    assert [a.name for a in e.recipient] == ["Iranian government"]


def test_a_protest_in_no_named_place_has_no_recipient(coder):
    e = event_of(coder, "Students rallied in a speech hall.", "PROTEST")
    assert e.recipient == []
