"""Non-political text stays quiet (events/judge.py, issue 12 item 5): in a story that reads as or leans towards
sport, culture or tech, an event needs a political actor on one side; the state's events still stand."""

from __future__ import annotations

import pytest

from newsevents.events.judge import QUIET_AT, QUIET_KEEP_AT, QUIET_LEAN_AT, QUIET_STATE_AT, Judge, Topic
from newsevents.events.lexicon import default_lexicon
from newsevents.events.model import NONE, Judgement
from newsevents.models import Actor, Article, Event

# written for this test
SPORT = ("Former Liverpool manager Kenny Dalglish has praised Steven Gerrard for his captaincy in a season of "
         "injuries and narrow defeats at Anfield.\n\n"
         "Gerrard scored twice in the win over Everton on Saturday, a curling free-kick and a header from a corner, "
         "and the midfielder has now scored in five straight league games.\n\n"
         "Dalglish said the squad lacked depth in defence and urged the club to buy a centre-back when the transfer "
         "window opens in January, before the title run-in and the European ties in the spring.")
CULTURE = ("The culture minister condemned the broadcaster on Tuesday for screening a comedy show that mocked "
           "the victims of last year's floods.\n\n"
           "The programme, the third episode of a sketch series starring two stand-up comedians, drew more viewers "
           "than any other show that night, and the channel's drama and music slots also rose in the ratings.\n\n"
           "The comedians, who won an award for their live tour last year, said the sketch was meant as satire, and "
           "the channel said the episode would stay on its streaming service with a warning about its content.")
# a competition ruling on software: tech words and a regulator, so the head leans tech without being sure
LEANING = ("The European Commission fined the software maker for abusing its dominance of the market for "
           "operating systems, the latest round in a long fight over how the firm bundles its media player.\n\n"
           "The company's chief executive criticised the ruling and said the firm would appeal. Rivals welcomed the "
           "decision, saying it would let smaller developers compete with the giant's browser and apps.\n\n"
           "Analysts expect the appeal to take years, while the next version of the software, due in the spring, "
           "adds faster search, a new interface and better support for phones and tablets.")


@pytest.fixture(scope="module")
def judge() -> Judge:
    return Judge(default_lexicon())


def _code(coder, text: str):  # type: ignore[no-untyped-def]
    coder.explain = True
    try:
        return coder.code_one(Article(id="t", text=text, date="2024-05-02"))
    finally:
        coder.explain = False


def _actor(name: str, sector: str | None, kind: str = "person", country: str | None = None) -> Actor:
    return Actor(entity_text=name, start=0, end=len(name), name=name, code=sector or "", country=country,
                 sector=sector, kind=kind)


def _event(kind: str, actor: list[Actor], recipient: list[Actor] | None = None) -> Event:
    return Event(id="e", event=kind, event_text="x", text_info={"start": 0, "end": 1}, actor=actor,
                 recipient=recipient or [])


def _judgement(kind: str, p: float) -> Judgement:
    return Judgement(kind, p, {kind: p, NONE: 1 - p})


QUIET = Topic("sport", 0.9, True)
LEANS = Topic("tech", 0.6, False, True)


def test_praise_between_sport_people_is_no_event(coder) -> None:
    coded = _code(coder, SPORT)
    assert coded.events == [], [(e.event, e.event_text, e.why) for e in coded.events]
    assert any("no political actor" in n and "Dalglish" in n for n in coded.notes), coded.notes


def test_a_minister_in_a_culture_story_still_stands(coder) -> None:
    coded = _code(coder, CULTURE)
    accuse = [e for e in coded.events if e.event == "ACCUSE" and any(a.sector == "GOV" for a in e.actor)]
    assert accuse, [(e.event, e.event_text) for e in coded.events]
    assert "kept in a culture story" in accuse[0].why


def test_a_story_between_desks_leans_quiet(coder, judge: Judge) -> None:
    topic = judge.topic(coder.nlp(LEANING))
    assert QUIET_LEAN_AT <= topic.p < QUIET_AT and topic.leaning and not topic.quiet, topic
    coded = _code(coder, LEANING)
    assert any("story leaning tech, no political actor" in n for n in coded.notes), coded.notes


def test_no_political_actor_is_dropped_however_sure_the_model(judge: Judge) -> None:
    for topic in (QUIET, LEANS):
        player = _event("SUPPORT", [_actor("Kenny Dalglish", None)], [_actor("Steven Gerrard", None)])
        review = judge.quieted(player, _judgement("SUPPORT", 0.99), topic)
        assert review is not None and review.event is None and "no political actor" in (review.note or "")
        # a bare country name in such a story is the team
        team = _event("ACCUSE", [_actor("France", None, "country", "FRA")])
        assert judge.quieted(team, _judgement("ACCUSE", 0.99), topic) is not None
        # nor are "strikers" or "supporters" a political actor here
        fans = _event("ACCUSE", [_actor("supporters", "CVL", "group")], [_actor("strikers", "LAB", "group")])
        assert judge.quieted(fans, _judgement("ACCUSE", 0.99), topic) is not None


def test_a_leaning_story_keeps_events_with_a_political_actor(judge: Judge) -> None:
    party = _event("ACCUSE", [_actor("Labour", "PTY", "organization")], [_actor("the channel", "MED", "group")])
    assert judge.quieted(party, _judgement("ACCUSE", 0.2), LEANS) is None
    assert "kept in a story leaning tech" in party.why
    # an agentless act ("was arrested") is read as the state's
    arrest = _event("COERCE", [], [_actor("the singer", None)])
    assert judge.quieted(arrest, _judgement("COERCE", QUIET_STATE_AT + 0.05), LEANS) is None
    unsure = _event("COERCE", [], [_actor("the singer", None)])
    assert judge.quieted(unsure, _judgement("COERCE", QUIET_STATE_AT - 0.1), LEANS) is not None


def test_a_quiet_story_keeps_its_floors(judge: Judge) -> None:
    state = _event("COERCE", [_actor("police", "COP", "group")], [_actor("the singer", None)])
    assert judge.quieted(state, _judgement("COERCE", QUIET_STATE_AT + 0.05), QUIET) is None
    party = _event("ACCUSE", [_actor("Labour", "PTY", "organization")])
    assert judge.quieted(party, _judgement("ACCUSE", QUIET_KEEP_AT - 0.05), QUIET) is not None
    sure = _event("ACCUSE", [_actor("Labour", "PTY", "organization")])
    assert judge.quieted(sure, _judgement("ACCUSE", QUIET_KEEP_AT + 0.01), QUIET) is None
    agentless = _event("COERCE", [], [_actor("the singer", None)])
    assert judge.quieted(agentless, _judgement("COERCE", 0.9), QUIET) is not None
