"""Actor kinds: a band, a club, a company or a product named like a party is not a political actor
(issue 13, item 6; real spaCy; resources/actors/actor_kinds.tsv)."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.resolve.actors import resolve_actors
from newsevents.resolve.actors.kinds import kind_nouns


def resolve(coder, text: str, date: str | None = "2005-02-18"):
    doc = coder.nlp(text)
    return resolve_actors(doc, Article(id="t", text=text, date=date), coder.kb)


def actor(actors, name: str):
    return next(e for e in actors.entities if e.name == name)


def test_a_band_named_party_is_not_a_political_party(coder):
    text = "The indie band Velvet Party topped the album chart this week. Velvet Party will tour in May."
    band = actor(resolve(coder, text), "Velvet Party")
    assert band.sector != "PTY" and "PTY" not in band.code


def test_an_appositive_kind_after_the_name_counts_too(coder):
    text = "Harbour Party, the five-piece band from Leeds, cancelled their gig after the singer fell ill."
    band = actor(resolve(coder, text), "Harbour Party")
    assert band.sector != "PTY"


def test_a_company_named_by_its_kind_is_business(coder):
    text = "The carmaker Dunmore Motors said it would close its plant. Unions criticised Dunmore Motors."
    firm = actor(resolve(coder, text), "Dunmore Motors")
    assert firm.sector == "BUS"


def test_a_real_party_keeps_its_party_sector(coder):
    # Nothing in its phrase says band or company: "X Party" is a party.
    text = "The Crofters Party said it would stand candidates in every Highland seat at the election."
    party = actor(resolve(coder, text), "Crofters Party")
    assert party.sector == "PTY"


def test_a_kind_word_elsewhere_in_the_sentence_does_not_count(coder):
    text = "The Crofters Party said the band played at its conference."
    party = actor(resolve(coder, text), "Crofters Party")
    assert party.sector == "PTY"


def test_the_kind_table_is_read_with_its_sectors():
    nouns = kind_nouns()
    assert nouns["band"] == ("music", None)
    assert nouns["company"] == ("business", "BUS")
    assert "group" not in nouns  # "the campaign group" is political: the word alone says nothing


def test_in_a_music_story_a_party_name_of_no_phrase_of_its_own_is_the_band(coder):
    text = ("Velvet Party won best newcomer at the awards in London on Thursday. The band's debut album went "
            "straight to the top of the chart, and their next single is out in March.")
    band = actor(resolve(coder, text), "Velvet Party")
    assert band.sector != "PTY"


def test_in_a_political_story_the_same_name_stays_a_party(coder):
    # A minister and a known party make the story political, though an album is mentioned.
    text = ("Velvet Party won two seats at the council election. The minister said the result was a protest "
            "vote, and Labour blamed a song on a campaign album.")
    party = actor(resolve(coder, text), "Velvet Party")
    assert party.sector == "PTY"
