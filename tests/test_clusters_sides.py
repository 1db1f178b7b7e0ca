"""Clusters never mix the sides of an armed conflict (``actors/sector_sides.tsv``): a country's government or
army and its rebels are not one report read two ways, even at one named place, and a report with a broader
code that matches both joins one of them; sectors that take no side (police and gunmen) still merge at one
place, and talks between the sides are one happening. Real DuckDB files, the records as ``load`` writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.knowledge.actor_codes import sector_sides
from newsevents.store import Store
from test_clusters import _event

CASES = {  # doc -> (type, actor, recipient, place, date)
    "army": ("ASSAULT", "RUSMIL", "UKR", "Kharkiv", "2024-03-15"),
    "army-again": ("ASSAULT", "RUSMIL", "UKR", "Kharkiv", "2024-03-16"),
    "rebels": ("ASSAULT", "RUSREB", "UKR", "Kharkiv", "2024-03-15"),  # one place, one day, the other side
    "broad": ("ASSAULT", "RUS", "UKRCVL", None, "2024-03-15"),  # matches both
    "police": ("ASSAULT", "KENCOP", "KENCVL", "Garissa", "2024-04-02"),
    "gunmen": ("ASSAULT", "KENUAF", "KENCVL", "Garissa", "2024-04-02"),  # no side: one clash read two ways
    "talks": ("CONSULT", "COLGOV", "COLREB", None, "2024-05-10"),
    "talks-back": ("CONSULT", "COLREB", "COLGOV", None, "2024-05-10"),  # who met whom is wording
}


def _records() -> list[dict]:
    out = []
    for doc, (event, actor, recipient, place, date) in CASES.items():
        rec = {"doc_id": doc, "title": doc, "date": date, "events": [_event(doc, 1, event, actor, recipient, place,
                                                                             date)],
               "quotes": [], "places": [], "entities": [], "notes": []}
        out.append({"record": json.dumps(rec), "text": doc, "content_hash": doc})
    return out


def test_the_sides_file_names_states_and_insurgents() -> None:
    sides = sector_sides()
    assert sides["GOV"] == sides["MIL"] == "state" and sides["REB"] == "insurgent"
    assert "UAF" not in sides and "CVL" not in sides


def cluster_by_doc(store: Store, how: str) -> dict[str, str]:
    """Cluster the store whole (``link``) or as an ingest does (``update``); each article's cluster (one event each)."""
    if how == "link":
        store.link()
    else:
        assert store.update_clusters() is not None
    return dict(store.con.execute("SELECT doc_id, cluster_id FROM cluster_members").fetchall())


@pytest.mark.parametrize("how", ["link", "update"])
def test_sides_are_never_merged(tmp_path: Path, how: str) -> None:
    with Store(tmp_path / "sides.duckdb", registry=False) as store:
        store.write_records(_records())
        of = cluster_by_doc(store, how)
        mixed = store.con.execute("SELECT count(*) FROM (SELECT m.cluster_id FROM cluster_members m JOIN events e "
                                  "ON e.id = m.event_id GROUP BY 1 HAVING count(DISTINCT substr(e.actor_codes, 4, 3)) "
                                  "FILTER (WHERE substr(e.actor_codes, 4, 3) IN ('MIL', 'REB')) > 1)").fetchone()[0]
    assert of["army"] == of["army-again"]
    assert of["rebels"] != of["army"]
    assert of["broad"] in {of["army"], of["rebels"]}  # it joins one side, and does not join the two
    assert mixed == 0
    assert of["police"] == of["gunmen"]
    assert of["talks"] == of["talks-back"]


def test_an_event_deep_in_a_long_article_is_clustered(tmp_path: Path) -> None:
    """An article's lead event is ordered by its sentence's offset: past 2,147 characters that once overflowed a
    32-bit product and stopped the build (and with it every ingest of a long article)."""
    records = _records()
    deep = json.loads(records[0]["record"])
    deep["doc_id"], deep["events"][0]["id"] = "long", "long-e1"
    deep["events"][0]["text_info"] = {"start": 90_000, "end": 90_040}
    records.append({"record": json.dumps(deep), "text": "x" * 90_040, "content_hash": "long"})
    with Store(tmp_path / "long.duckdb", registry=False) as store:
        store.write_records(records)
        assert store.update_clusters() is not None
        of = dict(store.con.execute("SELECT doc_id, cluster_id FROM cluster_members").fetchall())
        assert store.con.execute("SELECT sent_start FROM events WHERE id = 'long-e1'").fetchone()[0] == 90_000
        assert of["long"] == of["army"]  # the same report as the army's, far down its article
        assert store.con.execute("SELECT count(*) FROM story_articles WHERE doc_id = 'long'").fetchone()[0] == 1
