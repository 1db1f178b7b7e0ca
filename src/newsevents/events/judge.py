"""Where the event model and the rules meet: which clauses are events, of which type, and how sure we are.

The rules (``frames.py``) propose events from the lexicon and the parse; the model (``model.py``) reads every
candidate clause. A rule event the model judges not to be an event is dropped with a note saying what it
looks like ("not an event: opinion"); a rule event the model types otherwise with conviction is retyped; a
clause the model types as an event that no rule found becomes a frame the rules then give its arguments.
The event's confidence is the model's probability of its final type, mapped through the calibration table
(``resources/models/calibration.tsv``, fitted on our annotated articles). Every decision is written in ``why``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span

from newsevents.events.features import ActorsOf, clause, is_candidate
from newsevents.events.frames import Frame
from newsevents.events.lexicon import Lexicon, Spec
from newsevents.events.model import EventModel, Judgement, load_event_model
from newsevents.events.tone import contradicts
from newsevents.events.topic import TopicModel, load_topic_model
from newsevents.knowledge.ontology import Ontology, load_ontology
from newsevents.knowledge.resources import RESOURCES, read_tsv
from newsevents.models import Event
from newsevents.nlp.lemmas import lemma_of

CALIBRATION = RESOURCES / "models" / "calibration.tsv"
# A rule event is dropped when the model's probability that the clause is an event (of any type) is below this
KEEP_AT = 0.3
# ... retyped when the model's best type is at least this probable and twice as probable as the rule's type
RETYPE_AT = 0.7
# A clause no rule coded becomes an event when it is an event with at least ADD_AT and its type has ADD_TYPE_AT
# (criticism, ACCUSE, the type the model learned best, ADD_ACCUSE_AT): on the development articles the events
# the model added below these type probabilities were right 1 time in 10 for the other types, 1 in 4 for ACCUSE
ADD_AT = 0.6
ADD_TYPE_AT = 0.85
ADD_ACCUSE_AT = 0.7
# ... and criticism or praise added over a neutral report verb ("said", "told": the lexicon's report rows) stands
# only when the tone of what was said does not contradict it (events/tone.py): "said the appointment was a
# significant strengthening" is no accusation
# An article the topic head reads as sport, culture or tech with at least this probability is "quiet": its events
# must reach QUIET_KEEP_AT (sport reports "attacks", "meetings" and "defeats" every day). 0.75: on the BBC
# sections (validation, not training) it flags 87% of the entertainment, 78% of the sport and 86% of the tech
# stories, 1.2% of the politics ones and 2.1% of PolNeAR's US election articles (media and culture pieces among
# them); 0.7 flags 90/86/91% against 1.9 and 3.5%, and cost recall on the development articles
QUIET_AT = 0.75
# ... read from at least this many known words: a desk shows in an article, not in a lone sentence ("Italy
# launched a series of attacks" alone could be rugby or war). The longest PLOVER GSR sentence has 24 such words,
# the shortest BBC article 37, a typical one 160
QUIET_MIN_WORDS = 40
QUIET_KEEP_AT = 0.95
QUIET_TOPICS = ("sport", "culture", "tech")
# ... except an event of the state (police, courts, government, legislators, the military, spies), which needs
# only QUIET_STATE_AT: a rapper charged by the police or a senator scolding a TV doctor is political news
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
QUIET_STATE_AT = 0.6
# ... and an event with no political actor on either side stands in no quiet story, however sure the model is
# (docs/annotation.md: an event needs a political actor; players, clubs, bands, firms, the media and private people
# are none). Political: the state, parties, the opposition, rebels, intergovernmental bodies and NGOs. A bare country
# name is no political actor here ("France have been criticised" is the team), nor are labour and civilian groups
# ("strikers", "supporters"). An event with no actor at all (an agentless "was arrested") keeps QUIET_KEEP_AT
# unless the state is on its other side.
POLITICAL_SECTORS = (*STATE_SECTORS, "PTY", "OPP", "REB", "IGO", "NGO")
# An article whose quiet desks together reach QUIET_LEAN_AT (from >= QUIET_MIN_WORDS words) but not QUIET_AT "leans
# quiet": the political-actor rule applies to it, and an agentless act needs QUIET_STATE_AT (it is read as the
# state's: "was arrested", "was charged"), while an event with a political actor stands. 0.5, chosen on our desks:
# the lowest threshold at which at most 2% of the political and business pseudo-articles of a writer the head was
# not trained on lean quiet (python scripts/train_topic_model.py --check: politics 1.4%, business 1.4% at 0.5,
# 3.7% and 1.4% at 0.4), while 99-100% of the sport, culture and tech ones do. On the BBC corpus (validation):
# 7% of the politics stories lean quiet or are quiet, and their events with a political actor stand
QUIET_LEAN_AT = 0.5
# A hypothetical or conditional event ("could appeal", "if they have done wrong they should be punished", "would
# penalise workers") stands only from this calibrated confidence: below it, it is speculation rather than a report
# (docs/annotation.md: such events are optional at best). A conditional threat is exempt: a warning of what follows
# if ("may halt mediation if cooperation founders") is what a threat is. 0.35: on the development articles the
# hypothetical events below it were right 0 times in 6, while on PLOVER GSR dev the one
# such event below it that was right is a conditional threat
SPECULATION_AT = 0.35
SPECULATION_EXEMPT = ("THREATEN",)
# Any event whose calibrated confidence is below this is too doubtful to report: the calibration says fewer than
# one such event in ten is right. 0.1: on the development articles the events below it were right 0 times in 2,
# and PLOVER GSR dev has none below it (at 0.15 it would lose 2 right ones of 163, at 0.2 ten). Negated events are
# exempt (Judge.doubtful)
DOUBT_AT = 0.1
# With this probability of its type, an event keeps a subject the resolver does not know as an uncoded actor
OPEN_ACTOR_AT = 0.8


# the frame kinds the model may drop or retype: a lone verb or event noun (the rest are constructions)
PLAIN_KINDS = ("verb",)
# a construction's confidence: the model's probability of its type, or this share of its event probability
CONSTRUCTION_SHARE = 0.7
# ... and a construction the model all but rules out (event probability below this) is dropped: on the
# development articles none of those was an annotated event ("led an attack" on patents, "a Linux summit")
CONSTRUCTION_FLOOR = 0.1
# ... except a negated event, coded on purpose with its aux mark: the training corpus calls a denial ("denied
# that it had attacked the tanker") no event, so the model's probability says nothing about it
FLOOR_EXEMPT_AUX = frozenset({"negated"})


@dataclass(frozen=True)
class Topic:
    """What kind of desk the article reads as written by, and whether that quiets its events."""

    kind: str  # politics, business, sport, culture or tech
    p: float
    quiet: bool
    leaning: bool = False  # not quiet, but the quiet desks together reach QUIET_LEAN_AT


@dataclass(frozen=True)
class Review:
    """The model's verdict on one rule event: kept (perhaps retyped) or dropped, and why."""

    event: Event | None
    why: str
    note: str | None = None


