"""An actor's country comes from who the actor is, never from a country word near it (real spaCy)."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors


def resolve(coder, text: str, date: str | None = None):
    doc = coder.nlp(text)
    return resolve_actors(doc, Article(id="t", text=text, date=date), coder.kb)


def actor(actors, name: str):
    return next(e for e in actors.entities if e.name == name)


def test_party_leader_takes_the_article_country_not_the_country_in_his_sentence(coder):
    text = (
        "The Liberal Democrats will publish their manifesto on Thursday. Lib Dem leader Harriet Coombe told "
        "activists in Leeds that the war in Iraq had cost Labour its trust. Coombe criticised Iraq policy again. "
        "Labour said Coombe was wrong."
    )
    coombe = actor(resolve(coder, text), "Harriet Coombe")
    assert coombe.country == "GBR"


def test_a_person_named_once_beside_a_foreign_country_gets_no_country_from_it(coder):
    # One mention of Peru is a country word near the person, not the article's country context.
    coombe = actor(resolve(coder, "Harriet Coombe praised the new government of Peru."), "Harriet Coombe")
    assert coombe.country != "PER"


def test_a_surname_that_is_also_a_town_is_the_person(coder):
    # Kennedy is a large town in Colombia: here it is the party leader's surname, in every mention.
    text = (
        "Charles Kennedy spoke to the Liberal Democrats in Brighton. Kennedy said the party would fight on. "
        "The Labour Party attacked Kennedy over tax. Kennedy replied on Monday."
    )
    actors = resolve(coder, text)
    kennedys = [e for e in actors.entities if e.entity_text == "Kennedy"]
    assert kennedys and all(e.name == "Charles Kennedy" for e in kennedys)
    assert all(e.country == "GBR" for e in kennedys)


def test_national_parties_give_the_article_its_country(coder):
    text = (
        "The Tories accused Labour of raising taxes. Labour rejected the claim. The Lib Dems said both were "
        "wrong. Shadow chancellor Oliver Letwin repeated the charge."
    )
    assert actor(resolve(coder, text), "Oliver Letwin").country == "GBR"


def test_us_party_state_tag_makes_a_member_of_congress(coder):
    text = "Jane Holloway (D-Ore.) accused the agency of hiding the report."
    holloway = actor(resolve(coder, text), "Jane Holloway")
    assert (holloway.country, holloway.sector) == ("USA", "LEG")


def test_senator_abbreviation_is_a_title(coder):
    text = "The senate met in Washington. Sen. Mark Dalton urged the White House to act. Dalton spoke in Washington."
    dalton = actor(resolve(coder, text), "Mark Dalton")
    assert dalton.sector == "LEG"
    assert dalton.country == "USA"
