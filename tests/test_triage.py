"""Sentence triage: which sentences are parsed, what the others get, and that coding does not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEED
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.models import Article
from newsevents.nlp.model import load_model, parse_articles
from newsevents.nlp.triage import TRIAGE_ENV, Triage, triage_default, triage_for
from newsevents.pipeline import triage_words

TEXT = (
    "Police arrested 20 protesters in Nairobi on Tuesday. The weather was warm and sunny in Mombasa. "
    "\"We will return,\" one organiser said.\n\nKisumu lies on the shore of Lake Victoria."
)


WORDS = None


def words():
    """The Coder's triage words (read off the loaded event and quote lexicons and the actor KB), made once."""
    global WORDS
    if WORDS is None:
        WORDS = triage_words(ActorKB.load())
    return WORDS


def _parse(nlp, text: str, triage: bool):
    return next(parse_articles(nlp, [Article(id="t", text=text)], triage=words() if triage else None))[1]


def test_sentences_are_kept_for_triggers_and_quotes(nlp):
    doc = nlp.make_doc(TEXT)
    plan = Triage(nlp, words()).sentences(doc)
    texts = [doc[s.start : s.end].text.strip() for s in plan]
    assert texts == [
        "Police arrested 20 protesters in Nairobi on Tuesday.",
        "The weather was warm and sunny in Mombasa.",
        "\"We will return,\" one organiser said.",
        "Kisumu lies on the shore of Lake Victoria.",
    ]
    assert [s.parse for s in plan] == [True, False, True, False]
    assert [s.names for s in plan] == [True, True, True, True]  # "one organiser": a number word


def test_sentences_without_a_capital_a_number_or_a_date_word_skip_ner(nlp):
    doc = nlp.make_doc("Talks resumed in Geneva. Everything was calm and hopeful. It rained last week. "
                       "The 12 men left.")
    assert [s.names for s in Triage(nlp, words()).sentences(doc)] == [True, False, True, True]


def test_no_split_before_a_lower_case_word(nlp):
    doc = nlp.make_doc("The talks ended at 5 p.m. on Friday without a deal.")
    assert len(Triage(nlp, words()).sentences(doc)) == 1


def test_trigger_forms_are_matched_through_the_lemma():
    load_model()  # the lemmatizer tables come with the model
    kept = words()
    assert kept.keeps("attacked") and kept.keeps("talks") and kept.keeps("said")
    assert kept.keeps("\u201c")
    assert not kept.keeps("weather") and not kept.keeps("sunny")


def test_dropped_sentence_gets_a_flat_tree_and_proper_nouns(nlp):
    doc = _parse(nlp, TEXT, triage=True)
    sents = list(doc.sents)
    assert [s.text.strip()[:6] for s in sents] == ["Police", "The we", "\"We wi", "Kisumu"]
    weather = sents[1]
    assert weather.root.i == weather.start and all(t.head.i == weather.start for t in weather)
    assert [t.text for t in weather if t.tag_ == "NNP"] == ["Mombasa"]
    kept = sents[0]
    assert any(t.tag_ == "VBD" and t.dep_ == "ROOT" and t.text == "arrested" for t in kept)
    # NER reads the dropped sentences too
    assert {e.text for e in doc.ents} >= {"Nairobi", "Mombasa"}


def test_kept_sentences_are_parsed_as_in_the_full_parse(nlp):
    full = _parse(nlp, TEXT, triage=False)
    tri = _parse(nlp, TEXT, triage=True)
    first = next(iter(full.sents))
    assert [(t.tag_, t.dep_, t.head.i) for t in first] == [(t.tag_, t.dep_, t.head.i) for t in tri[: len(first)]]
    assert [(e.start, e.end, e.label_) for e in full.ents] == [(e.start, e.end, e.label_) for e in tri.ents]


def _articles() -> list[Article]:
    arts = [Article(id=p.stem, text=p.read_text(encoding="utf-8"), date=p.stem[:10])
            for p in sorted((ROOT / "examples").glob("*.txt"))]
    arts.append(Article(id="mixed", text=TEXT, date="2024-03-12"))
    return arts


