"""Exports from a real DuckDB store: PLOVER JSONL, GDELT 2.0 (61 columns), ICEWS (20), CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsevents.export import write_export
from newsevents.export.formats import GDELT_COLUMNS, ICEWS_COLUMNS, gdelt_id
from newsevents.store.filters import EventFilter, FilterError
from test_api_data import build_store

ROOT = Path(__file__).resolve().parents[1]
NEWSEVENTS = [str(ROOT / ".venv" / "bin" / "newsevents")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("export") / "store.duckdb")


@pytest.fixture()
def con(db: Path):
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def export(con, fmt: str, flt: EventFilter | None = None, **kw) -> bytes:
    buf = io.BytesIO()
    write_export(con, fmt, buf, flt, **kw)
    return buf.getvalue()


def test_plover_round_trips_with_manual_field_names(con) -> None:
    lines = export(con, "plover").decode().splitlines()
    assert len(lines) == 6
    records = [json.loads(line) for line in lines]
    for rec in records:
        for name in ("id", "has_event", "date", "actor", "recipient", "event", "event_loc", "event_text",
                     "quad_code", "mode", "context", "link", "text", "text_info", "coder", "coded_date"):
            assert name in rec, name
        assert set(rec["text_info"]) == {"sequence", "start", "end", "text_story"}
    ke = next(r for r in records if r["id"] == "ke1-e1")
    assert ke["event"] == "COERCE" and ke["mode"] == "arrest" and ke["date"] == "2024-03-04"
    assert ke["text"] == "Kenyan police arrested forty protesters in Nairobi on Monday."
    assert ke["actor"][0]["code"] == "KENCOP" and ke["actor"][0]["entity_text"] == "Kenyan police"
    assert ke["actor"][0]["identifier_text"] == "Kenya Police"
    loc = ke["event_loc"]
    assert loc["geonameid"] == 184745 and loc["city"] == "Nairobi" and loc["country"] == "Kenya"
    assert loc["resolution"] == 4 and loc["feature_code"] == "PPL"
    assert ke["link"] == "https://news.example/ke1"
    assert ke["coder"].startswith("newsevents ")
    # a second JSON round trip changes nothing
    assert json.loads(json.dumps(ke)) == ke


def test_gdelt_rows_have_61_fields_and_known_columns(con) -> None:
    text = export(con, "gdelt", sort="id").decode()
    rows = text.splitlines()
    assert len(rows) == 6
    for row in rows:
        assert len(row.split("\t")) == 61
    cols = dict(zip(GDELT_COLUMNS, rows[[r.split("\t")[0] for r in rows].index(str(gdelt_id("ke1-e1")))]
                    .split("\t"), strict=True))
    assert cols["SQLDATE"] == "20240304" and cols["MonthYear"] == "202403" and cols["Year"] == "2024"
    assert cols["Actor1Code"] == "KENCOP" and cols["Actor1CountryCode"] == "KEN" and cols["Actor1Type1Code"] == "COP"
    assert cols["Actor2Code"] == "KENCVL"
    assert cols["EventCode"] == "173" and cols["EventBaseCode"] == "173" and cols["EventRootCode"] == "17"
    assert cols["QuadClass"] == "4" and cols["GoldsteinScale"] == "-5"
    assert cols["ActionGeo_Type"] == "4" and cols["ActionGeo_CountryCode"] == "KE"  # FIPS 10-4 for Kenya is KE
    assert cols["ActionGeo_FullName"] == "Nairobi, Kenya"
    assert float(cols["ActionGeo_Lat"]) == pytest.approx(-1.2833, abs=1e-3)
    assert cols["SOURCEURL"] == "https://news.example/ke1"
    assert len(cols["DATEADDED"]) == 14 and cols["Actor1Geo_Type"] == ""
    # GDELT geography uses FIPS codes: Germany's is GM, France's FR
    fr = next(r.split("\t") for r in rows if r.split("\t")[0] == str(gdelt_id("fr1-e1")))
    assert fr[GDELT_COLUMNS.index("ActionGeo_CountryCode")] == "FR"
    un = next(r.split("\t") for r in rows if r.split("\t")[0] == str(gdelt_id("sd1-e1")))
    assert un[GDELT_COLUMNS.index("Actor1KnownGroupCode")] == "UNO"
    assert un[GDELT_COLUMNS.index("ActionGeo_Type")] == "1"


def test_gdelt_hostile_text_cannot_break_rows(con) -> None:
    rows = export(con, "gdelt", EventFilter.parse(doc_id="x1")).decode().splitlines()
    assert len(rows) == 2 and all(len(r.split("\t")) == 61 for r in rows)


def test_icews_columns(con) -> None:
    rows = list(csv.reader(io.StringIO(export(con, "icews", sort="id").decode()), delimiter="\t"))
    assert tuple(rows[0]) == ICEWS_COLUMNS
    body = {r[0]: dict(zip(ICEWS_COLUMNS, r, strict=True)) for r in rows[1:]}
    ke = body["ke1-e1"]
    assert ke["Source Name"] == "Kenya Police" and ke["Source Sectors"] == "Police" and ke["Source Country"] == "Kenya"
    assert ke["Event Text"] == "Coerce" and ke["CAMEO Code"] == "173" and ke["Intensity"] == "-5"
    assert ke["City"] == "Nairobi" and ke["Country"] == "Kenya" and ke["Story ID"] == "ke1"
    assert ke["Sentence Number"] == "1" and body["ke1-e2"]["Sentence Number"] == "2"
    assert body["sd1-e1"]["Target Country"] == "Sudan"


def test_csv_and_filters(con) -> None:
    rows = list(csv.DictReader(io.StringIO(export(con, "csv", EventFilter.parse(quad="4")).decode())))
    assert {r["id"] for r in rows} == {"ke1-e1", "x1-e1"}
    ke = next(r for r in rows if r["id"] == "ke1-e1")
    assert ke["sentence"].startswith("Kenyan police arrested") and ke["context"] == "repression"
    assert {r["id"] for r in csv.DictReader(io.StringIO(export(con, "csv", EventFilter.parse(
        country="DEU")).decode()))} == {"fr1-e1"}
    assert {r["id"] for r in csv.DictReader(io.StringIO(export(con, "csv", EventFilter.parse(
        bbox="30,-5,40,5")).decode()))} == {"ke1-e1", "ke1-e2"}
    assert {r["id"] for r in csv.DictReader(io.StringIO(export(con, "csv", EventFilter.parse(
        aux="future", start="2024-03-01", end="2024-03-31")).decode()))} == {"ke1-e2"}


def test_parquet_keeps_lists(con, tmp_path: Path) -> None:
    path = tmp_path / "ev.parquet"
    with path.open("wb") as out:
        n = write_export(con, "parquet", out, EventFilter.parse(type="THREATEN,COERCE"))
    table = pq.read_table(path)
    assert n == 2 and table.num_rows == 2
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["ke1-e2"]["aux"] == ["future", "negated"]
    assert rows["ke1-e1"]["sentence"].startswith("Kenyan police")


def test_bad_filters_are_named() -> None:
    with pytest.raises(FilterError, match="type"):
        EventFilter.parse(type="EXPLODE")
    with pytest.raises(FilterError, match="bbox"):
        EventFilter.parse(bbox="1,2,3")
    with pytest.raises(FilterError, match="start"):
        EventFilter.parse(start="2024-13-01")


def test_cli_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    res = subprocess.run([*NEWSEVENTS, "export", "--db", str(db), "--format", "gdelt", "--type", "ASSAULT",
                          "--output", str(out)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = out.read_text().splitlines()
    assert len(rows) == 1 and len(rows[0].split("\t")) == 61
    assert "1 event(s) exported" in res.stderr
    res = subprocess.run([*NEWSEVENTS, "export", "--db", str(db), "--format", "plover", "--country", "FRA"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["fr1-e1"]
    res = subprocess.run([*NEWSEVENTS, "export", "--db", str(db), "--start", "March 1"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "--start" in res.stderr
    res = subprocess.run([sys.executable, "-m", "newsevents", "export", "--db", str(tmp_path / "none.duckdb")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "no such database" in res.stderr


def test_real_pipeline_output_exports(seed_coded, tmp_path: Path) -> None:
    """The seed article coded by the real pipeline, stored by the real store, exports in every format."""
    from conftest import SEED
    from newsevents.models import Article
    from newsevents.store.db import Store

    text = SEED.read_text(encoding="utf-8")
    article = Article(id="seed", text=text, title=seed_coded.title, date="2021-08-22")
    db = tmp_path / "seed.duckdb"
    with Store(db) as store:
        store.write_batch([(article, seed_coded)])
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = len(seed_coded.events)
        assert n > 0, "the seed article should yield events"
        plover = [json.loads(x) for x in export(con, "plover").decode().splitlines()]
        assert sorted(r["id"] for r in plover) == sorted(e.id for e in seed_coded.events)
        for rec in plover:
            assert rec["text"] == text[rec["text_info"]["start"]:rec["text_info"]["end"]]
        gdelt = export(con, "gdelt").decode().splitlines()
        assert len(gdelt) == n and all(len(r.split("\t")) == 61 for r in gdelt)
        icews = export(con, "icews").decode().splitlines()
        assert len(icews) == n + 1 and all(len(r.split("\t")) == 20 for r in icews)
        buf = io.BytesIO()
        assert write_export(con, "parquet", buf) == n
    finally:
        con.close()
