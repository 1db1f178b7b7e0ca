"""Held-out sentences written for newsevents (tests/data/heldout_events.tsv): format checks and the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.eval.heldout import code_matches, evaluate, format_report, read_heldout
from newsevents.models import Actor

HELDOUT = Path(__file__).parent / "data" / "heldout_events.tsv"


def actor(code: str, country: str | None, sector: str | None) -> Actor:
    return Actor(entity_text="x", start=0, end=1, name="x", code=code, country=country, sector=sector)


def test_file_is_well_formed():
    records = read_heldout(HELDOUT)
    assert len(records) == 130
    assert len({r.id for r in records}) == 130
    assert sum(r.event is None for r in records) == 10  # non-political sentences: no event expected


def test_code_matching():
    assert code_matches(actor("RUSMIL", "RUS", "MIL"), "RUS")
    assert code_matches(actor("RUSMIL", "RUS", "MIL"), "RUSMIL")
    assert not code_matches(actor("RUSGOV", "RUS", "GOV"), "RUSMIL")
    assert code_matches(actor("IGOUNO", None, "IGO"), "IGO")
    assert not code_matches(actor("UKR", "UKR", None), "RUS")


def test_bad_line_names_file_and_line(tmp_path):
    f = tmp_path / "h.tsv"
    f.write_text("# comment\nx1\tAGREE\tRUS\t-\t-\tRussia agreed.\nx2\tAGREED\tRUS\t-\t-\tRussia agreed.\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match=r"h.tsv:3"):
        read_heldout(f)


@pytest.fixture(scope="module")
def heldout_scores(coder):
    return evaluate(HELDOUT, coder=coder)


# Floors pinned slightly below the measured scores: raise them as the coder improves, never lower silently.
# Lowered on purpose with the learned event model (docs/event-model.md): it drops lone verbs it reads as non-events,
# which costs these sentence sets a little and raises precision on whole real articles (gold/articles dev 0.29 -> 0.43).
def test_heldout_floors(heldout_scores):
    assert "event type" in format_report(heldout_scores)
    assert heldout_scores["micro"]["f1"] >= 0.86  # 0.88 before the event model (see above)
    assert heldout_scores["macro"]["f1"] >= 0.86  # 0.89 before the event model
    assert heldout_scores["actor_accuracy"] >= 0.96
    assert heldout_scores["recipient_accuracy"] >= 0.82  # 0.815; 0.827 with open recipients of the leading country
    assert heldout_scores["aux_accuracy"] >= 0.95
    assert heldout_scores["nonpolitical_silent"] >= 0.9
