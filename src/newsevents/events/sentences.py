"""The sentence detector: criticism and praise carried by a said-clause or a quote, read off the whole sentence.

Most events the clause rules and the clause model miss on real articles are ACCUSE and SUPPORT carried by a
report verb ("X said the plan was a betrayal", "'This is a disgrace,' the minister said"): the act is in what is
said, not in any one predicate. The detector reads such a sentence whole: its MiniLM vector
(``nlp/encoder.py``) through one logistic regression per type (``resources/models/sentence_model.npz``, trained
by ``scripts/train_sentence_model.py`` on the hand-written corpus only). Only a few sentences are read (MiniLM
costs about 8 ms a sentence here, as much as parsing it): those with no event coded, in an article that neither
reads as nor leans towards sport, culture or tech, with a report verb whose subject the actor resolver knows as
a political actor (``candidates``). A firing sentence gives a frame on the report verb (``frame``), which the
coder turns into an event like any other: the speaker is the actor, the recipient comes from the reported
clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from newsevents.events.arguments import is_pronoun, subject_heads
from newsevents.events.frames import Frame
from newsevents.events.lexicon import Lexicon, Spec
from newsevents.knowledge.resources import RESOURCES
from newsevents.models import Actor
from newsevents.nlp.encoder import Encoder, load_encoder
from newsevents.nlp.lemmas import lemma_of

MODEL = RESOURCES / "models" / "sentence_model.npz"
# The types the detector may add, with the mode an added event takes (criticism is "disapprove" unless it charges
# wrongdoing, which a sentence vector does not tell; praise has no mode). The head also ships REJECT, REQUEST and
# THREATEN, not used: on the development articles they added more wrong events than right ones
DETECTED = {"ACCUSE": "disapprove", "SUPPORT": None}
# The score of a type: the sentence probability and the clause model's probability of the type at the report verb,
# averaged with these weights (1, 0: the sentence alone); chosen on the development articles (docs/event-model.md)
SENTENCE_WEIGHT = 0.7
# An event is added when its score reaches this: on the development articles 0.4 added 5 right events and 2 wrong
# (said-clauses, the cap below); with main clauses read too, 0.5 added 2 right and 1 wrong against 0.4's 6 and 3
# (docs/event-model.md, "A sentence detector")
FIRE_AT = 0.4
# The confidence of an added event: the share of the detector's events our annotators judged right. On the
# development articles 17 of 34 (scores from 0.3 up, the political speakers' sentences read without a cap; optional
# gold left out) and a Platt fit of right against the score is flat (0.50 at 0.4, 0.52 at 0.8): the score does not
# rank the events it adds, so they all take that share
CONFIDENCE = 0.5
# At most this many sentences of one article are read (the first ones): MiniLM costs 8-25 ms a sentence here; with
# two the ONNX calls take 12 ms an article on bench/bench_throughput.py's 300 BBC articles (docs/event-model.md)
MAX_SENTENCES = 2
# Sectors of a speaker whose criticism and praise are political (as the judge's political actors)
SPEAKER_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "IGO", "NGO")
SPEAKER_KINDS = ("country",)
# Whether a sentence with no report verb is read when its main verb's subject is political. Off: on the development
# articles it added one right event and one wrong, and took the subject of a passive ("Labour is to be investigated
# by a watchdog") as the critic (actor on matches 0.889, against 0.901 with said-clauses alone)
MAIN_CLAUSES = False
REPORT_DEPS = ("ccomp", "parataxis", "xcomp")


@dataclass
class Candidate:
    """A sentence the detector reads: its report verb, the reported clause and the speaker's actors."""

    sent: Span
    verb: Token
    clause: Token | None
    speakers: list[Actor]
    how: str = "a said-clause"  # or "a quote" (the verb is set in the quoted clause), "its main clause"


