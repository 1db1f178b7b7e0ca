"""Clusters and the coder's fallbacks (``docs/clusters.md``, rules 4 and 5): a recipient that is only the actor's
own country says where the act took place, not whom it was against, and counts as none; a place taken from the
dateline (where the report was filed) is compared by its country only, and is no named place for the rules that
need one. Hand-written events as ``load`` writes them, and hand-written articles coded by the real Coder, in real
DuckDB files; each rule with the distractors it must keep apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.models import Article
from newsevents.store import Store
from test_clusters_sides import cluster_by_doc

# doc -> (type, actor, actor country, recipient, recipient country, place, place country, how, date)
CASES = {
    # a troop move: one report names the destination, a town of the actor's own country (coded TUR), the other
    # the country it is aimed at
    "move-home": ("MOBILIZE", "TURGOV", "TUR", "TUR", "TUR", None, None, None, "2024-03-19"),
    "move-border": ("MOBILIZE", "TURGOV", "TUR", "SYR", "SYR", None, None, None, "2024-03-19"),
    # another country's recipient is a recipient: Greece and Syria stay apart
    "move-aegean": ("MOBILIZE", "TURMIL", "TUR", "GRC", "GRC", "Izmir", "TR", "clause", "2024-03-19"),
    "move-aegean-2": ("MOBILIZE", "TURMIL", "TUR", "CYP", "CYP", None, None, None, "2024-03-20"),
    # an air strike reported from the capital's dateline and at the village's region
    "filed": ("ASSAULT", "MMRMIL", "MMR", "MMRCVL", "MMR", "Yangon", "MM", "dateline", "2024-04-05"),
    "named": ("ASSAULT", "MMRMIL", "MMR", "MMRCVL", "MMR", "Sagaing", "MM", "clause", "2024-04-05"),
    # filed from another country: a dateline still says which country
    "filed-abroad": ("ASSAULT", "MMRMIL", "MMR", "MMRCVL", "MMR", "Bangkok", "TH", "dateline", "2024-04-05"),
    # one dateline is no named place: the police and the army of one day are not one report read two ways
    "filed-police": ("ASSAULT", "MMRCOP", "MMR", "MMRCVL", "MMR", "Yangon", "MM", "dateline", "2024-04-05"),
}


def _party(code: str, country: str | None) -> dict:
    return {"name": code, "code": code, "country": country}


def _records() -> list[dict]:
    out = []
    for doc, (event, actor, acountry, recipient, rcountry, place, pcountry, how, date) in CASES.items():
        loc = {"text": place, "name": place, "geonameid": sum(map(ord, place)), "lat": 1.0, "lon": 1.0,
               "feature": "city", "country_code": pcountry, "how": how} if place else None
        ev = {"id": f"{doc}-e1", "event": event, "date": date, "actor": [_party(actor, acountry)],
              "recipient": [_party(recipient, rcountry)], "event_loc": loc, "aux": [], "event_text": "x",
              "text_info": {"start": 0, "end": 1}, "confidence": 0.9}
        rec = {"doc_id": doc, "title": doc, "date": date, "events": [ev], "quotes": [], "places": [], "entities": [],
               "notes": []}
        out.append({"record": json.dumps(rec), "text": doc, "content_hash": doc})
    return out


@pytest.mark.parametrize("how", ["link", "update"])
def test_own_country_recipient_and_dateline_places(tmp_path: Path, how: str) -> None:
    with Store(tmp_path / "readings.duckdb", registry=False) as store:
        store.write_records(_records())
        of = cluster_by_doc(store, how)
    assert of["move-home"] == of["move-border"]  # TUR is where the troops went, not whom they were sent against
    assert of["move-aegean"] != of["move-aegean-2"]  # Greece and Cyprus: two recipients, two happenings
    assert of["move-aegean"] != of["move-border"]  # and Syria is not Greece
    assert of["filed"] == of["named"]  # filed from Yangon, bombed in Sagaing: one country, one strike
    assert of["filed-abroad"] != of["named"]  # filed from Bangkok: another country
    assert of["filed-police"] != of["filed"]  # a dateline gives no named place for sectors to differ at


TEXTS = {  # hand-written articles (none from the gold set), all dated Tuesday 4 June 2024
    # a dateline with two dashes (the coder does not read it as the actor): Addis Ababa, the strike elsewhere
    "addis-wire": "Strike in the north\n\nADDIS ABABA, June 4 (Rift Wire) -- The Ethiopian army said on Tuesday "
                  "that its jets had bombed rebel positions, killing dozens of fighters.",
    "gondar-paper": "Jets over Gondar\n\nEthiopian jets bombed rebel positions near Gondar on Tuesday, killing dozens "
                    "of fighters, the army said.",
    # the same words filed from Nairobi: the wire's only place is in another country
    "nairobi-wire": "Raid\n\nNAIROBI, June 4 (Rift Wire) -- Ethiopian jets bombed rebel positions on Tuesday, "
                    "killing dozens of fighters, the army said.",
    # a troop move: to an Indian territory (recipient IND, India's own) and to the border with China
    "ladakh-paper": "Border move\n\nIndia sent troops to Ladakh on Tuesday after a clash on the border.",
    "china-wire": "Troops to the frontier\n\nIndia deployed troops to its border with China on Tuesday.",
}


def test_coded_articles_cluster_across_the_coder_fallbacks(tmp_path: Path, coder) -> None:
    arts = [Article(id=doc, text=text, title=text.splitlines()[0], date="2024-06-04") for doc, text in TEXTS.items()]
    coded = [coder.code_one(a) for a in arts]
    with Store(tmp_path / "coded.duckdb") as store:
        store.write_batch(list(zip(arts, coded, strict=True)))
        store.link()
        rows = store.con.execute("""SELECT m.doc_id, m.cluster_id, e.event, e.actor_codes, e.recipient_codes, e.loc_how
            FROM cluster_members m JOIN events e ON e.id = m.event_id""").fetchall()

    def clusters(doc: str, event: str) -> set[str]:
        return {r[1] for r in rows if r[0] == doc and r[2] == event}

    # what the coder gave, so a change upstream shows here and not as a puzzling cluster
    assert {r[5] for r in rows if r[0] == "addis-wire"} == {"dateline"}
    assert any(r[4] == "IND" for r in rows if r[0] == "ladakh-paper")
    assert clusters("addis-wire", "ASSAULT") & clusters("gondar-paper", "ASSAULT")
    assert not clusters("nairobi-wire", "ASSAULT") & clusters("gondar-paper", "ASSAULT")
    assert not clusters("nairobi-wire", "ASSAULT") & clusters("addis-wire", "ASSAULT")
    assert clusters("ladakh-paper", "MOBILIZE") & clusters("china-wire", "MOBILIZE")
