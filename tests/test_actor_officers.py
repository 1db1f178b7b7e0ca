"""Company officers are business, not government or military (real spaCy): "senior vice-president", "chief
technology officer", "managing director", "chief executive" of a firm are BUS; the title takes the sector of a
body the phrase names ("IMF managing director X" takes the IMF's IGOBUS), and a state title stays GOV."""

from __future__ import annotations

import pytest

from conftest import code_text


def _entity(coder, text: str, name: str):
    coded = code_text(coder, text)
    found = [a for a in coded.entities if a.name == name]
    assert found, f"{name} not among {[a.name for a in coded.entities]}"
    return found[0]


@pytest.mark.parametrize(("text", "name"), [
    ("Brightwater senior vice-president Dana Kowalski said the company would appeal.", "Dana Kowalski"),
    ("Halvorsen's chief technology officer Priya Raman criticised the regulator.", "Priya Raman"),
    ("Kestrel Foods managing director Tomasz Wrobel condemned the new tax.", "Tomasz Wrobel"),
    ("Marta Lindqvist, the chief financial officer of Norrland Timber, rejected the offer.", "Marta Lindqvist"),
])
def test_company_officers_are_business(coder, text, name):
    assert _entity(coder, text, name).sector == "BUS"


def test_the_officer_of_an_intergovernmental_body_takes_its_sector(coder):
    a = _entity(coder, "IMF managing director Elena Ferraro urged Greece to cut spending.", "Elena Ferraro")
    assert a.code == "IGOBUS"  # the IMF's own code (CAMEO's IGO + its economic sector), not a firm's BUS


def test_a_state_title_stays_government(coder):
    a = _entity(coder, "US Undersecretary of State Mark Delaney met British officials.", "Mark Delaney")
    assert (a.country, a.sector) == ("USA", "GOV")
