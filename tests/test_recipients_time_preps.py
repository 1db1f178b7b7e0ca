"""A time is no prepositional cue (real spaCy): "called the minister a liar on Sunday" is not "called on", and no
`prep:` row of the lexicon is satisfied by a preposition whose objects are all times; a real "on"/"for" phrase,
also beside a date, still is."""

from __future__ import annotations

import pytest

from conftest import code_text, event_of


def _call_rows(nlp, text: str) -> list[str]:
    from newsevents.events.lexicon import default_lexicon
    from newsevents.nlp.arrays import token_lemma

    doc = nlp(text)
    lex = default_lexicon()
    out = []
    for t in doc:
        if token_lemma(t) == "call" and t.tag_.startswith("VB"):
            spec = lex.match("verb", t)
            out.append(spec.cue if spec is not None else "")
    return out


@pytest.mark.parametrize("text", [
    "The opposition leader called the prime minister a coward on Sunday.",
    "Senator Ruth Okafor called the governor a liar on Monday night.",
    "The party chairman called the plan a disgrace on 4 March.",
])
def test_a_date_after_call_is_no_call_on(coder, nlp, text):
    assert "prep:on" not in _call_rows(nlp, text)
    assert not [e for e in code_text(coder, text).events if e.event == "REQUEST"]


def test_call_on_beside_a_date_is_still_a_request(coder):
    e = event_of(coder, "Protesters called on the president on Monday to release the prisoners.", "REQUEST")
    assert [a.sector for a in e.recipient] == ["GOV"]


def test_call_for_a_period_of_something_is_still_a_request(nlp):
    assert _call_rows(nlp, "The rebels called for two days of mourning.") == ["prep:for"]


def test_time_phrase_reads_every_object(nlp):
    from newsevents.events.lexicon import _time_phrase
    from newsevents.nlp.arrays import doc_arrays

    doc = nlp("The mayor insisted on Friday that the vote go ahead. The mayor insisted on a recount.")
    arr = doc_arrays(doc)
    ons = [t.i for t in doc if t.lower_ == "on" and t.dep_ == "prep"]
    assert [_time_phrase(arr, i) for i in ons] == [True, False]
