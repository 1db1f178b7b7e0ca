"""The Python code of docs/python.md and docs/tutorial.md runs as written, on the bundled examples, so the pages
cannot rot: every ```python block of a page runs in order, in one namespace, in a fresh directory."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)


def run_page(page: Path, workdir: Path) -> subprocess.CompletedProcess:
    shutil.copytree(ROOT / "examples", workdir / "examples")
    script = workdir / "page.py"
    script.write_text("\n".join(python_blocks(page)), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], cwd=workdir, capture_output=True, text=True, timeout=600)


def test_the_python_page_example_runs(tmp_path):
    page = ROOT / "docs" / "python.md"
    assert python_blocks(page)
    proc = run_page(page, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "COERCE" in proc.stdout  # the arrest in Nairobi
    assert re.search(r"\d+ articles stored, \d+ events", proc.stdout)
    assert (tmp_path / "news.duckdb").exists()

