"""Every CLI command and option is documented: docs/cli.md is regenerated from the commands and must match."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_cli_reference_is_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"])
    assert proc.returncode == 0, "docs/cli.md is out of date: run `python scripts/gen_cli_docs.py`"


def test_readme_names_both_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_docs_page_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in (ROOT / "docs").glob("*.md") if f"docs/{p.name}" not in readme]
    assert not missing, f"README does not link {missing}"
