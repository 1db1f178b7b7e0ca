"""`newsevents code` output passes ../shared/tools/check_contract.py on every shared data set."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

from conftest import DATA, SEED, SHARED

CHECKER = SHARED / "tools" / "check_contract.py"

# (name, file, how many articles); None = all of them.
DATASETS = [
    ("plover_gsr", DATA / "plover_gsr" / "dev.jsonl", None),
    ("polnear", DATA / "polnear" / "dev" / "articles.jsonl", None),
    ("geo", DATA / "geo" / "dev.jsonl", 300),
    ("bbc", DATA / "bbc" / "articles.jsonl", 200),
]


def _subset(src: Path, n: int | None, dst: Path) -> Path:
    with src.open(encoding="utf-8") as fh, dst.open("w", encoding="utf-8") as out:
        for line in islice(fh, n):
            out.write(line)
    return dst


def _check(out: Path, inp: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), str(out), str(inp)], capture_output=True, text=True)


@pytest.mark.parametrize("name,src,n", DATASETS, ids=[d[0] for d in DATASETS])
def test_contract_on_shared_data(coder, tmp_path, name, src, n):
    from newsevents.ingest import read_inputs

    inp = _subset(src, n, tmp_path / f"{name}.jsonl")
    out = tmp_path / "out.jsonl"
    articles = [a for a in read_inputs([inp], last_wins=True) if not isinstance(a, Exception)]
    with out.open("w", encoding="utf-8") as fh:
        for coded in coder.code(articles):
            fh.write(json.dumps(coded.to_dict()) + "\n")
    result = _check(out, inp)
    assert result.returncode == 0, result.stdout
    assert "0 problems" in result.stdout


def test_contract_on_seed_via_cli(tmp_path):
    """The real CLI on the seed .txt file; the checker gets the text as a one-line JSONL."""
    out = tmp_path / "seed.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newsevents", "code", str(SEED), "--output", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    inp = tmp_path / "seed_in.jsonl"
    inp.write_text(json.dumps({"id": SEED.stem, "text": SEED.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    result = _check(out, inp)
    assert result.returncode == 0, result.stdout
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["doc_id"] == SEED.stem
    assert record["title"].startswith("Taliban Rejects Peace Talks")