class Judge:
    """The event model applied to the sentences of one article, with the ontology to retype events."""

    def __init__(self, lex: Lexicon, model: EventModel | None = None, onto: Ontology | None = None,
                 topics: TopicModel | None = None) -> None:
        self.lex = lex
        self.model = model or load_event_model()
        self.topics = topics or load_topic_model()
        self.onto = onto or load_ontology()
        self.calibration = load_calibration()
        self.roots = root_codes(self.onto)

    def topic(self, doc: Doc) -> Topic:
        """The article's topic, read off all its words by the topic head (``events/topic.py``)."""
        probs, words = self.topics.read(doc.text)
        kind = max(probs, key=lambda k: probs[k])
        quiet = sum(probs.get(k, 0.0) for k in QUIET_TOPICS)
        if quiet >= QUIET_LEAN_AT and words >= QUIET_MIN_WORDS:
            kind = max(QUIET_TOPICS, key=lambda k: probs.get(k, 0.0))
            return Topic(kind, quiet, quiet >= QUIET_AT, quiet < QUIET_AT)
        return Topic(kind, probs[kind], False)

    def sentence(self, sent: Span, actors_of: ActorsOf) -> dict[int, Judgement]:
        """The model's judgement of every candidate predicate of the sentence, by token index."""
        return {t.i: self.model.judge(clause(t, sent, actors_of, self.lex))
                for t in sent if is_candidate(t, self.model.nouns, self.lex)}

    def at(self, frame: Frame, judged: dict[int, Judgement], sent: Span, actors_of: ActorsOf) -> Judgement:
        """The judgement of the frame: of its trigger word that the model finds most event-like ("launched an
        attack" is labelled on "launched" in the corpus, "refused to meet" on "refused"); words that were no
        candidate are judged here."""
        best: Judgement | None = None
        for t in dict.fromkeys([frame.head, frame.pred, *frame.words]):
            if not sent.start <= t.i < sent.end:
                continue
            j = judged.get(t.i)
            if j is None:
                j = judged[t.i] = self.model.judge(clause(t, sent, actors_of, self.lex))
            if best is None or j.p_event > best.p_event:
                best = j
        assert best is not None  # the head is always in its sentence
        return best

    def review(self, event: Event, j: Judgement, frame: Frame, plain: bool = True) -> Review:
        """Keep, retype or drop a rule event on the model's judgement of its trigger (``plain``: a lone verb,
        which the model may drop or retype; a construction the rules read on purpose (control, light, stop,
        prevent verbs, event nouns, obligations, aux marks, events coded on their victim) keeps its type and
        takes its confidence from the model)."""
        p_rule = j.prob(event.event)
        if not plain:
            if j.p_event < CONSTRUCTION_FLOOR and not set(event.aux) & FLOOR_EXEMPT_AUX:
                why = f"model: not an event ({j.reason or 'other'}, p={1 - j.p_event:.2f}) over the rules' "\
                      f"{event.event}"
                return Review(None, why, f"not an event: {j.reason or 'other'} (model p={1 - j.p_event:.2f}; the "
                                         f"rules read {event.event} from a construction)")
            p = max(p_rule, j.p_event * CONSTRUCTION_SHARE)
            event.why = _join(event.why, f"construction kept: {event.event} p={p_rule:.2f}, event p={j.p_event:.2f}")
            event.confidence = self.calibrated(p)
            return Review(event, "kept")
        if j.p_event < KEEP_AT:
            why = f"model: not an event ({j.reason or 'other'}, p={1 - j.p_event:.2f}) over the lexicon's {event.event}"
            return Review(None, why, f"not an event: {j.reason or 'other'} (model p={1 - j.p_event:.2f}; the lexicon "
                                     f"read {event.event})")
        best, p_best = j.best_event
        if best != event.event and p_best >= RETYPE_AT and p_best >= 2 * p_rule:
            retyped = self.retype(event, best, lemma_of(frame.head))
            retyped.why = _join(event.why, f"model retyped the lexicon's {event.event} as {best} "
                                           f"(p={p_best:.2f} against {p_rule:.2f})")
            retyped.confidence = self.calibrated(p_best)
            return Review(retyped, "retyped")
        event.why = _join(event.why, f"model agrees: {event.event} p={p_rule:.2f}, event p={j.p_event:.2f}")
        event.confidence = self.calibrated(p_rule)
        return Review(event, "kept")

    def added_frames(self, sent: Span, judged: dict[int, Judgement], covered: set[int]) -> list[Frame]:
        """Frames for clauses the model types as events where no rule frame stands (``covered`` token indices)."""
        out = []
        for i, j in sorted(judged.items()):
            best, p_best = j.best_event
            t = sent.doc[i]
            if j.p_event < ADD_AT or p_best < (ADD_ACCUSE_AT if best == "ACCUSE" else ADD_TYPE_AT) or i in covered:
                continue
            lemma = lemma_of(t)
            if self.lex.has("report", lemma) and contradicts(best, t, sent) is not None:
                continue
            spec = Spec(best, None, self.default_code(best, lemma), (), lemma, "model", "model")
            kind = "nominal" if t.tag_ in ("NN", "NNS") else "verb"
            why = [f"model: {best} (p={p_best:.2f}) where the lexicon has no event"]
            out.append(Frame(head=t, words=[t], spec=spec, kind=kind, pred=t, core=t, chain=[t], why=why))
        return out

    def judge(self, frame: Frame, event: Event, j: Judgement, topic: Topic | None = None) -> Review:
        """The verdict on an event built from a frame: a model-proposed one keeps its type and gets the
        model's confidence; a rule one is reviewed; in an article that reads as sport, culture or tech only events
        with a political actor the model is sure of stand, in one that leans so only those with a political actor."""
        if frame.spec.kind == "model":
            event.confidence = self.calibrated(j.best_event[1])
            review = Review(event, "added")
        else:
            review = self.review(event, j, frame, frame.kind in PLAIN_KINDS and not event.aux and bool(event.actor))
        if review.event is None:
            return review
        if topic is not None and (topic.quiet or topic.leaning):
            quiet = self.quieted(review.event, j, topic)
            if quiet is not None:
                return quiet
        return self.speculative(review.event) or self.doubtful(review.event) or review

    def doubtful(self, event: Event) -> Review | None:
        """A Review dropping an event below ``DOUBT_AT`` calibrated confidence, else None. A negated event is exempt,
        as from the construction floor: the corpus calls a denial no event, so its confidence says little."""
        if event.confidence >= DOUBT_AT or "negated" in event.aux:
            return None
        why = f"{event.event} at confidence {event.confidence:.2f}"
        return Review(None, why, f"not an event: doubtful ({event.event}, confidence {event.confidence:.2f} "
                                 f"< {DOUBT_AT})")

    def speculative(self, event: Event) -> Review | None:
        """A Review dropping a hypothetical event too doubtful to report (``SPECULATION_AT``), else None."""
        if "hypothetical" not in event.aux or event.event in SPECULATION_EXEMPT or event.confidence >= SPECULATION_AT:
            return None
        why = f"hypothetical {event.event} at confidence {event.confidence:.2f}"
        return Review(None, why, f"not an event: speculation (hypothetical {event.event}, confidence "
                                 f"{event.confidence:.2f} < {SPECULATION_AT})")

    def detected(self, event: Event, p: float, confidence: float, topic: Topic | None = None) -> Review:
        """The verdict on an event the sentence detector added (``events/sentences.py``) with score ``p``: it takes
        the detector's own calibrated ``confidence`` (its score does not rank its events: see ``sentences.py``);
        the quiet-story rules apply."""
        event.confidence = round(confidence, 3)
        if topic is not None and (topic.quiet or topic.leaning):
            return self.quieted(event, Judgement("NONE", 0.0, {event.event: p}), topic) or Review(event, "added")
        return Review(event, "added")

    def quieted(self, event: Event, j: Judgement, topic: Topic) -> Review | None:
        """The verdict on an event of an article that reads as (or leans) sport, culture or tech: dropped
        (a Review without event) or kept (None, its ``why`` extended)."""
        p = j.prob(event.event)
        sides = (*event.actor, *event.recipient)
        story = f"{topic.kind} story" if topic.quiet else f"story leaning {topic.kind}"
        political = any(a.sector in POLITICAL_SECTORS for a in sides)
        if event.actor and not political:
            names = ", ".join(a.name for a in sides)
            why = f"the article reads as {topic.kind} (p={topic.p:.2f}) and no side is a political actor ({names})"
            return Review(None, why, f"not an event: {story}, no political actor ({event.event}: {names}; "
                                     f"article {topic.kind} p={topic.p:.2f})")
        if topic.quiet:
            floor = QUIET_STATE_AT if any(a.sector in STATE_SECTORS for a in sides) else QUIET_KEEP_AT
        else:  # leaning quiet: a political actor is enough; an agentless act ("was arrested", "was charged") is
            floor = 0.0 if political else QUIET_STATE_AT  # read as the state's
        if p < floor:
            why = f"the article reads as {topic.kind} (p={topic.p:.2f}) and the model gives {p:.2f}"
            return Review(None, why, f"not an event: {story} ({event.event} p={p:.2f}, "
                                     f"article {topic.kind} p={topic.p:.2f})")
        event.why = _join(event.why, f"kept in a {story} (p={p:.2f})")
        return None

    def sure(self, j: Judgement) -> bool:
        """Whether the model is sure enough of an event to code it with an actor the resolver does not know."""
        return j.best_event[1] >= OPEN_ACTOR_AT

    def retype(self, event: Event, plover: str, lemma: str) -> Event:
        """The event as type ``plover``: its CAMEO code from the trigger's CAMEO verb line (``lemma``) when that
        code is of this type, else the type's root code; mode and contexts cleared (they belonged to the old
        type)."""
        code = self.default_code(plover, lemma)
        return replace(event, event=plover, mode=None, context=[], cameo=code,
                       quad_code=self.onto.quad_class(plover), goldstein=self.onto.goldstein(code))

    def default_code(self, plover: str, lemma: str) -> str | None:
        """The CAMEO code of a PLOVER type for a trigger lemma (see ``retype``)."""
        code = self.lex.cameo_verbs.get(lemma)
        found = self.onto.code(code) if code else None
        if found is not None and found.event == plover:
            return code
        return self.roots.get(plover)

    def calibrated(self, p: float) -> float:
        """The share of events with this model probability that our annotators judged right (linear between the
        calibration table's points, flat beyond its ends)."""
        if not self.calibration:
            return round(p, 3)
        xs, ys = self.calibration
        return round(float(np.interp(p, xs, ys)), 3)


def root_codes(onto: Ontology) -> dict[str, str]:
    """The most general CAMEO code of each PLOVER type (the shortest, then lowest, code mapped to it)."""
    out: dict[str, str] = {}
    for code in sorted(onto.cameo, key=lambda c: (len(c), c)):
        event = onto.cameo[code].event
        if event and event not in out:
            out[event] = code
    return out


@lru_cache(maxsize=1)
def load_calibration() -> tuple[tuple[float, ...], tuple[float, ...]] | tuple[()]:
    """The calibration table as (model probabilities, observed precisions), increasing; () without a table."""
    if not CALIBRATION.exists():
        return ()
    points = sorted((float(r.cols[0]), float(r.cols[1])) for r in read_tsv(CALIBRATION, 2))
    return tuple(x for x, _ in points), tuple(y for _, y in points)


def _join(why: str, more: str) -> str:
    return f"{why}; {more}" if why else more
