"""Event clusters and stories on real DuckDB files: articles of the hand-written gold set coded with the real
Coder, clusters built by ``newsevents link``, read by the CLI, the GDELT export, a real server's
``/api/clusters`` and the dashboard in headless Chromium; and the rules of what is never merged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from newsevents.cli.main import app
from newsevents.export.formats import GDELT_COLUMNS
from newsevents.export.writers import iter_text
from newsevents.ingest import read_inputs
from newsevents.models import Article
from newsevents.store import Store, queries
from newsevents.store.filters import EventFilter
from serving import serve

GOLD = ROOT / "gold" / "clusters" / "articles.jsonl"
# Kharkiv shelled (4 outlets), Berlin expels diplomats (3), Wang meets Lavrov (3); distractors: Kharkiv shelled
# two weeks later, Wang and Lavrov on the phone a week later
PICK = ("h10-wire", "h10-herald", "h10-radio", "h10-courier", "h15-wire", "h15-herald", "h15-radio",
        "h05-wire", "h05-herald", "h05-courier", "d05-kharkiv-later", "d04-lavrov-call")


def _clusters_of(con, doc_id: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT m.cluster_id FROM cluster_members m JOIN event_clusters c "
                                      "USING (cluster_id) WHERE m.doc_id = ? AND c.num_articles > 1",
                                      [doc_id]).fetchall()}


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    arts = [a for a in read_inputs([str(GOLD)]) if isinstance(a, Article) and a.id in PICK]
    assert len(arts) == len(PICK)
    db = tmp_path_factory.mktemp("clusters") / "gold.duckdb"
    with Store(db) as store:
        store.write_batch([(a, coder.code_one(a)) for a in arts])
    res = CliRunner().invoke(app, ["link", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "clusters" in res.output
    return db


def test_reports_of_one_happening_form_one_cluster(linked_db: Path) -> None:
    with Store(linked_db, read_only=True) as store:
        con = store.con
        kharkiv = set.intersection(*(_clusters_of(con, d) for d in ("h10-wire", "h10-herald", "h10-radio")))
        assert len(kharkiv) == 1
        (cid,) = kharkiv
        row = queries.cluster(cid).first(con)
        assert row["event"] == "ASSAULT" and row["num_articles"] == 4 and row["num_sources"] == 4
        assert row["num_mentions"] >= 4 and row["first_seen"].isoformat() == "2024-03-15"
        assert row["last_seen"].isoformat() == "2024-03-16"
        assert cid not in _clusters_of(con, "d05-kharkiv-later")  # the same actors two weeks later
        assert _clusters_of(con, "d04-lavrov-call").isdisjoint(_clusters_of(con, "h05-wire"))
        # every member keeps its own evidence sentence, from its own article
        members = queries.cluster_events(cid).dicts(con)
        assert {m["doc_id"] for m in members} == {"h10-wire", "h10-herald", "h10-radio", "h10-courier"}
        assert all(m["sentence"] and m["event_text"] in m["sentence"] for m in members)
        expel = set.intersection(*(_clusters_of(con, d) for d in ("h15-wire", "h15-herald", "h15-radio")))
        assert len(expel) == 1 and not expel & kharkiv
        # the reports of one happening are one story
        stories = {d: s for d, s in con.execute("SELECT doc_id, story_id FROM story_articles").fetchall()}
        assert stories["h10-wire"] == stories["h10-courier"] != stories["h15-wire"]


def test_events_clustered_and_the_gdelt_counts(linked_db: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--db", str(linked_db), "--clustered", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows[0]["num_articles"] == max(r["num_articles"] for r in rows)  # the most reported first
    kharkiv = next(r for r in rows if r["event"] == "ASSAULT" and r["num_articles"] == 4)
    assert len(kharkiv["members"]) == kharkiv["num_mentions"]
    table = runner.invoke(app, ["events", "--db", str(linked_db), "--clustered", "--type", "SANCTION"])
    assert table.exit_code == 0 and "SANCTION" in table.stdout and "ASSAULT" not in table.stdout
    with Store(linked_db, read_only=True) as store:
        lines = list(iter_text(store.con, "gdelt", EventFilter(doc_id="h10-radio")))
    col = {c: i for i, c in enumerate(GDELT_COLUMNS)}
    counts = {tuple(line.rstrip("\n").split("\t")[col[c]] for c in ("NumMentions", "NumSources", "NumArticles"))
              for line in lines}
    assert (str(kharkiv["num_mentions"]), "4", "4") in counts


def test_events_clustered_before_link_and_when_stale(tmp_path: Path, linked_db: Path, coder) -> None:
    db = tmp_path / "plain.duckdb"
    art = Article(id="x", text="Police arrested forty protesters in Tbilisi on Tuesday.", date="2024-03-05")
    with Store(db) as store:
        store.write_batch([(art, coder.code_one(art))])
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--clustered"])
    assert res.exit_code == 2 and "newsevents link" in res.output
    CliRunner().invoke(app, ["link", "--db", str(db)])
    with Store(db) as store:
        late = Article(id="y", text="Georgian police detained forty demonstrators in Tbilisi.", date="2024-03-05")
        store.write_batch([(late, coder.code_one(late))])
    stale = CliRunner().invoke(app, ["events", "--db", str(db), "--clustered"])
    assert stale.exit_code == 0 and "rerun `newsevents link" in stale.output


def _event(doc: str, k: int, event: str, actor: str, recipient: str | None, place: str | None, date: str,
           aux: list[str] | None = None) -> dict:
    loc = {"text": place, "name": place, "geonameid": hash(place) % 10**6, "lat": 1.0, "lon": 1.0, "feature": "city",
           "country_code": "UA"} if place else None
    return {"id": f"{doc}-e{k}", "event": event, "date": date, "actor": [{"name": actor, "code": actor}],
            "recipient": [{"name": recipient, "code": recipient}] if recipient else [], "event_loc": loc,
            "aux": aux or [], "event_text": "x", "text_info": {"start": 0, "end": 1}, "confidence": 0.9}


def test_what_is_never_merged(tmp_path: Path) -> None:
    cases = {  # doc -> its one event; "base" is the happening the others are compared with
        "base": ("ASSAULT", "RUSMIL", "UKR", "Kharkiv", "2024-03-15", None),
        "same": ("ASSAULT", "RUS", "UKRCVL", None, "2024-03-16", None),  # broader codes, no place, next day
        "other-place": ("ASSAULT", "RUSMIL", "UKR", "Odesa", "2024-03-15", None),
        "other-sector": ("ASSAULT", "RUSGOV", "UKR", None, "2024-03-15", None),
        "other-type": ("COERCE", "RUSMIL", "UKR", "Kharkiv", "2024-03-15", None),
        "too-late": ("ASSAULT", "RUSMIL", "UKR", "Kharkiv", "2024-03-19", None),
        "negated": ("ASSAULT", "RUSMIL", "UKR", "Kharkiv", "2024-03-15", ["negated"]),
        "flipped": ("ASSAULT", "UKRMIL", "RUS", "Kharkiv", "2024-03-15", None),
        "met": ("CONSULT", "CHN", "RUS", None, "2024-03-15", None),
        "met-back": ("CONSULT", "RUS", "CHN", None, "2024-03-15", None),  # who met whom is wording
    }
    records = []
    for doc, (event, actor, recipient, place, date, aux) in cases.items():
        rec = {"doc_id": doc, "title": doc, "date": date, "events": [_event(doc, 1, event, actor, recipient, place,
                                                                             date, aux)],
               "quotes": [], "places": [], "entities": [], "notes": []}
        records.append({"record": json.dumps(rec), "text": doc, "content_hash": doc})
    with Store(tmp_path / "rules.duckdb", registry=False) as store:
        store.write_records([r for r in records if '"doc_id": "same"' not in r["record"]])
        store.link()
        of = dict(store.con.execute("SELECT doc_id, cluster_id FROM cluster_members").fetchall())
        assert of["met"] == of["met-back"]
        for doc in ("other-place", "other-sector", "other-type", "too-late", "negated", "flipped"):
            assert of[doc] != of["base"], doc
        # a report with broader codes and no place matches both; it joins one, and does not join Kharkiv to Odesa
        store.write_records([r for r in records if '"doc_id": "same"' in r["record"]])
        store.link()
        of = dict(store.con.execute("SELECT doc_id, cluster_id FROM cluster_members").fetchall())
        assert of["base"] != of["other-place"] and of["same"] in {of["base"], of["other-place"]}


@pytest.fixture(scope="module")
def server(linked_db: Path) -> Iterator[str]:
    with serve(linked_db) as base:
        yield base


def test_api_clusters_over_http(server: str) -> None:
    page = httpx.get(server + "/api/clusters", params={"min_articles": 2}).json()
    assert page["total"] == len(page["items"]) >= 3 and page["built"]["events"] > 0
    assert all(c["num_articles"] >= 2 for c in page["items"])
    shelling = httpx.get(server + "/api/clusters", params={"type": "ASSAULT", "actor": "RUSMIL",
                                                           "min_articles": 2}).json()["items"]
    assert shelling and shelling[0]["num_articles"] == 4
    one = httpx.get(server + "/api/clusters/" + shelling[0]["cluster_id"]).json()
    assert one["summary"] == "reported by 4 articles from 4 sources" and len(one["members"]) >= 4
    event = httpx.get(server + "/api/events/" + one["members"][0]["id"]).json()
    assert event["cluster"]["cluster_id"] == shelling[0]["cluster_id"]
    assert len(event["story"]["articles"]) >= 4
    assert httpx.get(server + "/api/clusters/nope").status_code == 404
    assert httpx.get(server + "/api/clusters", params={"sort": "loudest"}).status_code == 400


def test_dashboard_shows_who_reported_it(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail(f"{chromium} is missing: run `sudo bash scripts/ci_browser.sh`")
    cid = httpx.get(server + "/api/clusters", params={"type": "ASSAULT", "min_articles": 2}).json()["items"][0]
    members = httpx.get(server + "/api/clusters/" + cid["cluster_id"]).json()["members"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(server + "/?type=ASSAULT")
            page.wait_for_selector("#events tbody tr")
            page.locator(f'#events tbody tr[data-id="{members[0]["id"]}"]').click()
            page.wait_for_selector("#reported-by")
            assert "reported by 4 articles from 4 sources" in page.inner_text("#reported-by")
            siblings = page.locator("#sibling-reports li")
            assert siblings.count() == len(members) - 1
            siblings.first.locator("button").click()  # a sibling report opens its own evidence
            expect(page.locator("#article-meta")).to_contain_text(members[1]["doc_id"])
            assert page.locator("#story-articles li").count() >= 3
        finally:
            browser.close()
