"""The data files under resources/ and their one reader: tables, word lists, their header comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import KnowledgeError
from newsevents.knowledge.resources import read_tsv, resource


def test_read_tsv_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("# a header\n\nAFG\tAfghan\n   \nALB\tAlbanian\n", encoding="utf-8")
    rows = read_tsv(table, columns=2)
    assert [r.cols for r in rows] == [["AFG", "Afghan"], ["ALB", "Albanian"]]
    assert rows[1].where == f"{table}:5"


def test_read_tsv_names_file_and_line_of_a_bad_row(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("# a header\nAFG\tAfghan\nALB Albanian\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"t.tsv:3: expected 2 tab-separated columns, got 1"):
        read_tsv(table, columns=2)
    with pytest.raises(KnowledgeError, match=r"t.tsv:2: expected 3 to 4 tab-separated columns, got 2"):
        read_tsv(table, columns=(3, 4))


def test_read_tsv_strips_columns_on_request(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("JAP \t JPN\n", encoding="utf-8")
    assert read_tsv(table, strip=True)[0].cols == ["JAP", "JPN"]
    assert read_tsv(table)[0].cols == ["JAP ", " JPN"]


def test_read_tsv_says_when_a_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read the file"):
        read_tsv(tmp_path / "missing.tsv")


def test_one_cameo_country_table_for_actor_codes_and_the_ontology() -> None:
    from newsevents.knowledge.actor_codes import cameo_countries, country_of_code, split_code
    from newsevents.knowledge.ontology import load_ontology

    onto = load_ontology()
    assert onto.cameo_countries == cameo_countries()
    for code in ("JAP", "YUG", "UKG", "SER"):  # rows once in one table only
        assert country_of_code(code) == onto.country_iso3(code) is not None
    assert split_code("UKGGOV").country == "GBR"
    assert country_of_code("AFR") is None and onto.country_iso3("AFR") is None  # a region, no country


def test_one_demonym_table_with_each_readers_own_forms_and_plurals() -> None:
    from newsevents.knowledge.actor_kb import ActorKB
    from newsevents.knowledge.demonyms import actor_plurals, demonym_table, place_plural
    from newsevents.mentions.places import demonyms

    kb = ActorKB.load()
    places = demonyms()
    assert kb.demonym("Afghans") == "AFG" and places["afghans"] == "AF"
    assert kb.demonym("Congolese") == "COG" and places["congolese"] == "CD"  # each reader's own column
    assert kb.demonym("Scottish") == "GBR" and "scottish" not in places
    assert kb.demonym("Israelis") == "ISR" and "israelis" not in places  # the plural rules differ on -i
    assert actor_plurals("Israeli") == ["Israelis"] and place_plural("israeli") is None
    assert actor_plurals("Chinese") == [] and place_plural("chinese") is None
    assert actor_plurals("Saudi Arabian") == [] and place_plural("saudi arabian") == "saudi arabians"
    iso2 = {row.cols[0]: row.cols[1] for row in read_tsv(resource("actors", "countries.tsv"))}
    assert all(iso2[c.iso3] == c.iso2 for c in demonym_table())  # the two codes of a line agree



LEXICON = resource("lexicon")


@pytest.mark.parametrize("path", sorted(LEXICON.glob("*.tsv")), ids=lambda p: p.name)
def test_every_word_list_says_who_reads_it_and_holds_no_duplicates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    words = [w.strip("(),.;:") for line in header for w in line.split()]
    readers = [w for w in words if w.endswith(".py")]
    assert readers, f"{path.name}: the header comment names no module that reads it"
    src = resource().parent
    assert all((src / r).exists() for r in readers), f"{path.name}: {readers}"
    keys = [row.cols[0] for row in read_tsv(path)]
    assert keys and len(keys) == len(set(keys)), f"{path.name}: empty, or a word listed twice"


def test_word_lists_read_as_the_modules_use_them() -> None:
    from newsevents.knowledge.actor_codes import ORG_TYPES, SECTORS
    from newsevents.knowledge.actor_kb import SECTOR_MODIFIERS
    from newsevents.knowledge.calendar import MONTHS
    from newsevents.knowledge.resources import word_map, word_set
    from newsevents.mentions.places import ORG_WORDS

    assert "police" in ORG_WORDS and "sept" in MONTHS and "GOV" in SECTORS and "IGO" in ORG_TYPES
    assert SECTOR_MODIFIERS["rebel"] == "REB"
    assert word_set("place_org_words") is word_set("place_org_words")  # read once
    assert word_map("place_us_state_abbreviations")["KS"] == "Kan.|Kans."
