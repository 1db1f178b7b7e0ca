"""Event places given by a jurisdiction body among the event's arguments ("questioned by UK police") and by the
occasion of its clause that the article places elsewhere ("in a debate" ... "the debate in Iowa"); real spaCy,
real gazetteer. Sentences written for these tests."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.places import find_places


def place_of(nlp, text: str, verb: str, nth: int = 0):
    """The event place of the ``nth`` token ``verb`` (its sentence as the clause)."""
    doc = nlp(text)
    places = find_places(doc, Article(id="t", text=text))
    head = [t for t in doc if t.text == verb][nth]
    return places.event_place(head, (head.sent.start_char, head.sent.end_char))


def test_a_national_police_force_acts_in_its_country(nlp):
    p = place_of(nlp, "Five former detainees were questioned by UK police before being freed.", "questioned")
    assert p is not None and p.country_code == "GB" and p.how == "jurisdiction"


def test_a_city_police_department_named_in_an_organisation_acts_in_its_city(nlp):
    text = "A letter reached the candidate's son. The FBI and the Chicago Police Department are investigating it."
    p = place_of(nlp, text, "investigating")
    assert p is not None and p.name == "Chicago" and p.how == "jurisdiction"


def test_a_demonym_of_a_government_body_gives_its_country(nlp):
    p = place_of(nlp, "Pakistani authorities arrested three opposition activists overnight.", "arrested")
    assert p is not None and p.country_code == "PK" and p.how == "jurisdiction"


def test_a_body_that_is_not_an_argument_gives_no_place(nlp):
    # The police are what the protest was about, not who protested, nor where it was.
    p = place_of(nlp, "Students protested against cuts to the budget of the French police.", "protested")
    assert p is None or p.how != "jurisdiction"


def test_a_possessor_is_not_the_body(nlp):
    # The plans are not the government: the criticism was made wherever the union spoke.
    p = place_of(nlp, "The union criticised the Irish government's plans for the hospital.", "criticised")
    assert p is None or p.how != "jurisdiction"


def test_an_army_acts_abroad_and_gives_no_place(nlp):
    p = place_of(nlp, "Local officials said American troops detained two men near the border.", "detained")
    assert p is None or p.how != "jurisdiction"


def test_the_occasion_of_the_clause_is_where_the_article_puts_it(nlp):
    text = ("The senators attacked the governor in a debate on Tuesday night. "
            "The five candidates entered the debate in Des Moines after a week of attacks.")
    p = place_of(nlp, text, "attacked")
    assert p is not None and p.name == "Des Moines" and p.how == "occasion"


def test_an_occasion_opened_in_a_town_is_placed_there(nlp):
    text = ("The party chairman opened the conference in Brighton. "
            "He criticised the government at the conference for its record on crime.")
    p = place_of(nlp, text, "criticised")
    assert p is not None and p.name == "Brighton" and p.how == "occasion"


def test_an_occasion_the_article_places_in_two_towns_gives_no_place(nlp):
    text = ("The candidates met at a rally in Leeds. A second rally in Bristol followed. "
            "The mayor condemned the minister at a rally.")
    p = place_of(nlp, text, "condemned")
    assert p is None or p.how != "occasion"


def test_an_occasion_the_article_never_places_gives_none(nlp):
    p = place_of(nlp, "The minister condemned the strike in a speech. Unions rejected the claim.", "condemned")
    assert p is None


def test_a_body_as_the_object_gives_no_place(nlp):
    # Recognising a government happens where the one who recognises is, not in the government's country.
    p = place_of(nlp, "The accord commits the rebels to recognising the Greek Cypriot government.", "recognising")
    assert p is None or p.how != "jurisdiction"
