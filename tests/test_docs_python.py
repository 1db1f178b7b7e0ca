"""The Python code of docs/python.md and docs/tutorial.md runs as written, on the bundled examples, so the pages
cannot rot: every ```sh block of a page runs first (the newsevents commands of the venv), then every ```python
block in order, in one namespace, in a fresh directory."""

from __future__ import annotations

import os
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
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for block in re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        shell = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=workdir, env=env, capture_output=True,
                               text=True, timeout=600)
        assert shell.returncode == 0, f"{block}\n{shell.stderr[-2000:]}"
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



def test_the_tutorial_runs_end_to_end_to_a_chart_and_files_for_r(tmp_path):
    import pandas as pd

    page = ROOT / "docs" / "tutorial.md"
    proc = run_page(page, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.search(r"(\d+) events in (\d+) articles", proc.stdout)
    assert found and int(found.group(1)) > 5 and int(found.group(2)) >= 5
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in proc.stdout
    else:
        assert (tmp_path / "events_per_week.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    parquet = pd.read_parquet(tmp_path / "events.parquet")
    assert len(parquet) == int(found.group(1))
    csv = pd.read_csv(tmp_path / "events.csv")
    assert len(csv) == len(parquet) and {"event", "date", "actor_names"} <= set(csv.columns)
    # --date-from name dated the .txt articles: their events fall in the weeks of 2024 their names say
    assert pd.to_datetime(parquet["date"]).dt.year.dropna().eq(2024).mean() > 0.5
