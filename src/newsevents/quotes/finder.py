"""Quotes: direct, indirect and mixed, with cue, speaker, medium and date.

``find_quotes`` runs in four steps (docs/quotes.md):
1. quoted passages from the quote marks alone (``quote_marks``), robust to unbalanced marks;
2. attributions from the parse (``quote_cues``): reporting verbs with their complement clause,
   "according to", a colon that opens a block; a cue with no clause of its own takes the quoted
   passage next to it ("“...,” Massoud told Al Arabiya");
3. contents snapped to the quoted passages they touch, so a quotation of several sentences or
   paragraphs is one content; a quoted passage no cue claimed continues the quote before it;
4. speakers resolved to canonical actors (``quote_speakers``), medium and date (``quote_media``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsevents.models import Quote, Span
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import coarse_pos
from newsevents.quotes.cues import (
    Attribution,
    adjacent_passage,
    colon_after,
    colon_block,
    preposition_cues,
    trim,
    verb_cues,
)
from newsevents.quotes.lexicon import QuoteLexicon, load_lexicon
from newsevents.quotes.marks import QuotedPassage, find_quoted_passages
from newsevents.quotes.media import MediumFinder, quote_date
from newsevents.quotes.speakers import SpeakerResolver, speaker_head

if TYPE_CHECKING:
    from newsevents.context import ArticleContext

__all__ = ["find_quotes", "find_quoted_passages"]

MIN_CONTENT_WORDS = 2  # "said so" is no content; a learned object may be one name ("criticized Singer")
MIN_ORPHAN_WORDS = 4  # an unattributed passage shorter than this is a scare quote or a title


def _words(text: str) -> int:
    return len(text.split())


def _overlaps(a: tuple[int, int], b: QuotedPassage) -> bool:
    return a[0] < b.end and b.start < a[1]


def _collect(doc: Doc, lex: QuoteLexicon, passages: list[QuotedPassage]) -> list[Attribution]:
    """Every cue of the article with its raw contents and speaker head, in text order."""
    out: list[Attribution] = []
    for sent in doc_arrays(doc).sents:
        for att in [*verb_cues(sent, lex), *preposition_cues(sent, lex)]:
            if any(p.closed and p.start < att.cue.idx < p.end for p in passages):
                continue  # the quoted speaker's own "said": part of the quotation
            if att.via != "preposition":
                att.speaker = speaker_head(att.cue, lambda t: any(p.start <= t.idx < p.end for p in passages))
            if att.speaker is not None and att.speaker.lower_ in lex.not_speakers and att.via != "preposition":
                continue  # "there seems", "this shows": no one is reported
            out.append(att)
    out.sort(key=lambda a: a.cue.idx)
    return out


def _lead_in(text: str, att: Attribution, passages: list[QuotedPassage]) -> None:
    """“Being a dad, that's my job,” Weiner said in May on the podcast “Here's the Thing.”: a passage
    closed by a comma right before the cue's clause is what the cue reports, whatever the parser hung
    on the cue after it."""
    if att.via != "clause" or att.sentence is None:
        return
    quoted = [p for p in passages if p.start < att.cue.idx]
    clause = [t for t in att.cue.lefts if t.dep_ in ("nsubj", "nsubjpass", "aux", "advmod", "neg")]
    outside = [t.left_edge.idx for t in clause if not any(p.start <= t.idx < p.end for p in quoted)]
    left = min([att.cue.idx, *outside])
    for p in quoted:
        closing = text[p.start : p.end].rstrip("\"”»'")
        if p.end > left or not closing.endswith(","):
            continue
        if text[p.end : left].strip() == "":
            att.contents = [(p.start, p.end)]
            return
        # “...,” Ramos, 58, told AFP: a name the parser left out of the cue's clause sits in between
        doc = att.cue.doc
        span = doc.char_span(p.end, left, alignment_mode="expand")
        idx = doc_arrays(doc).idx
        between = []
        for i in range(span.start, span.end) if span is not None else ():
            if p.end <= idx[i] < left and not doc[i].is_space:
                between.append(doc[i])
                if len(between) > 14:
                    break  # too long for a name in between: no need to read further
        if (
            between
            and len(between) <= 14
            and coarse_pos(between[0]) in ("PROPN", "NOUN", "PRON", "DET")
            and not any(coarse_pos(t) in ("VERB", "AUX") for t in between)
        ):
            ids = {t.i for t in between}
            heads = [t for t in between if t.head.i not in ids and coarse_pos(t) in ("PROPN", "NOUN", "PRON")]
            if heads and (att.speaker is None or att.speaker.i in ids or att.speaker.idx < p.end):
                att.speaker = heads[0]
            att.contents = [(p.start, p.end)]
            return


def _snap(text: str, att: Attribution, passages: list[QuotedPassage], claimed: set[int]) -> None:
    """Trim each content and widen it to the quoted passages it touches."""
    snapped = []
    para_start = text.rfind("\n", 0, att.cue.idx) + 1
    para_end = text.find("\n", att.cue.idx) % (len(text) + 1)
    for start, end in att.contents:
        start, end = trim(text, max(start, para_start), min(end, para_end))
        piece = text[start:end]
        if _words(piece) < MIN_CONTENT_WORDS and not (att.via == "learned" and piece[:1].isupper()):
            continue
        for n, p in enumerate(passages):
            if _overlaps((start, end), p) and not (p.start < att.cue.idx < p.end):
                start, end = min(start, p.start), max(end, p.end)
                claimed.add(n)
        snapped.append((start, end))
    att.contents = snapped


def _outermost(atts: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside another's content: what a quoted speaker reports
    ("Massoud said the Taliban claim ...") is part of that speaker's content, not a quote of its own
    (one attribution per token, as in PolNeAR). A cue inside a quoted block always yields."""
    def inside(a: Attribution, b: Attribution) -> bool:
        return a is not b and any(s <= a.cue.idx < e for s, e in b.contents)

    keep = []
    for a in atts:
        outer = [b for b in atts if inside(a, b)]
        # mutual nesting ("A, he said, B" around another cue): the quoted block or the earlier cue wins
        if any(not inside(b, a) or b.via in ("colon", "passage") or b.cue.i < a.cue.i for b in outer):
            continue
        keep.append(a)
    return keep


