"""The PolNeAR scorer: brat parsing, annotator choice, matching rule, and the dev floors."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from newsevents.eval import polnear as ev

TEXT = "Massoud said the Taliban had rejected talks. “We will fight,” he added. Polls show a tie."


@pytest.fixture()
def split(tmp_path):
    (tmp_path / "attributions").mkdir()
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"id": "a1", "text": TEXT, "date": "2021-08-22"}) + "\n", encoding="utf-8"
    )
    said = TEXT.index("said")
    content = TEXT.index("the Taliban")
    fight = TEXT.index("“We")
    he = TEXT.index("he added")
    ann = "\n".join([
        "T1\tSource 0 7\tMassoud",
        f"T2\tCue {said} {said + 4}\tsaid",
        f"T3\tContent {content} {content + 34}\t{TEXT[content:content + 34]}",
        f"T4\tAttribution {said} {said + 4}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tContent {fight} {fight + 9};{fight + 9} {fight + 16}\t{TEXT[fight:fight + 16]}",
        f"T6\tSource {he} {he + 2}\the",
        f"T7\tCue {he + 3} {he + 8}\tadded",
        f"T8\tAttribution {he + 3} {he + 8}\tadded",
        "E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7",
        "#1\tAnnotatorNotes T1\ta note",
    ])
    (tmp_path / "attributions" / "a1_ef2d.ann").write_text(ann + "\n", encoding="utf-8")
    (tmp_path / "attributions" / "a1_4b22.ann").write_text("", encoding="utf-8")  # first code: empty
    return tmp_path


def test_load_gold_picks_the_first_annotator_code(split):
    (gold,) = ev.load_gold(split)
    assert gold.annotator == "4b22" and gold.attributions == []


def test_parse_ann_joins_discontinuous_content(split):
    attributions = ev.parse_ann(split / "attributions" / "a1_ef2d.ann", TEXT)
    assert len(attributions) == 2
    first, second = attributions
    assert first.source == [(0, 7)] and first.kind == "indirect"
    assert second.length == 16 and second.kind == "direct"


def test_match_needs_half_of_each_side():
    gold = [ev.Attribution([(0, 100)])]
    assert ev.match(gold, [ev.Attribution([(0, 50)])]) == [(0, 0)]
    assert ev.match(gold, [ev.Attribution([(0, 49)])]) == []  # under half of the gold
    assert ev.match(gold, [ev.Attribution([(0, 220)])]) == []  # under half of the prediction
    assert ev.match(gold, [ev.Attribution([(0, 220)])], lenient=True) == [(0, 0)]


def test_match_is_one_to_one():
    gold = [ev.Attribution([(0, 10)]), ev.Attribution([(0, 10)])]
    assert len(ev.match(gold, [ev.Attribution([(0, 10)])])) == 1


def test_score_counts_speakers_on_matched_contents(split):
    gold = [ev.GoldArticle(ev.load_gold(split)[0].article, "ef2d",
                           ev.parse_ann(split / "attributions" / "a1_ef2d.ann", TEXT))]
    content = TEXT.index("the Taliban")
    he = TEXT.index("he added")
    predicted = {"a1": [
        ev.Attribution([(content, content + 34)], [(0, 7)]),  # content and speaker right
        ev.Attribution([(TEXT.index("“We"), TEXT.index("“We") + 16)], [(he + 3, he + 8)]),  # speaker wrong
        ev.Attribution([(TEXT.index("Polls"), len(TEXT))], []),  # no such attribution in the gold
    ]}
    scores = ev.score(gold, predicted)
    assert scores["content"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert scores["speaker"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_format_report_names_the_figures(split):
    report = ev.format_report(ev.score(ev.load_gold(split), {}))
    assert "content" in report and "speaker" in report and "F1" in report


# Floors on the first articles of PolNeAR dev (sorted ids), measured with bench/bench_quotes.py's scorer.
# Raise them as the extractor improves; never lower one silently.
DEV_SUBSET = 30
FLOOR_CONTENT_F1 = 0.68  # measured 0.684
FLOOR_SPEAKER_F1 = 0.64  # measured 0.644


@pytest.mark.skipif(not (DATA / "polnear" / "dev").exists(), reason="PolNeAR dev is not in ../shared/data")
def test_dev_floors(coder):
    gold = ev.load_gold(DATA / "polnear" / "dev", limit=DEV_SUBSET)
    predicted = {c.doc_id: ev.from_quotes(c.quotes) for c in coder.code(g.article for g in gold)}
    scores = ev.score(gold, predicted)
    assert scores["articles"] == DEV_SUBSET
    assert scores["content"]["f1"] >= FLOOR_CONTENT_F1, ev.format_report(scores)
    assert scores["speaker"]["f1"] >= FLOOR_SPEAKER_F1, ev.format_report(scores)
