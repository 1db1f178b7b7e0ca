"""The PostgreSQL backend (``--db postgresql://...``): two `newsevents ingest` processes write into one real
PostgreSQL server at once, and the CLI and the REST API read the same rows from it as from a DuckDB file of the
same articles.

The server is Debian's PostgreSQL, a cluster made in a temporary folder on a free loopback port
(``bench/pg_server.py``); where the package cannot be installed the tests are skipped saying what to run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from newsevents.api import create_app
from newsevents.cli.main import app
from serving import serve_in_thread

sys.path.insert(0, str(ROOT / "bench"))
import pg_server  # noqa: E402

pytestmark = pytest.mark.skipif(pg_server.missing() is not None, reason=pg_server.missing() or "")
NEWSEVENTS = str(ROOT / ".venv" / "bin" / "newsevents")
runner = CliRunner()


def _bbc(section: str, n: int) -> list[dict[str, Any]]:
    rows = []
    with (DATA / "bbc" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["section"] == section:
                rows.append({"id": rec["id"], "title": rec["title"], "text": rec["text"], "source": "BBC"})
            if len(rows) == n:
                break
    return rows


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[str]]]:
    """(PostgreSQL URL, DuckDB file, ingest logs): the same 26 BBC articles in both. Into PostgreSQL by two
    processes at once (two articles in both halves: two writers may meet on an article); the DuckDB file is
    loaded from the records PostgreSQL holds, in the order they were committed (as `load` stores Ray's
    partitions). Coding itself may differ with the order (an article uses the roles that the articles stored
    before it stated: the actor registry), and records do not carry those roles, so the end-to-end comparison,
    registry included, is ``test_one_process_each_same_rows``."""
    folder = tmp_path_factory.mktemp("postgres")
    arts = _bbc("politics", 26)
    halves = {"a": arts[:13], "b": arts[11:]}
    for name, rows in halves.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    duck = folder / "same.duckdb"
    with pg_server.postgres_server(("two", "one")) as server:
        url = server + "/two"
        procs = [subprocess.Popen([NEWSEVENTS, "ingest", str(folder / f"{name}.jsonl"), "--db", url, "--batch-size",
                                   "3", "--no-summary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for name in halves]
        logs = []
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-3000:]
            logs.append(err)
        _load_records(url, duck)
        yield url, duck, logs


def _load_records(url: str, duck: Path) -> None:
    import psycopg

    from newsevents.store import Store

    with psycopg.connect(url) as con, Store(duck) as store:
        cur = con.execute("SELECT record::text, text, content_hash, url, source FROM articles "
                          "ORDER BY ingested_at, doc_id")
        names = [c.name for c in cur.description or ()]
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        for i in range(0, len(rows), 3):
            store.write_records(rows[i:i + 3])


def test_two_processes_wrote_at_once(stores: tuple[str, Path, list[str]]) -> None:
    import psycopg

    url, _, logs = stores
    assert all("0 errors" in log for log in logs), logs
    with psycopg.connect(url) as con:
        rows = con.execute("SELECT doc_id, ingested_at FROM articles").fetchall()
        assert len(rows) == 26  # the two articles both processes coded are stored once
        # the two writers' transactions interleaved: each committed batches before the other's last one
        arts = [r["id"] for r in _bbc("politics", 26)]
        a = [t for d, t in rows if d in arts[:11]]
        b = [t for d, t in rows if d in arts[13:]]
        assert min(a) < max(b) and min(b) < max(a), (sorted(a), sorted(b))
        # the registry counted each article once, though two processes wrote two of them
        n_docs = con.execute("SELECT sum(n_docs) FROM registry_actors").fetchone()
        per_doc = con.execute("SELECT count(*) FROM (SELECT DISTINCT actor_id, doc_id FROM registry_docs) d").fetchone()
        assert n_docs is not None and per_doc is not None and n_docs[0] == per_doc[0] > 0


def _cli(db: str, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def _roles_sorted(line: str) -> str:
    """An actor row with its roles in one order (DuckDB's string_agg of distinct values has none)."""
    row = json.loads(line)
    row["roles"] = sorted((row.get("roles") or "").split("; "))
    return json.dumps(row, sort_keys=True)


@pytest.mark.parametrize("args", [
    ("events", "--format", "jsonl"),
    ("events", "--format", "csv", "--type", "ACCUSE,CONSULT,REQUEST"),
    ("events", "--actor", "Blair", "--format", "csv"),
    ("events", "--min-confidence", "0.5", "--format", "jsonl"),
    ("articles", "--format", "jsonl", "--limit", "100"),
    ("articles", "-q", "election", "--format", "csv"),
    ("quotes", "--format", "jsonl", "--limit", "1000"),
    ("quotes", "--speaker", "blair", "--format", "jsonl"),
    ("export", "--format", "plover"),
    ("export", "--format", "csv", "--country", "GBR"),
])
def test_cli_gives_the_same_rows(stores: tuple[str, Path, list[str]], args: tuple[str, ...]) -> None:
    url, duck, _ = stores
    ours, theirs = _cli(url, *args), _cli(str(duck), *args)
    assert ours.count("\n") > 1  # every command finds rows in these articles
    if args[:3] == ("export", "--format", "plover"):  # when each store coded (wrote) the event
        ours, theirs = (re.sub(r'"coded_(date|time)": "[^"]*"', "", out) for out in (ours, theirs))
    assert ours == theirs


@pytest.fixture(scope="module")
def apis(stores: tuple[str, Path, list[str]]) -> Iterator[tuple[str, str]]:
    url, duck, _ = stores
    with serve_in_thread(create_app(url, token="")) as pg, serve_in_thread(create_app(duck, token="")) as dk:
        yield pg, dk


def _without_times(value: Any) -> Any:
    """The answer without the moments the rows were written (the two stores were filled at other times)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k != "ingested_at"}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _get(base: str, path: str) -> Any:
    resp = httpx.get(base + path, timeout=60)
    assert resp.status_code == 200, resp.text
    return _without_times(resp.json())


@pytest.mark.parametrize("path", [
    "/api/health", "/api/events?limit=1000", "/api/events?type=ACCUSE&sort=-confidence", "/api/events?q=minister",
    "/api/events?country=GB&limit=50&offset=5", "/api/articles?limit=100", "/api/articles?q=Iraq",
    "/api/quotes?limit=1000", "/api/quotes?speaker=blair", "/api/actors?limit=500", "/api/actors?role=recipient",
    "/api/counts?by=type", "/api/counts?by=country,quad", "/api/counts?by=actor_pair&limit=20",
    "/api/counts?by=type&in_span=false", "/api/map",
])
def test_api_gives_the_same_answers(apis: tuple[str, str], path: str) -> None:
    pg, duck = apis
    ours = _get(pg, path)
    assert ours == _get(duck, path)
    assert ours.get("items") or ours.get("events")  # not an empty answer


def test_api_says_there_are_no_clusters(apis: tuple[str, str]) -> None:
    pg, _ = apis
    assert "no clusters yet" in _get(pg, "/api/clusters")["note"]


def test_api_one_event_and_one_article_the_same(apis: tuple[str, str]) -> None:
    pg, duck = apis
    events = _get(pg, "/api/events?limit=1000")["items"]
    assert len(events) > 20
    for ev in events[::7]:
        assert _get(pg, f"/api/events/{ev['id']}") == _get(duck, f"/api/events/{ev['id']}")
    for doc_id in sorted({ev["doc_id"] for ev in events})[::5]:
        assert _get(pg, f"/api/articles/{doc_id}") == _get(duck, f"/api/articles/{doc_id}")


def test_a_rerun_skips_every_article(stores: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    url, _, _ = stores
    rows = _bbc("politics", 3)
    src = tmp_path / "again.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = subprocess.run([NEWSEVENTS, "ingest", str(src), "--db", url, "--no-summary"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "0 stored (0 replaced), 3 unchanged skipped" in done.stderr


def test_one_process_each_same_rows(stores: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    """End to end, coding included: one `ingest` into PostgreSQL and one into a DuckDB file of the same articles
    in the same order store the same rows (the actor registry grows the same way, so the coding is the same)."""
    url, _, _ = stores
    src = tmp_path / "ten.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _bbc("business", 10)), encoding="utf-8")
    one, duck = url.rsplit("/", 1)[0] + "/one", tmp_path / "one.duckdb"
    procs = [subprocess.Popen([NEWSEVENTS, "ingest", str(src), "--db", db, "--batch-size", "4", "--no-summary"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for db in (one, str(duck))]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
    for args in (("events", "--format", "jsonl"), ("quotes", "--format", "jsonl"), ("articles", "--format", "jsonl")):
        ours = _cli(one, *args)
        assert ours.count("\n") > 3 and ours == _cli(str(duck), *args)
    ours, theirs = (_cli(db, "actors", "--format", "jsonl", "--limit", "1000").splitlines() for db in (one, str(duck)))
    assert len(ours) > 10 and [_roles_sorted(r) for r in ours] == [_roles_sorted(r) for r in theirs]


def test_python_api_reads_the_same(stores: tuple[str, Path, list[str]]) -> None:
    """``newsevents.open(URL)``: the same rows as dicts and as Arrow (and pandas) as from the DuckDB file."""
    import newsevents

    url, duck, _ = stores
    with newsevents.open(url, read_only=True) as ours, newsevents.open(duck, read_only=True) as theirs:
        for kind in ("events", "quotes", "actors", "places"):
            a, b = getattr(ours, kind)(), getattr(theirs, kind)()
            assert len(a) == len(b) > 5, kind
            assert a.to_dicts() == b.to_dicts(), kind
            table = a.to_arrow()
            assert table.column_names == b.to_arrow().column_names and table.to_pylist() == b.to_arrow().to_pylist()
        frame = ours.events(type="ACCUSE").to_pandas()
        assert len(frame) == len(theirs.events(type="ACCUSE").to_pandas()) > 0
        assert str(frame["date"].dtype).startswith("datetime64")  # dates as datetime64, as from DuckDB


def test_parquet_export_is_the_same(stores: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    url, duck, _ = stores
    tables = []
    for db, name in ((url, "pg.parquet"), (str(duck), "duck.parquet")):
        result = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / name), "--db", db])
        assert result.exit_code == 0, result.output
        tables.append(pq.read_table(tmp_path / name))
    ours, theirs = tables
    assert ours.num_rows == theirs.num_rows > 20
    assert ours.column_names == theirs.column_names and ours.to_pylist() == theirs.to_pylist()


def test_watch_remembers_what_it_stored(stores: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    """`watch --once` into PostgreSQL: a folder's articles stored, a second pass finds nothing new."""
    url, _, _ = stores
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for r in _bbc("tech", 2):
        (inbox / f"{r['id']}.txt").write_text(r["title"] + "\n\n" + r["text"], encoding="utf-8")
    watch_db = url.rsplit("/", 1)[0] + "/one"
    passes = [subprocess.run([NEWSEVENTS, "watch", str(inbox), "--db", watch_db, "--once"], capture_output=True,
                             text=True, timeout=300) for _ in range(2)]
    assert [p.returncode for p in passes] == [0, 0], passes[0].stderr + passes[1].stderr
    assert "2 new" in passes[0].stderr and "unchanged (2 items seen)" in passes[1].stderr, passes[1].stderr


def _one_line_error(args: list[str], *expected: str) -> None:
    done = subprocess.run([NEWSEVENTS, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for part in expected:
        assert part in lines[0], lines[0]


def test_what_is_not_supported_yet_says_so(stores: tuple[str, Path, list[str]]) -> None:
    url, _, _ = stores
    _one_line_error(["link", "--db", url], "not supported on a PostgreSQL store", "docs/store.md")
    _one_line_error(["events", "--clustered", "--db", url], "not supported on a PostgreSQL store")


def test_bad_urls_are_one_line(stores: tuple[str, Path, list[str]]) -> None:
    url, _, _ = stores
    server = url.rsplit("/", 1)[0]
    # a server that is not there, with a password that must not be printed
    _one_line_error(["events", "--db", "postgresql://someone:s3cret@127.0.0.1:9/news"], "cannot connect to PostgreSQL",
                    "postgresql://someone:***@127.0.0.1:9/news")
    done = subprocess.run([NEWSEVENTS, "events", "--db", "postgresql://someone:s3cret@127.0.0.1:9/news"],
                          capture_output=True, text=True, timeout=60)
    assert "s3cret" not in done.stderr
    # a database that holds no store yet
    _one_line_error(["events", "--db", server + "/postgres"], "no newsevents store in this database",
                    "newsevents ingest INPUT --db")
