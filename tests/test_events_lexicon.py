"""The event ontology and lexicon are data: they load, validate and cover every PLOVER type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from newsevents.errors import KnowledgeError
from newsevents.events.intents import load_intents
from newsevents.events.lexicon import Lexicon, default_lexicon
from newsevents.knowledge.ontology import load_ontology
from newsevents.knowledge.resources import lexicon_path, read_tsv
from newsevents.models import PLOVER_TYPES

SRC = ROOT / "src" / "newsevents"


def test_ontology_has_the_plover_2_inventory():
    onto = load_ontology()
    assert set(onto.types) == set(PLOVER_TYPES)
    assert len(onto.type_mode_pairs()) == 67
    assert len(onto.contexts) == 37
    assert onto.quad_class("AID") == 2 and onto.quad_class("ASSAULT") == 4


def test_cameo_codes_carry_quad_class_goldstein_and_plover_mapping():
    onto = load_ontology()
    code = onto.code("1712")
    assert code is not None and code.event == "ASSAULT" and code.mode == "destroy" and code.quad_class == 4
    assert onto.goldstein("0871") == onto.goldstein("087")  # a 4-digit code takes its parent's weight
    assert onto.code("036").event == "AGREE" and onto.code("046").event == "CONSULT"
    for c in onto.cameo.values():
        assert c.event is None or c.event in onto.types
        assert c.mode is None or c.mode in onto.modes(c.event)
        assert all(x in onto.contexts for x in c.context)
        assert -10.0 <= c.goldstein <= 10.0


def test_cameo_country_codes_map_to_iso():
    onto = load_ontology()
    assert onto.country_iso3("JAP") == "JPN"
    assert onto.country_iso3("ITLGOV") == "ITA"
    assert onto.country_iso3("USAGOV") == "USA"
    assert onto.country_iso3("IGO") is None


def test_every_plover_type_is_reachable_from_the_lexicon():
    lex = default_lexicon()
    reachable = {row.spec.event for rows in lex.rows.values() for row in rows if row.kind in ("verb", "noun")}
    assert set(PLOVER_TYPES) <= reachable


def test_lexicon_is_broad():
    lex = default_lexicon()
    verbs = {lemma for (kind, lemma) in lex.rows if kind == "verb"}
    nouns = {lemma for (kind, lemma) in lex.rows if kind == "noun"}
    assert len(verbs) >= 250 and len(nouns) >= 120
    assert len(lex.cameo_verbs) > 500  # derived from the CAMEO verb dictionary


def test_a_bad_lexicon_row_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "lex.tsv"
    bad.write_text("# header\nverb\tattack\t-\tFIGHT\t-\t190\tmilitary\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"lex.tsv:2: 'FIGHT' is not a PLOVER 2.0 type"):
        Lexicon.load(bad, cameo_verbs=None)
    bad.write_text("verb\tattack\tobj=x\tASSAULT\t-\t190\tmilitary\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"lex.tsv:1: unknown cue"):
        Lexicon.load(bad, cameo_verbs=None)
    bad.write_text("verb\tattack\t-\tASSAULT\tdemo\t190\tmilitary\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not a PLOVER 2.0 mode of ASSAULT"):
        Lexicon.load(bad, cameo_verbs=None)
    bad.write_text("verb\tattack\t-\tASSAULT\t-\t190\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"lex.tsv:1: expected 7 tab-separated columns, got 6"):
        Lexicon.load(bad, cameo_verbs=None)


def test_a_user_row_is_used(tmp_path: Path, nlp):
    """A political scientist adds a verb: one TSV row, and the coder knows it."""
    lex_file = tmp_path / "lex.tsv"
    lex_file.write_text("verb\tbesmirch\t-\tACCUSE\tdisapprove\t111\t-\n", encoding="utf-8")
    lex = Lexicon.load(lex_file, cameo_verbs=None)
    doc = nlp("Ruritania besmirched Freedonia.")
    verb = [t for t in doc if t.text == "besmirched"][0]
    spec = lex.match("verb", verb)
    assert spec is not None and spec.event == "ACCUSE" and spec.cameo == "111"


def test_cues_select_the_specific_row(nlp):
    lex = default_lexicon()
    doc = nlp("The rebels called off the strike and blew up a bridge.")
    called = [t for t in doc if t.text == "called"][0]
    blew = [t for t in doc if t.text == "blew"][0]
    assert lex.match("stop", called) is not None
    assert lex.match("verb", blew).event == "ASSAULT"


def test_user_rows_override_the_shipped_rows(tmp_path: Path, nlp):
    user = tmp_path / "mine.tsv"
    user.write_text("verb\tattack\t-\tACCUSE\tdisapprove\t111\t-\nverb\tbesmirch\t-\tACCUSE\tdisapprove\t111\t-\n",
                    encoding="utf-8")
    lex = Lexicon.load(extra=(user,))
    doc = nlp("Ruritania attacked Freedonia and besmirched Elbonia.")
    attacked = [t for t in doc if t.text == "attacked"][0]
    besmirched = [t for t in doc if t.text == "besmirched"][0]
    assert lex.match("verb", attacked).event == "ACCUSE"
    assert lex.match("verb", besmirched).cameo == "111"
    assert default_lexicon().match("verb", attacked).event == "ASSAULT"  # the shipped lexicon is untouched
    with pytest.raises(KnowledgeError, match="missing.tsv: no such event lexicon file"):
        Lexicon.load(extra=(tmp_path / "missing.tsv",))


@pytest.mark.parametrize(("prefix", "stage"), [("event", "events"), ("quote", "quotes")])
def test_word_lists_say_who_reads_them_and_are_read(prefix: str, stage: str) -> None:
    """Each ``resources/lexicon/event_*.tsv`` and ``quote_*.tsv``: a header naming its reader, lower-case
    lemmas once each, and a ``word_set`` call in the module the header names."""
    files = sorted(lexicon_path("x").parent.glob(f"{prefix}_*.tsv"))
    assert len(files) >= 4
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith(f"# {path.name}: "), path.name
        readers = re.findall(rf"{stage}/\w+\.py", " ".join(line for line in lines if line.startswith("#")))
        assert readers, f"{path.name} does not name the module that reads it"
        for reader in readers:
            source = (SRC / reader).read_text(encoding="utf-8")
            assert f'word_set("{path.stem}")' in source, f"{reader} does not read {path.name}"
        words = [row.cols[0] for row in read_tsv(path, columns=1)]
        assert words and len(words) == len(set(words)), path.name
        assert all(w == w.lower().strip() and w for w in words), path.name


def test_one_intent_table_for_control_stated_and_stop_readings() -> None:
    """CAMEO's intent readings live in resources/ontology/intents.tsv; its uses differ where CAMEO does."""
    intents = load_intents()
    assert intents.reading("control", "CONSULT", "REJECT") == ("REJECT", "meet", "125")  # "refused to meet"
    assert intents.reading("control", "SUPPORT", "REJECT") == ("REJECT", "assist", "121")  # "refused to back"
    assert intents.reading("stated", "SUPPORT", "REJECT") == ("REJECT", None, "120")  # "will not back"
    assert intents.reading("control", "AGREE", "AGREE") == ("AGREE", None, "030")
    assert intents.reading("stated", "AGREE", "AGREE") is None  # a future AGREE stays as it is
    assert intents.reading("control", "COERCE", "THREATEN", "arrest") == ("THREATEN", "arrest", "132")
    assert intents.reading("control", "COERCE", "THREATEN", "censor") == ("THREATEN", "restrict", "132")
    assert intents.reading("stop", "COERCE", mode="restrict", cameo="163") == ("RETREAT", None, "085")
    assert intents.reading("stop", "COERCE", mode="restrict", cameo="172") == ("CONCEDE", None, "081")


