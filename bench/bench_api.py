"""API latency on 1,000,000 synthetic events and dashboard first paint on 100,000.

Fills DuckDB stores with SQL ``generate_series`` (seconds, no NLP), starts the real server
(`newsevents serve`, uvicorn on loopback) and times HTTP requests end to end:

- filtered event listing (``GET /api/events`` with type, date range, country, actor, bbox, quad, aux filters;
  page of 50 with the total count), target p95 <= 150 ms;
- the day x quad class aggregate (``GET /api/counts?by=day,quad``, unfiltered and filtered), target p95 <= 150 ms;
- free-text search (``q=``), reported separately (a scan of seven text columns);
- dashboard first paint in headless Chromium on 100k events (navigation to timeline, map, network and table drawn),
  target <= 1.5 s.

Usage: ``.venv/bin/python bench/bench_api.py [--events 1000000] [--requests 60] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.models import PLOVER_TYPES  # noqa: E402
from newsevents.store.db import Store  # noqa: E402

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
# (alpha-3, alpha-2, lat, lon) of 24 capitals: synthetic places
PLACES = [("USA", "US", 38.9, -77.0), ("GBR", "GB", 51.5, -0.1), ("FRA", "FR", 48.9, 2.35), ("DEU", "DE", 52.5, 13.4),
          ("RUS", "RU", 55.8, 37.6), ("UKR", "UA", 50.45, 30.5), ("CHN", "CN", 39.9, 116.4), ("IND", "IN", 28.6, 77.2),
          ("PAK", "PK", 33.7, 73.1), ("AFG", "AF", 34.5, 69.2), ("IRN", "IR", 35.7, 51.4), ("IRQ", "IQ", 33.3, 44.4),
          ("SYR", "SY", 33.5, 36.3), ("ISR", "IL", 31.8, 35.2), ("EGY", "EG", 30.0, 31.2), ("NGA", "NG", 9.1, 7.5),
          ("KEN", "KE", -1.3, 36.8), ("ETH", "ET", 9.0, 38.7), ("SDN", "SD", 15.6, 32.5), ("BRA", "BR", -15.8, -47.9),
          ("MEX", "MX", 19.4, -99.1), ("COL", "CO", 4.7, -74.1), ("JPN", "JP", 35.7, 139.7),
          ("AUS", "AU", -35.3, 149.1)]
SECTORS = ["GOV", "MIL", "REB", "COP", "OPP", "CVL", "BUS", "MED"]


def fill(path: Path, n_events: int, per_article: int = 10) -> float:
    """A store with ``n_events`` synthetic events in ``n_events / per_article`` articles; returns seconds taken."""
    t0 = time.perf_counter()
    Store(path).close()  # the real schema (and migrations)
    con = duckdb.connect(str(path))
    n_docs = max(1, n_events // per_article)
    types = "[" + ", ".join(f"'{t}'" for t in PLOVER_TYPES) + "]"
    quads = "[" + ", ".join(str(QUAD[t]) for t in PLOVER_TYPES) + "]"
    places = "[" + ", ".join(f"{{'a3': '{a}', 'a2': '{b}', 'lat': {la}, 'lon': {lo}}}" for a, b, la, lo in PLACES) + "]"
    sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
    con.execute(f"""
        INSERT INTO articles (doc_id, title, date, url, source, text, content_hash, n_events, notes)
        SELECT 'd' || i, 'Synthetic article ' || i, DATE '2022-01-01' + CAST(i * 1096 // {n_docs} AS INTEGER),
               'https://news.example/' || i, 'Synthetic Wire',
               'Officials in capital ' || (i % 24) || ' met on Monday. Police arrested protesters after talks. '
               || 'The ministry said the army would withdraw. Aid arrived later in the week.',
               md5(i::VARCHAR), {per_article}, '[]'
        FROM generate_series(0, {n_docs - 1}) t(i)""")
    con.execute(f"""
        INSERT INTO events BY NAME
        WITH s AS (
            SELECT i, i // {per_article} AS doc, (hash(i) % 1000003)::BIGINT AS h,
                   (hash(i * 7 + 3) % 1000003)::BIGINT AS h2,
                   {places}[1 + (hash(i * 13) % 24)::BIGINT] AS p,
                   {places}[1 + (hash(i * 17) % 24)::BIGINT] AS r
            FROM generate_series(0, {n_events - 1}) t(i)
        )
        SELECT 'd' || doc || '-e' || (i % {per_article} + 1) AS id, 'd' || doc AS doc_id,
               {types}[1 + h % 16] AS event, NULL AS mode, [] AS context,
               lpad(CAST(1 + h % 20 AS VARCHAR), 2, '0') || '0' AS cameo, {quads}[1 + h % 16] AS quad_code,
               round(((h2 % 200) - 100) / 10.0, 1) AS goldstein,
               DATE '2022-01-01' + CAST(doc * 1096 // {n_docs} AS INTEGER) AS date, 'day' AS date_granularity,
               'trigger' || (h % 50) AS event_text, 0 AS sent_start, 40 AS sent_end, 10 AS trigger_start,
               18 AS trigger_end,
               CASE WHEN h2 % 10 = 0 THEN ['negated'] WHEN h2 % 10 = 1 THEN ['future'] ELSE [] END AS aux,
               (h2 % 100) / 100.0 AS confidence,
               'Actor ' || (h % 300) AS actor_names, p.a3 || {sectors}[1 + h2 % 8] AS actor_codes,
               p.a3 AS actor_country, 'Actor ' || (h2 % 300) AS recipient_names,
               r.a3 || {sectors}[1 + h % 8] AS recipient_codes, r.a3 AS recipient_country,
               'Place ' || p.a2 AS loc_name, p.lat AS loc_lat, p.lon AS loc_lon, 'city' AS loc_feature,
               p.a2 AS loc_country_code, 'sentence' AS loc_how, 'synthetic' AS why
        FROM s ORDER BY i""")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_TOKEN"}
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "newsevents"), "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])


def listing_params(rng: random.Random) -> dict[str, str]:
    """A realistic filtered listing: one to three filters, the dashboard's page size and sort."""
    start = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    end = f"{rng.choice([2022, 2023, 2024])}-12-31"
    pa = rng.choice(PLACES)
    options = [
        {"type": rng.choice(PLOVER_TYPES)},
        {"start": start, "end": end},
        {"country": pa[0]},
        {"actor": f"Actor {rng.randint(0, 299)}"},
        {"bbox": f"{pa[3] - 5},{pa[2] - 5},{pa[3] + 5},{pa[2] + 5}"},
        {"quad": str(rng.randint(1, 4))},
        {"aux": rng.choice(["negated", "future"])},
    ]
    params: dict[str, str] = {"limit": "50", "sort": rng.choice(["-date", "-date", "goldstein", "-confidence"])}
    for f in rng.sample(options, rng.randint(1, 3)):
        params.update(f)
    return params


def timeline_params(rng: random.Random) -> dict[str, str]:
    params = {"by": "day,quad"}
    if rng.random() < 0.5:
        params.update(rng.choice([{"type": rng.choice(PLOVER_TYPES)}, {"country": rng.choice(PLACES)[0]},
                                  {"start": "2023-01-01", "end": "2023-12-31"}]))
    return params


def timed(client: httpx.Client, path: str, params_of, n: int, rng: random.Random) -> list[float]:
    out = []
    for _ in range(n):
        params = params_of(rng)
        t0 = time.perf_counter()
        r = client.get(path, params=params)
        out.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"{path} {params}: {r.status_code} {r.text[:300]}")
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def report(name: str, xs: list[float], target: float | None) -> bool:
    ok = target is None or pct(xs, 95) <= target
    verdict = "" if target is None else (f"  target <= {target:.0f} ms: " + ("PASS" if ok else "FAIL"))
    print(f"{name:<44} n={len(xs):>3}  p50={statistics.median(xs):7.1f} ms  p95={pct(xs, 95):7.1f} ms  "
          f"max={max(xs):7.1f} ms{verdict}")
    return ok


def first_paint(base: str) -> tuple[float, float]:
    """(ms to first contentful paint, ms until timeline, map, network and table are drawn) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        results = []
        for _ in range(3):  # first load warms the server's caches; report the median
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(base + "/", wait_until="commit")
            page.wait_for_selector("#events tbody tr", timeout=60_000)
            page.wait_for_selector("#timeline rect", timeout=60_000)
            page.wait_for_selector("#points circle", timeout=60_000)
            page.wait_for_selector("#network circle", timeout=60_000)
            done = page.evaluate("performance.now()")
            fcp = page.evaluate(
                "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime")
            results.append((fcp, done))
            page.close()
        browser.close()
    results.sort(key=lambda r: r[1])
    return results[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--paint-events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--keep", type=Path, help="Directory to keep the stores in (default: a temporary one).")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    rng = random.Random(8)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_api_"))
    work.mkdir(parents=True, exist_ok=True)
    ok = True

    big = work / f"events_{args.events}.duckdb"
    if not big.exists():
        print(f"filled {args.events:,} events in {fill(big, args.events):.1f} s ({big})")
    proc, base = start_server(big)
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            stored = client.get("/api/health").json()["events"]
            if stored != args.events:
                raise RuntimeError(f"{big} holds {stored} events, not {args.events}: delete it and run again")
            timed(client, "/api/events", listing_params, 5, rng)  # warm-up
            timed(client, "/api/counts", timeline_params, 3, rng)
            print(f"--- API latency over HTTP, {args.events:,} events ---")
            ok &= report("GET /api/events (1-3 filters, page of 50)", timed(
                client, "/api/events", listing_params, args.requests, rng), 150)
            ok &= report("GET /api/counts?by=day,quad (timeline)", timed(
                client, "/api/counts", timeline_params, args.requests, rng), 150)
            report("GET /api/events?q=... (free text)", timed(
                client, "/api/events", lambda r: {"q": f"Actor {r.randint(0, 299)}", "limit": "50"},
                max(10, args.requests // 3), rng), None)
            report("GET /api/map (places)", timed(client, "/api/map", lambda r: {}, 10, rng), None)
            report("GET /api/counts?by=actor_pair", timed(
                client, "/api/counts", lambda r: {"by": "actor_pair", "limit": "60"}, 10, rng), None)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    if not args.no_browser:
        small = work / f"events_{args.paint_events}.duckdb"
        if not small.exists():
            print(f"filled {args.paint_events:,} events in {fill(small, args.paint_events):.1f} s")
        proc, base = start_server(small)
        try:
            fcp, done = first_paint(base)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        verdict = "PASS" if done <= 1500 else "FAIL"
        print(f"--- dashboard, {args.paint_events:,} events, headless Chromium (median of 3) ---")
        print(f"first contentful paint {fcp:7.1f} ms; timeline+map+network+table drawn {done:7.1f} ms  "
              f"target <= 1500 ms: {verdict}")
        ok &= done <= 1500
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
