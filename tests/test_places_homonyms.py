"""Toponym mentions that are people or common words in their article are no places (resolve/toponyms.py)."""

from __future__ import annotations

import pytest

from newsevents.models import Article
from newsevents.nlp import load_model
from newsevents.resolve.places import find_places

# (text, a name that must not be found as a place, a place that must still be found)
CASES = [
    # a speaker is no town in any mention of the article
    ("The fire destroyed a barn outside Gainesville, Texas, on Monday. Meredith said the family lost three "
     "horses. Later Meredith drove to Denton to buy feed, and Meredith thanked the neighbours.",
     "Meredith", "Gainesville"),
    # "said" after the name, and a possessive mention elsewhere
    ("Flooding closed two roads in Ohio on Tuesday. \"We were lucky,\" said Turner, who lives near Dayton. "
     "Turner's neighbours helped to move the cattle.", "Turner", "Ohio"),
    # a title noun right before a person's name
    ("Flu cases rose in Maryland and Virginia this week. Health Secretary Kathleen Sebelius said vaccine would "
     "reach clinics in Baltimore by Friday.", "Secretary", "Baltimore"),
    # an adjective that names a division only by an alternate name
    ("Members of the Jewish community in Pittsburgh gathered on Sunday, and Jewish leaders in Ohio joined them.",
     "Jewish", "Pittsburgh"),
]


def places(text: str) -> list[str]:
    doc = load_model()(text)
    return [p.text for p in find_places(doc, Article(id="t", text=text)).places]


@pytest.mark.parametrize(("text", "absent", "present"), CASES)
def test_person_or_common_word_is_no_place(text: str, absent: str, present: str):
    found = places(text)
    assert absent not in found
    assert present in found


def test_country_as_speaker_stays_a_place():
    assert "Russia" in places("Russia said on Monday it would expel two diplomats, and Russia recalled its "
                              "ambassador from Oslo.")
