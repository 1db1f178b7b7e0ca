"""Who undergoes a passive participle and who acts when the parse hangs a verb on its subject (real spaCy):
"X spent two years in prison after being convicted" makes X the recipient of an unnamed court, never the
actor; "faced criticism" makes its subject the recipient."""

from __future__ import annotations

from conftest import code_text
from newsevents.events.arguments import subject_heads


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_the_main_subject_undergoes_an_adverbial_passive(nlp):
    doc = nlp("Councillor Ray Dunn spent eighteen months in jail after being convicted of fraud.")
    args = subject_heads(_token(doc, "convicted"))
    assert args.actor_heads == []
    assert [t.text for t in args.recipient_heads] == ["Dunn"]
    assert args.passive


def test_a_perfect_passive_participle_clause(nlp):
    doc = nlp("Having been arrested twice, the activist left the country.")
    args = subject_heads(_token(doc, "arrested"))
    assert args.actor_heads == [] and [t.text for t in args.recipient_heads] == ["activist"]


def test_an_active_participle_keeps_the_main_subject_as_actor(nlp):
    # the same climb for an active participle: the main clause's subject does the act
    doc = nlp("The governor signed the bill after meeting union leaders.")
    args = subject_heads(_token(doc, "meeting"))
    assert [t.text for t in args.actor_heads] == ["governor"] and not args.passive


def test_a_named_agent_is_still_the_actor(nlp):
    doc = nlp("The banker was jailed after being convicted by a federal jury.")
    args = subject_heads(_token(doc, "convicted"))
    assert [t.text for t in args.actor_heads] == ["jury"]


def test_convicted_person_is_coded_as_recipient_without_actor(coder):
    text = "Former MP Jonathan Aitken spent seven months in prison after being convicted of perjury."
    events = [e for e in code_text(coder, text).events if e.event_text.startswith("convicted")]
    assert events
    assert events[0].actor == []
    assert [a.name for a in events[0].recipient] == ["Jonathan Aitken"]


def test_a_verb_the_parse_hung_on_its_subject(nlp, coder):
    text = "Senator Ann Marsh, for the Democrats, called on Governor Tom Reid to resign."
    doc = nlp(text)
    args = subject_heads(_token(doc, "called"))
    assert [t.text for t in args.actor_heads] == ["Marsh"] and not args.passive
    events = [e for e in code_text(coder, text).events if e.event == "REQUEST"]
    assert events and [a.name for a in events[0].actor] == ["Ann Marsh"]
    assert [a.name for a in events[0].recipient] == ["Tom Reid"]


def test_a_headline_participle_stays_passive(nlp):
    # no comma between the noun and the participle: a headline's "Two soldiers killed in ambush" is passive
    doc = nlp("Two soldiers killed in ambush near Basra")
    verb = _token(doc, "killed")
    assert verb.dep_ == "acl"  # the parse this rule is about
    args = subject_heads(verb)
    assert args.passive and args.actor_heads == [] and [t.text for t in args.recipient_heads] == ["soldiers"]


def test_faced_criticism_makes_the_subject_the_recipient(coder):
    text = "Mayor Ken Livingstone faced fierce criticism over the congestion charge."
    events = [e for e in code_text(coder, text).events if e.event == "ACCUSE"]
    assert events
    assert events[0].actor == [] and [a.name for a in events[0].recipient] == ["Ken Livingstone"]


def test_faced_criticism_from_a_named_critic(coder):
    text = "Defence Secretary Geoff Hoon faced criticism from the Liberal Democrats over the helicopter deal."
    events = [e for e in code_text(coder, text).events if e.event == "ACCUSE"]
    assert events
    assert [a.name for a in events[0].actor] == ["Liberal Democrats"]
    assert [a.name for a in events[0].recipient] == ["Geoff Hoon"]
