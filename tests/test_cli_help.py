"""`newsevents --help` tells a user what the tool does and where to start, in their words, not the code's."""

from __future__ import annotations

import subprocess
import sys


def test_help_describes_the_tool_and_its_main_commands():
    proc = subprocess.run([sys.executable, "-m", "newsevents", "--help"], capture_output=True, text=True,
                          env={"COLUMNS": "200", "PATH": ""}, check=True)
    text = " ".join(proc.stdout.split())
    assert "political event data" in text and "who did what to whom" in text
    for command in ("newsevents ingest FOLDER", "`events`", "`quotes`", "`export`", "`serve`", "`code FILE`"):
        assert command in text
    assert "typer" not in text and "sibling module" not in text and "contract" not in text
    assert "docs/tutorial.md" in text
