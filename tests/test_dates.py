"""Dates: spaCy DATE spans trimmed and resolved against the publication date, with granularity."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.mentions.dates import DateMention
from newsevents.models import Article
from newsevents.resolve.dates import ArticleDates, find_dates, is_absolute, resolve_date

SEED_DATE = "2021-08-22"  # a Sunday
SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "000_47f6748b22a1af03.txt"


@pytest.mark.parametrize(
    ("text", "pub", "expected"),
    [
        ("Sunday", SEED_DATE, ("2021-08-22", "day")),  # the latest Sunday not after publication
        ("Saturday", SEED_DATE, ("2021-08-21", "day")),
        ("Friday", "2021-08-18", ("2021-08-13", "day")),
        ("Wednesday", "2021-08-18", ("2021-08-18", "day")),
        ("August 15", SEED_DATE, ("2021-08-15", "day")),  # that year
        ("Aug. 15", SEED_DATE, ("2021-08-15", "day")),
        ("15 August", SEED_DATE, ("2021-08-15", "day")),
        ("yesterday", SEED_DATE, ("2021-08-21", "day")),
        ("Tuesday's", SEED_DATE, ("2021-08-17", "day")),
        ("last month", SEED_DATE, ("2021-07-01", "month")),
        ("earlier this month", SEED_DATE, ("2021-08-01", "month")),
        ("March 2020", SEED_DATE, ("2020-03-01", "month")),
        ("last year", SEED_DATE, ("2020-01-01", "year")),
        ("2019", SEED_DATE, ("2019-01-01", "year")),
        ("August 15, 2021", None, ("2021-08-15", "day")),  # absolute: resolves without a publication date
        ("2019", None, ("2019-01-01", "year")),
        ("Sunday", None, (None, None)),  # relative: unresolved rather than invented
        ("last month", None, (None, None)),
        ("two months", SEED_DATE, (None, None)),  # a duration, not a date
        ("the 1990s", SEED_DATE, (None, None)),
        ("last week", SEED_DATE, (None, None)),  # no week granularity in the contract
    ],
)
def test_resolve_date(text, pub, expected):
    assert resolve_date(text, pub) == expected


def test_is_absolute():
    assert is_absolute("August 15, 2021") and is_absolute("8/15/2021")
    assert not is_absolute("August 15") and not is_absolute("Sunday")


def test_seed_dates_with_publication_date(nlp):
    text = SEED.read_text(encoding="utf-8")
    dates = find_dates(nlp(text), Article(id="seed", text=text, date=SEED_DATE))
    found = {m.text: m for m in dates.mentions}
    # spaCy's span is "August 15 after a months-long": trimmed to the date
    assert found["August 15"].date == "2021-08-15" and found["August 15"].granularity == "day"
    assert text[found["August 15"].start:found["August 15"].end] == "August 15"
    assert found["Sunday"].date == "2021-08-22"
    entered = text.index("The Taliban entered Kabul")
    sentence_end = text.index(".", entered)
    assert dates.in_range(entered, sentence_end).date == "2021-08-15"


def test_seed_dates_without_publication_date(nlp):
    text = SEED.read_text(encoding="utf-8")
    dates = find_dates(nlp(text), Article(id="seed", text=text))
    assert dates.pub_date is None
    assert {m.text for m in dates.mentions} >= {"Sunday", "August 15"}
    assert all(m.date is None for m in dates.mentions)


def test_seed_coded_keeps_publication_date(seed_coded):
    assert seed_coded.date == SEED_DATE
    dated = [e for e in seed_coded.events if e.date]
    assert all(e.date_granularity in ("day", "month", "year") for e in dated)


def test_find_dates_on_hand_text(nlp):
    text = "Protesters gathered last month in Paris. The deal signed on March 3, 2020 ended the war."
    dates = find_dates(nlp(text), Article(id="t", text=text, date="2024-03-10"))
    found = {m.text: (m.date, m.granularity) for m in dates.mentions}
    assert found["last month"] == ("2024-02-01", "month")
    assert found["March 3, 2020"] == ("2020-03-03", "day")


def test_in_range_skips_unresolved():
    dates = ArticleDates("2024-03-10", [DateMention("the 1990s", 5, 14, None, None),
                                        DateMention("Sunday", 20, 26, "2024-03-10", "day")])
    assert dates.in_range(0, 30).text == "Sunday"
    assert dates.in_range(0, 15) is None


def test_resolution_is_cached_and_fast():
    import time

    resolve_date.cache_clear()
    t0 = time.perf_counter()
    for _ in range(1000):
        resolve_date("August 15", SEED_DATE)
    assert time.perf_counter() - t0 < 0.2  # one dateparser call, then the cache
    assert resolve_date.cache_info().hits >= 999
