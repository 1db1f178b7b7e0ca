"""The Python API (docs/python.md): ``newsevents.code`` and ``code_many`` with the CLI's Coder, ``newsevents.open``
reading through the store's queries into Arrow and pandas, ``Store.ingest`` coding into the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import newsevents
from conftest import ROOT
from newsevents.models import Article
from newsevents.pyapi import coding
from newsevents.store.filters import FilterError

EXAMPLES = ROOT / "examples"
TEXT = "Police in Nairobi arrested 20 protesters on Tuesday, the interior minister said."


def test_all_pins_the_public_api():
    assert sorted(newsevents.__all__) == [
        "Actor", "Article", "CodedArticle", "Event", "Place", "Quote", "Store", "__version__", "code", "code_many",
        "open",
    ]
    for name in newsevents.__all__:
        assert getattr(newsevents, name) is not None


def test_import_newsevents_loads_neither_spacy_nor_duckdb():
    proc = subprocess.run([sys.executable, "-c", "import sys, newsevents; "
                           "print(sorted(m for m in ('spacy', 'duckdb', 'pyarrow') if m in sys.modules))"],
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_code_gives_what_the_coder_gives_and_loads_the_model_once(coder):
    coded = newsevents.code(TEXT, date="2024-05-03")
    same = coder.code_one(Article(id=coded.doc_id, text=TEXT, date="2024-05-03"))
    assert coded.to_dict() == same.to_dict()
    assert [e.event for e in coded.events] == ["COERCE"]
    assert coded.events[0].date == "2024-04-30"  # "on Tuesday" before the publication date
    assert coding.coder() is coding.coder()
    assert newsevents.code(TEXT).doc_id == coded.doc_id  # the id comes from the text: stable across calls


def test_the_default_date_never_overrides_an_articles_own():
    own = newsevents.code(Article(id="a", text=TEXT, date="2024-01-10"), date="2024-05-03")
    assert own.date == "2024-01-10"
    assert newsevents.code({"id": "b", "text": TEXT}, date="2024-05-03").date == "2024-05-03"


def test_bad_inputs_say_what_is_wrong():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        newsevents.code(TEXT, date="03/05/2024")
    with pytest.raises(TypeError, match="str, an Article or a dict"):
        newsevents.code(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'text'"):
        newsevents.code({"id": "x"})


def test_code_many_streams_in_input_order():
    texts = (f"{TEXT} Report {n}." for n in range(5))  # a generator: read lazily
    out = newsevents.code_many(texts, date="2024-05-03", batch_size=2)
    assert not isinstance(out, list)
    coded = list(out)
    assert len(coded) == 5
    assert len({c.doc_id for c in coded}) == 5
    assert all(c.date == "2024-05-03" and c.events for c in coded)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pyapi") / "news.duckdb"
    with newsevents.open(path) as store:
        stats = store.ingest(EXAMPLES)
    assert stats.written > 3 and not stats.errors
    return path


def test_ingest_again_skips_every_unchanged_article(store_path):
    with newsevents.open(store_path) as store:
        stats = store.ingest([EXAMPLES])
    assert stats.written == 0 and stats.skipped == stats.read > 3


def test_events_come_as_arrow_and_pandas_with_the_same_rows(store_path):
    with newsevents.open(store_path, read_only=True) as store:
        result = store.events()
        table = result.to_arrow()
        frame = result.to_pandas()
        rows = result.to_dicts()
    assert isinstance(table, pa.Table)
    assert table.num_rows == len(frame) == len(rows) > 5
    assert table.column("id").to_pylist() == list(frame["id"]) == [r["id"] for r in rows]
    assert {"event", "date", "actor_names", "confidence", "title"} <= set(frame.columns)
    assert str(frame["date"].dtype).startswith("datetime64")  # dates as pandas dates, as DuckDB's .df() gives
    assert [d.date() for d in frame["date"].dropna()] == [r["date"] for r in rows if r["date"] is not None]


def test_event_filters_are_the_clis(store_path):
    with newsevents.open(store_path, read_only=True) as store:
        ids = store.events(type="protest", min_confidence=0.2).to_arrow().column("id").to_pylist()
        types = set(store.events(type=["PROTEST", "ASSAULT"]).to_arrow().column("event").to_pylist())
        with pytest.raises(FilterError, match="unknown PLOVER type"):
            store.events(type="RIOTING")
    assert ids and types <= {"PROTEST", "ASSAULT"}
    proc = subprocess.run([sys.executable, "-m", "newsevents", "events", "--db", str(store_path), "--type", "PROTEST",
                           "--min-confidence", "0.2", "--format", "jsonl"], capture_output=True, text=True, check=True)
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ids


def test_quotes_actors_and_places(store_path):
    with newsevents.open(store_path, read_only=True) as store:
        quotes = store.quotes().to_dicts()
        actors = store.actors(role="actor").to_pandas()
        places = store.places().to_dicts()
        kenya = store.places(country="KEN").to_dicts()
        assert len(store.events(limit=2)) == 2
    assert quotes and all(q["content_text"] for q in quotes)
    assert len(actors) > 0 and (actors["as_actor"] > 0).all()
    assert places and all(p["n_mentions"] >= 1 for p in places)
    assert kenya and {p["country_code"] for p in kenya} == {"KE"}


def test_missing_frames_library_names_the_extra(store_path):
    try:
        import polars  # noqa: F401
    except ImportError:
        with newsevents.open(store_path, read_only=True) as store:
            with pytest.raises(ImportError, match=r"newsevents\[frames\]"):
                store.events().to_polars()
    else:
        with newsevents.open(store_path, read_only=True) as store:
            assert store.events().to_polars().height == store.events().to_arrow().num_rows


def test_read_only_stores_say_what_to_do(tmp_path, store_path):
    with pytest.raises(FileNotFoundError, match="newsevents ingest"):
        newsevents.open(tmp_path / "missing.duckdb", read_only=True)
    with newsevents.open(store_path, read_only=True) as store, pytest.raises(PermissionError, match="read-only"):
        store.ingest(EXAMPLES)
