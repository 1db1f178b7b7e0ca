"""Quoted passages found from the quote marks alone, robust to unbalanced and typographic marks.

The scanner works paragraph by paragraph (a paragraph is a line of the text), so an unbalanced mark
never swallows the rest of the article: a quote left open runs to the end of its paragraph, and goes
on into the next paragraph only when that paragraph opens with a quote mark (the news convention for
a quotation that runs over several paragraphs: each opens, only the last closes).

Double marks only: typographic “ ”, straight ", guillemets « » and the doubled apostrophe '' that
some wires use. Single marks (‘ ’ ') double as apostrophes and are left alone at the top level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"''|[\"“”«»„]")
_OPENERS = {"“", "«", "„"}
_CLOSERS = {"”", "»"}


@dataclass
class QuotedPassage:
    """Characters ``start:end`` of the text, the quote marks included (an unclosed one excluded)."""

    start: int
    end: int
    closed: bool = True  # False when the passage ran to a paragraph end without its closing mark

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines, surrounding white space trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _role(text: str, m: re.Match[str]) -> str:
    """'open', 'close' or 'either' for one mark, from the mark itself and the characters around it."""
    mark = m.group()
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


def find_quoted_passages(text: str) -> list[QuotedPassage]:
    """Every top-level quoted passage of ``text``, in order; nested quotes stay inside their passage."""
    passages: list[QuotedPassage] = []
    open_at: int | None = None  # start of the passage being read
    depth = 0
    reopened = False  # this paragraph's first mark reopens a quotation carried over from the last one
    paragraphs = _paragraphs(text)
    for n, (p_start, p_end) in enumerate(paragraphs):
        para = text[p_start:p_end]
        for m in _MARK.finditer(para):
            role = _role(para, m)
            at = p_start + m.start()
            if reopened:
                reopened = False
                continue
            if open_at is None:
                if role == "close":
                    continue  # a stray closing mark: nothing to pair it with
                open_at, depth = at, 1
            elif role == "open" and depth >= 1 and m.group() in _OPENERS:
                depth += 1  # a nested quotation with the same marks
            elif role == "close" or (role == "either"):
                depth -= 1
                if depth == 0:
                    passages.append(QuotedPassage(open_at, p_start + m.end()))
                    open_at = None
            # a straight 'open' mark while open: a quote inside the quote, or a missing close; keep reading
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            first = _MARK.match(text, nxt[0]) if nxt is not None else None
            if first is not None and _role(text, first) != "close":
                reopened = True  # the quotation goes on in the next paragraph, which reopens it
                continue
            passages.append(QuotedPassage(open_at, p_end, closed=False))
            open_at, depth = None, 0
    return passages