def _summary(coded) -> dict:
    record = coded.to_dict()
    return {
        "events": [(e["event"], e["cameo"], [a["code"] for a in e["actor"]],
                    [r["code"] for r in e["recipient"]], e["trigger"]["start"]) for e in record["events"]],
        "places": [(p["start"], p["geonameid"]) for p in record["places"]],
        "quotes": [(q["content"]["start"], (q.get("speaker") or {}).get("name")) for q in record["quotes"]],
    }


def _with_and_without(coder, article: Article) -> tuple[dict, dict]:
    saved = coder.triage
    try:
        coder.triage = False
        full = _summary(coder.code_one(article))
        coder.triage = True
        return full, _summary(coder.code_one(article))
    finally:
        coder.triage = saved


@pytest.mark.parametrize("article", _articles(), ids=lambda a: a.id)
def test_triage_codes_what_the_full_parse_codes(coder, article):
    full, tri = _with_and_without(coder, article)
    assert tri == full
    assert full["events"], "the sample articles all hold events"


def test_triage_keeps_the_seed_events_quotes_and_places(coder):
    """On the seed, the parser skips five short sentences (tweets, an image caption) and NER five others.
    A shorter input can flip a close decision of the parser or NER in a sentence next to a skipped one
    (here one actor code, and two place names in Saleh's tweets), so the test asks for the same events
    and quotes and nearly all the places."""
    article = Article(id="seed", text=SEED.read_text(encoding="utf-8"), date="2021-08-22")
    full, tri = _with_and_without(coder, article)
    assert [(e[0], e[1], e[4]) for e in tri["events"]] == [(e[0], e[1], e[4]) for e in full["events"]]
    assert tri["quotes"] == full["quotes"]
    assert len(set(tri["places"]) & set(full["places"])) >= 0.9 * len(full["places"])


def test_triage_default_follows_the_environment(monkeypatch):
    monkeypatch.setenv(TRIAGE_ENV, "0")
    assert triage_default() is False
    monkeypatch.setenv(TRIAGE_ENV, "1")
    assert triage_default() is True


def test_one_triage_per_pipeline(nlp):
    assert triage_for(nlp, words()) is triage_for(nlp, words())


def test_cli_code_takes_triage_flags(tmp_path: Path):
    import subprocess
    import sys

    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "x", "text": TEXT, "date": "2024-03-12"}) + "\n", encoding="utf-8")
    out = {}
    for flag in ("--triage", "--no-triage"):
        proc = subprocess.run([sys.executable, "-m", "newsevents", "code", flag, str(src)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        out[flag] = [(e["event"], e["trigger"]["start"]) for e in json.loads(proc.stdout)["events"]]
    assert out["--triage"] == out["--no-triage"] and out["--triage"]


# Accuracy gates for the triage path, pinned below what it measures; raise them as it improves.
# PLOVER GSR dev: the default path's floors (tests/test_eval_plover.py) hold unchanged. PolNeAR dev,
# first 30 articles: triage measures content 0.678 / speaker 0.642 (the default path 0.684 / 0.644).
@pytest.fixture(scope="module")
def triage_coder():
    from newsevents.pipeline import Coder

    return Coder(triage=True)


@pytest.mark.skipif(not (DATA / "plover_gsr" / "dev.jsonl").exists(), reason="PLOVER GSR dev is not here")
def test_triage_plover_gsr_dev_floors(triage_coder):
    from newsevents.eval.plover_gsr import evaluate

    s = evaluate(DATA / "plover_gsr" / "dev.jsonl", coder=triage_coder)
    # 0.875 / 0.90 before the learned event model (tests/test_eval_plover.py says why they were lowered)
    assert s["micro"]["f1"] >= 0.85 and s["macro"]["f1"] >= 0.87
    assert s["actor_accuracy"] >= 0.95 and s["recipient_accuracy"] >= 0.81


@pytest.mark.skipif(not (DATA / "polnear" / "dev").exists(), reason="PolNeAR dev is not here")
def test_triage_polnear_dev_subset_floors(triage_coder):
    from newsevents.eval import polnear as ev

    gold = ev.load_gold(DATA / "polnear" / "dev", limit=30)
    predicted = {c.doc_id: ev.from_quotes(c.quotes) for c in triage_coder.code(g.article for g in gold)}
    scores = ev.score(gold, predicted)
    assert scores["content"]["f1"] >= 0.67 and scores["speaker"]["f1"] >= 0.63, ev.format_report(scores)
