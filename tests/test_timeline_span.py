"""The timeline's span: events dated by a year alone outside the corpus's years are left out of the counts the
dashboard's timeline reads (``GET /api/counts?in_span=true``) and counted, with the years taken from the articles'
publication dates, else from the events' day and month dates. The real app over real DuckDB files; the dashboard's
note and checkbox are tested in Chromium by tests/test_web.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.api import create_app
from newsevents.models import Article, CodedArticle, Event
from test_api_data import _sentence, _span, articles

# Invented for this test: an old year, a year of the corpus, a historical year and a historical day.
HISTORY = ("The museum recalls that rebels burned the fort in 1830. Rebels burned the fort again in 2024. "
           "Soldiers fired on the fort in 1975. Soldiers shelled it on 1 May 1999.")
# (sentence, trigger, date, granularity) of each event of the HISTORY article
HISTORY_EVENTS = (
    ("The museum recalls that rebels burned the fort in 1830.", "burned", "1830-01-01", "year"),
    ("Rebels burned the fort again in 2024.", "burned", "2024-01-01", "year"),
    ("Soldiers fired on the fort in 1975.", "fired", "1975-01-01", "year"),
    ("Soldiers shelled it on 1 May 1999.", "shelled", "1999-05-01", "day"),
)


def timeline_articles(dated: bool = True) -> list[tuple[Article, CodedArticle]]:
    """The API fixture's four articles (events of 2024) and one recalling history; without publication dates
    when not ``dated``."""
    events = []
    for n, (sentence, trigger, date, granularity) in enumerate(HISTORY_EVENTS, 1):
        start = HISTORY.index(sentence)
        s, e = _span(HISTORY, trigger, start)
        events.append(Event(id=f"hi1-e{n}", event="ASSAULT", cameo="190", quad_code=4, goldstein=-10.0,
                            event_text=trigger, text_info=_sentence(HISTORY, sentence), date=date,
                            date_granularity=granularity, confidence=0.6, trigger={"start": s, "end": e}))
    history = Article(id="hi1", text=HISTORY, title="The fort's history", date="2024-03-07")
    out = [*articles(), (history, CodedArticle("hi1", history.title, history.date, events, [], [], [], []))]
    if not dated:
        out = [(dataclasses.replace(a, date=None), dataclasses.replace(c, date=None)) for a, c in out]
    return out


def build_timeline_store(path: Path, dated: bool = True) -> Path:
    """Write ``timeline_articles`` into a new DuckDB store at ``path`` with the real store writer."""
    from newsevents.store.db import Store

    with Store(path) as store:
        store.write_batch(timeline_articles(dated))
    return path


@pytest.fixture()
def client(tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEWSEVENTS_TOKEN", raising=False)
    db = tmp_path / "timeline.duckdb"
    if request.param == "empty":
        from newsevents.store.db import Store

        Store(db).close()
    else:
        build_timeline_store(db, dated=request.param == "dated")
    with TestClient(create_app(db)) as c:
        yield c


def _days(body: dict) -> set[str]:
    return {row["day"] for row in body["items"]}


@pytest.mark.parametrize("client", ["dated"], indirect=True)
def test_year_only_dates_outside_the_publication_years_are_left_out_and_counted(client: TestClient) -> None:
    plain = client.get("/api/counts", params={"by": "day,quad"}).json()
    assert "1830-01-01" in _days(plain) and "span" not in plain  # without in_span: every event, as before
    body = client.get("/api/counts", params={"by": "day,quad", "in_span": "true"}).json()
    assert body["span"] == {"first": 2024, "last": 2024, "source": "publication"}
    assert body["outside_span"] == 2  # 1830 and 1975; 2024 is the corpus's year
    days = _days(body)
    assert "1830-01-01" not in days and "1975-01-01" not in days
    assert {"2024-01-01", "1999-05-01"} <= days  # a year of the corpus, and a historical *day*, stay
    assert sum(r["n"] for r in body["items"]) == sum(r["n"] for r in plain["items"]) - 2
    shown = client.get("/api/counts", params={"by": "day,quad", "in_span": "false"}).json()
    assert shown["outside_span"] == 2 and _days(shown) == _days(plain)
    # the count follows the filters: no event of quad class 1 is dated by a year alone
    agree = client.get("/api/counts", params={"by": "day,quad", "in_span": "true", "quad": "1"}).json()
    assert agree["outside_span"] == 0 and _days(agree) == {"2024-03-06"}
    by_type = client.get("/api/counts", params={"by": "type", "in_span": "true"}).json()["items"]
    assert {r["type"]: r["n"] for r in by_type}["ASSAULT"] == 3  # x1-e1 and hi1's 2024 and 1999 events


@pytest.mark.parametrize("client", ["undated"], indirect=True)
def test_without_publication_dates_the_years_come_from_day_and_month_dates(client: TestClient) -> None:
    body = client.get("/api/counts", params={"by": "day,quad", "in_span": "true"}).json()
    assert body["span"] == {"first": 1999, "last": 2024, "source": "events"}  # 1 May 1999 .. March 2024
    assert body["outside_span"] == 2  # 1830 and 1975; the 2024 year lies inside
    assert not {"1830-01-01", "1975-01-01"} & _days(body) and "2024-01-01" in _days(body)


@pytest.mark.parametrize("client", ["empty"], indirect=True)
def test_an_empty_store_has_no_span_and_leaves_nothing_out(client: TestClient) -> None:
    body = client.get("/api/counts", params={"by": "day,quad", "in_span": "true"}).json()
    assert body == {"by": ["day", "quad"], "items": [], "in_span": True, "outside_span": 0, "span": None}
    r = client.get("/api/counts", params={"in_span": "maybe"})
    assert r.status_code == 422 and r.json()["error"]["param"] == "in_span"
