"""The cross-article actor registry in a real DuckDB file, and the `newsevents actors` command."""

from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from newsevents.cli.main import app
from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors
from newsevents.store.registry import ensure_registry, load_registry, update_registry

FIRST = "Amina Hassan, the foreign minister of Kenya, arrived in Addis Ababa on Monday."
LATER = "Amina Hassan said the talks would resume next week."


def test_registry_roles_are_used_by_later_articles(coder, tmp_path):
    db = tmp_path / "r.duckdb"
    con = duckdb.connect(str(db))
    ensure_registry(con)
    first = coder.code_one(Article(id="a1", text=FIRST, date="2024-03-01"))
    update_registry(con, first)
    update_registry(con, first)  # the same article again changes nothing
    assert con.execute("SELECT count(*) FROM registry_roles").fetchone()[0] == 1
    name, code, n_docs = con.execute(
        "SELECT name, code, n_docs FROM registry_actors WHERE actor_id = 'amina hassan'"
    ).fetchone()
    assert (name, code, n_docs) == ("Amina Hassan", "KENGOV", 1)

    doc = coder.nlp(LATER)
    alone = resolve_actors(doc, Article(id="a2", text=LATER, date="2024-04-01"), coder.kb)
    assert next(e for e in alone.entities if e.name == "Amina Hassan").code == ""
    kb = coder.kb.copy()
    kb.registry = load_registry(con)
    known = resolve_actors(doc, Article(id="a2", text=LATER, date="2024-04-01"), kb)
    assert next(e for e in known.entities if e.name == "Amina Hassan").code == "KENGOV"
    con.close()

    runner = CliRunner()
    result = runner.invoke(app, ["actors", "--db", str(db), "--search", "hassan"])
    assert result.exit_code == 0, result.output
    assert "Amina Hassan" in result.output and "KENGOV" in result.output
    result = runner.invoke(app, ["actors", "--db", str(db), "--search", "nobody"])
    assert result.exit_code == 0 and "no actors" in result.output


def test_actors_command_names_the_next_step_without_a_database(tmp_path):
    result = CliRunner().invoke(app, ["actors", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "newsevents ingest" in result.output
