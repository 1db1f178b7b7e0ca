"""A recipient the resolver knows no actor of (real spaCy): people or a policy named by a description ("urged the
two men to", "opposed the plans", "endorsing independent candidates") stand as an uncoded recipient of the
article's country (the one it names most, if it leads, as for an agent phrase "the police"; events/coder.py,
resources/lexicon/event_open_recipients.tsv), as an open actor does;
other common nouns ("condemned the violence") give none."""

from __future__ import annotations

import pytest

from conftest import event_of


@pytest.mark.parametrize(("text", "plover", "words", "country"), [
    ("Voters in Germany were angry. The German Green Party leader Anna Weber opposed the plans for a new airport "
     "near Berlin.", "REJECT", "plans", "DEU"),
    ("The Kenyan government praised the scheme. Kenya votes next year.", "SUPPORT", "scheme", "KEN"),
    ("Australia's election is near. In Australia, Senator Mary Cole criticised the reform as unfair.", "ACCUSE",
     "reform", "AUS"),
])
def test_a_policy_without_an_author_is_an_open_recipient_of_the_country(coder, text, plover, words, country):
    e = event_of(coder, text, plover)
    assert [a.entity_text for a in e.recipient] == [words]
    assert e.recipient[0].country == country
    assert "uncoded" in e.why


def test_people_described_stand_as_the_recipient(coder):
    e = event_of(coder, "Canadian Prime Minister Mark Carney urged the two men to settle their dispute.", "REQUEST")
    assert [a.entity_text for a in e.recipient] == ["two men"]


def test_one_country_that_leads_is_the_open_recipients_country(coder):
    e = event_of(coder, "The Belarusian government stripped 12 critics of their citizenship.", "COERCE")
    assert [(a.entity_text, a.country) for a in e.recipient] == [("12 critics", "BLR")]


def test_two_countries_named_once_give_the_open_recipient_none(coder):
    e = event_of(coder, "French police detained a man near the Spanish border.", "COERCE")
    assert [(a.entity_text, a.country) for a in e.recipient] == [("man", None)]


def test_without_a_country_context_the_open_recipient_has_no_country(coder):
    e = event_of(coder, "Mayor John Smith accused the three men of lying.", "ACCUSE")
    assert [a.entity_text for a in e.recipient] == ["three men"]
    assert e.recipient[0].country is None and e.recipient[0].code == ""


def test_open_actor_and_recipient_take_the_country_context(coder):
    e = event_of(coder, "Scotland votes in May and Scottish parties are campaigning. The alliance, which dislikes the "
               "merger, is endorsing independent candidates in six seats.", "SUPPORT")
    assert [(a.entity_text, a.country) for a in e.actor] == [("alliance", "GBR")]
    assert [(a.entity_text, a.country) for a in e.recipient] == [("independent candidates", "GBR")]


def test_a_common_noun_that_is_no_person_or_policy_gives_no_recipient(coder):
    e = event_of(coder, "French President Emmanuel Macron condemned the violence in France. France mourned.", "ACCUSE")
    assert e.recipient == []


def test_a_known_actor_still_wins_over_a_description(coder):
    e = event_of(coder, "Senator Tom Reed of Ohio endorsed the plan of Governor Mike DeWine.", "SUPPORT")
    assert [a.name for a in e.recipient] == ["Mike DeWine"]
