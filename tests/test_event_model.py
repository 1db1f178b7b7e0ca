"""The learned event model: the shipped weights, its verdicts inside the Coder, calibration, determinism.

Sentences here are written for these tests (not taken from any gold set)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from newsevents.errors import KnowledgeError
from newsevents.events.coder import _judge
from newsevents.events.features import clause
from newsevents.events.lexicon import default_lexicon
from newsevents.events.model import MODEL_PATH, NONE, EventModel, load_event_model
from newsevents.knowledge.ontology import load_ontology
from newsevents.models import Article

ROOT = Path(__file__).resolve().parents[1]


def _code(coder, text: str, explain: bool = False):  # type: ignore[no-untyped-def]
    coder.explain = explain
    try:
        return coder.code_one(Article(id="t", text=text, date="2024-05-02"))
    finally:
        coder.explain = False


def test_shipped_model_has_every_type_and_probabilities(nlp) -> None:
    model = load_event_model()
    assert set(model.types.classes) == {NONE, *load_ontology().types}
    doc = nlp("Riot police detained dozens of students outside the parliament on Monday.")
    sent = next(iter(doc.sents))
    verb = next(t for t in doc if t.text == "detained")
    j = model.judge(clause(verb, sent, lambda t: [], default_lexicon()))
    assert abs(sum(j.probs.values()) - 1.0) < 1e-4
    assert j.best_event[0] == "COERCE" and j.p_event > 0.5


def test_model_adds_an_event_the_lexicon_lacks_and_says_so(coder) -> None:
    coded = _code(coder, "Russia sent arms to the rebels in the east, the ministry confirmed.")
    types = {e.event for e in coded.events}
    assert types & {"AID", "MOBILIZE"}, [(e.event, e.why) for e in coded.events]
    added = [e for e in coded.events if "model" in e.why]
    assert added, [e.why for e in coded.events]


def test_figurative_sport_verbs_give_no_event_and_a_note(coder) -> None:
    text = ("The striker attacked the near post twice before half-time, and United's defence was torn apart as the "
            "visitors hit back to win 3-1.")
    coded = _code(coder, text, explain=True)
    assert not [e for e in coded.events if e.event in ("ASSAULT", "COERCE")], [e.why for e in coded.events]
    assert any("gave no event" in n for n in coded.notes)


def test_a_sport_story_is_quiet(coder) -> None:
    text = ("Wales beat Ireland 24-18 in Cardiff on Saturday to keep their Grand Slam hopes alive.\n\n"
            "The home side attacked from the first whistle and the visitors were punished for their indiscipline.\n\n"
            "Ireland coach Andy Farrell said his players would meet on Monday to review the defeat.\n\n"
            "The fly-half kicked three penalties and the winger scored twice in the second half.")
    coded = _code(coder, text, explain=True)
    assert coded.events == [], [(e.event, e.event_text, e.why) for e in coded.events]


def test_political_news_keeps_its_events_with_the_models_confidence(coder) -> None:
    coded = _code(coder, "The opposition accused the interior minister of rigging the count in three provinces.")
    accuse = [e for e in coded.events if e.event == "ACCUSE"]
    assert accuse and accuse[0].confidence >= 0.6
    assert "model" in accuse[0].why


def test_a_broken_model_file_is_a_knowledge_error(tmp_path: Path) -> None:
    bad = tmp_path / "event_model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(KnowledgeError) as err:
        EventModel(bad)
    assert str(bad) in str(err.value)


def test_calibration_is_monotone_and_in_range() -> None:
    judge = _judge(default_lexicon())
    values = [judge.calibrated(p / 100) for p in range(0, 101)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert all(b >= a for a, b in zip(values, values[1:], strict=False))


def test_training_is_deterministic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("train_event_model", ROOT / "scripts" / "train_event_model.py")
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_event_model"] = train
    spec.loader.exec_module(train)
    corpus = train.read_corpus([ROOT / "training" / "events" / "conflict.jsonl"])[:120]
    corpus += train.read_corpus([ROOT / "training" / "events" / "speech_uk.jsonl"])[:120]
    exs, nouns = train.examples(corpus)
    outs = []
    for n in (1, 2):
        fitted = train.fit(exs, reasons=True)
        train.save(fitted, nouns, tmp_path / f"m{n}.npz")
        outs.append(np.load(tmp_path / f"m{n}.npz"))
    for key in ("sparse_weights", "dense_weights", "bias", "reason_sparse"):
        assert np.array_equal(outs[0][key], outs[1][key]), key
    assert MODEL_PATH.exists()
