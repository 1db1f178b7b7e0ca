"""User dictionaries in the PETRARCH/Phoenix format: parsing, dated codes, agents, use by the resolver."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DATA
from newsevents.knowledge.actor_codes import pick_code, split_code
from newsevents.knowledge.actor_kb import ActorKB
from newsevents.knowledge.dictionaries import parse_actor_dictionary, parse_agent_dictionary
from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors

PETRARCH = DATA / "petrarch"
PHOENIX_ACTORS = ",".join(
    str(PETRARCH / f) for f in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                "Phoenix.MilNonState.actors.txt")
)


def test_actor_dictionary_format():
    d = parse_actor_dictionary(
        "# comment\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n"
        "TALIBAN_ [AFGREB] # kkl\n+TALEBAN_\n<!-- a comment -->\nNOBODY_ [---]\n"
    )
    gollum = d.lookup("Smeagol")
    assert gollum is not None and gollum.name == "GOLLUM"
    assert pick_code(gollum.codes, dt.date(1994, 1, 1)).code == "HOB"
    assert pick_code(gollum.codes, dt.date(1996, 1, 1)).code == "HOBGOV"
    assert pick_code(gollum.codes, dt.date(2001, 1, 1)).code == "HOBREB"
    assert d.lookup("Taleban").codes[0].code == "AFGREB"
    assert d.lookup("Nobody") is None


def test_agent_dictionary_format():
    terms = parse_agent_dictionary(
        "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nFOREIGN_MINISTER [~GOVFRM]\nCONGRESS!PERSON! [~LEG]\n"
        "HUMAN_RIGHTS_BODY [NGO~]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
    )
    forms = {t.words: (t.code, t.prefix) for t in terms}
    assert forms[("police",)] == ("COP", False) and ("polices",) not in forms
    assert forms[("foreign", "ministers")] == ("GOVFRM", False)
    assert forms[("congressmen",)] == ("LEG", False)
    assert forms[("human", "rights", "body")] == ("NGO", True)
    assert forms[("attorneys", "general")] == ("JUD", False)


def test_code_parts_map_cameo_countries():
    assert split_code("AFGGOVBUS").country == "AFG" and split_code("AFGGOVBUS").sector == "GOV"
    assert split_code("JAP").country == "JPN"
    igo = split_code("IGOUNO")
    assert igo.country is None and igo.org_type == "IGO" and igo.sector == "IGO"


def test_phoenix_dictionaries_load_fast_and_read_validate_actors():
    kb = ActorKB.load(PHOENIX_ACTORS, PETRARCH / "Phoenix.agents.txt")
    assert kb.user is not None and len(kb.user.actors) > 20000
    ghani = kb.user.lookup("Ashraf Ghani")
    assert pick_code(ghani.codes, dt.date(2003, 1, 1)).code == "AFGGOVBUS"
    assert pick_code(ghani.codes, dt.date(2021, 8, 22)).code == "AFGELI"


@pytest.fixture(scope="module")
def phoenix_kb():
    return ActorKB.load(PHOENIX_ACTORS, PETRARCH / "Phoenix.agents.txt")


@pytest.mark.parametrize(("date", "code"), [("2003-05-01", "AFGGOVBUS"), ("2021-08-22", "AFGELI")])
def test_known_actor_takes_the_code_valid_at_the_article_date(nlp, phoenix_kb, date, code):
    text = "Ashraf Ghani met the delegation in Kabul on Monday."
    doc = nlp(text)
    actors = resolve_actors(doc, Article(id="t", text=text, date=date), phoenix_kb)
    ghani = [e for e in actors.entities if "Ghani" in e.entity_text]
    assert ghani and ghani[0].code == code and ghani[0].country == "AFG"


def test_dictionary_country_plus_agent(nlp, phoenix_kb):
    text = "Afghan officials rejected the offer."
    doc = nlp(text)
    actors = resolve_actors(doc, Article(id="t", text=text, date="2021-08-22"), phoenix_kb)
    (officials,) = actors.from_head(next(t for t in doc if t.text == "officials"))
    assert (officials.country, officials.sector) == ("AFG", "GOV")


def test_validate_dictionary_dates(nlp):
    kb = ActorKB.load(PETRARCH / "PETR.Validate.actors.txt", PETRARCH / "PETR.Validate.agents.txt")
    text = "Gollum abandoned an anti-Gondor parade on Saturday."
    doc = nlp(text)
    for date, code in (("1994-06-01", "HOB"), ("1997-01-01", "HOBGOV"), ("2000-01-01", "HOBREB")):
        actors = resolve_actors(doc, Article(id="t", text=text, date=date), kb)
        gollum = next(e for e in actors.entities if e.entity_text == "Gollum")
        assert gollum.code == code


def test_code_command_takes_dictionaries(tmp_path):
    from typer.testing import CliRunner

    from newsevents.cli.main import app

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "a", "text": "Ashraf Ghani spoke in Kabul.", "date": "2003-05-01"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", str(src), "-o", str(out), "--actors", PHOENIX_ACTORS])
    assert result.exit_code == 0, result.output
    import json

    entities = json.loads(out.read_text(encoding="utf-8"))["entities"]
    assert any(e["code"] == "AFGGOVBUS" for e in entities)


def test_missing_dictionary_is_a_clear_error(tmp_path):
    from newsevents.errors import NewseventsError

    with pytest.raises(NewseventsError, match="no such actors dictionary"):
        ActorKB.load(tmp_path / "nope.txt")
