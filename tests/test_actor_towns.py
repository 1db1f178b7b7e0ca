"""A town the small model tags as a person is the town where a preposition of location governs it (real spaCy):
"police in Sivas" are Turkish police; a person named like a town ("spoke to X", "X said") is still a person."""

from __future__ import annotations

from conftest import code_text, event_of


def test_police_in_a_town_take_its_country(coder):
    e = event_of(coder, "Police in Sivas detained twelve protesters on Tuesday.", "COERCE")
    assert [(a.country, a.sector) for a in e.actor] == [("TUR", "COP")]


def test_a_town_as_the_place_of_an_act_gives_its_country(coder):
    e = event_of(coder, "Riot police fired tear gas at demonstrators in Sivas.", "ASSAULT")
    assert [a.country for a in e.actor] == ["TUR"]


def test_a_town_named_like_a_person_who_speaks_is_no_place(coder):
    from newsevents.knowledge.actor_kb import ActorKB

    # a town of fewer than 500,000 people that shares a common surname: as a subject it is a person
    kb = ActorKB.load()
    assert kb.place("Bush") is not None
    coded = code_text(coder, "Bush said the talks had failed.")
    assert all(a.country != kb.place("Bush").iso3 for a in coded.entities if a.entity_text == "Bush")
