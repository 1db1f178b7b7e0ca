"""Who an act is done to, as the resolver reads a recipient phrase: the author of a call or plan, the person
behind "the work of X", a description that names one person of the article (real spaCy)."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors


def actors_of(coder, text: str, word: str, nth: int = 0):
    doc = coder.nlp(text)
    actors = resolve_actors(doc, Article(id="t", text=text), coder.kb)
    head = [t for t in doc if t.text == word][nth]
    return actors.from_head(head)


def test_the_possessor_of_a_rejected_call_is_the_recipient(coder):
    found = actors_of(coder, "The minister rejected the Liberal Democrats' call for an inquiry.", "call")
    assert [a.name for a in found] == ["Liberal Democrats"]


def test_the_work_of_a_person(coder):
    text = "Teachers thanked Maria Hall for her years at the school. The mayor praised the work of Ms Hall."
    found = actors_of(coder, text, "work")
    assert [a.name for a in found] == ["Maria Hall"]


def test_a_possessive_pronoun_author(coder):
    text = "Senator Anne Roper unveiled a budget. The governor criticised her plan."
    assert [a.name for a in actors_of(coder, text, "plan")] == ["Anne Roper"]


def test_a_noun_that_names_no_act_gives_no_author(coder):
    # a house is not an act of its owner: no actor for "the house of Ms Hall"
    assert actors_of(coder, "Police searched the house of Maria Hall.", "house") == []


def test_the_chancellor_is_not_the_shadow_chancellor(coder):
    text = (
        "Chancellor Gordon Brown presented the budget. Shadow chancellor Oliver Letwin attacked it. "
        "Mr Blair praised the chancellor."
    )
    found = actors_of(coder, text, "chancellor", nth=1)  # the lower-case ones: shadow, then the last
    assert [a.name for a in found] == ["Gordon Brown"]


def test_fans_and_supporters_are_civilians(coder):
    # "warned fans that ...": the object is a group of people the act is addressed to
    found = actors_of(coder, "The minister warned fans that the club would be fined.", "fans")
    assert [(a.sector, a.kind) for a in found] == [("CVL", "group")]
    found = actors_of(coder, "The senator thanked her supporters in Ohio.", "supporters")
    assert [a.sector for a in found] == ["CVL"]
