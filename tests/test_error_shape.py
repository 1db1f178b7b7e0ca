"""Bad input gets a 4xx with one JSON error shape (never a 500); writes need the bearer token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app
from test_api_data import build_store

TOKEN = "test-token-7f3a"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    return build_store(tmp_path_factory.mktemp("err") / "store.duckdb")


@pytest.fixture(scope="module")
def client(db, coder) -> TestClient:
    with TestClient(create_app(db, token=TOKEN, coder=coder, max_body=20_000), raise_server_exceptions=False) as c:
        yield c


def assert_error(resp, status: int, param: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "param"}
    assert err["status"] == status and isinstance(err["message"], str) and err["message"]
    if param is not None:
        assert err["param"] == param, err
    return err


@pytest.mark.parametrize(("path", "params", "param"), [
    ("/api/events", {"type": "EXPLODE"}, "type"),
    ("/api/events", {"start": "yesterday"}, "start"),
    ("/api/events", {"start": "2024-02-30"}, "start"),  # the pattern's form, no such day (start after end: 200)
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "0,0,500,10"}, "bbox"),
    ("/api/events", {"quad": "7"}, "quad"),
    ("/api/events", {"aux": "maybe"}, "aux"),
    ("/api/events", {"sort": "drop table"}, "sort"),
    ("/api/events", {"country": "K3"}, "country"),
    ("/api/counts", {"by": "weather"}, "by"),
    ("/api/export", {"format": "plover", "sort": "nope"}, "sort"),
])
def test_bad_filters_are_400(client: TestClient, path: str, params: dict, param: str) -> None:
    assert_error(client.get(path, params=params), 400, param)


@pytest.mark.parametrize(("path", "params", "param"), [
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "abc"}, "limit"),
    ("/api/events", {"offset": "-1"}, "offset"),
    ("/api/events", {"min_confidence": "2"}, "min_confidence"),
    ("/api/events", {"q": "x" * 500}, "q"),
    ("/api/export", {"format": "xlsx"}, "format"),
    ("/api/actors", {"role": "villain"}, "role"),
])
def test_bad_parameters_are_422(client: TestClient, path: str, params: dict, param: str) -> None:
    assert_error(client.get(path, params=params), 422, param)


def test_unknown_things_are_404(client: TestClient) -> None:
    assert_error(client.get("/api/events/nope-e9"), 404, "event_id")
    assert_error(client.get("/api/articles/nope"), 404, "doc_id")
    assert_error(client.get("/api/nothing"), 404)
    assert_error(client.delete("/api/events"), 405)


def test_writes_need_the_token(client: TestClient) -> None:
    art = {"id": "w1", "text": "Police arrested two men in Lagos on Monday."}
    err = assert_error(client.post("/api/articles", json=art), 401)
    assert "Bearer" in err["message"]
    assert_error(client.post("/api/articles", json=art, headers={"Authorization": "Bearer wrong"}), 401)
    assert_error(client.post("/api/articles", json=art, headers={"Authorization": "Basic abc"}), 401)


def test_bad_bodies(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error(client.post("/api/articles", content=b"{not json", headers={**auth,
                                                                             "Content-Type": "application/json"}), 422)
    assert_error(client.post("/api/articles", json={"id": "w2"}, headers=auth), 422)
    assert_error(client.post("/api/articles", json={"id": "w2", "text": "   "}, headers=auth), 422)
    assert_error(client.post("/api/articles", json={"id": "w2", "text": "Hi.", "date": "Monday"}, headers=auth), 422)
    assert_error(client.post("/api/articles", json={"articles": []}, headers=auth), 422)
    assert_error(client.post("/api/articles", json=[1, 2], headers=auth), 422)
    # a repeated id is no error (no schema can forbid it): stored once, the later text (test_hostile_api.py)
    dup = {"articles": [{"id": "d", "text": "One."}, {"id": "d", "text": "Two."}]}
    r = client.post("/api/articles", json=dup, headers=auth)
    assert r.status_code == 201 and r.json()["stored"] == 1 and r.json()["repeated"] == ["d"], r.text


def test_body_size_limit(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"id": "big", "text": "word " * 10_000}
    err = assert_error(client.post("/api/articles", json=big, headers=auth), 413)
    assert "20000" in err["message"]

    def chunks():  # no Content-Length: the limit still holds on the streamed body
        yield b'{"id": "big2", "text": "'
        for _ in range(100):
            yield b"word " * 100
        yield b'"}'

    assert_error(client.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"}),
                 413)


def test_post_codes_and_stores_an_article(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    art = {"id": "lagos1", "title": "Arrests in Lagos", "date": "2024-04-02",
           "text": "Nigerian police arrested twelve protesters in Lagos on Monday."}
    r = client.post("/api/articles", json=art, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["stored"] == 1 and r.json()["articles"][0]["doc_id"] == "lagos1"
    stored = client.get("/api/articles/lagos1").json()
    assert stored["article"]["text"] == art["text"] and stored["article"]["title"] == "Arrests in Lagos"
    assert client.get("/api/health").json()["articles"] == 6  # the four built, "d" (test_bad_bodies), lagos1


def test_writes_off_without_token(db, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_TOKEN", raising=False)
    # the module's client holds the file read-write; a second app must wait for it to close in real use,
    # so here a copy of the store is served read-only
    import shutil

    copy = db.with_name("copy.duckdb")
    shutil.copy(db, copy)
    with TestClient(create_app(copy)) as c:
        err = assert_error(c.post("/api/articles", json={"id": "a", "text": "b"},
                                  headers={"Authorization": f"Bearer {TOKEN}"}), 403)
        assert "NEWSEVENTS_TOKEN" in err["message"]
