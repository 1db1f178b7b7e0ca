"""The spaCy stage: paragraph breaks end sentences, a headline stays one sentence, lemmas on demand."""

from __future__ import annotations

from newsevents.nlp import lemma_of


def test_headline_without_punctuation_does_not_run_into_the_body(nlp):
    text = "Rebels Seize Port Town Near Border Led By Former Colonel\n\nThe rebels seized the town on Monday."
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == [
        "Rebels Seize Port Town Near Border Led By Former Colonel",
        "The rebels seized the town on Monday.",
    ]


def test_blank_line_starts_a_sentence_even_without_a_full_stop(nlp):
    doc = nlp("Opening remarks by the minister\n\nthe talks resumed in Geneva.")
    assert any(s.text.startswith("the talks") for s in doc.sents)


def test_lemmas_without_the_lemmatizer_component(nlp):
    doc = nlp("Troops were attacking cities and negotiators rejected talks.")
    assert "lemmatizer" not in nlp.pipe_names or "lemmatizer" in nlp.disabled
    assert [lemma_of(t) for t in doc][1:4] == ["be", "attack", "city"]
    assert lemma_of(doc[6]) == "reject"
