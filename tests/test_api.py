"""REST API against the real app and a real DuckDB store: lists, filters, detail, articles, counts, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app
from test_api_data import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module) -> TestClient:
    db = build_store(tmp_path_factory.mktemp("api") / "store.duckdb")
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    mp.delenv("NEWSEVENTS_TOKEN", raising=False)
    yield mp
    mp.undo()


def ids(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["id"] for e in resp.json()["items"]}


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["events"] == 6 and body["articles"] == 4 and body["writes"] is False


def test_event_list_paging_and_sorting(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2, "sort": "-date"}).json()
    assert page["total"] == 6 and len(page["items"]) == 2
    assert [e["date"] for e in page["items"]] == ["2024-03-08", "2024-03-08"]
    assert page["items"][0]["title"]
    nxt = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "-date"}).json()
    assert not {e["id"] for e in nxt["items"]} & {e["id"] for e in page["items"]}
    asc = client.get("/api/events", params={"sort": "goldstein"}).json()["items"]
    assert [e["goldstein"] for e in asc] == sorted(e["goldstein"] for e in asc)


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "COERCE"}, {"ke1-e1"}),
    ({"type": ["COERCE", "AGREE"]}, {"ke1-e1", "fr1-e1"}),
    ({"type": "coerce,agree"}, {"ke1-e1", "fr1-e1"}),
    ({"mode": "arrest"}, {"ke1-e1"}),
    ({"actor": "mwangi"}, {"ke1-e2"}),
    ({"actor": "IGOUNO"}, {"sd1-e1"}),
    ({"country": "SD"}, {"sd1-e1"}),
    ({"country": "DEU"}, {"fr1-e1"}),
    ({"start": "2024-03-05", "end": "2024-03-06"}, {"ke1-e2", "fr1-e1"}),
    ({"bbox": "0,40,10,55"}, {"fr1-e1"}),
    ({"aux": "negated"}, {"ke1-e2"}),
    ({"aux": "none", "quad": "4"}, {"ke1-e1", "x1-e1"}),
    ({"q": "nairobi"}, {"ke1-e1", "ke1-e2"}),
    ({"q": "100%_"}, set()),
    ({"quad": ["1", "2"]}, {"fr1-e1", "sd1-e1"}),
    ({"min_confidence": 0.8}, {"ke1-e1", "fr1-e1"}),
    ({"said_by": "MWANGI"}, {"ke1-e2"}),
])
def test_event_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    assert ids(client.get("/api/events", params=params)) == expected


def test_one_event_with_evidence(client: TestClient) -> None:
    body = client.get("/api/events/ke1-e2").json()
    assert body["sentence"]["text"].startswith('"We will not allow violence')
    assert body["article"]["title"] == "Police arrest protesters in Nairobi"
    assert body["article"]["url"] == "https://news.example/ke1"
    assert [q["id"] for q in body["quotes"]] == ["ke1-q1"]
    assert body["quotes"][0]["speaker_name"] == "Jane Mwangi"
    assert body["place"]["name"] == "Nairobi" and body["place"]["geonameid"] == 184745
    assert body["record"]["attributed_to"]["name"] == "Jane Mwangi"


def test_article_with_spans(client: TestClient) -> None:
    body = client.get("/api/articles/ke1").json()
    text = body["article"]["text"]
    kinds = {}
    for s in body["spans"]:
        kinds.setdefault(s["kind"], set()).add(text[s["start"]:s["end"]])
    assert "arrested" in kinds["trigger"] and "will not allow" in kinds["trigger"]
    assert "Kenyan police" in kinds["actor"] and "forty protesters" in kinds["recipient"]
    assert kinds["place"] == {"Nairobi"}
    assert "We will not allow violence on our streets," in kinds["quote"]
    assert "Jane Mwangi" in kinds["speaker"]
    listing = client.get("/api/articles", params={"q": "trade"}).json()
    assert [a["doc_id"] for a in listing["items"]] == ["fr1"]


def test_actors_and_quotes(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["items"]
    by_name = {a["name"]: a for a in actors}
    assert by_name["rebels"]["n_events"] == 2 and by_name["Sudan"]["as_recipient"] == 1
    assert [a["name"] for a in client.get("/api/actors", params={"q": "KENCOP"}).json()["items"]] == ["Kenya Police"]
    quotes = client.get("/api/quotes", params={"speaker": "mwangi"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["cue_text"] == "said"
    assert client.get("/api/quotes", params={"medium": "interview"}).json()["total"] == 0


def test_counts(client: TestClient) -> None:
    timeline = client.get("/api/counts", params={"by": "day,quad"}).json()
    assert timeline["by"] == ["day", "quad"]
    assert {"day": "2024-03-08", "quad": 4, "n": 1} in timeline["items"]
    assert sum(r["n"] for r in timeline["items"]) == 6
    types = client.get("/api/counts", params={"by": "type"}).json()["items"]
    assert types[0] == {"type": "ACCUSE", "n": 1} or types[0]["n"] >= types[-1]["n"]
    pairs = client.get("/api/counts", params={"by": "actor_pair"}).json()["items"]
    assert {"actor": "Kenya Police", "recipient": "protesters", "n": 1} in pairs
    country = client.get("/api/counts", params={"by": "country", "quad": "4"}).json()["items"]
    assert {r["country"]: r["n"] for r in country} == {"KE": 1, "SY": 1}
    points = client.get("/api/map").json()["items"]
    nairobi = next(p for p in points if p["name"] == "Nairobi")
    assert nairobi["n"] == 2 and nairobi["event_id"] == "ke1-e1"


def test_export_downloads(client: TestClient) -> None:
    r = client.get("/api/export", params={"format": "gdelt", "type": "COERCE"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = r.text.splitlines()
    assert len(rows) == 1 and len(rows[0].split("\t")) == 61
    r = client.get("/api/export", params={"format": "plover", "country": "KEN"})
    assert {json.loads(x)["id"] for x in r.text.splitlines()} == {"ke1-e1", "ke1-e2"}
    r = client.get("/api/export", params={"format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 6
    r = client.get("/api/export", params={"format": "parquet"})
    assert pq.read_table(io.BytesIO(r.content)).num_rows == 6
    r = client.get("/api/export", params={"format": "icews", "q": "aid"})
    assert r.text.splitlines()[0].startswith("Event ID\tEvent Date") and len(r.text.splitlines()) == 2


def test_openapi_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/counts", "/api/export"):
        assert path in schema["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text or "docs.js" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert client.get("/redoc").status_code == 404


def test_dashboard_and_basemap_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<title>" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    svg = client.get("/basemap.svg")
    assert svg.status_code == 200 and svg.text.startswith("<svg") and 'viewBox="0 0 360 180"' in svg.text


def test_database_file_is_real(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    assert db.stat().st_size > 0


def test_total_is_capped_for_big_result_sets(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.api import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] == 3 and page["total_capped"] is True
    page = client.get("/api/events", params={"limit": 2, "type": "AGREE"}).json()
    assert page["total"] == 1 and page["total_capped"] is False


def test_real_pipeline_article_spans(seed_coded, tmp_path: Path) -> None:
    """The seed article as coded by the real pipeline: every event has its trigger and evidence among the spans."""
    from conftest import SEED
    from newsevents.models import Article
    from newsevents.store.db import Store

    text = SEED.read_text(encoding="utf-8")
    db = tmp_path / "seed.duckdb"
    with Store(db) as store:
        store.write_batch([(Article(id="seed", text=text, title=seed_coded.title, date="2021-08-22"), seed_coded)])
    with TestClient(create_app(db, token="")) as c:
        body = c.get("/api/articles/seed").json()
        assert body["article"]["text"] == text
        refs = {(s["kind"], s["ref"]) for s in body["spans"]}
        for ev in seed_coded.events:
            assert ("evidence", ev.id) in refs
            if ev.trigger:
                assert ("trigger", ev.id) in refs
            detail = c.get(f"/api/events/{ev.id}").json()
            assert detail["sentence"]["text"] == text[ev.text_info["start"]:ev.text_info["end"]]
        assert sum(s["kind"] == "quote" for s in body["spans"]) == len(seed_coded.quotes)
