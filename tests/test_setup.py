"""A fresh machine needs only `make test`: its test target installs the browser once, behind a stamp, and CI
calls nothing else of substance."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT


def dry_run(browser_stamp: Path) -> str:
    proc = subprocess.run(["make", "-n", "test", f"BROWSER={browser_stamp}"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return proc.stdout


def test_make_test_installs_the_browser_once(tmp_path):
    missing = tmp_path / "never-installed"
    assert "bash scripts/ci_browser.sh" in dry_run(missing)
    done = tmp_path / "installed"
    done.touch()  # newer than scripts/ci_browser.sh: the set-up ran, and is not run again
    assert "ci_browser.sh" not in dry_run(done)
    assert "pytest" in dry_run(done)


def test_ci_runs_make_test_and_nothing_else_of_substance():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == "make test"
    assert not any(word in line.split() for line in commands for word in ("bash", "pip", "apt-get", "npm"))
    assert not any("ci_browser" in line for line in commands)
