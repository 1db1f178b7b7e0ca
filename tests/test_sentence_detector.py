"""The sentence detector (events/sentences.py, nlp/encoder.py): MiniLM vectors of a sentence, logistic heads for
criticism and praise, events added on a political speaker's said-clause that no rule or clause model coded."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import code_text
from newsevents.events.sentences import CONFIDENCE, DETECTED, load_detector
from newsevents.nlp.encoder import DIMS, load_encoder

# written for this test: criticism carried by what is said, with no criticism verb the lexicon knows
CRITICISM = "The opposition leader told parliament the prime minister had misled voters about the cost of the war."
QUOTED = "\"This is a cynical betrayal of every pensioner in the country,\" the shadow chancellor said."
NEUTRAL = "The shadow home secretary said the committee would meet again on Thursday to discuss the timetable."
SPORT = ("Arsenal manager Arsene Wenger said his side had been robbed by a disgraceful refereeing decision in the "
         "second half.\n\nThe striker scored twice before the break, and the goalkeeper saved a penalty in the last "
         "minute of the league match at the Emirates Stadium on Saturday.\n\nWenger said the players had shown "
         "great character and the club would appeal against the red card shown to the midfielder, who will miss "
         "the cup tie against Chelsea and the trip to Manchester for the title decider next month.")


def test_encoder_gives_deterministic_unit_vectors() -> None:
    enc = load_encoder()
    texts = [CRITICISM, NEUTRAL, "Short."]
    a = enc.encode(texts)
    assert a.shape == (3, DIMS) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    b = enc.encode(texts[::-1])[::-1]  # padding in a batch changes nothing
    assert np.allclose(a, b, atol=1e-5)
    assert np.array_equal(a, enc.encode(texts))
    assert enc.encode([]).shape == (0, DIMS)


def test_heads_tell_criticism_from_a_neutral_statement() -> None:
    crit, neutral = load_detector().probs([CRITICISM, NEUTRAL])
    assert set(DETECTED) <= set(crit)
    assert crit["ACCUSE"] > 0.5 > neutral["ACCUSE"]
    assert crit["ACCUSE"] > neutral["ACCUSE"] + 0.3


def test_criticism_in_a_said_clause_is_coded_accuse_by_the_detector(coder) -> None:
    events = [e for e in code_text(coder, CRITICISM).events if "sentence detector" in e.why]
    assert [e.event for e in events] == ["ACCUSE"]
    event = events[0]
    assert event.event_text == "told"
    assert "sentence detector: ACCUSE p=" in event.why and "over a said-clause" in event.why
    assert ["opposition leader" in a.entity_text for a in event.actor] == [True]
    assert ["prime minister" in a.entity_text for a in event.recipient] == [True]
    assert event.confidence == pytest.approx(CONFIDENCE)


def test_criticism_in_a_quote_is_coded_with_the_speaker_as_actor(coder) -> None:
    events = [e for e in code_text(coder, QUOTED).events if "sentence detector" in e.why]
    assert [(e.event, e.event_text) for e in events] == [("ACCUSE", "said")]
    assert ["shadow chancellor" in a.entity_text for a in events[0].actor] == [True]


def test_a_neutral_said_clause_gives_no_event(coder) -> None:
    assert code_text(coder, NEUTRAL).events == []


def test_a_sport_story_stays_quiet(coder) -> None:
    coded = code_text(coder, SPORT)
    assert not [e for e in coded.events if "sentence detector" in e.why]
