"""Months named against the publication date ("last July", "March last year", "September this year"), which
dateparser leaves unread (real spaCy, real dateparser)."""

from __future__ import annotations

import pytest

from newsevents.models import Article
from newsevents.resolve.dates import find_dates, resolve_date


@pytest.mark.parametrize("text, pub, expected", [
    ("last July", "2005-03-01", ("2004-07-01", "month")),
    ("Last October", "2005-11-20", ("2005-10-01", "month")),
    ("last March", "2005-03-01", ("2004-03-01", "month")),  # said in March: the March before
    ("in March last year", "2005-03-01", ("2004-03-01", "month")),
    ("September this year", "2005-03-01", ("2005-09-01", "month")),
    ("last July", None, (None, None)),  # relative: unresolved without a publication date
])
def test_named_months(text, pub, expected):
    assert resolve_date(text, pub) == expected


def test_last_july_dates_the_event_and_makes_it_historical(nlp):
    text = "Last July, the opposition accused the police of bias."
    doc = nlp(text)
    dates = find_dates(doc, Article(id="t", text=text, date="2005-03-01"))
    head = next(t for t in doc if t.text == "accused")
    assert dates.event_date(head, (0, len(text))) == ("2004-07-01", "month", True)
