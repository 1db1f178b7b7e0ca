"""Floors on our full-article gold (gold/articles/dev.jsonl, docs/annotation.md): the yardstick of the event coder.

Pinned slightly below the measured scores (bench/bench_articles.py); raise them as the coder improves, never lower
them silently. The aside third is not read here: it is kept for an issue's closing figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from newsevents.eval.articles import evaluate

GOLD = Path(__file__).resolve().parents[1] / "gold" / "articles" / "dev.jsonl"


@pytest.fixture(scope="module")
def scores(coder):
    if not (DATA / "bbc" / "articles.jsonl").exists():
        pytest.skip("../shared/data is not here")
    return evaluate(GOLD, coder=coder, data=DATA)


def test_article_precision_and_recall_floors(scores) -> None:
    # rules alone (before the event model): P 0.29, R 0.24; the model at first: P 0.435, R 0.328; with the judge
    # dropping constructions the model all but rules out and adding fewer events (events/judge.py): P 0.540, R 0.299.
    # Lowered from 0.53 on purpose: the dense topic head (events/topic.py) quiets sport, entertainment and tech
    # stories far better on the BBC corpus (events per article 0.60/0.60/0.45 -> 0.40/0.40/0.33) and stops taking
    # US-politics articles for quiet ones, which gives one more match and three more false positives here:
    # P 0.530, R 0.304 (tp 62, fp 55); with the quiet-story rules and recipients 0.547 / 0.314; with promises of no
    # event read as aims and obligations needing an addressee (events/frames.py): 0.584 / 0.324 (tp 66, fp 47); with
    # the sentence detector (events/sentences.py, criticism and praise in a political speaker's said-clause):
    # 0.587 / 0.348 (tp 71, fp 50); with doubtful hypotheticals dropped as speculation (events/judge.py):
    # 0.617 / 0.348 (tp 71, fp 44); with the tone veto on added criticism and praise (events/tone.py): 0.658 / 0.358
    # (tp 73, fp 38); with the doubt floor (events/judge.DOUBT_AT): 0.670 / 0.358 (fp 36)
    assert scores["micro"]["precision"] >= 0.66
    assert scores["micro"]["recall"] >= 0.34


def test_confident_events_are_more_often_right(scores) -> None:
    assert scores["precision_at_0.8"] >= 0.85
    assert scores["precision_at_0.8"] >= scores["micro"]["precision"] + 0.2


def test_actor_on_matches(scores) -> None:
    # 0.869 (53 of 61) before the dense topic head; the match it adds has a wrong actor: 53 of 62, 0.855
    assert scores["actor"] >= 0.85


def test_recipient_on_matches(scores) -> None:
    # 0.625 / 0.594 (40 and 38 of 64) before descriptions of people or a policy stood as open recipients of the
    # article's country ("urged the two men to", "opposed the plans"): 0.750 / 0.734; with "complained about X" and
    # "called X a liar" (two object predicates): 0.781 / 0.766; with "They" as people named together, not the
    # US that held them: 0.781 / 0.781; with "the party" as the party named last: 0.797 / 0.797; with "the four"
    # as the people counted before: 0.812 / 0.812
    # Lowered to 0.77 on purpose by the sentence detector (events/sentences.py): its five matches are criticism whose
    # target is a policy or a party deep in the reported clause ("trust is breaking down because Labour and Tories
    # are not being straight"), where it codes no recipient: 0.818 -> 0.775 (55 of 71; 54 of 66 before)
    # Lowered to 0.76 on purpose by the light verbs 'have', 'pay', 'announce support' (129beb0): two more matched
    # events, one with its recipient right: 55 of 71 (0.775) -> 56 of 73 (0.767); no earlier match lost its recipient
    assert scores["recipient"] >= 0.76
    assert scores["recipient_country"] >= 0.76


def test_actor_country_on_matches(scores) -> None:
    # 0.875 before open actors took the article's country context ("the group, which ..."): 0.906
    assert scores["actor_country"] >= 0.89


def test_event_place_on_matches(scores) -> None:
    # 0.761 (54 of 71) before occasions ("in a debate" ... "the debate in South Carolina") and jurisdiction bodies
    # ("the New York Police Department are investigating") placed events (resolve/place_bodies.py): 0.789 (56 of 71)
    assert scores["place"] >= 0.78
