"""Per-doc token arrays, built once per Doc and shared by the extractors.

The extractors scan every token of every sentence several times, and each ``doc[i]``, ``for t in sent``,
``token.children`` makes a new Python ``Token`` and each ``token.dep_`` a string lookup. ``DocArrays``
reads the attributes the scans test (text, lower-case form, tag, dependency label, head, children) into plain
lists with ``Doc.to_array``, so a scan can skip a word on its tag or label and make Token objects only
for the few candidate words. It also keeps what several stages recompute per Doc: the text, the
entities, the sentences, lemmas.

No Token objects are kept: every ``token(i)`` or ``children(i)`` makes new ones, as spaCy does (so
code comparing tokens with ``is`` behaves as before), and holding hundreds of Token objects per
article alive made the garbage collector run full collections twice as often.

The cache holds the last Doc seen (one slot, checked by identity): the stages of ``Coder.code_doc``
run one article at a time, so every stage after the first finds the arrays built. A Doc is never
changed after the parse here; a caller that edits one (entities, sentence starts) must call ``forget``.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, IDX, LOWER, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from newsevents.nlp.lemmas import lemma_of

# spaCy's string hashes are the same in every vocabulary, so one hash -> string table serves all docs.
_STRINGS: dict[int, str] = {}


class DocArrays:
    """Token attributes of one Doc as lists indexed by token position."""

    __slots__ = ("doc", "n", "lower", "tag", "dep", "orth", "idx", "head", "_kid_list", "_kid_start", "_lemmas",
                 "_text", "_ents", "_sents", "_sent_of")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = self.n = len(doc)
        strings = doc.vocab.strings
        table = _STRINGS
        cols = doc.to_array([LOWER, TAG, DEP, ORTH, IDX]).T.tolist() if n else [[], [], [], [], []]
        self.idx: list[int] = cols.pop()  # ``token.idx``, the character offset
        for col in cols:
            for h in set(col).difference(table):
                table[h] = strings[h] if h else ""
        look = table.__getitem__
        self.lower: list[str] = list(map(look, cols[0]))
        self.tag: list[str] = list(map(look, cols[1]))
        self.dep: list[str] = list(map(look, cols[2]))
        self.orth: list[str] = list(map(look, cols[3]))  # ``token.text``
        # HEAD is a relative offset stored unsigned: read it signed and make it absolute
        pos = numpy.arange(n)
        heads = doc.to_array(HEAD).astype("int64") + pos if n else pos
        self.head: list[int] = heads.tolist()
        # children in index order, as ``Token.children`` yields them (lefts then rights), as one flat list
        # with offsets: a list per token would keep hundreds of objects alive for the garbage collector
        attached = heads != pos
        parents = heads[attached]
        order = numpy.argsort(parents, kind="stable")
        self._kid_list: list[int] = pos[attached][order].tolist()
        self._kid_start: list[int] = numpy.searchsorted(parents[order], numpy.arange(n + 1)).tolist()
        self._lemmas: list[str | None] = [None] * n
        self._text: str | None = None
        self._ents: tuple[Span, ...] | None = None
        self._sents: list[Span] | None = None
        self._sent_of: list[int] | None = None

    def kids(self, i: int) -> list[int]:
        """Positions of ``doc[i].children``."""
        return self._kid_list[self._kid_start[i] : self._kid_start[i + 1]]

    def token(self, i: int) -> Token:
        return self.doc[i]

    def children(self, i: int) -> list[Token]:
        """``list(doc[i].children)``, read off the arrays (a new list each call)."""
        doc = self.doc
        return [doc[j] for j in self._kid_list[self._kid_start[i] : self._kid_start[i + 1]]]

    def lemma(self, i: int) -> str:
        """``lemma_of(doc[i])``, computed once per position."""
        lemma = self._lemmas[i]
        if lemma is None:
            lemma = self._lemmas[i] = lemma_of(self.doc[i])
        return lemma

    def ancestors(self, i: int) -> list[int]:
        """Positions of ``doc[i].ancestors``, nearest first."""
        head = self.head
        out = []
        j = i
        for _ in range(self.n):
            h = head[j]
            if h == j:
                break
            out.append(h)
            j = h
        return out

    @property
    def text(self) -> str:
        """``doc.text``, which spaCy rebuilds from every token on each access."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` for ``0 <= start``, ``end <= len(doc)``, cut from the cached text."""
        if end <= start:
            return ""
        last = end - 1
        return self.text[self.idx[start] : self.idx[last] + len(self.orth[last])]

    @property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, which spaCy rebuilds (a Span per entity) on each access."""
        if self._ents is None:
            self._ents = tuple(self.doc.ents)  # already a tuple (typed a Sequence): no copy
        return self._ents

    def ents_within(self, start: int, end: int) -> list[Span]:
        """``doc[start:end].ents``: the entities wholly inside tokens ``start``..``end``, as spaCy's
        ``Span.ents`` picks them (stopping at the first one that starts inside and ends past ``end``)."""
        out = []
        for ent in self.ents:
            if ent.start >= start:
                if ent.end <= end:
                    out.append(ent)
                else:
                    break
        return out

    @property
    def sents(self) -> list[Span]:
        """``list(doc.sents)``, built once."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def sent_start(self, i: int) -> int:
        """``doc[i].sent.start``, from the cached sentences."""
        return self.sent_of(i).start

    def sent_of(self, i: int) -> Span:
        """``doc[i].sent``: the cached sentence Span holding token ``i``."""
        of = self._sent_of
        if of is None:
            of = self._sent_of = [0] * self.n
            for n, sent in enumerate(self.sents):
                of[sent.start : sent.end] = [n] * (sent.end - sent.start)
        return self.sents[of[i]]

    def root(self, start: int, end: int) -> int:
        """Position of ``doc[start:end].root``: the first token that heads itself, as spaCy's ``Span.root``
        picks it when the span holds one; otherwise spaCy's own answer."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        return self.doc[start:end].root.i


_last: DocArrays | None = None


def doc_arrays(doc: Doc) -> DocArrays:
    """The arrays of ``doc``, built on first use and kept while the same Doc is being coded."""
    global _last
    cached = _last
    if cached is not None and cached.doc is doc:
        return cached
    cached = _last = DocArrays(doc)
    return cached


def forget(doc: Doc | None = None) -> None:
    """Drop the cached arrays (of ``doc``, or whatever is cached): call after editing a Doc in place."""
    global _last
    if doc is None or (_last is not None and _last.doc is doc):
        _last = None


def children(t: Token) -> list[Token]:
    """``list(t.children)``, read off the arrays."""
    return doc_arrays(t.doc).children(t.i)


def token_lemma(t: Token) -> str:
    """``lemma_of(t)``, cached per token position of the current Doc."""
    return doc_arrays(t.doc).lemma(t.i)
