"""`historical` and the event's date: a comparison's year is not the event's, a past act dated by a year it names
is historical without a publication date, and a past conjunct goes with the dated act it is joined to (real
spaCy, real dateparser). Sentences written for these tests."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.dates import find_dates


def date_of(nlp, text: str, verb: str, pub: str | None, whole_sentence: bool = True):
    doc = nlp(text)
    dates = find_dates(doc, Article(id="t", text=text, date=pub))
    head = next(t for t in doc if t.text == verb)
    start = head.sent.start_char if whole_sentence else doc[head.left_edge.i].idx
    return dates.event_date(head, (start, head.sent.end_char))


def test_a_year_compared_with_is_not_the_events_date(nlp):
    text = "The party leader welcomed the quick result of the count, unlike in 2000."
    assert date_of(nlp, text, "welcomed", "2004-11-04") == ("2004-11-04", "day", False)
    assert date_of(nlp, text, "welcomed", None) == (None, None, False)


def test_a_year_after_than_is_the_other_occasions(nlp):
    text = "Voters backed the mayor in greater numbers than in 2001, officials said."
    assert date_of(nlp, text, "backed", "2005-05-06")[2] is False


def test_without_a_publication_date_a_past_act_dated_by_its_year_is_historical(nlp):
    text = "She resigned from the cabinet in 1999 and later chaired a committee on reform."
    assert date_of(nlp, text, "resigned", None) == ("1999-01-01", "year", True)


def test_without_a_publication_date_a_month_of_a_named_year_is_historical(nlp):
    text = "Officers raided the offices of the party in June 2004, the tribunal heard."
    assert date_of(nlp, text, "raided", None) == ("2004-06-01", "month", True)


def test_a_future_act_in_a_named_year_is_not_historical(nlp):
    assert date_of(nlp, "The minister will visit Warsaw in 2006.", "visit", None)[2] is False


def test_a_span_from_a_year_is_not_historical(nlp):
    text = "The two governments held talks since 2003 without a result."
    assert date_of(nlp, text, "held", None)[2] is False


def test_a_past_conjunct_goes_with_the_dated_act_it_is_joined_to(nlp):
    text = "The previous cabinet tried to cut fuel subsidies in 2003 but was forced to back down after protests."
    assert date_of(nlp, text, "forced", "2005-01-04", whole_sentence=False) == (None, None, True)
    assert date_of(nlp, text, "forced", None, whole_sentence=False)[2] is True


def test_a_present_conjunct_is_not_historical(nlp):
    text = "The senator left the party in 1998 and now leads a campaign against the treaty."
    assert date_of(nlp, text, "leads", "2005-01-04", whole_sentence=False)[2] is False


def test_a_conjunct_of_an_act_in_the_reporting_period_is_not_historical(nlp):
    text = "The union rejected the offer on Monday and called a strike."
    assert date_of(nlp, text, "called", "2005-01-04", whole_sentence=False)[2] is False
