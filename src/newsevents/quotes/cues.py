"""Attributions read off the dependency parse: a cue, its speaker head and the content it introduces.

One ``Attribution`` per cue: a reporting verb with a clausal complement ("said that ...", "..., he
said"), a verb of the lexicon next to a quoted passage ("“...,” Massoud told Al Arabiya"), a
multi-word preposition ("according to"), or a colon that opens a quoted block ("Saleh wrote:").
Contents are character ranges trimmed of the punctuation around them (quote marks stay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import DocArrays, doc_arrays, token_lemma
from newsevents.nlp.lemmas import coarse_pos
from newsevents.quotes.lexicon import QuoteLexicon
from newsevents.quotes.marks import QuotedPassage

_TRIM = re.compile(r"^[\s,;:\-–—.(]+|[\s,;:\-–—(]+$")
# verbs that take their content as an infinitive ("urged Congress to act", "vowed to fight")
XCOMP_CUES = word_set("quote_xcomp_cues")
# verbs whose object can be what is reported ("confirmed Saleh's claim", "denied the report")
DOBJ_CUES = word_set("quote_dobj_cues")
_STATEMENTS = word_set("quote_statement_nouns")  # "issued the following statement:"
_PASSAGE_GAP = re.compile(r"^[\s,:;\-–—']*$")  # a stray apostrophe: the third one of ?''' in wire copy


@dataclass
class Attribution:
    cue: Token
    cue_end: Token  # last token of the cue ("according to", "pointed out")
    speaker: Token | None
    contents: list[tuple[int, int]] = field(default_factory=list)
    via: str = "clause"  # clause | learned | passage | colon | preposition | continuation
    sentence: Span | None = None
    fallback: list[tuple[int, int]] = field(default_factory=list)  # the object, when no quotation is found

    @property
    def cue_span(self) -> tuple[int, int]:
        return self.cue.idx, self.cue_end.idx + len(self.cue_end.text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a range to drop surrounding white space and punctuation (quote marks are kept)."""
    piece = text[start:end]
    m = _TRIM.search(piece)
    while m and piece:
        if m.start() == 0:
            start += m.end()
        else:
            end -= len(piece) - m.start()
        piece = text[start:end]
        m = _TRIM.search(piece)
    if piece.endswith(".") and not piece.endswith("..."):
        end -= 1
    return start, end


def _span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _cue_extent(tok: Token) -> Token:
    """The last token of a verb cue: its particle when it has one ("point out", "go on")."""
    for child in tok.rights:
        if child.dep_ == "prt":
            return child
    return tok


def _is_cue(tok: Token, lex: QuoteLexicon) -> bool:
    if coarse_pos(tok) not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    arr = doc_arrays(tok.doc)
    deps, lower, kids = arr.dep, arr.lower, arr.kids(tok.i)
    lemma = arr.lemma(tok.i)
    if any(deps[c] == "dobj" and arr.lemma(c) in _STATEMENTS for c in kids) and _colon_closing(tok):
        return True  # "Trump issued the following statement:" with the statement after the colon
    if lemma == "put":  # "as Dana Milbank puts it, ..."
        return any(deps[c] == "dobj" and lower[c] == "it" for c in kids)
    if lemma in lex.speech:
        if lemma == "point":
            return any(deps[c] == "prt" and lower[c] == "out" for c in kids)
        if lemma == "go":
            return any(deps[c] == "prt" and lower[c] == "on" for c in kids)
        return True
    if lemma in lex.belief:
        return any(deps[c] == "ccomp" for c in kids)
    return False


DOBJ_PREPS = {"as", "for", "to", "of", "against"}  # "criticized X for Y", "compared X to Y"
NOUN_PREPS = {"of", "for", "about", "on", "against", "over", "to", "with", "that"}


def cue_frame(tok: Token) -> tuple[str, list[Token]] | None:
    """The frame of a verb (``verb_frame``) or of a noun ("n:ccomp": "the claim that ...", "n:prep:of":
    "allegations of bias", "n:prep:on": "attacks on Clinton"); None for other words."""
    found = _frame_at(doc_arrays(tok.doc), tok.i)
    return None if found is None else (found[0], [tok.doc[j] for j in found[1]])


def verb_frame(tok: Token) -> tuple[str, list[Token]]:
    """How a verb takes what it reports: ``ccomp`` (a clause), ``xcomp`` (an infinitive), ``dobj``
    (an object, with its predicate: "called him a liar"), ``prep:<word>`` ("called for", "warned
    against"), or ``none``; with the complement tokens. Shared by the learner and the extractor."""
    frame, comps = _verb_frame_at(doc_arrays(tok.doc), tok.i)
    return frame, [tok.doc[j] for j in comps]


