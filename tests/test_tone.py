"""The tone of what a report verb says (events/tone.py): praise read into "said" is no accusation, and blame stays
one. Sentences written for this test."""

from __future__ import annotations

from conftest import code_text
from newsevents.events.tone import TONE_AT, contradicts, said_content, tone

PRAISE = "The prime minister said his predecessor had been a wonderful colleague and a loyal friend."
BLAME = "Opposition leader Peter Dutton said the government's budget was a reckless betrayal of families."
PLAIN = "The mayor said the council would meet again on Thursday to discuss the bus timetable."


def _verb(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    sent = next(iter(doc.sents))
    return next(t for t in sent if t.lower_ == "said"), sent


def test_said_content_drops_the_speaker_and_the_verb(nlp) -> None:
    verb, sent = _verb(nlp, BLAME)
    content = said_content(verb, sent)
    assert "Dutton" not in content and "said" not in content.split()
    assert "reckless betrayal" in content


def test_tone_reads_praise_blame_and_plain_statements() -> None:
    assert tone("his predecessor had been a wonderful colleague and a loyal friend") >= TONE_AT
    assert tone("the government's budget was a reckless betrayal of families") <= -TONE_AT
    assert abs(tone("the council would meet again on Thursday to discuss the bus timetable")) < TONE_AT


def test_contradicts_only_the_type_the_tone_goes_against(nlp) -> None:
    verb, sent = _verb(nlp, PRAISE)
    assert contradicts("ACCUSE", verb, sent) is not None
    assert contradicts("SUPPORT", verb, sent) is None
    assert contradicts("CONSULT", verb, sent) is None  # types without a tone are never contradicted
    verb, sent = _verb(nlp, BLAME)
    assert contradicts("SUPPORT", verb, sent) is not None
    assert contradicts("ACCUSE", verb, sent) is None
    verb, sent = _verb(nlp, PLAIN)
    assert contradicts("ACCUSE", verb, sent) is None and contradicts("SUPPORT", verb, sent) is None


def test_praise_over_said_is_not_coded_as_an_accusation(coder) -> None:
    events = code_text(coder, PRAISE).events
    assert not [e for e in events if e.event == "ACCUSE"], [(e.event, e.why) for e in events]


def test_blame_over_said_stays_an_accusation(coder) -> None:
    events = code_text(coder, BLAME).events
    assert [e for e in events if e.event == "ACCUSE"], [(e.event, e.why) for e in events]
