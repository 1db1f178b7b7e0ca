"""A bare definite description of an organisation (real spaCy; resolve/actors/agents._described_org): "the party"
is the party named last, within this and the three sentences before ("The Liberal Democrats unveiled ... Gordon
Brown accused the party of" -> the Liberal Democrats); not the government (a named ministry is a part of it), not
a description with words of its own, not a party named far back."""

from __future__ import annotations

from conftest import code_text
from test_recipients_pronouns import head_actors as _actors


def test_the_party_is_the_party_named_last(coder):
    text = ("Labour and the Conservative Party clashed over taxes. The Lib Dems said the figures added up. "
            "Mr Brown accused the party of lying.")
    assert [a.name for a in _actors(coder, text, "party")] == ["Liberal Democrats"]


def test_the_recipient_of_an_accusation_is_that_party(coder):
    text = ("The Scottish National Party launched its manifesto in Edinburgh. Scottish Labour leader Anas Sarwar "
            "accused the party of failing Scotland.")
    e = [e for e in code_text(coder, text).events if e.event == "ACCUSE"][0]
    assert [a.name for a in e.recipient] == ["Scottish National Party"]


def test_a_party_named_too_far_back_is_not_the_party(coder):
    text = ("The Republican Party met in Ohio. Americans are divided. Turnout was low. Rain fell. Snow fell. "
            "Senator Chuck Schumer accused the party of lying.")
    assert [a.name for a in _actors(coder, text, "party")] != ["Republican Party"]


def test_a_description_with_words_of_its_own_is_not_the_named_party(coder):
    text = "The Green Party held a rally in Leeds. Mr Brown praised the opposition party."
    assert all(a.name != "Green Party" for a in _actors(coder, text, "party"))


def test_the_government_is_not_a_ministry_named_before(coder):
    text = ("The Home Office published the figures in London. Britain's opposition leader Kemi Badenoch criticised "
            "the government over the figures.")
    assert [a.name for a in _actors(coder, text, "government")] != ["Home Office"]


def test_a_party_only_in_a_title_is_still_the_party(coder):
    e = [e for e in code_text(coder, "Labour MP John Smith resigned on Monday in London. He accused the party of "
                                     "losing its way.").events if e.event == "ACCUSE"][0]
    assert [a.name for a in e.recipient] == ["Labour Party"]
