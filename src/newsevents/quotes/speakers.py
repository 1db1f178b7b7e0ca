"""Who is speaking: the speaker mention of a cue, resolved to the article's canonical actor.

Named speakers reuse the actor stage (``ctx.actors``); a surname ("Massoud") is widened to the
fullest person name of the article that ends with it ("Ahmad Massoud"); a description ("the former
defense minister") to the person it was set in apposition to earlier; a personal pronoun ("he added")
to the nearest preceding person speaker, else the nearest preceding person named in the text. The
mention keeps the offsets where the text names the speaker (the pronoun's own, for a pronoun).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsevents.knowledge.resources import word_set
from newsevents.models import Actor
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import coarse_pos, lemma_of

if TYPE_CHECKING:
    from newsevents.context import ArticleContext

SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
PLURAL_PRONOUNS = {"they", "them", "we", "us"}
FIRST_PERSON = {"i", "me", "we", "us"}
RELATIVES = {"who", "which", "that", "whom"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# a cue verb without a subject of its own borrows its head's ("..., adding that", "said and added")
BORROW_DEPS = {"conj", "advcl", "xcomp", "acl", "pcomp", "prep"}  # prep: "upon saying", "by citing"
INVERTED_DEPS = {"dobj", "attr", "npadvmod", "oprd", "dative"}  # how the parser hangs "said X" after a quotation
FINITE = {"VBD", "VBZ", "VBP"}  # "“...,” said X" (not "“...,” citing the constitution")
ADDRESSING = word_set("quote_addressing_verbs")  # their object is the one addressed
_NP_PREFIX = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod"}


def speaker_head(cue: Token, quoted: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """The token that heads the cue's speaker: its subject, a passive agent, or a borrowed subject.
    ``quoted`` tells tokens inside quotation marks, which never head the speaker."""
    if cue.tag_ in ("NN", "NNS"):
        # "Trump's accusation that ...", "Clinton launched attacks on ...": the owner, or the verb's subject
        for child in cue.children:
            if child.dep_ == "poss":
                return child
        if cue.dep_ != "dobj":
            return None
        cue = cue.head
    seen = 0
    verb = cue
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "csubj" and not quoted(child):
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        inverted = cue.i > 0 and cue.nbor(-1).is_quote and cue.tag_ in FINITE and lemma_of(cue) not in ADDRESSING
        if verb == cue and inverted:
            # inverted order right after a quotation: "“...,” added a New Hampshire Democrat"
            for child in cue.rights:
                if child.dep_ in INVERTED_DEPS and coarse_pos(child) in ("NOUN", "PROPN"):
                    return child
        if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
            return verb.head  # "Saleh, who claims", "a sign saying", "the release announcing"
        if verb.dep_ in BORROW_DEPS and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def mention_span(head: Token, ents_by_token: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Character offsets of the speaker mention: its named entity, else the head with its modifiers."""
    if head.i in ents_by_token:
        return ents_by_token[head.i]
    start = head
    for child in head.lefts:
        if child.dep_ in _NP_PREFIX:
            start = child.left_edge if child.left_edge.i < start.i else start
            break
    return start.idx, head.idx + len(head.text)


