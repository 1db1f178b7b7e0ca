"""The PETRARCH2 validation-suite scorer: reading the suite, its counting rules, and the floors."""

from __future__ import annotations

import pytest

from conftest import DATA
from newsevents.errors import InputError
from newsevents.eval.petrarch import (
    GoldEvent,
    ValidationRecord,
    evaluate,
    format_report,
    load_code_table,
    read_suite,
    score,
)
from newsevents.knowledge.ontology import load_ontology
from newsevents.models import Actor, CodedArticle, Event

SUITE = DATA / "petrarch" / "PETR.UnitTest.records.xml"


def actor(code: str) -> Actor:
    return Actor(entity_text=code, start=0, end=1, name=code, code=code)


def event(kind: str, cameo: str, src: str, tgt: str) -> Event:
    return Event(id="x", event=kind, event_text="t", text_info={"start": 0, "end": 1}, cameo=cameo,
                 actor=[actor(src)], recipient=[actor(tgt)])


def test_code_table_maps_to_known_cameo_codes():
    onto = load_ontology()
    table = load_code_table()
    assert table["041"] == "051" and table["223"] == "190" and table["903"] is None
    for code, cameo in table.items():
        if cameo is not None:
            assert onto.code(cameo) is not None and onto.code(cameo).event, code


def test_counting_rules():
    recs = [
        ValidationRecord("a", "DEMO", "1995-01-01", "t", [GoldEvent("ARN", "GON", "041", "051", "SUPPORT")]),
        ValidationRecord("b", "DEMO", None, "t", [GoldEvent("OSG", None, "223", "190", "ASSAULT"),
                                                  GoldEvent("ERI", "OSG", "212", "173", "COERCE")]),
        ValidationRecord("c", "DEMO", None, "t", noevents=True),
        ValidationRecord("d", "SYNSET", None, "t", [GoldEvent("ARN", "GON", "903")]),  # not scored
    ]
    coded = [
        CodedArticle("a", None, None, events=[event("SUPPORT", "051", "ARNGOV", "MOR")]),
        CodedArticle("b", None, None, events=[event("ASSAULT", "183", "OSGMIL", "ERI")]),
        CodedArticle("c", None, None, events=[event("ACCUSE", "111", "ARN", "GON")]),
        CodedArticle("d", None, None, events=[event("AGREE", "030", "ARN", "GON")]),
    ]
    s = score(recs, coded)
    assert s["records_scored"] == 3 and s["gold_events_unscored"] == 1 and s["unscored_codes"] == {"903": 1}
    assert (s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]) == (2, 1, 1)  # ACCUSE on a noevents record
    assert s["cameo_root_accuracy"] == 0.5 and s["matched_events"] == 2  # 183 is root 18, the gold 190 root 19
    assert s["source_agreement"] == 1.0 and s["source_n"] == 2  # ARNGOV starts with ARN
    assert s["target_agreement"] == 0.0 and s["target_n"] == 1  # MOR is not GON
    assert "PLOVER type" in format_report(s)


def test_bad_suite_names_the_file(tmp_path):
    f = tmp_path / "suite.xml"
    f.write_text("<Validation><Sentences><Sentence id='x'>", encoding="utf-8")
    with pytest.raises(InputError, match="suite.xml"):
        read_suite(f)


@pytest.fixture(scope="module")
def suite_scores():
    if not SUITE.exists():
        pytest.skip("../shared/data/petrarch is not here")
    return evaluate(SUITE)


def test_suite_is_read_whole(suite_scores):
    records, env = read_suite(SUITE)
    assert len(records) == 277 and env["Actorfile"] == "PETR.Validate.actors.txt"  # 284 minus 7 error records
    table = load_code_table()
    assert all(g.code in table for r in records for g in r.events), "a suite code missing from the table"


# Floors pinned slightly below the measured scores: raise them as the coder improves, never lower silently.
# Lowered on purpose with the learned event model (docs/event-model.md): it drops lone verbs it reads as non-events,
# which costs these sentence sets a little and raises precision on whole real articles (gold/articles dev 0.29 -> 0.43).
def test_suite_floors(suite_scores):
    assert suite_scores["records_scored"] == 181
    assert suite_scores["micro"]["f1"] >= 0.70  # 0.72 before the event model (see above), 0.709 now
    assert suite_scores["macro"]["f1"] >= 0.52
    assert suite_scores["cameo_root_accuracy"] >= 0.94
    # 0.77 before agentless passives the model is sure of ("he was sentenced") were coded on their recipient:
    # such an event has no source to agree with
    assert suite_scores["source_agreement"] >= 0.75
    assert suite_scores["target_agreement"] >= 0.79
