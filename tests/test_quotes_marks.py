"""Quoted passages from the marks alone: typographic, straight, wire-style, unbalanced, multi-paragraph."""

from __future__ import annotations

from newsevents.quotes.marks import find_quoted_passages


def _texts(text: str) -> list[str]:
    return [text[p.start : p.end] for p in find_quoted_passages(text)]


def test_typographic_and_straight_marks():
    text = 'He said “we will fight,” and she said "we will not."'
    assert _texts(text) == ["“we will fight,”", '"we will not."']


def test_wire_style_doubled_apostrophes():
    text = "''That wasn't a good way to treat me,'' he complained."
    assert _texts(text) == ["''That wasn't a good way to treat me,''"]


def test_unbalanced_mark_stays_in_its_paragraph():
    text = "He called it “a disgrace and left.\n\nOfficials said nothing.\n\n“We are ready,” the minister said."
    passages = find_quoted_passages(text)
    assert [text[p.start : p.end] for p in passages] == ["“a disgrace and left.", "“We are ready,”"]
    assert passages[0].closed is False and passages[1].closed is True


def test_multi_paragraph_quotation_opens_each_paragraph_and_closes_once():
    text = "Massoud said:\n\n“We will fight.\n\n“We will not surrender.\n\n“Never,” he added.\n\nThe end."
    assert _texts(text) == ["“We will fight.\n\n“We will not surrender.\n\n“Never,”"]


def test_stray_closing_mark_is_ignored():
    text = "A stray” mark, then “a real quote here.”"
    assert _texts(text) == ["“a real quote here.”"]


def test_nested_same_marks():
    text = "“He told me “no” twice,” she said."
    assert _texts(text) == ["“He told me “no” twice,”"]


def test_apostrophes_are_not_quote_marks():
    assert _texts("Afghanistan’s leaders and the Taliban's envoy met.") == []