def _frame_at(arr: DocArrays, i: int) -> tuple[str, list[int]] | None:
    """``cue_frame`` of the token at ``i``, with complement positions, read off the arrays."""
    tag = arr.tag[i]
    if tag.startswith("VB"):
        return _verb_frame_at(arr, i)
    if tag not in ("NN", "NNS"):
        return None
    deps, lower = arr.dep, arr.lower
    for c in arr.kids(i):
        if c < i:
            continue  # the rights only
        if deps[c] in ("acl", "ccomp") and any(deps[g] == "mark" and lower[g] == "that" for g in arr.kids(c)):
            return "n:ccomp", [c]
        if deps[c] == "prep" and lower[c] in NOUN_PREPS:
            objs = [g for g in arr.kids(c) if deps[g] in ("pobj", "pcomp")]
            if objs:
                return f"n:prep:{lower[c]}", objs
    return None


def _verb_frame_at(arr: DocArrays, i: int) -> tuple[str, list[int]]:
    """``verb_frame`` of the token at ``i``, with complement positions, read off the arrays."""
    deps, lower = arr.dep, arr.lower
    kids = arr.kids(i)
    ccomp = [c for c in kids if deps[c] == "ccomp"]
    if ccomp:
        return "ccomp", ccomp
    xcomp = [c for c in kids if deps[c] == "xcomp" and c > i]
    if xcomp:
        return "xcomp", xcomp
    dobj = [c for c in kids if deps[c] == "dobj" and c > i]
    if dobj:
        more = [
            c for c in kids
            if c > dobj[0] and (deps[c] in ("oprd", "ccomp") or deps[c] == "prep" and lower[c] in DOBJ_PREPS)
        ]
        return "dobj", dobj + more
    for c in kids:
        if deps[c] == "prep" and c > i:
            objs = [g for g in arr.kids(c) if deps[g] in ("pobj", "pcomp")]
            if objs:
                return f"prep:{lower[c]}", objs
    return "none", []


_NONRESTRICTIVE = {"appos", "relcl", "acl", "npadvmod"}


def cut_trailing(first: Token, last: Token, lex: QuoteLexicon, asides: bool = True) -> Token:
    """The content's last token once a trailing clause with a cue of its own is cut (", and more than 4
    in 10 said ..."), and with ``asides`` a trailing aside after an object (", a charge that ...",
    ", which votes on March 1"); a reported clause keeps its asides, as annotators do."""
    doc = first.doc
    orth = doc_arrays(doc).orth
    for k in range(first.i + 1, last.i):
        if orth[k] not in (",", "—", "–", "-", "--", ";"):
            continue  # tested on the token texts: a Token object only at a separator
        t = doc[k]
        nxt = doc[t.i + 1]
        while nxt.dep_ in ("cc", "punct", "det", "amod", "compound", "nummod", "advmod") and nxt.i < last.i:
            nxt = doc[nxt.i + 1]
        root = nxt
        while root.head.i > t.i and root.head.i <= last.i and root.head.i != root.i:
            root = root.head
        reaches_end = root.right_edge.i >= last.i - 1
        if asides and root.dep_ in _NONRESTRICTIVE and root.head.i < t.i and reaches_end:
            return doc[t.i - 1]
        if root.dep_ == "conj" and any(_is_cue(v, lex) for v in root.subtree if v.tag_.startswith("VB")):
            return doc[t.i - 1]
    return last


def complement_range(comps: list[Token], lex: QuoteLexicon) -> tuple[Token, Token]:
    """First and last token of a learned cue's content: its complements, a trailing aside cut."""
    doc = comps[0].doc
    first = doc[min(c.left_edge.i for c in comps)]
    last = doc[max(c.right_edge.i for c in comps)]
    return first, cut_trailing(first, last, lex)


def _cue_clause_start(cue: Token, comps: list[Token]) -> Token:
    """The first token of the cue's own clause ("he also said"), its contents left out."""
    first = cue
    for child in cue.lefts:
        if child in comps or child.dep_ in ("punct", "cc", "ccomp", "parataxis", "prep"):
            continue
        if child.left_edge.i < first.i:
            first = child.left_edge
    return first


