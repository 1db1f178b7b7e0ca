"""Toponyms: detection forms, resolution to GeoNames, abstention, and the event coder's helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.mentions.places import demonyms
from newsevents.models import Article, Place
from newsevents.resolve.places import ArticlePlaces, find_places

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "000_47f6748b22a1af03.txt"

PANJSHIR, KABUL_CITY, KABUL_PROVINCE, AFGHANISTAN, TAJIKISTAN = 6957555, 1138958, 1138957, 1149361, 1220409


def places_of(nlp, text: str) -> list[Place]:
    return find_places(nlp(text), Article(id="t", text=text)).places


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


def test_seed_article_places(seed_coded):
    found = {p.text: p for p in seed_coded.places}
    assert found["Panjshir"].geonameid == PANJSHIR and found["Panjshir"].feature == "admin1"
    assert found["Kabul"].geonameid == KABUL_CITY and found["Kabul"].feature == "city"
    assert found["Afghanistan"].geonameid == AFGHANISTAN and found["Afghanistan"].feature == "country"
    assert found["Afghanistan"].country_code == "AF"
    # every Panjshir mention (spaCy tags them ORG and PERSON) is found
    assert sum(1 for p in seed_coded.places if p.geonameid == PANJSHIR) >= 4
    assert found["Tajik"].geonameid == TAJIKISTAN  # "The Tajik embassy": a demonym inside an organisation
    text = SEED.read_text(encoding="utf-8")
    for p in seed_coded.places:
        assert text[p.start:p.end] == p.text
        assert p.lat is not None and p.lon is not None and p.country_code


def test_place_follows_the_contract(nlp):
    (p,) = places_of(nlp, "Fighting continued in Kabul.")
    d = p.to_dict()
    assert set(d) == {"text", "start", "end", "name", "geonameid", "lat", "lon", "feature", "country_code"}
    assert d["feature"] in ("country", "admin1", "admin2", "city", "other")
    assert abs(d["lat"] - 34.53) < 0.1 and abs(d["lon"] - 69.17) < 0.1


def test_demonyms_are_their_country(nlp):
    found = by_text(places_of(nlp, "Afghan officials met Tajik diplomats and a Russian envoy in Dushanbe."))
    assert found["Afghan"].geonameid == AFGHANISTAN and found["Afghan"].feature == "country"
    assert found["Tajik"].country_code == "TJ"
    assert found["Russian"].country_code == "RU"
    assert found["Dushanbe"].feature == "city" and found["Dushanbe"].country_code == "TJ"
    assert demonyms()["afghans"] == "AF"


def test_valley_province_the_and_possessive(nlp):
    text = "Fighters withdrew to the Panjshir Valley, while Panjshir province stayed calm and Kabul's mayor left."
    found = by_text(places_of(nlp, text))
    assert found["Panjshir Valley"].geonameid == PANJSHIR  # leading "the" dropped, "Valley" kept in the span
    assert found["Panjshir province"].geonameid == PANJSHIR
    assert found["Kabul"].geonameid == KABUL_CITY  # trailing "'s" dropped
    assert "the Panjshir Valley" not in found


def test_province_word_picks_the_division(nlp):
    found = by_text(places_of(nlp, "Clashes were reported across Kabul province on Monday."))
    assert found["Kabul province"].geonameid == KABUL_PROVINCE


def test_place_inside_organisation_name(nlp):
    found = by_text(places_of(nlp, "Students at Kabul University protested outside the Iraqi embassy."))
    assert found["Kabul"].geonameid == KABUL_CITY
    assert found["Iraqi"].country_code == "IQ"


def test_brand_and_newspaper_names_are_not_places(nlp):
    found = by_text(places_of(nlp, "The Washington Post reported that Taco Bell closed a restaurant."))
    assert "Washington" not in found and "Bell" not in found


def test_context_picks_the_town_in_the_named_state(nlp):
    found = by_text(places_of(nlp, "The fire in Paris, Texas, spread to a farm near Lamar County, Texas."))
    assert found["Paris"].country_code == "US"
    assert found["Paris"].lat is not None and 33 < found["Paris"].lat < 34.2
    found = by_text(places_of(nlp, "Police in Gainesville, Florida, arrested two men."))
    assert found["Gainesville"].country_code == "US" and 29 < found["Gainesville"].lat < 30.2


def test_abbreviated_state_after_a_town(nlp):
    found = by_text(places_of(nlp, "He lives in Alexandria, Va., with his family."))
    assert found["Alexandria"].country_code == "US"
    assert found["Va."].feature == "admin1" and found["Va."].name == "Virginia"


def test_capital_named_like_a_division(nlp):
    found = by_text(places_of(nlp, "Officials in Washington said sanctions would follow."))
    assert found["Washington"].feature == "city" and found["Washington"].country_code == "US"


def test_unknown_names_are_left_out(nlp):
    places = places_of(nlp, "Saleh met Vietcong veterans and Ghani at noon.")
    assert all(p.text not in ("Saleh", "Vietcong", "Ghani") for p in places)


def test_acronym_is_never_a_village(nlp):
    found = by_text(places_of(nlp, "The UN and the US disagreed."))
    assert "UN" not in found
    assert found["US"].geonameid == 6252001


@pytest.mark.parametrize("text", ["", "No places at all here, just words."])
def test_no_places(nlp, text):
    assert places_of(nlp, text) == []


def test_in_range_and_dominant():
    kabul = Place("Kabul", 10, 15, "Kabul", KABUL_CITY, 34.5, 69.2, "city", "AF")
    afg1 = Place("Afghanistan", 30, 41, "Afghanistan", AFGHANISTAN, 33.0, 65.0, "country", "AF")
    afg2 = Place("Afghan", 60, 66, "Afghanistan", AFGHANISTAN, 33.0, 65.0, "country", "AF")
    ap = ArticlePlaces([kabul, afg1, afg2])
    assert ap.in_range(0, 20) is kabul
    assert ap.in_range(25, 45) is afg1
    assert ap.in_range(16, 29) is None
    assert ap.dominant() is afg1  # the most mentioned place
    assert ArticlePlaces([]).dominant() is None
    tie = ArticlePlaces([afg1, kabul])
    assert tie.dominant() is kabul  # equal counts: the finer place wins


def test_doc_without_parse_still_finds_places(nlp):
    text = "Fighting continued in Kabul and Herat."
    with nlp.select_pipes(disable=["parser"]):
        doc = nlp(text)
    found = by_text(find_places(doc, Article(id="t", text=text)).places)
    assert found["Kabul"].geonameid == KABUL_CITY