def test_a_bad_intent_row_names_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "intents.tsv"
    for row, message in [
        ("control\tREJECT\tCONSULT\t*\tmeet", r"intents.tsv:2: expected 6 tab-separated columns, got 5"),
        ("refuse\tREJECT\tCONSULT\t*\tmeet\t125", r"intents.tsv:2: unknown use 'refuse'"),
        ("control\tREJECT\tTALK\t*\tmeet\t125", r"intents.tsv:2: 'TALK' is not a PLOVER 2.0 type"),
        ("control\tREJECT\tCONSULT\t*\tvisit\t125", r"intents.tsv:2: 'visit' is not a PLOVER 2.0 mode of REJECT"),
        ("control\tREJECT\tCONSULT\t*\tmeet\t999", r"intents.tsv:2: '999' is not a CAMEO code"),
        ("control\tREJECT\tCONSULT\tsoon\tmeet\t125", r"intents.tsv:2: 'soon' is neither \* nor a mode of CONSULT"),
    ]:
        table.write_text(f"# use reading event of mode cameo\n{row}\n", encoding="utf-8")
        with pytest.raises(KnowledgeError, match=message):
            load_intents.__wrapped__(table)
    table.write_text("stop\tCONCEDE\tPROTEST\t*\t-\t082\nstop\tSANCTION\tPROTEST\t*\t-\t160\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"intents.tsv:2: a second stop row for PROTEST"):
        load_intents.__wrapped__(table)
