"""The learned cue model: fitting, saving and loading, and the shipped model's judgement on parsed phrases."""

from __future__ import annotations

from newsevents.quotes.cues import cue_frame
from newsevents.quotes.lexicon import load_lexicon
from newsevents.quotes.model import CueModel, train_logistic


def test_train_logistic_separates_and_round_trips(tmp_path):
    examples = [["lemma=oppose", "frame=dobj"]] * 20 + [["lemma=eat", "frame=dobj"]] * 20
    labels = [1] * 20 + [0] * 20
    model = train_logistic(examples, labels, l2=0.1)
    assert model.probability(["lemma=oppose", "frame=dobj"]) > 0.9
    assert model.probability(["lemma=eat", "frame=dobj"]) < 0.1
    path = tmp_path / "model.tsv"
    model.save(path, "toy")
    loaded = CueModel.load(path, threshold=0.5)
    assert loaded.accepts(["lemma=oppose", "frame=dobj"]) and not loaded.accepts(["lemma=eat", "frame=dobj"])


def test_missing_model_file_accepts_nothing(tmp_path):
    assert not CueModel.load(tmp_path / "none.tsv", threshold=0.5).accepts(["lemma=say"])


def test_shipped_model_takes_stance_verbs_not_plain_actions(nlp):
    lex = load_lexicon()

    def takes(sentence: str, word: str) -> bool:
        doc = nlp(sentence)
        tok = next(t for t in doc if t.text == word)
        frame, comps = cue_frame(tok)
        return lex.learned_cue(tok, frame, comps)

    assert takes("The senator opposed the invasion of Iraq.", "opposed")
    assert takes("The governor endorsed Hillary Clinton on Monday.", "endorsed")
    assert not takes("The senator ate a sandwich in the cafeteria.", "ate")
