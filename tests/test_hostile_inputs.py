"""The hostile corpus (bench/hostile_corpus.py, written at test time) through the real `code` and `ingest` commands
with 1 and 2 workers: every good article coded and stored once, every bad input named in one line, exit 1,
no traceback; and the size policy, the chunked parse, feeds that never fetch, damaged databases."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from newsevents.errors import InputError, InputWarning, KnowledgeError
from newsevents.models import Article

sys.path.insert(0, str(ROOT / "bench"))
import hostile_corpus  # noqa: E402
from feed_server import FeedServer, Route  # noqa: E402

CLI = [sys.executable, "-m", "newsevents"]


@pytest.fixture(scope="module")
def feed_server():
    with FeedServer() as srv:
        srv.set("/feed", Route(body=b"<rss version='2.0'><channel><title>x</title></channel></rss>"))
        yield srv


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, feed_server) -> hostile_corpus.Corpus:
    return hostile_corpus.build(tmp_path_factory.mktemp("hostile") / "in", ssrf_url=feed_server.url("/feed"))


def _lines(stderr: str, kind: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(kind + ":")]


def _check_report(corpus: hostile_corpus.Corpus, stderr: str) -> None:
    assert "Traceback" not in stderr
    errors, warnings = _lines(stderr, "error"), _lines(stderr, "warning")
    for name in corpus.errors:
        assert sum(f"{corpus.root}/{name}:" in line for line in errors) == 1, (name, errors)
    for name in corpus.warnings:
        assert any(f"{corpus.root}/{name}" in line for line in warnings), (name, warnings)
    assert len(errors) == len(corpus.errors), errors


def test_code_codes_every_good_article_and_names_every_bad_input(corpus, feed_server) -> None:
    run = subprocess.run([*CLI, "code", str(corpus.root), "--max-chars", str(corpus.max_chars)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr
    _check_report(corpus, run.stderr)
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert sorted(r["doc_id"] for r in records) == sorted(corpus.good)
    assert feed_server.hits["/feed"] == 0  # the feed file holding a URL was read, never fetched
    by_id = {r["doc_id"]: r for r in records}
    # the BOM file is read without its BOM: its title is its first line
    assert by_id["wire-bidi"]["events"] and by_id["bom"]["title"] == hostile_corpus.story(21).split("\n")[0]


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_stores_every_good_article_once(corpus, tmp_path: Path, workers: int) -> None:
    db = tmp_path / f"w{workers}.duckdb"
    cmd = [*CLI, "ingest", str(corpus.root), "--db", str(db), "--max-chars", str(corpus.max_chars),
           "--workers", str(workers), "--batch-size", "3", "--no-summary"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr
    _check_report(corpus, run.stderr)
    assert f"{len(corpus.good)} stored (0 replaced)" in run.stderr  # the repeated id counted once
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT doc_id FROM articles").fetchall()]
    texts = dict(con.execute("SELECT doc_id, text FROM articles").fetchall())
    con.close()
    assert sorted(ids) == sorted(corpus.good)
    assert texts["bom"] == hostile_corpus.story(21)  # the file's BOM dropped as it was decoded
    assert "\u202eThousands\u202c" in texts["wire-bidi"]  # controls inside the text kept: the offsets index it
    assert "\ufffd end." in texts["wire-surrogate"] and "Mon\ufffdday" in texts["wire-nul"]  # replaced, one for one
    assert hostile_corpus.story(35) == texts["wire-2"]  # the later line of the repeated id wins

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 1 and "Traceback" not in rerun.stderr
    # unchanged but for the repeated id: its two lines are coded again, in order, and the later one wins again
    assert f"1 stored (1 replaced), {len(corpus.good) - 1} unchanged skipped" in rerun.stderr, rerun.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM articles").fetchone() == (len(ids), len(ids))
    assert con.execute("SELECT text FROM articles WHERE doc_id = 'wire-2'").fetchone()[0] == hostile_corpus.story(35)
    con.close()


def test_an_article_over_a_million_characters_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "ok", "text": hostile_corpus.story(1)}) + "\n"
                   + json.dumps({"id": "huge", "text": "Police arrested protesters. " * 40_000}) + "\n"
                   + json.dumps({"id": "ok2", "text": hostile_corpus.story(2)}) + "\n", encoding="utf-8")
    run = subprocess.run([*CLI, "code", str(src)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert [json.loads(line)["doc_id"] for line in run.stdout.splitlines()] == ["ok", "ok2"]
    [err] = _lines(run.stderr, "error")
    assert f"{src}:2: article of 1,120,000 characters, over the limit of 100,000 (--max-chars)" in err


def test_long_articles_are_parsed_in_chunks_with_exact_offsets(coder, monkeypatch) -> None:
    import newsevents.nlp.model as model

    text = hostile_corpus.long_text(12_000).rsplit(".", 1)[0] + "."  # ends on a whole sentence
    monkeypatch.setattr(model, "PARSE_CHUNK_CHARS", 2_500)
    bounds = model.chunk_bounds(text)
    assert len(bounds) >= 5 and "".join(text[a:b] for a, b in bounds) == text
    assert all(text[b - 2:b] == "\n\n" or text[b - 1].isspace() for _, b in bounds[:-1])  # cut at breaks
    monkeypatch.setattr(coder.nlp, "max_length", 5_000)  # spaCy would refuse the whole text: chunks it is not
    coded = coder.code_one(Article(id="long", text=text, date="2024-03-11"))
    assert len(coded.events) >= 10
    for event in coded.events:  # the evidence sentence, the trigger and the actors at their exact offsets
        sentence = text[event.text_info["start"]:event.text_info["end"]]
        assert event.event_text in sentence and sentence.rstrip().endswith((".", '"', "\u201d"))
        assert event.trigger and text[event.trigger["start"]:event.trigger["end"]] == event.event_text
        assert all(text[a.start:a.end] == a.entity_text for a in event.actor + event.recipient)
    assert coded.places and all(text[p.start:p.end] == p.text for p in coded.places)
    assert coded.quotes and all(text[q.content.start:q.content.end] == q.content.text for q in coded.quotes)


def test_feed_files_never_touch_the_network(tmp_path: Path, feed_server) -> None:
    from newsevents.ingest import read_inputs

    before = feed_server.hits["/feed"]
    (tmp_path / "a.rss").write_text(feed_server.url("/feed"), encoding="utf-8")
    (tmp_path / "b.xml").write_text("file:///etc/hostname", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert all(isinstance(i, InputError) and "not a readable RSS/Atom feed" in str(i) for i in items), items
    assert len(items) == 2 and feed_server.hits["/feed"] == before


def _error_in_a_worker() -> list[InputError]:
    return [InputError("corpus.jsonl:7", "internal error while coding this article"),
            InputWarning("a.txt", "a warning"), KnowledgeError("lexicon.tsv:3", "bad row")]


def test_errors_cross_process_boundaries_with_their_message() -> None:
    with ProcessPoolExecutor(1) as pool:
        got = pool.submit(_error_in_a_worker).result(timeout=60)
    assert [(type(e), e.origin, e.message, str(e)) for e in got] == [
        (type(e), e.origin, e.message, str(e)) for e in _error_in_a_worker()]
    assert pickle.loads(pickle.dumps(got[0])).origin == "corpus.jsonl:7"


def test_a_damaged_database_is_one_line_and_status_2(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(hostile_corpus.story(3), encoding="utf-8")
    good = tmp_path / "good.duckdb"
    assert subprocess.run([*CLI, "ingest", str(src), "--db", str(good), "--no-summary"], capture_output=True,
                          timeout=300).returncode == 0
    raw = good.read_bytes()
    for name, data in (("half.duckdb", raw[: 4096 * 100]), ("start.duckdb", raw[: 4096 * 12]),
                       ("garbage.duckdb", b"not a database " * 500)):
        db = tmp_path / name
        db.write_bytes(data)
        run = subprocess.run([*CLI, "ingest", str(src), "--db", str(db), "--no-summary"], capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 2, (name, run.stderr)
        [line] = run.stderr.strip().splitlines()
        assert line.startswith(f"error: {db}: cannot open the database") and "truncated or damaged" in line
        assert "another newsevents process" not in line


def test_a_locked_or_read_only_database_says_which(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(hostile_corpus.story(4), encoding="utf-8")
    db = tmp_path / "locked.duckdb"
    holder = duckdb.connect(str(db))  # another process's writer: this one holds the file
    try:
        run = subprocess.run([*CLI, "ingest", str(src), "--db", str(db), "--no-summary"], capture_output=True,
                             text=True, timeout=300)
    finally:
        holder.close()
    assert run.returncode == 2 and "another newsevents process" in run.stderr, run.stderr
    ro, mnt = tmp_path / "ro", tmp_path / "mnt"
    ro.mkdir()
    mnt.mkdir()
    (ro / "store.duckdb").write_bytes(db.read_bytes())
    bind = subprocess.run(["mount", "--bind", str(ro), str(mnt)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("no bind mount here to make a read-only file system")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mnt)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        run = subprocess.run([*CLI, "ingest", str(src), "--db", str(mnt / "store.duckdb"), "--no-summary"],
                             capture_output=True, text=True, timeout=300)
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
    assert run.returncode == 2 and "not writable" in run.stderr and "another" not in run.stderr, run.stderr
