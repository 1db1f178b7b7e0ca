"""The ``duplicates`` parameter over a real server on loopback and in the Python API: near-duplicate articles'
events left out by default, included when asked, the same rows the CLI's ``events --duplicates`` gives; and
``/api/articles?duplicates=only|none`` as ``newsevents articles --duplicates``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import newsevents
from newsevents.cli.main import app
from serving import serve
from test_duplicates import _store

COPIES = {"seed-cut", "seed-headline", "seed-reordered"}


@pytest.fixture(scope="module")
def dup_db(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    db, _ = _store(tmp_path_factory.mktemp("dups_api"), coder)
    return db


@pytest.fixture(scope="module")
def server(dup_db: Path) -> Iterator[str]:
    with serve(dup_db) as base:
        yield base


def _cli_event_ids(db: Path, *extra: str) -> set[str]:
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--limit", "1000", *extra])
    assert res.exit_code == 0, res.output
    return {json.loads(line)["id"] for line in res.stdout.splitlines()}


def test_api_leaves_copies_out_unless_asked(server: str, dup_db: Path) -> None:
    plain = httpx.get(server + "/api/events", params={"limit": 1000}).json()
    both = httpx.get(server + "/api/events", params={"limit": 1000, "duplicates": "true"}).json()
    assert not {e["doc_id"] for e in plain["items"]} & COPIES
    assert {e["doc_id"] for e in both["items"]} >= COPIES
    assert both["total"] > plain["total"] == len(plain["items"])
    # the same rows as the CLI, either way
    assert {e["id"] for e in plain["items"]} == _cli_event_ids(dup_db)
    assert {e["id"] for e in both["items"]} == _cli_event_ids(dup_db, "--duplicates")
    # every endpoint that takes the event filters takes it: counts, map, export
    counted = httpx.get(server + "/api/counts", params={"by": "type"}).json()["items"]
    counted_all = httpx.get(server + "/api/counts", params={"by": "type", "duplicates": "true"}).json()["items"]
    assert sum(r["n"] for r in counted) == plain["total"] and sum(r["n"] for r in counted_all) == both["total"]
    export = httpx.get(server + "/api/export", params={"format": "plover", "duplicates": "true"})
    assert export.status_code == 200 and len(export.text.splitlines()) == both["total"]
    bad = httpx.get(server + "/api/events", params={"duplicates": "perhaps"})
    assert bad.status_code == 422 and bad.json()["error"]["param"] == "duplicates"


def test_api_articles_only_or_none(server: str) -> None:
    only = httpx.get(server + "/api/articles", params={"duplicates": "only"}).json()
    none = httpx.get(server + "/api/articles", params={"duplicates": "none"}).json()
    every = httpx.get(server + "/api/articles").json()
    assert {a["doc_id"] for a in only["items"]} == COPIES and only["total"] == 3
    assert all(a["duplicate_of"] == "seed" for a in only["items"])
    assert {a["doc_id"] for a in none["items"]} == {"seed", "bbc-politics-064"}
    assert every["total"] == 5
    assert httpx.get(server + "/api/articles", params={"duplicates": "some"}).status_code == 422


def test_openapi_lists_the_parameter(server: str) -> None:
    paths = httpx.get(server + "/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/counts", "/api/map", "/api/export", "/api/clusters", "/api/articles"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert "duplicates" in params, path
        assert params["duplicates"].get("description"), path
    events = {p["name"]: p for p in paths["/api/events"]["get"]["parameters"]}
    assert events["duplicates"]["schema"]["type"] == "boolean" and events["duplicates"]["schema"]["default"] is False


def test_python_api_takes_it_too(dup_db: Path) -> None:
    with newsevents.open(dup_db, read_only=True) as store:
        plain = store.events().to_dicts()
        both = store.events(duplicates=True).to_dicts()
    assert {e["id"] for e in plain} == _cli_event_ids(dup_db)
    assert {e["id"] for e in both} == _cli_event_ids(dup_db, "--duplicates")
    assert {e["doc_id"] for e in both} >= COPIES and not {e["doc_id"] for e in plain} & COPIES
