"""The event place's fallbacks and filters: the dateline, a site a toponym modifies, another argument's place,
and towns abroad named like towns of the article's country (real spaCy, real gazetteer)."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.places import find_places


def place_of(nlp, text: str, verb: str):
    """The event place of the verb ``verb`` (its sentence as the clause), and the article's places."""
    doc = nlp(text)
    places = find_places(doc, Article(id="t", text=text))
    head = next(t for t in doc if t.text == verb)
    return places.event_place(head, (head.sent.start_char, head.sent.end_char)), places


def test_the_dateline_is_the_main_location(nlp):
    text = "Budget row. LEEDS, March 3 (Reuters) - Opposition councillors attacked the budget. The leader defended it."
    p, _ = place_of(nlp, text, "defended")
    assert p is not None and p.name == "Leeds" and p.how == "dateline"


def test_a_dateline_with_its_state(nlp):
    text = "PORTLAND, Ore. -- The mayor vetoed the ordinance on Monday. Critics condemned the veto."
    p, _ = place_of(nlp, text, "condemned")
    assert p is not None and p.country_code == "US" and p.how == "dateline"


def test_capitals_later_in_the_article_are_no_dateline(nlp):
    # A heading in capitals deep in the story says nothing about where it was written.
    text = ("The mayor spoke. Aides listened. Reporters waited. Donors called. "
            "BOSTON, the mayor said, would change. Critics condemned the plan.")
    p, _ = place_of(nlp, text, "condemned")
    assert p is None or p.how != "dateline"


def test_a_place_inside_another_arguments_phrase_is_not_the_events(nlp):
    # Ohio is where the campaign ran, not where the questions were put.
    p, _ = place_of(nlp, "The senator faced questions about donations to her campaign in Ohio.", "faced")
    assert p is None
    p, _ = place_of(nlp, "Auditors criticised the payments to a charity in Kenya last year.", "criticised")
    assert p is None


def test_a_toponym_modifying_a_site_is_the_place(nlp):
    p, _ = place_of(nlp, "Two men were attacked in their Leeds flat on Sunday.", "attacked")
    assert p is not None and p.name == "Leeds" and p.how == "clause"
    p, _ = place_of(nlp, "The minister was heckled at a Glasgow hotel.", "heckled")
    assert p is not None and p.name == "Glasgow"
    # a toponym modifying an event noun stays no place
    p, _ = place_of(nlp, "The minister condemned the Iraq war.", "condemned")
    assert p is None


def test_a_town_abroad_named_like_one_at_home_is_no_event_place(nlp):
    # "Westminster" resolves to the Colorado city; in a story about Britain it is the seat of parliament.
    text = ("The Home Secretary spoke at Westminster. MPs at Westminster cheered the Prime Minister. "
            "The whips at Westminster urged calm.")
    p, places = place_of(nlp, "Britain braced for a vote. " + text, "urged")
    assert places.main_country() == "GB"
    assert p is None or p.country_code == "GB"


def test_a_town_of_the_articles_country_stays(nlp):
    text = "Britain's Labour party met in Brighton. Delegates in Brighton cheered. The leader praised the party."
    p, places = place_of(nlp, text, "praised")
    assert places.main_country() == "GB"
    assert p is not None and p.name == "Brighton" and p.how == "main location"


def test_a_direction_and_a_foreign_town_are_no_event_place(nlp):
    # "West Yorkshire" is not in the gazetteer; its rest, "Yorkshire", is only a town in New York State.
    text = "Britain's police chiefs met. Police in West Yorkshire arrested a man."
    p, places = place_of(nlp, text, "arrested")
    assert places.main_country() == "GB"
    assert p is None or p.country_code == "GB"


def test_an_act_of_a_national_institution_is_at_its_seat(nlp):
    text = ("Senators in Ohio and Texas questioned the firm. The chief executive was investigated by Congress "
            "over the recall.")
    p, places = place_of(nlp, text, "investigated")
    assert places.main_country() == "US"
    assert p is not None and p.name == "Washington" and p.country_code == "US" and p.how == "institution"
    text = "Voters across Britain were angry. The minister was questioned at a Commons committee."
    p, _ = place_of(nlp, text, "questioned")
    assert p is not None and p.name == "London" and p.how == "institution"


def test_no_seat_for_a_campaign_a_state_body_or_another_country(nlp):
    # A Senate campaign runs in a state; a state's senate sits in its capital; Congress is not Britain's.
    p, _ = place_of(nlp, "Voters in Ohio and Iowa watched. Critics attacked his Senate campaign.", "attacked")
    assert p is None
    p, _ = place_of(nlp, "Voters in Ohio and Iowa watched. The bill was rejected by the Ohio Senate.", "rejected")
    assert p is None or p.name != "Washington"
    p, _ = place_of(nlp, "Voters across Britain and Scotland watched. He was praised by Congress.", "praised")
    assert p is None or p.country_code != "US"


def test_the_main_country_acting_is_the_place_of_its_act(nlp):
    text = "Japan's exports grew again. Japan rejected the demands of its trading partners on Monday."
    p, places = place_of(nlp, text, "rejected")
    assert places.main_country() == "JP"
    assert p is not None and p.country_code == "JP" and p.feature == "country" and p.how == "acting country"


def test_another_country_acting_is_no_place(nlp):
    # The story is about Britain: the US agreeing says who agreed, not where.
    text = "Ministers in Britain were pleased. Britain had asked for weeks. The US agreed to release the men."
    p, places = place_of(nlp, text, "agreed")
    assert places.main_country() == "GB"
    assert p is None or p.country_code != "US"
