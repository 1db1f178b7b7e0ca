"""Shared fixtures: one real spaCy model and Coder per test session; paths to ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEED = DATA / "seed" / "000_47f6748b22a1af03.txt"


@pytest.fixture(scope="session")
def coder():
    from newsevents.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def seed_coded(coder):
    """The seed article coded once (with a publication date so relative dates resolve)."""
    from newsevents.models import Article

    text = SEED.read_text(encoding="utf-8")
    title = text.splitlines()[0].strip()
    return coder.code_one(Article(id="seed", text=text, title=title, date="2021-08-22"))


def code_text(coder, text: str, date: str | None = "2024-03-10", doc_id: str = "t"):
    """Code one hand-written text (helper for tests)."""
    from newsevents.models import Article

    return coder.code_one(Article(id=doc_id, text=text, date=date))


def event_of(coder, text: str, plover: str):
    """The first event of type ``plover`` coded from ``text`` (helper for tests); fails when there is none."""
    events = [e for e in code_text(coder, text).events if e.event == plover]
    assert events, f"no {plover} event in {text!r}"
    return events[0]
