"""`historical` carried by the narrative: an undated past act goes on with the dated past act before it when the
sentence names one of its people or refers back with a personal pronoun, and stops at the reporting period, the
present tense, a span's start or a new actor (real spaCy, real dateparser, the real Coder)."""

from __future__ import annotations

import pytest

from conftest import code_text
from newsevents.models import Article
from newsevents.resolve.dates import find_dates


def narrative(nlp, text: str, verb: str, pub: str | None = "2016-09-26") -> tuple[str | None, str | None, bool]:
    doc = nlp(text)
    dates = find_dates(doc, Article(id="t", text=text, date=pub))
    head = [t for t in doc if t.text == verb][-1]
    return dates.event_date(head, (head.sent.start_char, head.sent.end_char))


def test_a_past_act_going_on_from_a_dated_one_is_historical_and_undated(nlp):
    text = ("Governor Amara Okafor vetoed the budget in 2011. She then accused the speaker of sabotage. "
            "The next morning she sacked her deputy.")
    assert narrative(nlp, text, "accused") == (None, None, True)
    assert narrative(nlp, text, "sacked")[2] is True  # "the next morning" is read through


CASES = [
    # a personal pronoun carries the narrative's participant
    ("Police first questioned Karim Haddad back in 2009. Eventually he was jailed for four years.", "jailed",
     "2016-06-17", True),
    # a past relative clause dates the next sentence
    ("Backing the bill is awkward for Mr Vance, who voted against it at the committee stage in July. "
     "Mr Vance urged colleagues to follow their conscience.", "urged", "2016-09-26", True),
    # years spent in the past set the narrative; the rivals named in it carry it
    ("Mr Dunn and Mr Castillo spent two years feuding in public. Mr Castillo called Mr Dunn a liar.", "called",
     "2016-09-26", True),
    # a sentence that names no one it refers to does not carry it
    ("The rivals fought each other for years in the courts. Mr Castillo accused Mr Dunn of fraud.", "accused",
     "2016-09-26", False),
    # a date in the reporting period ends the narrative
    ("Senator Ruiz opposed the treaty in 2012. On Tuesday Senator Ruiz backed it. Senator Ruiz thanked the "
     "president.", "thanked", "2016-09-26", False),
    # so does the present tense
    ("Mr Adeyemi resigned in 2010. Mr Adeyemi is standing again. Mr Adeyemi attacked the mayor.", "attacked",
     "2016-09-26", False),
    # the present perfect alone is not a dated past
    ("Mr Adeyemi resigned in 2010. Mr Adeyemi has criticised the mayor.", "criticised", "2016-09-26", False),
    # a date inside a quotation is the speaker's time, not the narrative's
    ('Ms Lind told reporters: "We made that mistake in 1992 and paid for it." Ms Lind praised the finance '
     "minister.", "praised", "2005-03-01", False),
    # a span's start ("since ... in 1997") runs up to the reporting period
    ("Mr Osei said the number of advisory boards had doubled since the coalition took office in 1997. "
     "Mr Osei urged a cap on new boards.", "urged", "2005-03-01", False),
    # a date modifying a noun dates that thing ("loans to her 2009 campaign") unless the noun is a verb's occasion
    ("Reporters questioned Ms Hale about loans to her 2009 campaign. She apologised to the donors.", "apologised",
     "2016-02-09", False),
    ("Ms Hale testified at a 2009 Senate hearing on the loans. She apologised to the donors.", "apologised",
     "2016-02-09", True),
]


@pytest.mark.parametrize("text, verb, pub, historical", CASES)
def test_the_narrative_carries_historical_only_where_it_goes_on(nlp, text, verb, pub, historical):
    assert narrative(nlp, text, verb, pub)[2] is historical


def test_a_new_actor_in_the_reporting_period_keeps_the_publication_date(nlp):
    text = ("The chief executive Anna Berg quit last autumn. The audit committee said the regulator should "
            "investigate the agency.")
    assert narrative(nlp, text, "said", "2005-03-01") == ("2005-03-01", "day", False)


def test_the_coder_marks_the_carried_act_historical(coder):
    text = ("The rebels seized the town of Kessa in 1998. They shelled the army's positions for a week. "
            "On Tuesday the president praised the army.")
    events = {e.event_text: e for e in code_text(coder, text, date="2010-04-02").events}
    shelled = next(e for t, e in events.items() if "shelled" in t)
    praised = next(e for t, e in events.items() if "praised" in t)
    assert "historical" in shelled.aux and shelled.date is None
    assert "historical" not in praised.aux and praised.date == "2010-03-30"
