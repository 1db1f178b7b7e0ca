"""Armed actors entering a named place code as occupying territory (CAMEO 192), dated by the clause."""

from __future__ import annotations

from conftest import code_text


def test_armed_group_entering_a_city_is_dated_occupation(coder):
    coded = code_text(coder, "The militia entered Goma on March 3 after a week of fighting.", date="2024-03-10")
    ev = [e for e in coded.events if e.cameo == "192"]
    assert ev, [(e.event, e.event_text) for e in coded.events]
    assert ev[0].event == "COERCE" and ev[0].date == "2024-03-03"


def test_entering_talks_or_a_race_is_no_occupation(coder):
    for text in ("The senator entered the race in May.", "Both parties entered talks on Monday."):
        coded = code_text(coder, text)
        assert not [e for e in coded.events if e.cameo == "192"], text


def test_seed_taliban_entry_into_kabul_dated_august_15(seed_coded):
    entry = [e for e in seed_coded.events if e.cameo == "192"]
    assert entry and entry[0].date == "2021-08-15"
    assert [a.name for a in entry[0].actor] == ["Taliban"]
    assert entry[0].event_loc is not None and entry[0].event_loc.geonameid == 1138958