def clause_contents(cue: Token, lex: QuoteLexicon) -> list[tuple[Token, Token]]:
    """Token ranges of what a verb cue introduces, from its dependency relations."""
    sent = doc_arrays(cue.doc).sent_of(cue.i)
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if not comps and token_lemma(cue) in XCOMP_CUES:
        comps = [c for c in cue.children if c.dep_ == "xcomp"]
    if not comps and token_lemma(cue) in DOBJ_CUES:
        comps = [c for c in cue.children if c.dep_ == "dobj" and coarse_pos(c) != "PRON"]
    right = [c for c in comps if c.i > cue.i]
    left = [c for c in comps if c.i < cue.i]
    head = cue.head
    out: list[tuple[Token, Token]] = []
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    hangs = (
        cue.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        and head.i != cue.i
        and head.i < cue.i
        and (own_subject or cue.dep_ not in ("conj", "advcl"))  # "..., adding" reports nothing before it
    )
    # "Russia's successes, they said, could be solidified ...": a cue set between commas inside the clause
    aside = (
        cue.dep_ in ("parataxis", "ccomp")
        and head.i > cue.i
        and own_subject
        and cue.i > sent.start
        and cue.doc[_cue_clause_start(cue, comps).i - 1].text == ","
        and cue.right_edge.text == ","
    )
    if (left and not right) or (hangs and not right) or aside:
        # "The Taliban have rejected talks, Massoud said": the content is what precedes the cue clause
        first = _cue_clause_start(cue, comps)
        if first.i > sent.start:
            out.append((sent[0], cue.doc[first.i - 1]))
        end = head.right_edge if hangs else sent[-1] if aside else None
        if end is not None and end.i > cue.right_edge.i + 2:
            out.append((cue.doc[cue.right_edge.i + 1], end))
    for c in right:
        first, last = c.left_edge, c.right_edge
        # words between the cue's own right dependents ("told reporters", "in a statement") and the
        # complement belong to it when the parser hung them elsewhere ("the days when ... are gone")
        own = [d.right_edge.i for d in cue.rights if d.i < c.i and d.dep_ not in ("punct", "ccomp")]
        start = max([cue.i, _cue_extent(cue).i, *own]) + 1
        while start < c.left_edge.i and (cue.doc[start].is_punct or cue.doc[start].is_space):
            start += 1
        if start < first.i and not any(t.lower_ in ("that", "whether", "if") for t in cue.doc[start : first.i]):
            first = cue.doc[start]
        # "said that A, but B": a clause coordinated to the cue after its complement is reported too
        for conj in cue.rights:
            if conj.dep_ == "conj" and conj.i > last.i and any(g.dep_ in ("nsubj", "nsubjpass") for g in conj.children):
                last = conj.right_edge
        out.append((first, cut_trailing(first, last, lex, asides=False)))
    return out


def preposition_cues(sent: Span, lex: QuoteLexicon) -> list[Attribution]:
    """"According to X, Y": the source is the preposition's object, the content the rest of the clause."""
    out = []
    words = doc_arrays(sent.doc).lower[sent.start : sent.end]
    for phrase in lex.prepositions:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != phrase:
                continue
            first, last = sent[i], sent[i + n - 1]
            source = next((c for c in last.children if c.dep_ == "pobj"), None)
            phrase_end = source.right_edge if source is not None else last
            scope_first, scope_last = sent[0], sent[-1]
            contents = []
            if first.i > scope_first.i:
                contents.append(_span_chars(scope_first, sent.doc[first.i - 1]))
            if phrase_end.i < scope_last.i:
                contents.append(_span_chars(sent.doc[phrase_end.i + 1], scope_last))
            att = Attribution(first, last, source, contents, via="preposition", sentence=sent)
            out.append(att)
    return out


def verb_cues(sent: Span, lex: QuoteLexicon) -> list[Attribution]:
    """Verb cues of a sentence: the hand lexicon's with their clause, and the learned (lemma, frame)
    pairs with their complement ("opposed the invasion", "called for a ban")."""
    out = []
    arr = doc_arrays(sent.doc)
    tags = arr.tag
    doc = sent.doc
    for i in range(sent.start, sent.end):
        tag = tags[i]
        if not (tag.startswith("VB") or tag in ("NN", "NNS")):
            continue  # ``cue_frame`` takes only verbs and common nouns: skip the rest without a Token
        found = _frame_at(arr, i)
        if found is None:
            continue
        tok = doc[i]
        frame, comps = found[0], [doc[j] for j in found[1]]
        lemma = arr.lemma(i)
        if frame.startswith("n:"):
            hand = False
            learned = (frame == "n:ccomp" and lemma in lex.nouns) or lex.learned_cue(tok, frame, comps)
        else:
            hand = _is_cue(tok, lex)
            # a lexicon verb with a clause takes it whatever the model says: skip the model there
            learned = frame != "none" and not (hand and frame == "ccomp") and lex.learned_cue(tok, frame, comps)
            if learned and frame == "ccomp":
                hand, learned = True, False  # a learned verb of report takes its clause like the lexicon's
        if not (hand or learned):
            continue
        contents = [_span_chars(a, b) for a, b in clause_contents(tok, lex)] if hand else []
        via = "clause"
        fallback: list[tuple[int, int]] = []
        if not contents and learned:
            if hand:  # a reporting verb tries the quotation next to it before its object
                fallback = [_span_chars(*complement_range(comps, lex))]
            else:
                contents, via = [_span_chars(*complement_range(comps, lex))], "learned"
        out.append(Attribution(tok, _cue_extent(tok), None, contents, via=via, sentence=sent, fallback=fallback))
    return out


