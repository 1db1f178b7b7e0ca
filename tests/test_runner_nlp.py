"""The spaCy stage helpers owned by the runner: batched parsing keeps input order; POS from tags."""

from __future__ import annotations

from newsevents.models import Article
from newsevents.nlp.lemmas import coarse_pos
from newsevents.nlp.model import parse_articles, set_pos_from_tags


def test_parse_articles_keeps_order_and_text(nlp) -> None:
    arts = [Article(id=str(i), text=f"Story {i}. Police in Oslo arrested {i} people on Monday.") for i in range(7)]
    pairs = list(parse_articles(nlp, arts, batch_size=3))
    assert [a.id for a, _ in pairs] == [a.id for a in arts]
    assert all(doc.text == a.text for a, doc in pairs)


def test_pos_from_tags_matches_coarse_pos_and_enables_noun_chunks(nlp) -> None:
    doc = nlp("The angry protesters marched through the capital on Tuesday.")
    expected = [coarse_pos(t) for t in doc]
    assert list(doc.noun_chunks) == []  # the attribute ruler is off: no POS, no noun chunks
    set_pos_from_tags(doc)
    assert [t.pos_ for t in doc] == expected
    assert [c.text for c in doc.noun_chunks] == ["The angry protesters", "the capital", "Tuesday"]
