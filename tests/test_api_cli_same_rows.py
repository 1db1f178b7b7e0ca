"""CLI ``events`` / ``quotes`` and ``GET /api/events`` / ``/api/quotes`` answer the same filters with the same rows.

The store holds the hand-written fixture articles and the seed article coded by the real pipeline; the API is
the real app served by uvicorn on a loopback port, the CLI the real command.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from conftest import SEED
from newsevents.api import create_app
from newsevents.cli.main import app
from newsevents.models import Article
from newsevents.store import Store
from serving import serve_in_thread
from test_api_data import articles

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, seed_coded) -> Path:
    path = tmp_path_factory.mktemp("same_rows") / "store.duckdb"
    seed = Article(id="seed", text=SEED.read_text(encoding="utf-8"), title=seed_coded.title, date="2021-08-22")
    with Store(path) as store:
        store.write_batch([*articles(), (seed, seed_coded)])
    return path


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    """The API on a free loopback port, served by uvicorn in a thread of this process."""
    with serve_in_thread(create_app(db, token="")) as url:
        yield url


def _cli(db: Path, command: str, args: list[str], fmt: str) -> str:
    result = runner.invoke(app, [command, "--db", str(db), *args, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def _api(base: str, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    resp = httpx.get(base + path, params={"limit": 1000, **params}, timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


EVENT_COLUMNS = ("id", "doc_id", "date", "event", "cameo", "actor_names", "recipient_names", "loc_name",
                 "event_text", "attributed_to", "quote_id")


@pytest.mark.parametrize(("cli", "api"), [
    ([], {}),
    (["--type", "ASSAULT"], {"type": "ASSAULT"}),
    (["--type", "coerce,threaten"], {"type": "coerce,threaten"}),
    (["--actor", "taliban"], {"actor": "taliban"}),
    (["--actor", "KENCOP"], {"actor": "KENCOP"}),
    (["--since", "2024-03-05"], {"start": "2024-03-05"}),
    (["--said-by", "massoud"], {"said_by": "massoud"}),
    (["--said-by", "Massoud", "--actor", "Taliban"], {"said_by": "Massoud", "actor": "Taliban"}),
    (["--min-confidence", "0.5"], {"min_confidence": 0.5}),
    (["--limit", "3"], {"limit": 3}),
])
def test_events_same_rows(db: Path, base: str, cli: list[str], api: dict[str, Any]) -> None:
    items = _api(base, "/api/events", api)
    assert items  # every case matches rows, so the comparison is never of two empty answers
    rows = list(csv.DictReader(io.StringIO(_cli(db, "events", cli, "csv"))))
    assert [[r[c] for c in EVENT_COLUMNS] for r in rows] == [[_text(i[c]) for c in EVENT_COLUMNS] for i in items]
    records = [json.loads(line) for line in _cli(db, "events", cli, "jsonl").splitlines()]
    assert [r["id"] for r in records] == [i["id"] for i in items]


@pytest.mark.parametrize(("cli", "api"), [
    ([], {}),
    (["--speaker", "massoud"], {"speaker": "massoud"}),
    (["--medium", "interview"], {"medium": "interview"}),
    (["--speaker", "saleh", "--medium", "TWITTER"], {"speaker": "saleh", "medium": "TWITTER"}),
    (["--about", "Taliban"], {"q": "Taliban"}),
    (["--doc-id", "ke1"], {"doc_id": "ke1"}),
    (["--limit", "2"], {"limit": 2}),
])
def test_quotes_same_rows(db: Path, base: str, cli: list[str], api: dict[str, Any]) -> None:
    items = _api(base, "/api/quotes", api)
    assert items
    records = [json.loads(line) for line in _cli(db, "quotes", cli, "jsonl").splitlines()]
    assert [(r["id"], r["doc_id"], (r.get("speaker") or {}).get("name"), r["content"]["text"],
             (r.get("medium") or {}).get("name")) for r in records] == [
        (i["id"], i["doc_id"], i["speaker_name"], i["content_text"], i["medium_name"]) for i in items]


def test_same_bad_filter_is_refused_by_both(db: Path, base: str) -> None:
    resp = httpx.get(base + "/api/events", params={"type": "EXPLODE"}, timeout=30)
    assert resp.status_code == 400 and resp.json()["error"]["param"] == "type"
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "EXPLODE"])
    assert result.exit_code == 2 and "unknown PLOVER type(s) EXPLODE" in result.stderr
