"""An event's date from its own clause, `historical` from that date, clock times, and dates left unresolved
without a publication date (real spaCy, real dateparser)."""

from __future__ import annotations

from newsevents.mentions.dates import find_date_mentions
from newsevents.models import Article
from newsevents.resolve.dates import find_dates


def date_of(nlp, text: str, verb: str, pub: str | None):
    doc = nlp(text)
    dates = find_dates(doc, Article(id="t", text=text, date=pub))
    head = next(t for t in doc if t.text == verb)
    return dates.event_date(head, (head.sent.start_char, head.sent.end_char))


def test_a_year_in_the_events_own_clause_dates_it_and_makes_it_historical(nlp):
    assert date_of(nlp, "The council banned the march in 1975.", "banned", "2004-05-01") == (
        "1975-01-01", "year", True)


def test_a_year_in_passing_is_not_the_events_date(nlp):
    text = "The Conservatives accused Labour of raising taxes 66 times since coming to power in 1997."
    assert date_of(nlp, text, "accused", "2005-03-01") == ("2005-03-01", "day", False)


def test_a_year_modifying_a_noun_is_not_the_events_date(nlp):
    text = "Reporters criticised the senator for loans to his 2012 campaign."
    assert date_of(nlp, text, "criticised", "2016-01-15") == ("2016-01-15", "day", False)


def test_a_month_in_a_control_complement_is_the_events_date(nlp):
    text = "The governor refused to endorse the nominee at the convention in July."
    assert date_of(nlp, text, "refused", "2016-09-26") == ("2016-07-01", "month", True)


def test_this_year_is_not_historical(nlp):
    date, granularity, historical = date_of(nlp, "The senator endorsed ten candidates this year.", "endorsed",
                                            "2016-08-30")
    assert (date, granularity, historical) == ("2016-01-01", "year", False)


def test_without_a_publication_date_a_year_before_the_articles_latest_year_is_historical(nlp):
    text = "The 2005 election is close. In 1997 the party had rejected the treaty."
    assert date_of(nlp, text, "rejected", None) == ("1997-01-01", "year", True)


def test_a_clock_time_is_never_a_year(nlp):
    doc = nlp("The minister will make a statement at 1830 on Tuesday. Talks end at 2100 GMT.")
    texts = [m.text for m in find_date_mentions(doc)]
    assert "1830" not in texts and "2100" not in texts
    assert any("Tuesday" in t for t in texts)


def test_relative_dates_without_a_publication_date_stay_unresolved_with_a_note(nlp):
    text = "The union said it would strike next Monday."
    doc = nlp(text)
    dates = find_dates(doc, Article(id="t", text=text, date=None))
    monday = [m for m in dates.mentions if "Monday" in m.text]
    assert monday and monday[0].date is None
    assert any("Monday" in n and "no publication date" in n for n in dates.notes)


def test_last_month_is_historical_even_without_a_publication_date(nlp):
    assert date_of(nlp, "The court ruled against the minister last month.", "ruled", None) == (None, None, True)
    assert date_of(nlp, "The council had banned the march five years ago.", "banned", None)[2] is True


def test_last_week_is_the_reporting_period(nlp):
    assert date_of(nlp, "The union rejected the offer last week.", "rejected", None) == (None, None, False)
