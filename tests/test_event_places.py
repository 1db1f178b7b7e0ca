"""Where an event happened: a locative place in its clause or sentence, else the article's main location,
else none; homonyms of people, organisations and common words are no place (real spaCy, real gazetteer)."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.places import find_places


def place_of(nlp, text: str, verb: str):
    """The event place of the verb ``verb`` (its sentence as the clause)."""
    doc = nlp(text)
    places = find_places(doc, Article(id="t", text=text))
    head = next(t for t in doc if t.text == verb)
    return places.event_place(head, (head.sent.start_char, head.sent.end_char))


def test_a_locative_place_in_the_clause(nlp):
    p = place_of(nlp, "At a rally in Leeds on Friday, the minister attacked the plan.", "attacked")
    assert p is not None and p.name == "Leeds" and p.country_code == "GB" and p.how == "clause"


def test_a_modifier_is_no_place(nlp):
    # "the Iraq war" names what the criticism is about, not where it was made.
    assert place_of(nlp, "The shadow minister criticised the Iraq war again.", "criticised") is None


def test_organisation_and_peer_names_are_no_place(nlp):
    text = "The Bar Council criticised Lord Falconer over the reforms."
    assert place_of(nlp, text, "criticised") is None


def test_a_surname_is_no_place_even_after_in(nlp):
    text = "Senator Bernie Sanders endorsed the candidate. Voters in Sanders backed the candidate too."
    p = place_of(nlp, text, "backed")
    assert p is None or p.name != "Sanders"


def test_a_place_in_another_persons_relative_clause_is_not_the_events(nlp):
    text = "The senator accused Maria Lopez, who was born in Cuba, of lying."
    p = place_of(nlp, text, "accused")
    assert p is None or p.country_code != "CU"


def test_the_main_location_when_the_sentence_names_none(nlp):
    text = (
        "Protesters gathered in Cardiff on Saturday. The march in Cardiff was peaceful. "
        "The organisers criticised the council."
    )
    p = place_of(nlp, text, "criticised")
    assert p is not None and p.name == "Cardiff" and p.how == "main location"


def test_no_main_location_from_places_named_in_passing(nlp):
    # Each place named once, none where things happen twice: no fallback, rather than a guess.
    text = "The union met in Glasgow. The minister had visited Dundee. The union criticised the minister."
    assert place_of(nlp, text, "criticised") is None


def test_a_common_word_town_is_no_place_where_the_article_uses_the_word(nlp):
    # Rugby is a town in England; here it is the sport, also written in lower case.
    text = "The minister praised rugby clubs. She spoke at Rugby and the clubs at Rugby backed her plan."
    p = place_of(nlp, text, "backed")
    assert p is None or p.name != "Rugby"


def test_a_tagged_city_named_like_a_word_stays_a_place(nlp):
    p = place_of(nlp, "Police in Nice arrested two men on Sunday.", "arrested")
    assert p is not None and p.country_code == "FR"


def test_the_object_of_an_entry_verb_is_the_place(nlp):
    p = place_of(nlp, "The militia entered Goma on March 3.", "entered")
    assert p is not None and p.name == "Goma" and p.how == "clause"
    # the object of any other verb is who, not where
    assert place_of(nlp, "The government criticised Goma officials and Kinshasa.", "criticised") is None


def test_a_country_is_no_main_location(nlp):
    text = "Detainees held in the UK were freed. Campaigners in the UK were delighted. The charity criticised them."
    assert place_of(nlp, text, "criticised") is None
