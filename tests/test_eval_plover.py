"""The PLOVER GSR scorer: its counting rules on hand-made records, and the dev-set floors."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from newsevents.errors import InputError
from newsevents.eval.plover_gsr import actor_matches, evaluate, format_report, read_records, score
from newsevents.models import Actor, CodedArticle, Event

DEV = DATA / "plover_gsr" / "dev.jsonl"


def actor(name, code="", country=None, sector=None):
    return Actor(entity_text=name, start=0, end=len(name), name=name, code=code, country=country, sector=sector)


def event(kind, actors=(), recipients=(), confidence=0.5):
    return Event(id="x", event=kind, event_text="t", text_info={"start": 0, "end": 1}, actor=list(actors),
                 recipient=list(recipients), confidence=confidence)


def record(kind, actors=(), recipients=()):
    return {"id": kind, "text": "t", "gold": {"event": kind, "actor": list(actors), "recipient": list(recipients)}}


def test_counting_rules():
    recs = [
        record("AGREE", [{"text": "Japanese officials", "code": "JAP", "sector": "GOV"}]),
        record("REJECT", [{"text": "Serbia", "code": "SRB"}], [{"text": "the UN", "code": "IGO"}]),
        record("ASSAULT"),
    ]
    coded = [
        CodedArticle("a", None, None, events=[event("AGREE", [actor("Japan", "JPNGOV", "JPN", "GOV")]),
                                              event("AGREE"), event("CONSULT", confidence=0.9)]),
        CodedArticle("b", None, None, events=[event("REJECT", [actor("Belgrade", "SRB", "SRB")],
                                                    [actor("Russia", "RUS", "RUS")], confidence=0.95)]),
        CodedArticle("c", None, None, events=[]),
    ]
    s = score(recs, coded)
    assert s["micro"]["tp"] == 2 and s["micro"]["fp"] == 1 and s["micro"]["fn"] == 1  # AGREE counted once
    assert s["per_type"]["CONSULT"]["fp"] == 1 and s["per_type"]["ASSAULT"]["fn"] == 1
    assert s["actor_accuracy"] == 1.0 and s["actor_n"] == 2  # JAP maps to JPN; SRB by country
    assert s["recipient_accuracy"] == 0.0 and s["recipient_n"] == 1
    assert s["event_precision"] == 0.75 and s["event_precision_high_confidence"] == 0.5
    assert "micro P" in format_report(s)


def test_actor_match_by_code_root_and_by_text():
    assert actor_matches(actor("United Nations", "IGO"), {"text": "UN", "code": "IGO"})
    assert actor_matches(actor("the Asia-Pacific forum"), {"text": "Asia-Pacific Economic Cooperation", "code": "IGO"})
    assert not actor_matches(actor("Chile", "CHL", "CHL"), {"text": "Peru", "code": "PER"})


def test_country_and_sector_agreement():
    recs = [record("AGREE", [{"text": "Japanese officials", "code": "JAP", "sector": "GOV"}])]
    ours = actor("Japanese officials", "JPNMIL", "JPN", "MIL")
    coded = [CodedArticle("a", None, None, events=[event("AGREE", [ours])])]
    s = score(recs, coded)
    assert s["actor_country_agreement"] == 1.0 and s["actor_sector_agreement"] == 0.0


def test_bad_record_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps(record("AGREE")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        read_records(f)


@pytest.fixture(scope="module")
def dev_scores(coder):
    if not DEV.exists():
        pytest.skip("../shared/data/plover_gsr/dev.jsonl is not here")
    return evaluate(DEV, coder=coder)


# Floors pinned slightly below the measured dev scores: raise them as the coder improves, never lower silently.
# Lowered on purpose with the learned event model (docs/event-model.md): it drops lone verbs it reads as non-events,
# which costs these sentence sets a little and raises precision on whole real articles (gold/articles dev 0.29 -> 0.43).
def test_dev_type_f1_floor(dev_scores):
    assert dev_scores["records"] == 163
    # 0.875 before the event model (see above), 0.878 with it, 0.873 later; lowered on purpose to 0.865 by the
    # sentence detector (events/sentences.py): two wrong ACCUSE on said-clauses, 0.873 -> 0.868 (the issue's: 0.85)
    assert dev_scores["micro"]["f1"] >= 0.865
    assert dev_scores["macro"]["f1"] >= 0.87  # 0.90 before the event model
    assert len(dev_scores["types_predicted"]) == 16


def test_dev_actor_floors(dev_scores):
    assert dev_scores["actor_accuracy"] >= 0.95
    assert dev_scores["recipient_accuracy"] >= 0.84  # 0.835 "allowed X to"; 0.843 ranked countries


def test_dev_confidence_ranks_events(dev_scores):
    assert dev_scores["event_precision_high_confidence"] >= dev_scores["event_precision"] + 0.04
