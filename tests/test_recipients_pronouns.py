"""Who "they" stands for (real spaCy; resolve/actors/pronouns.py): the people or countries of a coordination, all of
them, before a single actor named in the same clause ("Begg and Abbasi have been held by the US. They were
detained" is the two men, not the US); a subject through its appositive names ("activists Mwangi and Atuhaire
were detained by police. They were deported": the activists, not the police)."""

from __future__ import annotations

from conftest import code_text
from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors


def head_actors(coder, text: str, word: str = "They"):
    """The actors from_head gives for the last token ``word`` of ``text`` (also used by test_recipients_definites)."""
    doc = coder.nlp(text)
    actors = resolve_actors(doc, Article(id="t", text=text), coder.kb)
    return actors.from_head([t for t in doc if t.text == word][-1])


def test_they_after_people_named_together_is_them_not_the_agent(coder):
    text = ("Britain's Foreign Office confirmed the news in London. British citizens Sarah Jones and Tom Price have "
            "been held by Iran for two months. They were arrested in Tehran in May.")
    found = head_actors(coder, text)
    assert found and "IRN" not in {a.country for a in found}


def test_they_stands_for_every_country_of_a_coordination(coder):
    e = [e for e in code_text(coder, "France and Germany criticised Russia. They also condemned Belarus.").events
         if e.event == "ACCUSE"][-1]
    assert sorted(a.name for a in e.actor) == ["France", "Germany"]
    assert [a.name for a in e.recipient] == ["Belarus"]


def test_they_as_recipient_is_each_person_of_the_coordination(coder):
    text = "Moazzam Ali and Feroz Khan, from Leeds, have been held by the US for two years. They were detained in Cuba."
    e = [e for e in code_text(coder, text).events if e.event == "COERCE"][-1]
    assert len(e.recipient) == 2 and all(a.country != "USA" for a in e.recipient)


def test_a_subject_with_appositive_names_beats_a_later_agent(coder):
    text = ("Kenyan activists Boniface Mwangi and Agather Atuhaire were detained by Tanzanian police. "
            "They were deported from Tanzania.")
    found = head_actors(coder, text)
    assert [a.name for a in found] == ["Boniface Mwangi", "Agather Atuhaire"]


def test_a_single_person_is_still_not_they(coder):
    text = "Senator Ruth Ames met the striking nurses. They thanked her."
    found = head_actors(coder, text)
    assert all(a.name != "Ruth Ames" for a in found)
