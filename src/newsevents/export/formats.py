"""Event rows from the store -> records of each export format (PLOVER JSON, GDELT 2.0, ICEWS, flat CSV).

Rows come from :func:`newsevents.store.queries.export_rows` as dicts; every builder here is a pure function
of one row, so the formats are testable without a database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from newsevents.knowledge.countries import fips_of, name_of

# GDELT 2.0 event table, 61 columns in file order (GDELT Event Codebook V2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                              "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                              "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# ICEWS event files (Harvard Dataverse doi:10.7910/DVN/28075), 20 tab-separated columns with a header row.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)

# Flat columns of the CSV and Parquet exports (lists joined with "; " in CSV, kept as lists in Parquet).
FLAT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "date", "date_granularity", "event", "mode", "context", "cameo", "quad_code", "goldstein",
    "actor_names", "actor_codes", "actor_country", "recipient_names", "recipient_codes", "recipient_country",
    "event_text", "sentence", "sent_start", "sent_end", "trigger_start", "trigger_end", "aux", "attributed_to",
    "quote_id", "confidence", "loc_name", "loc_geonameid", "loc_lat", "loc_lon", "loc_feature",
    "loc_country_code", "url", "source", "title", "pub_date",
)

# CAMEO root categories (CAMEO codebook 1.1b3), the "Event Text" ICEWS prints for a code's root.
CAMEO_ROOTS: dict[str, str] = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
}

# Sector codes -> the words ICEWS uses in its "Sectors" columns.
SECTOR_WORDS: dict[str, str] = {
    "GOV": "Government", "MIL": "Military", "REB": "Rebel", "INS": "Insurgents", "OPP": "Opposition",
    "PTY": "Political Parties", "COP": "Police", "JUD": "Judicial", "MED": "Media", "BUS": "Business",
    "CVL": "Civilian", "IGO": "International Government Organization", "NGO": "Non-Governmental Organization",
    "EDU": "Education", "LAB": "Labor", "REF": "Refugees", "CRM": "Criminal", "HLH": "Health", "ELI": "Elite",
    "LEG": "Legislative", "SPY": "Intelligence", "UAF": "Unidentified Armed Forces", "AGR": "Agriculture",
    "ENV": "Environment", "REL": "Religious", "HRI": "Human Rights", "ETH": "Ethnic",
}

# Our place features -> GeoNames feature class/code and the PLOVER "resolution" (1 = country ... 5 = sub-city).
FEATURE_GEONAMES: dict[str, tuple[str, str, int]] = {
    "country": ("A", "PCLI", 1), "admin1": ("A", "ADM1", 2), "admin2": ("A", "ADM2", 3), "city": ("P", "PPL", 4),
}


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """The full contract Event object stored with the row (parsed once), or {}."""
    rec = row.get("record")
    if isinstance(rec, str) and rec:
        rec = json.loads(rec)
        row["record"] = rec
    return rec if isinstance(rec, dict) else {}


def actors_of(row: dict[str, Any], role: str) -> list[dict[str, Any]]:
    """Actor dicts of ``role`` (actor | recipient): from the stored record, else rebuilt from the flat columns."""
    rec = _record(row)
    if role in rec:
        return list(rec[role] or [])
    names = [n for n in (row.get(f"{role}_names") or "").split("; ") if n]
    codes = (row.get(f"{role}_codes") or "").split("; ")
    out = []
    for i, name in enumerate(names):
        code = codes[i] if i < len(codes) else ""
        country = row.get(f"{role}_country") if i == 0 else None
        sector = code[3:6] if country and code.startswith(country) and len(code) >= 6 else None
        out.append({"entity_text": name, "name": name, "code": code, "country": country, "sector": sector})
    return out


def place_of(row: dict[str, Any]) -> dict[str, Any] | None:
    """The event's place as a contract Place dict, or None."""
    rec = _record(row)
    if "event_loc" in rec:
        return rec["event_loc"]
    if not row.get("loc_name"):
        return None
    return {
        "text": row["loc_name"], "name": row["loc_name"], "geonameid": row.get("loc_geonameid"),
        "lat": row.get("loc_lat"), "lon": row.get("loc_lon"), "feature": row.get("loc_feature") or "other",
        "country_code": row.get("loc_country_code"),
    }