def adjacent_passage(
    text: str, att: Attribution, passages: list[QuotedPassage], claimed: set[int]
) -> int | None:
    """Index of a quoted passage that sits right before or after the cue's clause, if any."""
    clause_last = att.cue.right_edge
    subj = att.speaker
    inside = [t for t in att.cue.lefts if any(p.start <= t.idx < p.end for p in passages)]
    left = _cue_clause_start(att.cue, inside).idx  # words of the passage itself are not the clause
    if subj is not None and subj.i < att.cue.i:
        left = min(left, subj.left_edge.idx)
    # the clause ends at its last word outside quotation marks and before the paragraph break
    para_end = text.find("\n", att.cue.idx) % (len(text) + 1)
    own = [
        t for t in att.cue.doc[att.cue.i + 1 : clause_last.i + 1]
        if t.idx < para_end and not t.is_space and not any(p.start <= t.idx < p.end for p in passages)
    ]
    right = max([att.cue_span[1], *(t.idx + len(t.text) for t in own)])
    best = None
    for n, p in enumerate(passages):
        if n in claimed:
            continue
        if p.end <= left and _PASSAGE_GAP.match(text[p.end : left]) and "\n" not in text[p.end : left]:
            best = n
        elif p.start >= right and _PASSAGE_GAP.match(text[right : p.start]):
            gap = text[right : p.start]
            if "\n" not in gap or text[: p.start].rstrip()[-1:] in (":", ","):  # "Trump said,\n\n“...”"
                return n if best is None else best
    return best


def colon_block(text: str, doc: Doc, after: int, speaker: str) -> tuple[int, int] | None:
    """The paragraph(s) a colon at ``after`` opens: the next paragraph, and the ones after it that
    go on in the first person without naming anyone new (a block of tweets, a statement)."""
    first_break = text.find("\n", after)
    rest_of_line = text[after:first_break if first_break != -1 else len(text)].strip()
    if rest_of_line:
        return after + (len(text[after:]) - len(text[after:].lstrip())), after + len(
            text[after:first_break if first_break != -1 else len(text)].rstrip()
        )
    if first_break == -1:
        return None
    paragraphs = []
    pos = first_break
    while pos < len(text):
        while pos < len(text) and text[pos] == "\n":
            pos += 1
        nl = text.find("\n", pos)
        end = nl if nl != -1 else len(text)
        if end > pos and text[pos:end].strip():
            paragraphs.append((pos, end))
        if nl == -1 or len(paragraphs) >= 6:
            break
        pos = nl
    if not paragraphs:
        return None
    start, end = paragraphs[0]
    for p_start, p_end in paragraphs[1:]:
        span = doc.char_span(p_start, p_end, alignment_mode="expand")
        if span is None:
            break
        first_person = any(t.lower_ in ("i", "we", "my", "our", "us", "me") for t in span)
        names_speaker = any(t.text == speaker for t in span)
        if not first_person or names_speaker or p_end - p_start > 1200:
            break
        end = p_end
    return start, end


def _colon_closing(cue: Token) -> Token | None:
    """The colon that closes the cue's clause ("Saleh wrote:"), if there is one."""
    sent = doc_arrays(cue.doc).sent_of(cue.i)
    for t in sent[cue.i - sent.start + 1 :]:
        if t.is_space:
            continue
        if t.text == ":":
            return t
        if cue not in t.ancestors:
            return None
    return None


def colon_after(att: Attribution) -> int | None:
    """Offset just after a colon that closes the cue's clause ("Saleh wrote:"), if there is one."""
    colon = _colon_closing(att.cue)
    return colon.idx + 1 if colon is not None else None