class SpeakerResolver:
    """Resolves speaker heads of one article, remembering the last person who spoke."""

    def __init__(self, doc: Doc, ctx: ArticleContext, text: str) -> None:
        self.doc = doc
        self.text = text  # the article text (Doc.text joins every token on each call)
        self.actors = ctx.actors
        self.ents_by_token: dict[int, tuple[int, int]] = {}
        for ent in doc_arrays(doc).ents:
            for t in ent:
                self.ents_by_token[t.i] = (ent.start_char, ent.end_char)
        self.persons = sorted(
            (a for a in ctx.actors.entities if a.kind == "person"), key=lambda a: a.start
        )
        self.last_person: Actor | None = None  # the last resolved person speaker
        self.appositions = self._appositions()

    # -- canonical names -------------------------------------------------------------------------
    def canonical(self, actor: Actor) -> Actor:
        """Widen a person's surname to the fullest name of the article ending with it."""
        if actor.kind != "person":
            return actor
        parts = actor.name.split()
        if not parts:
            return actor
        best = actor
        for other in self.persons:
            words = other.name.split()
            if len(words) > len(best.name.split()) and words[-len(parts):] == parts:
                best = other
        if best is actor:
            return actor
        return replace(best, entity_text=actor.entity_text, start=actor.start, end=actor.end)

    def _appositions(self) -> list[tuple[int, str, Actor]]:
        """(offset, head lemma of the description, person) for "NAME, the DESCRIPTION" in the article."""
        out = []
        for actor in self.persons:
            tokens = [t for t in self.doc.char_span(actor.start, actor.end, alignment_mode="expand") or []]
            for t in tokens:
                for rel in [*t.children, t.head]:
                    linked = rel.dep_ == "appos" and rel.head == t or t.dep_ == "appos" and rel == t.head
                    if linked and coarse_pos(rel) in ("NOUN", "PROPN") and rel.i not in self.ents_by_token:
                        out.append((actor.start, lemma_of(rel), actor))
        return out

    def _actor_at(self, head: Token) -> Actor | None:
        actor: Actor | None = self.actors.by_token.get(head.i)
        if actor is None:
            for child in head.children:
                if child.dep_ in ("compound", "appos") and child.i in self.actors.by_token:
                    actor = self.actors.by_token[child.i]
                    break
        if actor is None:
            for candidate in self.actors.from_head(head):
                if candidate.start <= head.idx < candidate.end:
                    actor = candidate
        return actor

    def _preceding_person(self, offset: int) -> Actor | None:
        best = None
        for actor in self.persons:
            if actor.end <= offset:
                best = actor
        return best

    # -- resolution ------------------------------------------------------------------------------
    def resolve(self, head: Token) -> Actor:
        """The speaker actor for a head token; unresolved mentions keep their own words as the name."""
        start, end = mention_span(head, self.ents_by_token)
        text = self.text[start:end]
        if head.lower_ in RELATIVES and head.dep_ in SUBJECT_DEPS and head.head.dep_ == "relcl":
            antecedent = self.resolve(head.head.head)  # "Saleh, who claims ...": named by the antecedent
            return replace(antecedent, entity_text=text, start=start, end=end)
        lower = head.lower_
        actor = self._actor_at(head)
        if actor is not None:
            resolved = self.canonical(actor)
            resolved = replace(resolved, entity_text=text, start=start, end=end)
            if resolved.kind == "person":
                self.last_person = resolved
            return resolved
        if lower in SINGULAR_PRONOUNS:
            person = self.last_person or self._preceding_person(start)
            if person is not None:
                return replace(person, entity_text=text, start=start, end=end)
            return Actor(entity_text=text, start=start, end=end, name=text, code="", kind="person")
        if lower in PLURAL_PRONOUNS or lower in FIRST_PERSON:
            return Actor(entity_text=text, start=start, end=end, name=text, code="", kind="group")
        if head.tag_ == "NNP":
            # a name the entity recogniser missed ("Mohammadi also confirmed ...")
            named = self.canonical(Actor(entity_text=text, start=start, end=end, name=text, code="", kind="person"))
            self.last_person = named
            return named
        lemma = lemma_of(head)
        for offset, description, person in reversed(self.appositions):
            if offset < start and description == lemma and head.tag_ in ("NN", "NNP"):
                resolved = replace(self.canonical(person), entity_text=text, start=start, end=end)
                self.last_person = resolved
                return resolved
        for child in head.children:
            if child.dep_ == "appos" and child.tag_ == "NNP":
                # "master of ceremonies Asab Al-Tabchi": the name set beside the description
                return self.resolve(child)
        kind = "group" if head.tag_ in ("NNS", "NNPS") else "person"
        actor = Actor(entity_text=text, start=start, end=end, name=text, code="", kind=kind)
        if kind == "person" and coarse_pos(head) in ("NOUN", "PROPN"):
            self.last_person = actor
        return actor
