"""User lexicons and dictionaries are checked when the Coder is built: a malformed file stops the real CLI
with status 2 and one line naming the file and line, before any article is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA
from newsevents.errors import KnowledgeError
from newsevents.knowledge.dictionaries import parse_actor_dictionary, parse_agent_dictionary

NEWSEVENTS = Path(sys.executable).with_name("newsevents")
ARTICLE = "The army attacked the town of Ruritania on Sunday.\n"


def run_cli(*args: str, env: dict[str, str] | None = None, tmp: Path) -> subprocess.CompletedProcess[str]:
    # a cache of its own, so no dictionary parsed by another run is read back
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    full_env.update({"XDG_CACHE_HOME": str(tmp / "cache"), **(env or {})})
    # a command that did not stop (a server that started) fails the test by its timeout
    return subprocess.run([str(NEWSEVENTS), *args], capture_output=True, text=True, env=full_env, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], where: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"error: {where}: "), lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def bad_lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "my_lexicon.tsv"
    path.write_text("# my verbs\nverb\tbesiege\t-\tCOERCE\trestrict\t191\tmilitary\n"
                    "verb\tparley\t-\tPARLEY\t-\t-\t-\n", encoding="utf-8")
    return path


def test_code_stops_on_a_malformed_event_lexicon(tmp_path, article, bad_lexicon):
    proc = run_cli("code", str(article), env={"NEWSEVENTS_EVENT_LEXICON": str(bad_lexicon)}, tmp=tmp_path)
    assert_one_line_error(proc, f"{bad_lexicon}:3")
    assert "'PARLEY' is not a PLOVER 2.0 type" in proc.stderr


def test_ingest_stops_on_a_malformed_actor_dictionary_before_opening_the_store(tmp_path, article):
    actors = tmp_path / "my.actors.txt"
    actors.write_text("RURITANIA_ [RUR]\nFREEDONIA_ [FRE\n", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    proc = run_cli("ingest", str(article), "--db", str(db), "--actors", str(actors), tmp=tmp_path)
    assert_one_line_error(proc, f"{actors}:2")
    assert "code bracket that does not close" in proc.stderr
    assert not db.exists()  # stopped before the store was opened, so before any article was read


def test_code_stops_on_a_malformed_agent_dictionary(tmp_path, article):
    agents = tmp_path / "my.agents.txt"
    agents.write_text("!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nCONGRESS!PERSON! [LEG]\n", encoding="utf-8")
    proc = run_cli("code", str(article), "--agents", str(agents), tmp=tmp_path)
    assert_one_line_error(proc, f"{agents}:3")
    assert "[~LEG]" in proc.stderr


def test_eval_checks_the_lexicon_before_reading_its_gold_file(tmp_path, bad_lexicon):
    missing = tmp_path / "no_such_gold.jsonl"  # were it read first, the error would name this file
    proc = run_cli("eval", "plover-gsr", str(missing), env={"NEWSEVENTS_EVENT_LEXICON": str(bad_lexicon)},
                   tmp=tmp_path)
    assert_one_line_error(proc, f"{bad_lexicon}:3")


def test_serve_with_writes_on_stops_on_a_malformed_lexicon(tmp_path, bad_lexicon):
    proc = run_cli("serve", "--db", str(tmp_path / "news.duckdb"), "--port", "1",
                   env={"NEWSEVENTS_EVENT_LEXICON": str(bad_lexicon), "NEWSEVENTS_TOKEN": "secret"}, tmp=tmp_path)
    assert_one_line_error(proc, f"{bad_lexicon}:3")


def test_a_missing_dictionary_is_named_with_its_option(tmp_path, article):
    proc = run_cli("code", str(article), "--actors", str(tmp_path / "nope.txt"), tmp=tmp_path)
    assert_one_line_error(proc, str(tmp_path / "nope.txt"))
    assert "--actors" in proc.stderr


@pytest.mark.parametrize(("text", "line", "what"), [
    ("\t[AFGGOV]\nGHANI_ [AFGGOV]\n", 1, "before any actor phrase"),
    ("# header\n+SYNONYM_\nGHANI_ [AFGGOV]\n", 2, "before any actor phrase"),
    ("GHANI_\n\t[AFGGOV 20020602-20041214\n", 2, "does not close"),
])
def test_malformed_actor_dictionary_lines(text, line, what):
    with pytest.raises(KnowledgeError, match=what) as err:
        parse_actor_dictionary(text, "my.actors.txt")
    assert err.value.origin == f"my.actors.txt:{line}"


@pytest.mark.parametrize(("text", "line", "what"), [
    ("POLICE [COP]\n", 1, r"has no ~; write \[~COP\]"),
    ("!MAN! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\n", 2, "!PERSON! is not defined"),
])
def test_malformed_agent_dictionary_lines(text, line, what):
    with pytest.raises(KnowledgeError, match=what) as err:
        parse_agent_dictionary(text, "my.agents.txt")
    assert err.value.origin == f"my.agents.txt:{line}"


def test_a_dictionary_that_is_not_utf8_is_named_with_its_line(tmp_path, monkeypatch):
    from newsevents.knowledge.actor_kb import ActorKB

    path = tmp_path / "latin1.actors.txt"
    path.write_bytes("GHANI_ [AFGGOV]\nFRAN\xc7OIS_ [FRAGOV]\n".encode("latin-1"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(KnowledgeError, match="not UTF-8") as err:
        ActorKB.load(actors_file=path)
    assert err.value.origin == f"{path}:2"


PETRARCH = DATA / "petrarch"


@pytest.mark.parametrize("name", ["PETR.Validate.actors.txt", "Phoenix.Countries.actors.txt",
                                  "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"])
def test_the_published_actor_dictionaries_pass_the_checks(name):
    d = parse_actor_dictionary((PETRARCH / name).read_text(encoding="utf-8"), name)
    assert len(d.actors) > 100


@pytest.mark.parametrize("name", ["PETR.Validate.agents.txt", "Phoenix.agents.txt"])
def test_the_published_agent_dictionaries_pass_the_checks(name):
    assert len(parse_agent_dictionary((PETRARCH / name).read_text(encoding="utf-8"), name)) > 50
