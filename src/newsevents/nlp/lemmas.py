"""Lemmas and coarse parts of speech without spaCy's lemmatizer and attribute ruler (both switched off for speed).

``lemma_of`` lemmatizes one token on demand with the model's own rule tables, using the tagger's fine tag for
the part of speech; results are cached by (form, POS). ``load_model`` hands the tables over (``keep_tables``);
before a model is loaded every word is its own lemma.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Token

# Penn Treebank tag -> Universal POS, the mapping the attribute ruler would apply.
TAG_POS = {
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "DT": "DET", "PDT": "DET",
    "WDT": "DET", "IN": "ADP", "CC": "CCONJ", "CD": "NUM", "TO": "PART", "RP": "ADP",
    "POS": "PART", "UH": "INTJ", "EX": "PRON",
}
_LEMMA_POS = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj", "ADV": "adv"}

_lemmatizer_tables: dict[str, dict] | None = None  # lemma_rules, lemma_exc, lemma_index


def keep_tables(lookups: Any) -> None:
    """Keep the lemmatizer's rule, exception and index tables of a loaded pipeline for ``lemmatize``."""
    global _lemmatizer_tables
    # spaCy tables key by string hash, so read each part of speech out by name; the index
    # lists become sets because membership tests on them are linear.
    parts = set(_LEMMA_POS.values())
    _lemmatizer_tables = {
        "lemma_rules": {p: lookups.get_table("lemma_rules").get(p, []) for p in parts},
        "lemma_exc": {p: lookups.get_table("lemma_exc").get(p, {}) for p in parts},
        "lemma_index": {p: set(lookups.get_table("lemma_index").get(p, [])) for p in parts},
    }


def lemma_index() -> dict[str, set[str]]:
    """The lemmatizer's known lemmas by part of speech ("noun", "verb", ...); empty before a model is loaded."""
    return _lemmatizer_tables["lemma_index"] if _lemmatizer_tables is not None else {}


def coarse_pos(token: Token) -> str:
    """Universal POS from the tagger's fine tag (the attribute ruler is off)."""
    if token.pos_:
        return token.pos_
    return TAG_POS.get(token.tag_, "X")


@lru_cache(maxsize=65536)
def lemmatize(lower: str, pos: str) -> str:
    tables = _lemmatizer_tables
    univ = _LEMMA_POS.get(pos)
    if tables is None or univ is None:
        return lower
    exc = tables["lemma_exc"].get(univ, {})
    if lower in exc:
        return exc[lower][0]
    index = tables["lemma_index"].get(univ, [])
    if lower in index:
        return lower
    forms: list[str] = []
    oov_forms: list[str] = []
    for old, new in tables["lemma_rules"].get(univ, []):
        if lower.endswith(old):
            form = lower[: len(lower) - len(old)] + new
            if not form:
                continue
            if form in index or not form.isalpha():
                forms.append(form)
            else:
                oov_forms.append(form)
    if forms:
        return forms[0]
    if oov_forms:
        return oov_forms[0]
    return lower


def lemma_of(token: Token) -> str:
    """Lower-case lemma of a token, computed on demand and cached by (form, POS)."""
    if token.lemma_ and token.lemma_ != token.text and token.doc.has_annotation("LEMMA"):
        return token.lemma_.lower()
    pos = coarse_pos(token)
    lower = token.lower_
    if pos in ("VERB", "AUX") and token.tag_ == "VB" or pos in ("NOUN", "PROPN") and token.tag_ in ("NN", "NNP"):
        return lower
    return lemmatize(lower, pos)
