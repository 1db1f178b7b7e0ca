"""The dashboard in real headless Chromium against a real server (`newsevents serve` on a loopback port).

Loads the page, applies a filter, clicks through to the article and checks the highlighted evidence, clicks a
map point, checks an XSS-hostile article renders inert, and that no console error and no off-host request
happens. Screenshots go to a temporary directory (printed).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from serving import serve
from test_api_data import HOSTILE_TITLE, build_store
from test_timeline_span import build_timeline_store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `newsevents serve` process on a free loopback port over the fixture store."""
    with serve(build_store(tmp_path_factory.mktemp("web") / "store.duckdb")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `sudo bash scripts/ci_browser.sh` (Debian chromium and the map "
                    "assets; `make test` runs it once, where it can install), then `make test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def history_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over a store whose history article has events dated 1830 and 1975 (years alone)."""
    with serve(build_timeline_store(tmp_path_factory.mktemp("web-span") / "store.duckdb")) as base:
        yield base


@pytest.fixture()
def page(browser, server):
    yield from _page(browser, server)


@pytest.fixture()
def history_page(browser, history_server):
    yield from _page(browser, history_server)


def _page(browser, server: str):
    """A fresh page that records console errors, page errors and any request leaving the server."""
    # bypass_csp: our Content-Security-Policy would also stop injected scripts; switching it off here proves the
    # page is safe by escaping alone (and lets Playwright evaluate its wait conditions)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    pg = context.new_page()
    pg.errors = []
    pg.foreign = []
    pg.on("console", lambda m: pg.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def guard(route):
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            pg.foreign.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots in {d}")
    return d


def test_real_server_over_http(server: str) -> None:
    r = httpx.get(server + "/api/events", params={"type": "AGREE"}, timeout=10)
    assert r.status_code == 200 and [e["id"] for e in r.json()["items"]] == ["fr1-e1"]
    r = httpx.get(server + "/api/events", params={"bbox": "bad"}, timeout=10)
    assert r.status_code == 400 and r.json()["error"]["param"] == "bbox"
    r = httpx.post(server + "/api/articles", json={"id": "a", "text": "b"}, timeout=10)
    assert r.status_code == 403


def test_dashboard_filter_and_evidence(page, server: str, shots: Path) -> None:
    t0 = time.monotonic()
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    first_paint = time.monotonic() - t0
    assert page.locator("#events tbody tr").count() == 6
    assert page.locator("#timeline rect.bar").count() >= 5
    assert page.locator("#points circle").count() == 4
    assert page.locator("#network line").count() >= 2
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    page.select_option("#f-type", "COERCE")
    page.click("#apply")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    assert page.locator("#events tbody tr").first.get_attribute("data-id") == "ke1-e1"
    # the map redraws after the table (as the slider test waits for it): under load the table came first
    page.wait_for_function("document.querySelectorAll('#points circle').length <= 1")
    assert page.locator("#points circle").count() == 1

    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#article-panel:not([hidden]) .hl-trigger.sel")
    assert page.locator("#article-title").text_content() == "Police arrest protesters in Nairobi"
    evidence = "".join(page.locator("#article-text [data-selected]").all_text_contents())
    assert "Kenyan police arrested forty protesters in Nairobi on Monday." in evidence
    assert page.locator("#article-text .hl-trigger.sel").first.text_content() == "arrested"
    assert "Kenyan police" in page.locator("#article-text .hl-actor").all_text_contents()
    assert "Nairobi" in page.locator("#article-text .hl-place").all_text_contents()
    quote = "".join(page.locator("#article-text .hl-quote").all_text_contents())
    assert quote == "We will not allow violence on our streets,"
    assert "COERCE" in page.locator("#event-summary").text_content()
    page.screenshot(path=str(shots / "evidence.png"), full_page=True)
    assert page.errors == [] and page.foreign == []
    assert first_paint < 5  # generous here; the 1.5 s target on 100k events is measured by bench/bench_api.py


def test_confidence_slider_filters_table_map_and_counts(page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#events tbody tr").count() == 6
    page.locator("#f-conf").focus()
    for _ in range(16):  # 16 steps of 0.05, as a keyboard user moves it: 0.80
        page.keyboard.press("ArrowRight")
    assert page.locator("#f-conf-value").text_content() == "0.80"
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 2")
    ids = {tr.get_attribute("data-id") for tr in page.locator("#events tbody tr").all()}
    assert ids == {"ke1-e1", "fr1-e1"}  # confidences 0.9 and 0.8; the other four are 0.3-0.75
    assert page.locator("#table-count").text_content() == "(2 matching)"
    page.wait_for_function("document.querySelectorAll('#points circle').length === 2")
    bars = page.locator("#timeline rect.bar title").all_text_contents()
    assert sum(int(t.split(": ")[1].split()[0]) for t in bars) == 2  # the timeline counts only those two
    page.screenshot(path=str(shots / "confidence.png"), full_page=True)
    page.click("#reset")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 6")
    assert page.locator("#f-conf-value").text_content() == "0.00"
    assert page.errors == [] and page.foreign == []


def test_map_point_opens_evidence(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#points circle")
    page.locator("#points circle[data-event='fr1-e1']").click()
    page.wait_for_selector("#article-panel:not([hidden]) .hl-trigger.sel")
    assert page.locator("#article-text .hl-trigger.sel").first.text_content() == "signed"
    assert page.errors == [] and page.foreign == []


def test_actor_click_filters(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#network text")
    page.locator("#network text", has_text="Kenya Police").click()
    page.wait_for_function("document.querySelector('#f-actor').value === 'Kenya Police'")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    assert page.errors == []


def test_hostile_article_is_inert(page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    page.fill("#f-q", "rebels")
    page.click("#apply")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 2")
    page.locator("#events tbody tr[data-id='x1-e2']").click()
    page.wait_for_selector("#article-panel:not([hidden]) .hl-trigger.sel")
    assert page.locator("#article-title").text_content() == HOSTILE_TITLE
    text = page.locator("#article-text").text_content()
    assert '<img src=x onerror="window.__xss = \'img\'">' in text and "<script>" in text
    assert page.locator("#article-text img, #article-text script, #article-title script").count() == 0
    assert page.locator("#article-meta a").count() == 0  # a javascript: URL never becomes a link
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)
    assert page.errors == [] and page.foreign == []


def test_offline_docs_page(page, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector("section.op")
    assert page.locator("section.op h3", has_text="/api/events").count() >= 2
    form = page.locator("section.op", has=page.locator("h3", has_text="/api/counts")).locator("form")
    form.locator("input[name=by]").fill("type")
    form.locator("button").click()
    out = page.locator("section.op", has=page.locator("h3", has_text="/api/counts")).locator("pre.out")
    out.wait_for()
    assert '"by":["type"]' in out.text_content()
    assert page.errors == [] and page.foreign == []


def test_timeline_leaves_out_year_only_dates_outside_the_corpus_unless_asked(history_page, history_server: str,
                                                                            shots: Path) -> None:
    page = history_page
    page.goto(history_server + "/")
    page.wait_for_selector("#timeline rect.bar")
    note = page.locator("#timeline-years")
    assert note.is_visible()
    assert page.locator("#timeline-outside").text_content() == (
        "2 events with a year-only date outside 2024 not shown")
    days = page.locator("#timeline-axis span").all_text_contents()
    assert days[0] == "1999-05-01" and days[-1] == "2024-03-08"  # a historical day stays; 1830 and 1975 do not
    tips = " ".join(page.locator("#timeline rect.bar title").all_text_contents())
    assert "1830-01-01" not in tips and "2024-01-01" in tips  # the corpus's own year stays
    page.screenshot(path=str(shots / "timeline-span.png"), full_page=True)

    page.check("#t-years")
    page.wait_for_function("document.querySelector('#timeline-axis span').textContent === '1830-01-01'")
    assert page.locator("#timeline-outside").text_content() == "2 events with a year-only date outside 2024 shown"
    assert "1975-01-01" in " ".join(page.locator("#timeline rect.bar title").all_text_contents())
    page.uncheck("#t-years")
    page.wait_for_function("document.querySelector('#timeline-axis span').textContent === '1999-05-01'")
    assert page.locator("#events tbody tr").count() == 10  # the table lists every event either way
    assert page.errors == [] and page.foreign == []


def test_no_note_when_no_year_only_date_lies_outside(page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#timeline rect.bar")
    assert page.locator("#timeline-years").is_hidden()
