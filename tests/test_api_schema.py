"""The OpenAPI schema says what the API accepts, on a real server on loopback over a real DuckDB store: every enum
value and sort key the schema lists is answered 200, its patterns admit what the store accepts and nothing it
refuses, and the two ranges no schema can type (start after end, min_lat above max_lat) are empty answers with a
note while the CLI's filter keeps refusing them; a bbox whose min_lon passes its max_lon crosses the antimeridian."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from newsevents.api import create_app
from newsevents.knowledge.ontology import load_ontology
from newsevents.store.filters import EventFilter, FilterError, order_by, parse_bbox
from newsevents.store.queries import cluster_order, parse_dimensions
from serving import serve_in_thread
from test_api_data import build_store


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("api_schema") / "store.duckdb")
    with serve_in_thread(create_app(db, token="")) as url:
        yield url


@pytest.fixture(scope="module")
def params(base: str) -> dict[tuple[str, str], dict]:
    schema = httpx.get(base + "/openapi.json").json()
    return {(path, p["name"]): p["schema"] for path, ops in schema["paths"].items() for op in ops.values()
            for p in op.get("parameters", [])}


def _ids(r: httpx.Response) -> set[str]:
    assert r.status_code == 200, r.text
    return {e["id"] for e in r.json()["items"]}


def test_every_enum_value_is_accepted(base: str, params: dict) -> None:
    assert params[("/api/events", "type")]["items"]["enum"] == list(load_ontology().types)
    assert params[("/api/map", "start")] == {"type": "string", "format": "date"}
    for name in ("type", "mode", "quad", "aux"):
        values = params[("/api/events", name)]["items"]["enum"]
        assert values, name
        for value in values:
            r = httpx.get(base + "/api/events", params={name: value, "limit": 1})
            assert r.status_code == 200, (name, value, r.text)


@pytest.mark.parametrize(("path", "name", "good", "bad"), [
    ("/api/events", "sort", ["-date", "date", "+goldstein", "quad_code", "-id"], ["-articles", "-", "Date"]),
    ("/api/export", "sort", ["date", "-confidence"], ["first_seen"]),
    ("/api/clusters", "sort", ["-articles", "first_seen", "+sources"], ["goldstein"]),
    ("/api/counts", "by", ["day,quad", "actor_pair", "actor_pair,type", "type,actor_pair", "date,quad_class,place"],
     ["actor_pair,type,day", "day,quad,type,mode", "nope", ","]),
    ("/api/events", "country", ["KEN", "ke", "Deu"], ["K3N", "KENY", "K"]),
    ("/api/events", "bbox", ["0,40,10,55", "-180,-90,180,90", "170.5,-50,-170,-10.25", "0,50,10,40"],
     ["0,40,10", "0,40,10,1e2", "nan,0,1,1", "181,0,1,1", "0,91,1,1", "0,40,10,55,"]),
])
def test_patterns_admit_what_the_store_accepts(path: str, name: str, good: list[str], bad: list[str],
                                               params: dict) -> None:
    pattern = re.compile(params[(path, name)]["pattern"])
    check = {"sort": cluster_order if path == "/api/clusters" else order_by, "by": parse_dimensions,
             "country": lambda v: EventFilter.parse(country=v), "bbox": lambda v: parse_bbox(v, ordered=False)}[name]
    for value in good:
        assert pattern.search(value), value
        check(value)  # the store accepts it
    for value in bad:
        assert not pattern.search(value), value
        with pytest.raises(FilterError):
            check(value)


def test_an_empty_range_is_an_empty_answer_with_a_note(base: str) -> None:
    dates = {"start": "2024-03-08", "end": "2024-03-04"}
    for path in ("/api/events", "/api/counts", "/api/map", "/api/clusters"):
        r = httpx.get(base + path, params=dates)
        assert r.status_code == 200 and r.json()["items"] == [], (path, r.text)
        if path != "/api/clusters":  # a store never linked says so first
            assert r.json()["note"] == "start 2024-03-08 is after end 2024-03-04: no event can match", path
    r = httpx.get(base + "/api/events", params={"bbox": "-180,60,180,-60"})
    assert _ids(r) == set() and "min_lat is above its max_lat" in r.json()["note"]
    assert "note" not in httpx.get(base + "/api/events", params={"start": "2024-03-04"}).json()
    # the CLI and Python filter keep refusing both, with the same messages as before
    with pytest.raises(FilterError, match="start date is after end date"):
        EventFilter.parse(**dates)
    with pytest.raises(FilterError, match="min_lon must not exceed max_lon"):
        EventFilter.parse(bbox="-180,60,180,-60")


def test_a_date_that_does_not_exist_keeps_its_400(base: str) -> None:
    r = httpx.get(base + "/api/events", params={"start": "2023-02-30"})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "start: '2023-02-30' is not a date in YYYY-MM-DD form"
    assert httpx.get(base + "/api/export", params={"sort": "nope"}).status_code == 400


def test_a_bbox_across_the_antimeridian(base: str) -> None:
    placed = _ids(httpx.get(base + "/api/events", params={"bbox": "-180,-90,180,90"}))
    nairobi = _ids(httpx.get(base + "/api/events", params={"bbox": "36,-2,37,0"}))
    assert nairobi and placed > nairobi
    # min_lon 37 > max_lon 36: the world east of 37 and west of 36, all but Nairobi's strip
    assert _ids(httpx.get(base + "/api/events", params={"bbox": "37,-90,36,90"})) == placed - nairobi
