"""Through `newsevents ingest`, a later article codes an actor with the role an earlier article stated."""

from __future__ import annotations

import json

import duckdb

from newsevents.runner.ingest import ingest
from newsevents.store import Store


def test_later_article_uses_role_stated_earlier(tmp_path):
    first = {"id": "a1", "date": "2024-02-01", "text": (
        "John Mwangi, the interior minister of Kenya, visited troops in the north on Monday.")}
    later = {"id": "a2", "date": "2024-03-01", "text": "John Mwangi condemned the attack on the convoy."}
    f1, f2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    f1.write_text(json.dumps(first) + "\n", encoding="utf-8")
    f2.write_text(json.dumps(later) + "\n", encoding="utf-8")
    db = tmp_path / "reg.duckdb"
    with Store(db) as store:
        ingest([f1], store)
    with Store(db) as store:  # a new run: the registry is read back from the file
        ingest([f2], store)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT name, code, country, sector FROM entities WHERE doc_id = 'a2' AND name LIKE '%Mwangi%'").fetchall()
    assert rows and rows[0][1:] == ("KENGOV", "KEN", "GOV"), rows
    n_docs = con.execute("SELECT n_docs FROM registry_actors WHERE name LIKE '%Mwangi%'").fetchone()
    assert n_docs == (2,)


def test_reingesting_keeps_registry_counts(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "x", "date": "2024-01-05", "text": (
        "Lukas Brenner, the interior minister of Austria, met Jan Novak in Vienna.")}) + "\n", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    for _ in range(2):
        with Store(db) as store:
            ingest([src], store)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT max(n_docs), count(*) FROM registry_actors").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM registry_docs WHERE doc_id = 'x'").fetchone()[0] >= 1


def test_incremental_counts_equal_a_full_recount(tmp_path, coder):
    """Batches of new articles are folded into registry_actors in place; a changed article is recounted.
    Either way the table must equal a recount from registry_docs (dates out of order, undated articles)."""
    from newsevents.models import Article
    from newsevents.store.registry import _recount

    texts = [
        ("b1", "2024-03-01", "Amina Hassan, the foreign minister of Somalia, met Kenyan officials in Nairobi."),
        ("b2", "2024-01-15", "Amina Hassan condemned the attack. Police arrested two men in Mogadishu."),
        ("b3", None, "Somali police said Amina Hassan would visit Addis Ababa."),
        ("b4", "2024-02-10", "Kenyan officials and Amina Hassan signed a trade agreement."),
    ]
    arts = [Article(id=i, text=t, date=d) for i, d, t in texts]
    coded = list(coder.code(arts))
    with Store(tmp_path / "inc.duckdb") as store:
        store.write_batch(list(zip(arts[:2], coded[:2], strict=True)))
        store.write_batch(list(zip(arts[2:], coded[2:], strict=True)))
        changed = Article(id="b2", text="Amina Hassan rejected the talks in Kismayo.", date="2024-04-02")
        store.write_batch([(changed, coder.code_one(changed))])
        con = store.con
        query = "SELECT * FROM registry_actors ORDER BY actor_id"
        incremental = con.execute(query).fetchall()
        _recount(con, None)
        assert con.execute(query).fetchall() == incremental
    hassan = [r for r in incremental if r[0] == "amina hassan"]
    assert hassan and hassan[0][8] == 4 and str(hassan[0][7]) == "2024-04-02", hassan


def test_a_later_batch_of_the_same_run_uses_a_role_stated_earlier(tmp_path):
    """Each batch reads the registry when it is sent, so batch 2 sees what batch 1 stored."""
    src = tmp_path / "run.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "r1", "date": "2024-02-01", "text": "Halima Odhiambo, the defence minister of Kenya, toured the base."},
        {"id": "r2", "date": "2024-02-03", "text": "Halima Odhiambo rejected the proposal."},
    ]), encoding="utf-8")
    db = tmp_path / "run.duckdb"
    with Store(db) as store:
        ingest([src], store, batch_size=1)
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT code FROM entities WHERE doc_id = 'r2' AND name LIKE '%Odhiambo%'").fetchone()
    assert row == ("KENGOV",), row


def test_name_keys_cover_the_names_the_resolver_looks_up():
    from newsevents.store.registry import name_keys

    keys = name_keys(["Vice President Amrullah Saleh met Paul D. Ryan. Osama bin Laden's aide left Kabul."])
    assert {"amrullah saleh", "saleh", "paul d. ryan", "ryan", "osama bin laden", "kabul"} <= keys
    assert "met" not in keys and "aide" not in keys


def test_partial_registry_view_answers_like_the_full_one(tmp_path, coder):
    from newsevents.models import Article
    from newsevents.store.registry import load_registry, registry_for

    arts = [Article(id="p1", date="2024-01-03", text="Omar Farah, the finance minister of Somalia, spoke."),
            Article(id="p2", date="2024-01-04", text="Lukas Brenner, the Austrian interior minister, left.")]
    with Store(tmp_path / "part.duckdb") as store:
        store.write_batch(list(zip(arts, coder.code(arts), strict=True)))
        full = load_registry(store.con)
        part = registry_for(store.con, ["Yesterday Omar Farah said the talks failed."])
    assert set(part.roles) == {"omar farah"} and set(full.roles) >= {"omar farah", "lukas brenner"}
    assert part.lookup("Omar Farah") == full.lookup("Omar Farah") is not None
    assert part.lookup("Lukas Brenner") is None