def _plover_entity(actor: dict[str, Any]) -> dict[str, Any]:
    """Contract Actor + the PLOVER manual's entity names (identifier_text = canonical name)."""
    out = dict(actor)
    out.setdefault("code", "")
    out.setdefault("sector", None)
    out.setdefault("entity_text", actor.get("name"))
    out["identifier_id"] = None
    out["identifier_text"] = actor.get("name")
    return out


def _plover_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """Contract Place -> the PLOVER manual's (Mordecai3) location fields, keeping ours too."""
    if not place:
        return None
    feature = place.get("feature") or "other"
    fclass, fcode, resolution = FEATURE_GEONAMES.get(feature, ("", "", 5))
    cc = place.get("country_code")
    return {
        "extracted_place": place.get("text"),
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonameid"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "city": place.get("name") if feature == "city" else None,
        "district": place.get("name") if feature == "admin2" else None,
        "province": place.get("name") if feature == "admin1" else None,
        "country": name_of(cc),
        "country_code": cc,
        "feature_class": fclass or None,
        "feature_code": fcode or None,
        "resolution": resolution,
        **({"how": place["how"]} if place.get("how") else {}),
    }


def plover_record(row: dict[str, Any], coder: str) -> dict[str, Any]:
    """One PLOVER 2.0 JSON record (the manual's "Data Fields" names) with our extensions after them."""
    rec = _record(row)
    added = row.get("ingested_at")
    return {
        "id": row["id"],
        "has_event": True,
        "date": _iso_date(row.get("date")),
        "actor": [_plover_entity(a) for a in actors_of(row, "actor")],
        "recipient": [_plover_entity(a) for a in actors_of(row, "recipient")],
        "event": row["event"],
        "event_loc": _plover_location(place_of(row)),
        "event_text": row.get("event_text"),
        "quad_code": row.get("quad_code"),
        "mode": row.get("mode"),
        "context": list(row.get("context") or []),
        "link": row.get("url"),
        "text": row.get("sentence"),
        "text_info": {
            "sequence": row.get("sentence_number"),
            "start": row.get("sent_start"),
            "end": row.get("sent_end"),
            "text_story": row.get("doc_id"),
        },
        "cite_info": row.get("source"),
        "coder": coder,
        "coded_date": added.date().isoformat() if isinstance(added, dt.datetime) else None,
        "coded_time": added.time().strftime("%H:%M:%S") if isinstance(added, dt.datetime) else None,
        "comment": row.get("why") or None,
        # newsevents extensions (contract field names)
        "doc_id": row.get("doc_id"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "date_granularity": row.get("date_granularity"),
        "aux": list(row.get("aux") or []),
        "attributed_to": rec.get("attributed_to") if rec else (
            {"name": row["attributed_to"]} if row.get("attributed_to") else None),
        "confidence": row.get("confidence"),
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"]}
        if row.get("trigger_start") is not None else None,
        "quote_id": row.get("quote_id"),
    }


def _tsv(value: Any) -> str:
    """A TSV cell: None -> empty; tabs and line breaks inside text become spaces (they would split the row)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def _gdelt_actor(actor: dict[str, Any] | None) -> list[Any]:
    """Ten GDELT actor columns: Code, Name, CountryCode, KnownGroupCode, Ethnic, Rel1, Rel2, Type1..3."""
    if not actor:
        return [None] * 10
    code = actor.get("code") or ""
    country = actor.get("country")
    rest = code[3:] if country and code.startswith(country) else ("" if country else code)
    types = [rest[i:i + 3] for i in range(0, len(rest), 3) if len(rest[i:i + 3]) == 3]
    if not types and actor.get("sector"):
        types = [actor["sector"]]
    # IGO/NGO codes carry the organisation after the sector ("IGOUNO"): that is GDELT's known-group code.
    known_group = code[3:6] if code[:3] in {"IGO", "NGO"} and len(code) >= 6 else None
    return [code or None, (actor.get("name") or "").upper() or None, country, known_group, None, None, None,
            *(types + [None, None, None])[:3]]


def _gdelt_geo(place: dict[str, Any] | None) -> list[Any]:
    """Eight GDELT geography columns for a place: Type, FullName, CountryCode (FIPS), ADM1, ADM2, Lat, Long, ID."""
    if not place or place.get("lat") is None:
        return [None] * 8
    feature = place.get("feature") or "other"
    cc = place.get("country_code")
    us = (cc or "").upper() == "US"
    state = 2 if us else 5  # GDELT: 2 = US state, 5 = world state/province
    geo_type = {"country": 1, "admin1": state, "admin2": state, "city": 3 if us else 4}.get(feature, 4)
    fips = fips_of(cc)
    country = name_of(cc)
    full = place.get("name") if feature == "country" or not country else f"{place.get('name')}, {country}"
    return [geo_type, full, fips, fips if feature == "country" else None, None, place.get("lat"), place.get("lon"),
            place.get("geonameid")]


def gdelt_id(event_id: str) -> int:
    """A stable 60-bit integer for our string event id (GDELT's GLOBALEVENTID is an integer)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_fields(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 columns of one event, as strings (empty where we do not know the value)."""
    day = row.get("date") or row.get("pub_date")
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    date_cols: list[Any] = [None] * 4
    if isinstance(day, dt.date):
        frac = day.year + (day.timetuple().tm_yday - 1) / 365.0
        date_cols = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{frac:.4f}"]
    actors = actors_of(row, "actor")
    recipients = actors_of(row, "recipient")
    cameo = row.get("cameo") or ""
    added = row.get("ingested_at")
    values: list[Any] = [
        gdelt_id(row["id"]), *date_cols,
        *_gdelt_actor(actors[0] if actors else None),
        *_gdelt_actor(recipients[0] if recipients else None),
        1 if row.get("sentence_number") == 1 else 0,
        cameo or None, cameo[:3] or None, cameo[:2] or None,
        row.get("quad_code"), row.get("goldstein"),
        # NumMentions, NumSources, NumArticles: the event's cluster (reports of one happening), else this report
        row.get("num_mentions") or 1, row.get("num_sources") or 1, row.get("num_articles") or 1, None,
        *([None] * 8), *([None] * 8), *_gdelt_geo(place_of(row)),
        added.strftime("%Y%m%d%H%M%S") if isinstance(added, dt.datetime) else None,
        row.get("url"),
    ]
    assert len(values) == 61
    return [_tsv(v) for v in values]


def _sectors(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    sector = actor.get("sector")
    return SECTOR_WORDS.get(sector, sector) if sector else None


def icews_fields(row: dict[str, Any]) -> list[str]:
    """The 20 ICEWS columns of one event, as strings."""
    actors = actors_of(row, "actor")
    recipients = actors_of(row, "recipient")
    src = actors[0] if actors else None
    tgt = recipients[0] if recipients else None
    cameo = row.get("cameo") or ""
    place = place_of(row) or {}
    feature = place.get("feature")
    values: list[Any] = [
        row["id"], _iso_date(row.get("date") or row.get("pub_date")),
        src.get("name") if src else None, _sectors(src), name_of(src.get("country")) if src else None,
        CAMEO_ROOTS.get(cameo[:2]) or (row["event"].title() if row.get("event") else None), cameo or None,
        row.get("goldstein"),
        tgt.get("name") if tgt else None, _sectors(tgt), name_of(tgt.get("country")) if tgt else None,
        row.get("doc_id"), row.get("sentence_number"), row.get("source"),
        place.get("name") if feature == "city" else None,
        place.get("name") if feature == "admin2" else None,
        place.get("name") if feature == "admin1" else None,
        name_of(place.get("country_code")),
        place.get("lat"), place.get("lon"),
    ]
    return [_tsv(v) for v in values]


def flat_fields(row: dict[str, Any]) -> list[Any]:
    """The flat CSV columns of one event (lists joined with "; ")."""
    out = []
    for col in FLAT_COLUMNS:
        v = row.get(col)
        if isinstance(v, list):
            v = "; ".join(str(x) for x in v)
        elif isinstance(v, dt.date):
            v = v.isoformat()
        out.append("" if v is None else v)
    return out