def _split_quotation(text: str, att: Attribution, passages: list[QuotedPassage], claimed: set[int]) -> None:
    """“She is too far behind,” said an Iowa Democrat, “and Iowa was not a decisive win.”: the passage
    right after the cue clause continues the quotation before it."""
    if not att.contents or att.sentence is None:
        return
    clause_end = max(att.cue.right_edge.idx + len(att.cue.right_edge.text), att.cue_span[1])
    if att.speaker is not None and att.speaker.i > att.cue.i:
        clause_end = max(clause_end, att.speaker.right_edge.idx + len(att.speaker.right_edge.text))
    before_cue = any(e <= att.cue.idx for _, e in att.contents)
    for n, p in enumerate(passages):
        if n in claimed or p.start < clause_end or not before_cue:
            continue
        gap = text[clause_end : p.start]
        if gap.strip(" ,") == "" and "\n" not in gap and p.start < att.sentence.end_char + 2:
            att.contents.append((p.start, p.end))
            claimed.add(n)
        break


def _attach_orphans(
    text: str, atts: list[Attribution], passages: list[QuotedPassage], claimed: set[int]
) -> list[Attribution]:
    """Quoted passages no cue claimed: a continuation of the quote just before them, when the
    passage opens a sentence in the same or the next paragraph ("“...,” he said. “...”")."""
    extra: list[Attribution] = []
    for n, p in enumerate(passages):
        if n in claimed or _words(text[p.start : p.end]) < MIN_ORPHAN_WORDS:
            continue
        before = text[: p.start].rstrip()
        opens_sentence = not before or before[-1] in ".!?:”\"'" or text[: p.start].endswith("\n")
        prior = [a for a in [*atts, *extra] if a.contents and a.contents[-1][1] <= p.start and a.speaker is not None]
        if not prior:
            continue
        last = max(prior, key=lambda a: a.contents[-1][1])
        between = text[last.contents[-1][1] : p.start]
        if between.count("\n\n") + between.count("\n") > 2 or len(between) > 400:
            continue
        if "\n" in between:
            if not opens_sentence:
                continue  # a scare quote or a title inside a sentence, not a quotation of its own
            extra.append(
                Attribution(last.cue, last.cue_end, last.speaker, [(p.start, p.end)], "continuation", last.sentence)
            )
        else:
            last.contents.append((p.start, p.end))
        claimed.add(n)
    return extra


