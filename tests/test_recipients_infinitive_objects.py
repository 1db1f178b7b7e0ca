"""The object of a verb of permission is its recipient, where the small model makes it the subject of the
infinitive (real spaCy): "allowed Britain, France and Germany to take the lead" is aimed at the three countries;
a subject after the infinitive's verb or a clause with a modal or "that" is no object."""

from __future__ import annotations

from conftest import event_of


def test_the_subject_the_parse_gives_a_to_infinitive_is_the_object(coder):
    e = event_of(coder, "Until now Ruritania had allowed Britain, France and Germany to take the lead.", "CONCEDE")
    assert sorted(a.country for a in e.recipient) == ["DEU", "FRA", "GBR"]


def test_an_object_the_parse_already_gives_is_unchanged(coder):
    e = event_of(coder, "The court permitted the opposition to hold a rally.", "CONCEDE")
    assert [a.sector for a in e.recipient] == ["OPP"]


def test_bare_infinitive_subjects_reads_only_infinitives(nlp):
    from newsevents.events.arguments import bare_infinitive_subjects

    doc = nlp("The junta allowed Kenya to send observers. The minister said Kenya would send observers.")
    first, second = list(doc.sents)
    assert [t.text for t in bare_infinitive_subjects(first.root)] == ["Kenya"]
    assert bare_infinitive_subjects(second.root) == []
