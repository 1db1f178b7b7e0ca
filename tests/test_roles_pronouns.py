"""Who a pronoun stands for when the sentence itself says (real spaCy): the subject of a clause a person is
said to say is that speaker, before a person named paragraphs back; an object pronoun is never a subject of
its own clause ("Ms Lee scolded him" is not Lee), through control and bare infinitives ("refused to help him
do so")."""

from __future__ import annotations

from conftest import code_text
from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors


def pronoun_actor(coder, text: str, word: str, nth: int = 0):
    doc = coder.nlp(text)
    actors = resolve_actors(doc, Article(id="t", text=text), coder.kb)
    return actors.resolve_pronoun([t for t in doc if t.text == word][nth])


def test_the_speaker_who_follows_the_clause(coder):
    text = ("Shadow minister John Hart spoke first.\n\nLabour MP Tony Grant opened the debate on Monday.\n\n"
            "He would vote against the bill, Mr Hart said.")
    found = pronoun_actor(coder, text, "He")
    assert found is not None and found.name == "John Hart"


def test_the_speaker_beats_an_earlier_subject(coder):
    text = ("Chancellor Gordon Brown presented the budget. Business leaders praised it.\n\n"
            "She will oppose the cuts, Health Secretary Patricia Hewitt told reporters.")
    found = pronoun_actor(coder, text, "She")
    assert found is not None and found.name == "Patricia Hewitt"


def test_a_pronoun_outside_a_reported_clause_keeps_the_nearest_person(coder):
    text = "Mayor Ken Livingstone unveiled the plan. He promised lower fares."
    found = pronoun_actor(coder, text, "He")
    assert found is not None and found.name == "Ken Livingstone"


def test_an_object_pronoun_is_not_its_own_subject(coder):
    text = "Senator Joan Pratt questioned Governor Mark Dale on Tuesday. Senator Ruth Ames later scolded him."
    found = pronoun_actor(coder, text, "him")
    assert found is not None and found.name != "Ruth Ames"


def test_an_object_pronoun_through_control(coder):
    text = "Governor Mark Dale hired Tom Perez in May. Dale refused to promote him."
    found = pronoun_actor(coder, text, "him")
    assert found is not None and found.name == "Tom Perez"


def test_a_coordinated_clause_with_its_own_subject_does_not_exclude(coder):
    # "him" in the second clause may be the first clause's subject
    text = "Tom Perez wrote the report, and the governor praised him."
    found = pronoun_actor(coder, text, "him")
    assert found is not None and found.name == "Tom Perez"


def test_refused_to_help_him_do_so_codes_him_as_recipient(coder):
    text = ("Tom Perez wanted to sack the campaign staff. Perez could not sack the staff that Governor Mark Dale "
            "hired, and Dale refused to help him do so.")
    events = [e for e in code_text(coder, text).events if e.event == "REJECT"]
    assert events
    assert [a.name for a in events[0].actor] == ["Mark Dale"]
    assert [a.name for a in events[0].recipient] == ["Tom Perez"]
