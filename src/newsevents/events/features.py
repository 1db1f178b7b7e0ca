"""What the event model reads of one candidate clause: the predicate, its arguments, its modality, its sentence.

A candidate is a predicate (a verb that is not an auxiliary, or an event noun) of a sentence. Its features are
words and parse relations as strings (``lemma=attack``, ``subj_actor=GOV``, ``aux=should``, ``bow=goal``) and,
as dense values, spaCy's contextual token vectors (the ``tok2vec`` output the parser already computed) of the
predicate, its subject and object heads and the sentence mean. The same function serves training
(``scripts/train_event_model.py``) and coding, so the model always sees what it was trained on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span, Token

from newsevents.events.lexicon import Lexicon
from newsevents.models import Actor
from newsevents.nlp.lemmas import lemma_of

VECTOR_WIDTH = 96  # en_core_web_sm's tok2vec width
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "attr", "oprd", "dative")
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "xcomp", "ccomp", "acomp", "agent", "neg", "aux", "auxpass",
                 "prt", "advmod", "dative", "oprd", "mark", "npadvmod", "advcl")
# content words of the sentence, for its topic: nouns, verbs and adjectives only
TOPIC_TAGS = ("NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``"})

ActorsOf = Callable[[Token], Sequence[Actor]]


@dataclass
class Clause:
    """One candidate: its predicate token and what the model reads of it."""

    head: Token
    features: list[str]
    vector: np.ndarray


def is_candidate(t: Token, nouns: frozenset[str], lex: Lexicon) -> bool:
    """A verb that is not an auxiliary, or a noun the lexicon or the training corpus knows as an event."""
    tag = t.tag_
    if tag.startswith("VB"):
        return t.dep_ not in ("aux", "auxpass")
    if tag in ("NN", "NNS") and t.dep_ != "compound":
        lemma = lemma_of(t)
        return lemma in nouns or lex.has("noun", lemma)
    return False


def _actor_tag(actors: Sequence[Actor]) -> str:
    """A participant in one word: its sector, else its kind ("person", "country"), else "none"."""
    if not actors:
        return "none"
    a = actors[0]
    if a.sector:
        return a.sector
    return a.kind + ("_coded" if a.country else "")


def _head_of(t: Token, deps: tuple[str, ...]) -> Token | None:
    for c in t.children:
        if c.dep_ in deps:
            return c
    if t.dep_ in ("xcomp", "conj", "advcl") and deps is SUBJECT_DEPS:
        return _head_of(t.head, deps)  # "refused to talk": the subject of the governing verb
    return None


def _vec(doc_tensor: np.ndarray, i: int | None) -> np.ndarray:
    if i is None or i >= len(doc_tensor):
        return np.zeros(VECTOR_WIDTH, dtype=np.float32)
    return doc_tensor[i]


def clause(t: Token, sent: Span, actors_of: ActorsOf, lex: Lexicon) -> Clause:
    """The features of the candidate predicate ``t`` in ``sent`` (``actors_of`` resolves a phrase head)."""
    lemma = lemma_of(t)
    f = [f"lemma={lemma}", f"tag={t.tag_}", f"dep={t.dep_}", f"lemma_dep={lemma}|{t.dep_}", "bias"]
    for kind in ("verb", "noun", "control", "light", "report", "aspect", "stop", "prevent", "nonevent"):
        if lex.has(kind, lemma):
            f.append(f"lex={kind}")
            spec = lex.match(kind, t, lemma)
            if spec is not None and spec.event:
                f.append(f"lex_type={spec.event}")
                f.append(f"lex_kind_type={kind}|{spec.event}")
    gov = t.head
    # Always true (spaCy makes a fresh Token on every access; the root is its own head): the root reads itself as
    # its governor. Kept so, as the shipped event model was trained on these features; compare by index when it is
    # next retrained.
    if gov is not t:
        f.append(f"gov={lemma_of(gov)}")
        f.append(f"gov_dep={lemma_of(gov)}|{t.dep_}")
        if lex.has("report", lemma_of(gov)):
            f.append("under_report")
        if any(c.dep_ in ("aux",) and c.lower_ in ("should", "must", "would", "could", "might", "may")
               for c in gov.children):
            f.append("gov_modal")
    for c in t.children:
        dep = c.dep_
        if dep in ARGUMENT_DEPS:
            f.append(f"{dep}={lemma_of(c)}")
            if dep in ("ccomp", "xcomp"):
                f.append(f"comp_lemma={lemma_of(c)}")
                for g in c.children:
                    if g.dep_ in ("dobj", "attr", "acomp", "neg", "aux"):
                        f.append(f"comp_{g.dep_}={lemma_of(g)}")
        elif dep == "prep":
            f.append(f"prep={c.lower_}")
            for g in c.children:
                if g.dep_ == "pobj":
                    f.append(f"prep_pobj={c.lower_}|{lemma_of(g)}")
                    f.append(f"prep_actor={c.lower_}|{_actor_tag(actors_of(g))}")
    subj = _head_of(t, SUBJECT_DEPS)
    obj = _head_of(t, OBJECT_DEPS)
    if subj is not None:
        f.append(f"subj_lemma={lemma_of(subj)}")
        f.append(f"subj_ent={subj.ent_type_ or 'none'}")
        f.append(f"subj_actor={_actor_tag(actors_of(subj))}")
        if subj.lower_ in ("i", "we", "you"):
            f.append(f"subj_person={subj.lower_}")
    else:
        f.append("subj=none")
    if obj is not None:
        f.append(f"obj_lemma={lemma_of(obj)}")
        f.append(f"obj_ent={obj.ent_type_ or 'none'}")
        f.append(f"obj_actor={_actor_tag(actors_of(obj))}")
    if t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and t.tag_.startswith("NN"):
        f.append(f"noun_role={t.dep_}|{lemma_of(gov)}")
        for c in t.children:
            if c.dep_ in ("poss", "compound", "amod"):
                f.append(f"noun_mod_actor={_actor_tag(actors_of(c))}")
    if t.tag_ in ("VBD", "VBN") and any(c.dep_ == "auxpass" for c in t.children):
        f.append("passive")
    words = [w.lower_ for w in sent]
    for mark in ("if", "unless", "whether", "should", "would", "could", "might", "may", "must", "?", "not"):
        if mark in words:
            f.append(f"sent_has={mark}")
    if _inside_quote(t, sent):
        f.append("in_quote")
    if t.i == sent.start or t.i - sent.start < 3:
        f.append("near_start")
    topic = {lemma_of(w) for w in sent if w.tag_ in TOPIC_TAGS and w.i != t.i and w.is_alpha}
    f.extend(f"bow={w}" for w in sorted(topic))
    tensor = t.doc.tensor if t.doc.tensor is not None and len(t.doc.tensor) == len(t.doc) else None
    if tensor is None:
        vector = np.zeros(4 * VECTOR_WIDTH, dtype=np.float32)
    else:
        vector = np.concatenate([
            _vec(tensor, t.i), _vec(tensor, subj.i if subj is not None else None),
            _vec(tensor, obj.i if obj is not None else None), tensor[sent.start:sent.end].mean(axis=0),
        ]).astype(np.float32)
    return Clause(t, f, vector)


def _inside_quote(t: Token, sent: Span) -> bool:
    """Whether an odd number of quotation marks stands between the sentence start and the token."""
    n = sum(1 for w in sent.doc[sent.start:t.i] if w.text in QUOTE_MARKS)
    return n % 2 == 1
