"""The RAMS recall scorer: its mapping table, its counting rules on excerpts written here, and the dev floor."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from newsevents.errors import InputError
from newsevents.eval.rams import (
    Excerpt,
    Reading,
    evaluate,
    format_report,
    locate,
    read_mapping,
    read_rams,
    reading_for,
    score,
)
from newsevents.models import CodedArticle, Event

RAMS = DATA / "rams"
# two excerpts written for this test (not RAMS text): one firm attack, one purchase with no PLOVER reading
ATTACK = ("The attack drew condemnation from Kabul. On Monday insurgents fired rockets at a police station in "
          "Kandahar, killing two officers. Officials said a second attack was feared.")
PURCHASE = "Shares rose in Leeds on Friday. A local bakery bought a rival chain for 3 million pounds. Staff were told."


def write_split(folder, rows):
    folder.mkdir()
    (folder / "dev.articles.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _, _ in rows), encoding="utf-8")
    (folder / "dev.gold.jsonl").write_text(
        "".join(json.dumps({"id": i, "rams_type": r, "trigger": tr, "plover": None}) + "\n" for i, _, r, tr in rows),
        encoding="utf-8")


def event(kind, start, end):
    return Event(id="x", event=kind, event_text="t", text_info={"start": start, "end": end})


def test_mapping_reads_and_longest_prefix_wins():
    mapping = read_mapping()
    assert reading_for("conflict.attack.airstrikemissilestrike", mapping) == Reading("ASSAULT")
    assert reading_for("justice.arrestjaildetain.arrestjaildetain", mapping).plover == "COERCE"
    assert reading_for("contact.discussion.meet", mapping).plover == "CONSULT"
    assert reading_for("life.die.nonviolentdeath", mapping) is None  # decided: no firm reading
    small = {"conflict": None, "conflict.attack": Reading("ASSAULT")}
    assert reading_for("conflict.attack.stabbing", small) == Reading("ASSAULT")
    assert reading_for("conflict.yield.surrender", small) is None
    assert reading_for("unheard.of.type", small) is None


@pytest.mark.skipif(not RAMS.exists(), reason="../shared/data/rams is not here")
def test_every_dev_type_is_decided_in_the_table():
    mapping = read_mapping()
    types = {json.loads(line)["rams_type"] for line in (RAMS / "dev.gold.jsonl").open(encoding="utf-8")}
    assert types and not sorted(types - set(mapping))


def test_trigger_nearest_the_middle_is_taken():
    start, count = locate(ATTACK, "attack")
    assert count == 2 and ATTACK[start:].startswith("attack was feared")  # the later one is nearer the middle
    assert locate(ATTACK, "attacks") == (-1, 0)  # whole words only


def test_counting_rules():
    mapping = {"conflict.attack": Reading("ASSAULT"), "government.agreements": Reading("AGREE", frozenset({"SUPPORT"})),
               "transaction": None}
    xs = [Excerpt("a", "", "conflict.attack.n/a", "t", 50, 1), Excerpt("b", "", "conflict.attack.n/a", "t", 50, 1),
          Excerpt("c", "", "government.agreements.n/a", "t", 10, 2, plover_given="AGREE"),
          Excerpt("d", "", "transaction.transfermoney.purchase", "t", 5, 1)]
    coded = [CodedArticle("a", None, None, events=[event("ASSAULT", 40, 90)]),
             CodedArticle("b", None, None, events=[event("ASSAULT", 0, 40), event("ACCUSE", 40, 90)]),
             CodedArticle("c", None, None, events=[event("SUPPORT", 0, 30)]),
             CodedArticle("d", None, None, events=[event("AID", 0, 20)])]
    s = score(xs, coded, mapping)
    assert (s["firm"], s["found"], s["recall"]) == (3, 2, 0.6667)  # b: ASSAULT in another sentence is a miss
    assert s["per_type"]["ASSAULT"] == {"n": 2, "found": 1, "recall": 0.5}
    assert s["per_type"]["AGREE"]["found"] == 1  # SUPPORT accepted for an agreement
    assert s["confusions"] == [{"gold": "ASSAULT", "ours": "ACCUSE", "n": 1}]
    assert (s["given_firm"], s["given_recall"]) == (1, 0.0)  # the data's own field takes AGREE only
    assert s["not_firm"] == 1 and s["not_firm_with_event"] == 1.0
    assert s["events_per_excerpt"] == {"all": 1.25, "firm": 1.333, "not firm": 1.0}
    assert s["ambiguous_triggers"] == 1


def test_two_written_excerpts_coded_by_the_real_coder(coder, tmp_path):
    folder = tmp_path / "rams"
    write_split(folder, [("x1", ATTACK, "conflict.attack.n/a", "fired"),
                         ("x2", PURCHASE, "transaction.transferownership.purchase", "bought")])
    s = evaluate(folder, coder=coder)
    assert (s["excerpts"], s["firm"], s["found"]) == (2, 1, 1)
    assert s["per_type"] == {"ASSAULT": {"n": 1, "found": 1, "recall": 1.0}}
    assert s["not_firm"] == 1 and s["not_firm_with_event"] == 0.0  # a company buying a company is no event
    assert "annotated event found" in format_report(s)


def test_bad_lines_name_file_and_line(tmp_path):
    folder = tmp_path / "rams"
    write_split(folder, [("x1", ATTACK, "conflict.attack.n/a", "fired"), ("x2", PURCHASE, "transaction", "sold")])
    with pytest.raises(InputError, match=r"dev.gold.jsonl:2: .*'sold' is not in its excerpt"):
        read_rams(folder)
    (folder / "dev.articles.jsonl").write_text('{"id": "x1", "text": "t"}\n{"id": 3}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"dev.articles.jsonl:2"):
        read_rams(folder)


# Floors pinned slightly below the measured scores (docs/event-coding.md): raise them as the coder improves,
# never lower one silently. Measured 0.267 (rams_plover.tsv, 367 firm) and 0.214 (the data's field, 294 firm)
# until the judge dropped the constructions its model all but rules out (event p < 0.1) and asked more of the
# events it adds (events/judge.py CONSTRUCTION_FLOOR, ADD_TYPE_AT): precision on our development articles rose
# 0.435 -> 0.545, GSR dev 0.861 -> 0.878, PETRARCH 0.695 -> 0.709, and RAMS fell to 0.212 / 0.184, mostly
# agentless casualty reports ("At least 140 people have been killed") the model reads as no event: lowered
# on purpose, precision on real articles first.
@pytest.mark.skipif(not RAMS.exists(), reason="../shared/data/rams is not here")
def test_dev_floors(coder):
    s = evaluate(RAMS, coder=coder)
    assert s["excerpts"] == 924 and s["firm"] == 367
    assert s["recall"] >= 0.20
    # 0.170 -> 0.163 with the sentence detector (events/sentences.py; same tree, detector off / on; not looked into
    # yet: an added ACCUSE where the excerpt's own field names another reading); lowered on purpose
    assert s["given_recall"] >= 0.16