class SentenceDetector:
    """One logistic regression per type over the unit MiniLM vector of a sentence."""

    def __init__(self, path: Path = MODEL, encoder: Encoder | None = None) -> None:
        data = np.load(path, allow_pickle=False)
        self.types = [str(t) for t in data["types"]]
        self.weights = np.asarray(data["weights"], dtype=np.float32)  # (types, 384)
        self.bias = np.asarray(data["bias"], dtype=np.float32)
        self._encoder = encoder

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = load_encoder()
        return self._encoder

    def probs(self, texts: list[str]) -> list[dict[str, float]]:
        """P(type in sentence) for every type, for each text (one ONNX call for them all)."""
        if not texts:
            return []
        logits = self.encoder.encode(texts) @ self.weights.T + self.bias
        p = 1.0 / (1.0 + np.exp(-logits))
        return [{t: float(row[k]) for k, t in enumerate(self.types)} for row in p]


@lru_cache(maxsize=1)
def load_detector() -> SentenceDetector:
    return SentenceDetector()


def report_verbs(sent: Span, lex: Lexicon) -> list[Token]:
    """The report verbs of a sentence ("said", "told", "insisted") that govern a clause or have a subject."""
    out = []
    for t in sent:
        if t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass") and lex.has("report", lemma_of(t)):
            if any(c.dep_ in REPORT_DEPS for c in t.children) or t.dep_ in ("ROOT", "parataxis", "ccomp"):
                out.append(t)
    return out


def reported_clause(verb: Token) -> Token | None:
    """The clause a report verb governs ("said [the plan was a betrayal]"), or the clause it is set in ("'This is
    a disgrace,' [the minister said]": the verb is a parataxis or ccomp of the quote's root)."""
    for c in verb.children:
        if c.dep_ in REPORT_DEPS:
            return c
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i:
        return verb.head
    return None


def political(actors: list[Actor]) -> bool:
    """Whether a speaker or subject is one whose criticism and praise are events: a political sector or a country.
    A person the resolver names without a sector ("Hillary Clinton") is left out: read too, on the development
    articles the detector added more wrong events than right ones per sentence read (docs/event-model.md)."""
    return any(a.sector in SPEAKER_SECTORS or a.kind in SPEAKER_KINDS for a in actors)


def candidate(sent: Span, lex: Lexicon, actors_of: Callable[[list[Token]], list[Actor]]) -> Candidate | None:
    """The sentence as a detector candidate: its first report verb with a political speaker; else, when
    ``MAIN_CLAUSES``, its main verb with a political subject; or None."""
    for verb in report_verbs(sent, lex):
        speakers = actors_of(subject_heads(verb).actor_heads)
        if political(speakers):
            clause = reported_clause(verb)
            how = "a quote" if clause is not None and clause.i == verb.head.i else "a said-clause"
            return Candidate(sent, verb, clause, speakers, how)
    root = sent.root
    if MAIN_CLAUSES and root.tag_.startswith("VB") and not lex.has("report", lemma_of(root)):
        subjects = actors_of(subject_heads(root).actor_heads)
        if political(subjects):
            return Candidate(sent, root, None, subjects, "its main clause")
    return None


def score(p_sentence: float, p_clause: float, weight: float = SENTENCE_WEIGHT) -> float:
    """The detector's score of a type: sentence and clause probabilities averaged with ``weight``."""
    return weight * p_sentence + (1.0 - weight) * p_clause


def frame(c: Candidate, event: str, code: str | None, p: float) -> Frame:
    """The frame of a detected event on the candidate's report verb: the speaker's clause is the predicate, the
    reported clause the core (its objects), and its subject a recipient candidate ("said Labour had lied")."""
    verb = c.verb
    core = c.clause if c.clause is not None else verb
    subject = next((s for s in subject_heads(core).actor_heads if not is_pronoun(s)), None) \
        if c.clause is not None else None
    spec = Spec(event, DETECTED.get(event), code, (), lemma_of(verb), "sentence", "sentence")
    why = [f"sentence detector: {event} p={p:.2f} over {c.how}"]
    return Frame(head=verb, words=[verb], spec=spec, kind="verb", pred=verb, core=core, chain=[verb], why=why,
                 speaker_head=subject)
