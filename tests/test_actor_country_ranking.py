"""The ranked evidence for an actor's country (resolve/actors/evidence.py): US titles, affiliations, nationality
groups, regional agent phrases and one-word names; a country word nearby is never the evidence (issue 13; real
spaCy, sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors
from newsevents.resolve.actors.evidence import COUNTRY_SOURCES


def resolve(coder, text: str, date: str = "2005-03-02"):
    doc = coder.nlp(text)
    return resolve_actors(doc, Article(id="t", text=text, date=date), coder.kb)


def entity(actors, name: str):
    found = [e for e in actors.entities if e.name == name]
    assert found, [e.name for e in actors.entities]
    return found[0]


@pytest.mark.parametrize("text", [
    "Russia denied meddling, and Moscow called the claims lies. Russian officials mocked the inquiry. "
    "Rep. Adam Schiff said Russia had attacked the election.",
    "Moscow rejected the sanctions and Russia expelled two diplomats. Russian media cheered. Congressman Eliot Engel "
    "warned that Russia would pay.",
])
def test_a_us_only_title_beats_the_story_country(coder, text):
    actors = resolve(coder, text, date="2017-06-01")
    person = next(e for e in actors.entities if e.kind == "person")
    assert (person.country, person.sector, person.country_from) == ("USA", "LEG", "role")


@pytest.mark.parametrize(("text", "name", "sector"), [
    ("Cuba loomed over the race. Cuban exiles and Cuban voters were courted. Florida Rep. Carlos Curbelo said "
     "Havana had not changed.", "Carlos Curbelo", "LEG"),
    ("Georgia's president visited Tbilisi's old town, and Georgia hosted the talks. Georgia Gov. Nathan Deal said "
     "his state would trade with Georgia.", "Nathan Deal", "GOV"),
])
def test_a_state_before_a_us_title_is_the_state(coder, text, name, sector):
    person = entity(resolve(coder, text, date="2016-09-28"), name)
    assert (person.country, person.sector) == ("USA", sector)


def test_a_senator_without_a_state_keeps_no_us_country_from_the_title():
    # "senator" is a title many countries use: the table of one-country titles does not hold it
    from newsevents.resolve.actors.titles import TITLE_COUNTRIES

    assert "senator" not in TITLE_COUNTRIES and TITLE_COUNTRIES["rep."] == "USA"


@pytest.mark.parametrize(("text", "name"), [
    ("Iraq held elections on Sunday, and Iraqi voters turned out. Iraqi officials praised the vote. Brad Adams, "
     "from Human Rights Watch, said Iraq must protect its citizens.", "Brad Adams"),
    ("China rejected the report. Chinese officials said China had improved. Amnesty International's Jan Shaw said "
     "China still tortured prisoners.", "Jan Shaw"),
])
def test_a_person_of_an_international_body_takes_no_country_of_the_story(coder, text, name):
    person = entity(resolve(coder, text), name)
    assert person.country is None and person.sector == "NGO" and person.country_from == ""


def test_a_possessive_party_is_the_persons_country(coder):
    text = ("Syria pulled troops out of Lebanon. Syrian officials said Syria had done its part. Labour's Jane Smith, "
            "a junior minister, said Syria must go further.")
    person = entity(resolve(coder, text), "Jane Smith")
    assert (person.country, person.country_from) == ("GBR", "affiliation")


def test_a_one_word_name_with_no_title_takes_no_context_country(coder):
    text = ("India's oil ministry said Indian firms would bid. New Delhi welcomed the move and India's ONGC was keen. "
            "Yukos said it would sell its main unit.")
    actors = resolve(coder, text, date="2004-11-01")
    assert all(e.country is None for e in actors.entities if e.name == "Yukos")
    # a full name still takes the story's context: who the article is about is the last evidence, not none
    full = resolve(coder, "India's oil ministry said Indian firms would bid. New Delhi welcomed the move. "
                          "Rahul Mehta said he would sell his shares.", date="2004-11-01")
    assert entity(full, "Rahul Mehta").country_from == "context"


def test_regional_agents_take_no_main_country(coder):
    text = ("George Bush won the US election, and the US Congress cheered. Washington said the US would lead. "
            "European leaders were cautious, and foreign ministers met in Brussels.")
    actors = resolve(coder, text, date="2004-11-05")
    doc = actors.referents.scope.doc
    for word in ("leaders", "ministers"):
        found = actors.from_head(next(t for t in doc if t.text == word))
        assert found and all(a.country is None for a in found), word
    police = resolve(coder, "The US said it would act, and Washington agreed with the US Congress. The police "
                            "arrested two men.", date="2004-11-05")
    pdoc = police.referents.scope.doc
    assert [a.country for a in police.from_head(next(t for t in pdoc if t.text == "police"))] == ["USA"]


def test_the_source_of_a_country_is_recorded_in_rank_order(coder):
    text = "Tony Blair flew to Baghdad to meet Iraqi ministers. Mr Blair said Iraq would hold elections."
    blair = entity(resolve(coder, text, date="2005-01-10"), "Tony Blair")
    assert blair.country_from == "kb"
    assert "country_from" not in blair.to_dict()  # not one of the contract's fields
    assert COUNTRY_SOURCES.index("kb") < COUNTRY_SOURCES.index("role") < COUNTRY_SOURCES.index("context")

