"""Sentence triage: the parser reads only the sentences that can hold an event, a quote or a stated role,
and NER only the sentences that can hold a name, a place or a date.

A cheap first pass (rule sentence split on the tokenizer's output, one look-up per distinct word) marks
each sentence for the parser if it holds a trigger of the event lexicon, a speech or belief cue, a cue
the learned quote model weighs strongly, an agent role noun or a quotation mark; and for NER if it
holds a capitalised word (other than a stop word in title case: "The", "We"), a number or a date
word. tok2vec, tagger and parser run on a shorter document of the parser's sentences, NER on one of
its own, and the results are copied back. Sentences the parser skipped get a flat tree (first token
the root) and a proper-noun tag on capitalised words; sentences NER skipped have no entities.
See docs/scaling.md ("Sentence triage") for what it saves and what it costs in accuracy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER, ORTH, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from newsevents.knowledge.resources import word_set
from newsevents.nlp.lemmas import lemmatize

TRIAGE_ENV = "NEWSEVENTS_TRIAGE"
TRIAGE_DEFAULT = False
# components that build the dependency parse; everything else (NER) runs on the whole document
PARSE_COMPONENTS = ("tok2vec", "tagger", "paragraph_breaks", "parser", "senter")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb"})
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026"})
# words that make a date or time entity without a capital or a digit ("last week", "yesterday morning")
DATE_WORDS = word_set("triage_date_words")
NUMERIC_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
CLOSERS = frozenset({'"', "\u201d", "'", "\u2019", ")", "]", "''"})


@dataclass(frozen=True)
class TriageWords:
    """Lemmas that make a sentence worth parsing. The Coder hands them in, read off the lexicons its stages load
    (``pipeline.triage_words``): the triage runs before those stages and does not import them."""

    lemmas: frozenset[str]

    def keeps(self, lower: str) -> bool:
        if lower in QUOTE_MARKS or lower in self.lemmas:
            return True
        return lemmatize(lower, "VERB") in self.lemmas or lemmatize(lower, "NOUN") in self.lemmas


class Sentence(NamedTuple):
    """A rule sentence of the triage: its token range, and which components it needs."""

    start: int
    end: int
    parse: bool  # can hold an event, a quote or a stated role: tok2vec, tagger, parser
    names: bool  # can hold a name, a place or a date: NER


class Triage:
    """Decides, per document, which sentences each component reads, and stitches the results back."""

    def __init__(self, nlp: Language, words: TriageWords) -> None:
        self.nlp = nlp
        self.words = words
        strings = nlp.vocab.strings
        self._ends = numpy.array(sorted(strings.add(s) for s in SENTENCE_ENDS), dtype="uint64")
        self._closers = {strings.add(s) for s in CLOSERS}
        self._root = strings.add("ROOT")
        self._dep = strings.add("dep")
        self._proper = strings.add("NNP")
        self._keep: dict[int, bool] = {}  # LOWER hash -> keeps the sentence for the parser
        self._cased: dict[int, bool] = {}  # ORTH hash -> starts with a capital letter

    def sentences(self, doc: Doc) -> list[Sentence]:
        """Rule sentences: one ends at . ! ? (and the closing quotes or brackets right after it) before a
        capitalised word, a digit or a quote, or at a line break. Each says whether the parser and NER
        need it."""
        n = len(doc)
        if not n:
            return []
        arr = doc.to_array([ORTH, LOWER, IS_SPACE, SPACY, LIKE_NUM, IS_STOP, IS_TITLE])
        strings = doc.vocab.strings
        orth = arr[:, 0]
        starts = {0}
        for i in numpy.flatnonzero(numpy.isin(orth, self._ends)).tolist():
            j = i + 1
            # a closing quote or bracket hangs on the full stop (no space between); '"' after a space opens
            while j < n and int(orth[j]) in self._closers and not arr[j - 1, 3]:
                j += 1
            if j < n:
                first = strings[int(orth[j])][:1]
                if first.isupper() or first.isdigit() or first in QUOTE_MARKS:
                    starts.add(j)
        for i in numpy.flatnonzero(arr[:, 2]).tolist():
            if i + 1 < n and "\n" in strings[int(orth[i])]:
                starts.add(i + 1)
        bounds = sorted(starts)
        parse = _any_per_sentence(self._flags(arr[:, 1], self._keeps, strings), bounds)
        # NER: a capitalised word (not a stop word in title case: "The", "We"), a number or a date word
        cased = self._flags(orth, self._is_cased, strings) & ~((arr[:, 5] == 1) & (arr[:, 6] == 1))
        named = cased | (arr[:, 4] == 1) | self._flags(arr[:, 1], lambda h, st: st[h] in DATE_WORDS, strings)
        names = _any_per_sentence(named, bounds)
        return [Sentence(a, b, bool(p), bool(m))
                for a, b, p, m in zip(bounds, bounds[1:] + [n], parse.tolist(), names.tolist(), strict=True)]

    def shares(self, texts: Iterable[str]) -> tuple[int, float, float]:
        """How many tokens the texts have, and the shares of them the parser and NER would read."""
        total = parsed = named = 0
        for text in texts:
            doc = self.nlp.make_doc(text)
            total += len(doc)
            for s in self.sentences(doc):
                parsed += (s.end - s.start) * s.parse
                named += (s.end - s.start) * s.names
        return total, parsed / max(total, 1), named / max(total, 1)

    @staticmethod
    def _flags(column: Any, test: Any, strings: Any) -> Any:
        """``test(hash, strings)`` for every token, computed once per distinct value of the column."""
        values, inverse = numpy.unique(column, return_inverse=True)
        return numpy.fromiter((test(int(h), strings) for h in values), dtype=bool, count=len(values))[inverse]

    def _keeps(self, lower: int, strings: Any) -> bool:
        known = self._keep.get(lower)
        if known is None:
            known = self._keep[lower] = self.words.keeps(strings[lower])
        return known

    def _is_cased(self, orth: int, strings: Any) -> bool:
        known = self._cased.get(orth)
        if known is None:
            known = self._cased[orth] = strings[orth][:1].isupper()
        return known

    def pipe(self, pairs: Iterable[tuple[str, Any]], batch_size: int = 16) -> Iterator[tuple[Doc, Any]]:
        """Like ``nlp.pipe(pairs, as_tuples=True)``: the parse components read the sentences that can hold
        an event or a quote, the others (NER) the sentences that can hold a name."""
        parse = [proc for name, proc in self.nlp.pipeline if name in PARSE_COMPONENTS]
        rest = [proc for name, proc in self.nlp.pipeline if name not in PARSE_COMPONENTS]
        for batch in minibatch(pairs, batch_size):
            docs = [self.nlp.make_doc(text) for text, _ in batch]
            plans = [self.sentences(doc) for doc in docs]
            subs = [self._sub_doc(doc, plan, parse=True) for doc, plan in zip(docs, plans, strict=True)]
            for proc in parse:
                subs = _run(proc, subs, batch_size)
            for doc, plan, sub in zip(docs, plans, subs, strict=True):
                if sub is not doc:
                    self._merge_parse(doc, plan, sub)
            subs = [self._sub_doc(doc, plan, parse=False) for doc, plan in zip(docs, plans, strict=True)]
            for proc in rest:
                subs = _run(proc, subs, batch_size)
            for doc, plan, sub in zip(docs, plans, subs, strict=True):
                if sub is not doc:
                    self._merge_ents(doc, sub)
                self._tag_entity_starts(doc, plan)
            yield from zip(docs, (context for _, context in batch), strict=True)

    def _sub_doc(self, doc: Doc, plan: list[Sentence], parse: bool) -> Doc:
        """The document itself when every sentence is kept; else a shorter one of the kept sentences."""
        kept = [(s.start, s.end) for s in plan if (s.parse if parse else s.names)]
        if sum(b - a for a, b in kept) == len(doc):
            return doc
        idx = numpy.concatenate([numpy.arange(a, b) for a, b in kept]) if kept else numpy.zeros(0, dtype=int)
        arr = doc.to_array([ORTH, SPACY])[idx]
        strings = doc.vocab.strings
        sub = Doc(doc.vocab, words=[strings[int(o)] for o in arr[:, 0]], spaces=arr[:, 1].astype(bool).tolist())
        if parse:
            pos = 0
            for a, b in kept:
                if pos:
                    sub[pos].is_sent_start = True  # the parser keeps preset boundaries: no arc across a gap
                pos += b - a
        sub.user_data["triage_index"] = idx
        return sub

    def _merge_parse(self, doc: Doc, plan: list[Sentence], sub: Doc) -> None:
        n = len(doc)
        labels = numpy.zeros((n, 2), dtype="uint64")  # TAG, DEP
        heads = numpy.zeros(n, dtype="int64")  # relative, as spaCy stores HEAD
        positions = numpy.arange(n, dtype="int64")
        for a, b, keep, _ in plan:
            if not keep:  # a flat tree: the first token is the root, every other token depends on it
                labels[a, 1] = self._root
                heads[a + 1 : b] = a - positions[a + 1 : b]
                labels[a + 1 : b, 1] = self._dep
        idx = sub.user_data.pop("triage_index")
        if len(idx):
            parsed = sub.to_array([TAG, HEAD, DEP])
            labels[idx, 0] = parsed[:, 0]
            labels[idx, 1] = parsed[:, 2]
            rel = parsed[:, 1].astype("int64")  # HEAD is relative: map the head through the index
            heads[idx] = idx[numpy.arange(len(idx)) + rel] - idx
        # no tagger ran on the dropped sentences: a capitalised word inside one is taken as a proper noun,
        # so the place and name finders still see the names NER missed ("Panjshir is the epicenter ...")
        cased = doc.to_array([IS_ALPHA, IS_TITLE, IS_UPPER])
        proper = (cased[:, 0] == 1) & ((cased[:, 1] == 1) | (cased[:, 2] == 1))
        for a, b, keep, _ in plan:
            if not keep:
                labels[a + 1 : b, 0][proper[a + 1 : b]] = self._proper
        full = numpy.column_stack([labels[:, 0], heads.astype("uint64"), labels[:, 1]])
        doc.from_array([TAG, HEAD, DEP], full)  # type: ignore[arg-type]  # spaCy's stub asks for thinc's Ints2d

    @staticmethod
    def _merge_ents(doc: Doc, sub: Doc) -> None:
        """The sub-document's entities on the document; every other token is outside any entity."""
        idx = sub.user_data.pop("triage_index")
        spans = []
        for ent in sub.ents:
            a, b = int(idx[ent.start]), int(idx[ent.end - 1]) + 1
            if b - a == ent.end - ent.start:  # an entity across a gap between kept sentences is dropped
                spans.append(Span(doc, a, b, label=ent.label))
        doc.set_ents(spans, default="outside")

    def _tag_entity_starts(self, doc: Doc, plan: list[Sentence]) -> None:
        """A dropped sentence's first word is a proper noun when NER put it in a name."""
        for a, b, keep, _ in plan:
            if not keep and b > a:
                token = doc[a]
                if token.ent_iob_ != "O" and token.ent_type_ not in NUMERIC_ENTS and token.text[:1].isupper():
                    token.tag_ = "NNP"


_triages: dict[tuple[int, int], Triage] = {}


def triage_for(nlp: Language, words: TriageWords) -> Triage:
    """One ``Triage`` per loaded pipeline and word list (its word cache is shared by every batch)."""
    key = (id(nlp), id(words))
    triage = _triages.get(key)
    if triage is None or triage.nlp is not nlp or triage.words is not words:
        triage = _triages[key] = Triage(nlp, words)
    return triage


def triage_default() -> bool:
    """Whether coding uses the triage when the caller does not say: ``NEWSEVENTS_TRIAGE=1|0`` overrides."""
    value = os.environ.get(TRIAGE_ENV, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return TRIAGE_DEFAULT


def _any_per_sentence(flags: Any, bounds: list[int]) -> Any:
    """Whether any token of each sentence (starting at ``bounds``) has its flag set."""
    return numpy.add.reduceat(flags.astype(numpy.int32), bounds) > 0


def _run(proc: Any, docs: list[Doc], batch_size: int) -> list[Doc]:
    if hasattr(proc, "pipe"):
        return list(proc.pipe(docs, batch_size=batch_size))
    return [proc(doc) for doc in docs]
