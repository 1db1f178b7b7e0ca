"""The REST API under hostile callers, on a real server on loopback: the hostile articles through POST, the size
policy (413, the connection kept), the token before the body, OPTIONS, the Host allow-list, and schemathesis
driving a few hundred cases from the OpenAPI schema with 0 failures."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from conftest import ROOT
from newsevents.api import create_app
from newsevents.api.app import LOOPBACK_HOSTS
from serving import serve_in_thread

sys.path.insert(0, str(ROOT / "bench"))
import hostile_corpus  # noqa: E402

TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_CHARS = 20_000


@pytest.fixture(scope="module")
def base(tmp_path_factory, coder) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hostile_api") / "api.duckdb"
    app = create_app(db, token=TOKEN, coder=coder, max_chars=MAX_CHARS, allowed_hosts=LOOPBACK_HOSTS)
    with serve_in_thread(app) as url:
        yield url


def _post(client: httpx.Client, body: object, headers: dict[str, str] = AUTH) -> httpx.Response:
    # json.dumps escapes a lone surrogate as \\ud800, as a hostile client would send it
    return client.post("/api/articles", content=json.dumps(body).encode("ascii"),
                       headers={**headers, "Content-Type": "application/json"}, timeout=300)


def test_hostile_articles_through_the_api(base: str) -> None:
    arts = [{"id": f"api-{i}", "text": hostile_corpus.story(i)} for i in range(3)]
    arts += [{"id": "api-bidi", "text": "\ufeff" + hostile_corpus.story(31).replace("Thousands", "\u202eThousands")},
             {"id": "api-surrogate", "text": hostile_corpus.story(32) + " \ud800 end."},
             {"id": "api-nul", "text": hostile_corpus.story(33).replace("Monday", "Mon\u0000day")}]
    with httpx.Client(base_url=base) as client:
        big = {"articles": [*arts, {"id": "api-huge", "text": hostile_corpus.long_text(MAX_CHARS + 1)}]}
        r = _post(client, big)
        assert r.status_code == 413 and "over the limit of 20,000" in r.json()["error"]["message"]
        assert client.get("/api/health").json()["articles"] == 0  # refused whole, before coding: nothing stored
        r = _post(client, {"articles": arts})  # the same connection, kept alive after the 413
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == len(arts) and body["failed"] == []
        stored = client.get("/api/articles/api-bidi").json()["article"]["text"]
        assert stored == arts[3]["text"]  # kept as sent: the record's offsets index it
        assert "\ufffd end." in client.get("/api/articles/api-surrogate").json()["article"]["text"]
        assert client.get("/api/health").json()["articles"] == len(arts)


def test_an_id_repeated_in_a_request_is_stored_once(base: str) -> None:
    # the schema cannot say that the ids of a list differ: the later article replaces the earlier, as in ingest
    first, second = hostile_corpus.story(40), hostile_corpus.story(41)
    with httpx.Client(base_url=base) as client:
        before = client.get("/api/health").json()["articles"]
        r = _post(client, {"articles": [{"id": "api-twice", "text": first}, {"id": "api-other", "text": first},
                                        {"id": "api-twice", "text": second}]})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == 2 and body["repeated"] == ["api-twice"]
        assert [a["doc_id"] for a in body["articles"]] == ["api-other", "api-twice"]
        assert client.get("/api/articles/api-twice").json()["article"]["text"] == second
        assert client.get("/api/health").json()["articles"] == before + 2


def test_the_token_is_checked_before_the_body(base: str) -> None:
    with httpx.Client(base_url=base) as client:
        for body in (b"{not json", b'{"id": 5}', b"[1, 2]"):
            r = client.post("/api/articles", content=body, headers={"Content-Type": "application/json"})
            assert r.status_code == 401, r.text
            assert "text" not in r.text and "articles" not in r.text  # no word of the body's schema
        r = client.post("/api/articles", content=b'{"id": 5}', headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_options_lists_every_method(base: str) -> None:
    r = httpx.options(base + "/api/articles")
    assert r.status_code == 204 and set(r.headers["allow"].split(", ")) == {"GET", "POST", "OPTIONS"}
    assert set(httpx.options(base + "/api/events").headers["allow"].split(", ")) == {"GET", "OPTIONS"}


def test_host_header_allow_list(base: str) -> None:
    port = base.rsplit(":", 1)[1]
    for host in ("evil.example", f"attacker.test:{port}", "127.0.0.1.nip.io"):
        r = httpx.get(base + "/api/health", headers={"Host": host})
        assert r.status_code == 400 and "--allow-host" in r.json()["error"]["message"], host
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "[::1]"):
        assert httpx.get(base + "/api/health", headers={"Host": host}).status_code == 200, host


def test_the_schema_lists_every_status(base: str) -> None:
    schema = httpx.get(base + "/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert {"400", "422", "500"} <= set(op["responses"]), (method, path)
            assert "HTTPValidationError" not in json.dumps(op["responses"])  # our error shape, not FastAPI's
    post = schema["paths"]["/api/articles"]["post"]
    assert {"201", "401", "403", "413"} <= set(post["responses"])
    assert "404" in schema["paths"]["/api/events/{event_id}"]["get"]["responses"]
    assert "ArticleIn" in schema["components"]["schemas"]


def test_schemathesis_finds_no_failure(base: str) -> None:
    # driven from hypothesis directly: schemathesis's pytest plugin does not load under this pytest. Every check,
    # "schema-valid data accepted" included: the schema types each filter as the store checks it (enums, patterns,
    # format: date, ranges), and a range that is empty by construction (start after end) is an empty answer.
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    cases = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case) -> None:
            nonlocal cases
            cases += 1
            case.call_and_validate(headers=AUTH, timeout=120)

        run()
    assert cases >= 300


def test_docs_say_a_server_cannot_run_beside_an_ingest() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert "cannot run beside" in text and "--allow-host" in text
