"""`newsevents eval articles GOLD`: the real CLI on a one-article gold file written for these tests
(tests/data/eval_articles: the gold's offsets and, in the layout of the shared data, the invented article)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.eval.articles import load_articles, read_gold, score

DATA = Path(__file__).resolve().parent / "data" / "eval_articles"
GOLD = DATA / "gold.jsonl"
NEWSEVENTS = [sys.executable, "-m", "newsevents"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSEVENTS, "eval", "articles", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


def test_gold_offsets_point_at_their_words() -> None:
    (article,) = load_articles(read_gold(GOLD), DATA)
    for g in read_gold(GOLD)[0].events:
        start, end = g["trigger"]
        assert article.text[start:end] == g["trigger_text"]
        assert g["sentence"][0] <= start < end <= g["sentence"][1]
        for who in g["actor"] + g["recipient"]:
            assert article.text[who["start"]:who["end"]] == who["text"]


@pytest.fixture(scope="module")
def scored() -> dict:
    proc = run(str(GOLD), "--data", str(DATA), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_scores_are_the_scorers(scored: dict, coder) -> None:
    gold = read_gold(GOLD)
    expected = score(gold, list(coder.code(load_articles(gold, DATA))))
    assert {k: v for k, v in scored.items() if k != "file"} == expected
    m = scored["micro"]
    assert m["tp"] + m["fn"] == 5  # five firm gold events; the headline's meeting is optional
    assert m["tp"] >= 3  # the arrest, the meeting and the call to end the strike are plain
    assert sum(b["events"] for b in scored["bands"]) == m["tp"] + m["fp"]
    assert set(scored["per_type"]) >= {"COERCE", "CONSULT", "REQUEST", "REJECT", "PROTEST"}


def test_text_report_has_every_table(scored: dict) -> None:
    proc = run(str(GOLD), "--data", str(DATA))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    m = scored["micro"]
    assert f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}" in out
    assert "COERCE" in out and "actor (name)" in out and "recipient (name)" in out
    assert "precision by confidence (reliability):" in out and "confidence >= 0.8: precision" in out


@pytest.mark.parametrize(("line", "expected"), [
    ('{"id": "x", "corpus": "bbc", "section": "tech", "events": [{"sentence": [0, 5], "type": "AGREE"}]}',
     "gold.jsonl:2: not a gold article (event 1: 'trigger' must be [start, end] character offsets)"),
    ('{"id": "x", "corpus": "reddit", "section": "tech", "events": []}', "gold.jsonl:2: not a gold article (corpus"),
    ("{not json", "gold.jsonl:2: not a gold article (JSONDecodeError"),
    ('{"id": "nowhere", "corpus": "bbc", "section": "tech", "events": []}',
     "articles.jsonl: 1 gold article(s) not in this corpus file (nowhere)"),
])
def test_bad_gold_is_one_line_and_status_2(tmp_path: Path, line: str, expected: str) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text(GOLD.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    proc = run(str(bad), "--data", str(DATA))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and expected in proc.stderr


def test_missing_gold_file_and_the_aside_third(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "none.jsonl"), "--data", str(DATA))
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {tmp_path / 'none.jsonl'}: cannot read the file")
    aside = tmp_path / "aside.jsonl"  # never the real one: its name alone is refused without --aside
    aside.write_text(GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run(str(aside), "--data", str(DATA))
    assert proc.returncode == 2 and "add --aside" in proc.stderr and proc.stdout == ""