def _quote_type(text: str, start: int, end: int, passages: list[QuotedPassage], via: str) -> str:
    if via == "colon":
        return "direct"
    inside = sum(max(0, min(end, p.end) - max(start, p.start)) for p in passages)
    if inside == 0:
        return "indirect"
    outside = text[start:end]
    for p in passages:
        if _overlaps((start, end), p):
            lo, hi = max(start, p.start) - start, min(end, p.end) - start
            outside = outside[:lo] + " " * (hi - lo) + outside[hi:]
    return "direct" if not outside.strip(" ,.;:—–-") else "mixed"


def find_quotes(doc: Doc, ctx: ArticleContext) -> list[Quote]:
    """The article's quotes in text order: one per content span (a cue may carry several)."""
    lex = load_lexicon()
    text = ctx.article.text  # the Doc's text, without joining its tokens again
    passages = find_quoted_passages(text)
    atts = _collect(doc, lex, passages)
    claimed: set[int] = set()
    for att in atts:
        _lead_in(text, att, passages)
    for att in atts:
        _snap(text, att, passages, claimed)
    for att in atts:
        if att.contents or att.via == "preposition":
            continue
        n = adjacent_passage(text, att, passages, claimed)
        if n is not None:
            att.contents, att.via = [(passages[n].start, passages[n].end)], "passage"
            claimed.add(n)
            continue
        colon = colon_after(att)
        if colon is not None and att.speaker is not None:
            block = colon_block(text, doc, colon, att.speaker.text)
            if block is not None:
                att.contents, att.via = [block], "colon"
                continue
        if att.fallback:
            att.contents, att.via = att.fallback, "learned"
            _snap(text, att, passages, claimed)
    for att in atts:
        _split_quotation(text, att, passages, claimed)
    atts = [a for a in atts if a.contents]
    atts = _outermost(atts)
    atts += _attach_orphans(text, atts, passages, claimed)
    atts.sort(key=lambda a: a.contents[0][0])
    return _to_quotes(doc, ctx, lex, atts, passages)


def _to_quotes(
    doc: Doc, ctx: ArticleContext, lex: QuoteLexicon, atts: list[Attribution], passages: list[QuotedPassage]
) -> list[Quote]:
    text = ctx.article.text
    resolver = SpeakerResolver(doc, ctx, text)
    date_ents = [e for e in doc_arrays(doc).ents if e.label_ == "DATE"]
    media = MediumFinder(doc, lex)
    pub_date = ctx.article.date
    quotes: list[Quote] = []
    speakers: dict[int, object] = {}
    for att in sorted(atts, key=lambda a: a.cue.idx):
        if att.speaker is not None and att.speaker.i not in speakers:
            speakers[att.speaker.i] = resolver.resolve(att.speaker)
    for att in atts:
        speaker = speakers.get(att.speaker.i) if att.speaker is not None else None
        cue_start, cue_end = att.cue_span
        for start, end in att.contents:
            sentence = att.sentence
            medium = media.medium(sentence, (start, end), att.cue) if sentence is not None else None
            date = quote_date(date_ents, sentence, (start, end), pub_date, ctx.dates) if sentence is not None else None
            quotes.append(
                Quote(
                    speaker=speaker,  # type: ignore[arg-type]
                    cue=Span(text[cue_start:cue_end], cue_start, cue_end),
                    content=Span(text[start:end], start, end),
                    type=_quote_type(text, start, end, passages, att.via),
                    medium=medium,
                    date=date,
                )
            )
    _inherit_media(text, quotes)
    return quotes


def _inherit_media(text: str, quotes: list[Quote]) -> None:
    """A quote with no medium of its own that follows, within two paragraphs, a quote of the same
    speaker given through a medium, was given through it too ("..., he added")."""
    for prev, quote in zip(quotes, quotes[1:], strict=False):
        if quote.medium is not None or prev.medium is None or quote.speaker is None or prev.speaker is None:
            continue
        if quote.speaker.name != prev.speaker.name:
            continue
        if text.count("\n\n", prev.content.end, quote.content.start) <= 2:
            quote.medium = dict(prev.medium)
            if quote.date is None:
                quote.date = prev.date
