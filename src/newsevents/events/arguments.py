"""Actors and recipients of a frame: subject or passive agent, object or prepositional object.

Which token to hand to ``ctx.actors.from_head`` is decided here (the subject of the predicate, through
coordination, control, relative clauses and participles; the object, the prepositional objects, the
possessor of an event noun); what that token's actors are is the actor resolver's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsevents.events.frames import Frame, is_nominal, is_verbal, noun_spec
from newsevents.events.lexicon import default_lexicon
from newsevents.knowledge.resources import word_set
from newsevents.models import Actor
from newsevents.nlp import lemma_of

REL_PRONOUNS = ("who", "which", "that", "whom")
PERSONAL_PRONOUNS = ("he", "she", "they", "it", "we", "i")
# object control ("urged the rebels to disarm") and raising to object ("officials expect Serbia to recall")
OBJECT_CONTROL = word_set("event_object_control") | word_set("event_raising_verbs")
RECIPIENT_PREPS = ("with", "to", "against", "on", "upon", "at", "toward", "towards", "into", "from", "between",
                   "among", "over", "for", "along", "near", "about")
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS + ("of",)


@dataclass
class Arguments:
    """The tokens that head the actor and recipient phrases of a frame."""

    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    passive: bool = False
    how: str = ""


STATIVE_PASSIVES = word_set("event_stative_passives")


def subject_heads(pred: Token) -> Arguments:
    """Actor (and, for passives, recipient) heads of a verbal predicate."""
    t = pred
    active = not any(c.dep_ == "auxpass" for c in pred.children)
    adjunct = False  # climbed out of an adverbial participle ("after being convicted") into its main clause
    for _ in range(10):
        kids = list(t.children)
        subj = [c for c in kids if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl"]
        subjpass = [c for c in kids if c.dep_ == "nsubjpass"]
        agent = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj:
            s = subj[0]
            if s.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
                return Arguments([t.head], how="antecedent of the relative clause")
            if adjunct and not active:
                # "X spent two years in prison after being convicted": X undergoes the passive participle,
                # whose agent (an unnamed court) stays implicit
                return Arguments([], [s], passive=True, how="main-clause subject of the passive participle")
            return Arguments([s], how="subject")
        if subjpass and not agent and t == pred and lemma_of(t) in STATIVE_PASSIVES:
            return Arguments(subjpass[:1], how="subject")  # "is opposed to", "is committed to"
        if subjpass and t != pred and active:
            return Arguments(subjpass[:1], how="subject of the coordinated passive")
        if subjpass or agent:
            patient = subjpass[:1]
            if patient and patient[0].lower_ in REL_PRONOUNS and t.dep_ == "relcl":
                patient = [t.head]
            return Arguments(agent, patient, passive=True, how="passive agent")
        if t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "xcomp":
            h = t.head
            if lemma_of(h) in OBJECT_CONTROL:
                objs = [c for c in h.children if c.dep_ == "dobj"]
                if objs:
                    return Arguments([objs[0]], how="object of the control verb")
            t = h
            continue
        if t.dep_ == "acomp" or (t.tag_ == "JJ" and t.head.i != t.i):
            t = t.head
            continue
        if t.dep_ == "relcl":
            return Arguments([t.head], how="antecedent of the relative clause")
        if t.dep_ == "acl":
            if _misparsed_finite(t):
                return Arguments([t.head], how="subject (the parse took the verb for a participle)")
            if t.tag_ == "VBN":
                return Arguments([], [t.head], passive=True, how="participle")
            if t.tag_ == "VBG":
                return Arguments([t.head], how="participle")
            return Arguments(how="infinitive")
        if t.dep_ == "advcl" and (t.tag_ in ("VBG", "VBN") or any(c.tag_ == "TO" for c in t.children)):
            adjunct = adjunct or t == pred
            t = t.head  # participle or purpose clause: the main clause's subject
            continue
        if t.dep_ == "pcomp" and t.head.head.i != t.head.i:
            adjunct = adjunct or t == pred
            t = t.head.head
            continue
        break
    return Arguments()


def _misparsed_finite(verb: Token) -> bool:
    """"Vincent Cable, for the Liberal Democrats, called on Mr Brown to resign": the small model hangs the
    sentence's only verb on its subject as a participle. A participle set off from a root noun by a comma,
    with the sentence's verb missing, is the finite verb of that noun (a headline's "Minister attacked" has no
    comma)."""
    noun = verb.head
    if noun.dep_ != "ROOT" or noun.tag_ not in ("NN", "NNS", "NNP", "NNPS") or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ == "auxpass" or c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.is_punct and c.text == "," and noun.i < c.i < verb.i for c in noun.children)


def noun_heads(noun: Token) -> Arguments:
    """Actor and recipient heads of an event noun: "the Taliban's rejection of", "talks between X and Y"."""
    actors: list[Token] = []
    recips: list[Token] = []
    for c in noun.children:
        if c.dep_ == "poss":
            actors.append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.tag_ == "NNP"):
            actors.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            actors += [g for g in c.children if g.dep_ == "pobj"]
    between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
               for g in c.children if g.dep_ == "pobj"]
    if between and not actors:
        actors = between
    elif between:
        recips = between
    return Arguments(actors, recips, how="noun modifiers")


def prep_objects(t: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of ``t``'s prepositions of these words; a particle with an object counts ("called on fellow
    Republicans to ...": the small model often parses "on" as the verb's particle and its object under it)."""
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "dative", "prt") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


TRANSFER_TYPES = ("AID", "COOPERATE")
# PLOVER types of material acts, done to the people of a place, and protests, aimed at the authorities of the place
# they are held in: their "in X" can name the recipient ("demonstrated in Serbia")
LOCATED_TYPES = ("ASSAULT", "MOBILIZE", "COERCE", "AID", "RETREAT", "PROTEST")
TRANSFER_LEMMAS = word_set("event_transfer_verbs")
WITHDRAWAL_LEMMAS = word_set("event_withdrawal_verbs")


SETTING_PREPS = word_set("event_setting_preps")
PLACE_ENTS = ("GPE", "LOC", "FAC")


def is_setting(t: Token) -> bool:
    """"in a speech", "at a meeting", "during a rally": the object of a preposition of setting."""
    return t.dep_ == "pobj" and t.head.lower_ in SETTING_PREPS


def is_venue(noun: Token, prep: Token, obj: Token) -> bool:
    """"a speech in London", "a meeting at Camp David": the place of a setting noun."""
    return is_setting(noun) and prep.lower_ in ("in", "at") and obj.ent_type_ in PLACE_ENTS


def np_expansion(head: Token) -> list[Token]:
    """A phrase head, then the objects of its prepositions ("troops to a force in Liberia"); the place of a
    setting ("in a speech in London") is its venue and is left out."""
    out = [head]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "for", "in", "of", "from", "against", "with", "on", "by",
                                             "between", "into", "at", "toward", "towards", "over"):
            for g in c.children:
                if is_venue(head, c, g):
                    continue
                if g.dep_ == "pobj":
                    out.append(g)
                    out += [x for gg in g.children if gg.dep_ == "prep" and gg.lower_ in ("in", "of", "with", "between")
                            for x in gg.children if x.dep_ == "pobj" and not is_venue(g, gg, x)]
                    out += _acl_agents(g)
    out += _acl_agents(head)
    return out


def _acl_agents(noun: Token) -> list[Token]:
    """"crimes committed by Croat forces", "a bill signed by the minister": the agent of a participle."""
    return [x for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent" for x in a.children if x.dep_ == "pobj"]


def recipient_heads(frame: Frame) -> list[Token]:
    """Candidate recipient heads in order of preference."""
    cands: list[Token] = []
    if frame.spec.mode in ("withdraw", "expel") or any(
            lemma_of(t) in WITHDRAWAL_LEMMAS for t in (frame.core, frame.comp) if t):
        for t in (frame.core, frame.comp):
            if t is not None:
                cands += prep_objects(t, ("from",))  # "withdrew its troops from Chad"
    transfer = frame.spec.event in TRANSFER_TYPES or frame.spec.cue in ("+AID", "+COOPERATE") or any(
        lemma_of(t) in TRANSFER_LEMMAS for t in (frame.core, frame.comp) if t is not None)
    if transfer:
        for t in (frame.core, frame.comp):
            if t is not None:
                cands += [c for c in t.children if c.dep_ in ("dative", "iobj")]
                cands += prep_objects(t, ("to", "for"))
    if frame.speaker_head is not None:
        cands.append(frame.speaker_head)
    # the event noun a verb acts on names its author: "rejected an Indian proposal", "a ban by the army"
    if frame.kind in ("control", "verb", "stop", "prevent"):
        for w in frame.words[1:] + [c for c in frame.pred.children if c.dep_ in ("dobj", "nsubjpass")]:
            if is_nominal(w) and w.i != frame.pred.i and noun_spec(w, default_lexicon()) is not None:
                cands += noun_heads(w).actor_heads
    ctrl = frame.control
    if ctrl is not None and frame.kind == "control":
        cands += [c for c in ctrl.children if c.dep_ in ("dobj", "dative", "iobj") and not _is_event(c, frame)]
        cands += prep_objects(ctrl, ("on", "upon", "to", "with", "from"))
        comp = frame.comp
        if comp is not None and is_verbal(comp) and frame.spec.event == "REQUEST":
            cands += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]  # "demanded that X resign"
    core = frame.core
    # troops deployed or an envoy recalled are the actor's own: the place or party they go to or leave is the
    # recipient ("recalled its ambassador from Algeria", "deployed troops along the border with Armenia")
    theme = frame.spec.event == "MOBILIZE" or frame.spec.mode == "withdraw"
    for t in _cores(frame):
        if is_nominal(t):
            cands += prep_objects(t, NOUN_RECIPIENT_PREPS)
        objs = [c for c in t.children if c.dep_ in ("dobj", "dative", "iobj", "attr") and not _is_event(c, frame)]
        objs += bare_infinitive_subjects(t)
        objs += predicate_objects(t)
        objs += misattached_authors(t, objs)
        if theme:
            cands += prep_objects(t, ("from", "to", "into", "against", "along", "near", "toward", "towards", "for"))
            cands += [x for o in objs for x in prep_objects(o, ("from", "to", "into", "along", "near", "with", "in"))]
            continue
        cands += objs
        cands += prep_objects(t, RECIPIENT_PREPS)
    if frame.kind in ("light", "stop", "prevent") and core != frame.pred:
        # the light verb's own objects, the event noun among them: its phrase names whom the act is done to
        # ("lifted the curfew in Mandalay"); the noun itself resolves to no actor
        cands += [c for c in frame.pred.children if c.dep_ in ("dobj", "dative")]
        cands += prep_objects(frame.pred, RECIPIENT_PREPS)
    # a threat or ultimatum is aimed at the one whose act is its condition: "... unless Israel withdraws"
    if frame.spec.event == "THREATEN" or frame.spec.cameo == "139":
        for t in (frame.pred, frame.comp):
            for c in (t.children if t is not None else []):
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                    cands += [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
    # the purpose of an act names its target: "blocked roads to press demands on the government"
    for t in (frame.pred, frame.comp):
        for c in (t.children if t is not None else []):
            if c.dep_ == "advcl" and any(x.tag_ == "TO" for x in c.children):
                cands += [x for x in c.children if x.dep_ in ("dobj",)]
                cands += prep_objects(c, RECIPIENT_PREPS)
    expanded: list[Token] = []
    for c in cands:
        expanded += np_expansion(c)
    if frame.spec.event in LOCATED_TYPES:
        # "fighting in Chechnya", "troops deployed in Iraq": the place a material act happens is its last resort;
        # where a statement is made ("condemned the ruling in London") is not
        expanded += prep_objects(frame.pred, ("in",))
        for t in (frame.core, frame.comp):
            if t is not None and t != frame.pred:
                expanded += prep_objects(t, ("in",))
    return expanded


AUTHORED_NOUNS = word_set("actor_authored_nouns")


def misattached_authors(verb: Token, objs: list[Token]) -> list[Token]:
    """"attacked the decision by Britain's highest court": the parse hangs the noun's "by" phrase on the active
    verb; it names the author of the act the object is (a decision, plan, call...), who is its recipient. Only an
    authored noun that names no author of its own, and a noun after "by" ("by cutting taxes" is a means)."""
    if any(c.dep_ in ("auxpass", "agent") for c in verb.children):
        return []
    authored = [o for o in objs if o.dep_ == "dobj" and lemma_of(o) in AUTHORED_NOUNS and not any(
        c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by") for c in o.children)]
    if not authored:
        return []
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > authored[0].i
            for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NN", "NNS", "NNP", "NNPS")]


def bare_infinitive_subjects(verb: Token) -> list[Token]:
    """"helped him do so", "let the rebels leave", "made her resign", "allowed Britain, France and Germany to
    take the lead": the parse makes the object the subject of an infinitive (bare, or with "to" and no modal or
    "that"); it is the verb's own object."""
    out = []
    for c in verb.children:
        if c.dep_ == "ccomp" and c.tag_ == "VB" and not any(
                x.dep_ == "mark" or x.dep_ == "aux" and x.tag_ != "TO" for x in c.children):
            out += [x for x in c.children if x.dep_ == "nsubj" and x.i < c.i]
    return out


def predicate_objects(verb: Token) -> list[Token]:
    """"called Trump a liar", "branded the minister a coward": the parse can take both nouns after the verb for
    object predicates; the first of two is the verb's object, the second what it is called."""
    preds = [c for c in verb.children if c.dep_ == "oprd" and c.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP")]
    return preds[:1] if len(preds) > 1 else []


def _cores(frame: Frame) -> list[Token]:
    out = [frame.core]
    if frame.comp is not None and frame.comp != frame.core:
        out.append(frame.comp)
    if frame.pred != frame.core and frame.kind == "verb":
        out.append(frame.pred)
    return out


def _is_event(t: Token, frame: Frame) -> bool:
    return t in frame.words and t != frame.speaker_head


def dedupe(actors: list[Actor], exclude: list[Actor] | None = None) -> list[Actor]:
    out: list[Actor] = []
    names = {a.name for a in exclude or []}
    for a in actors:
        if a.name in names or any(a.name == b.name for b in out):
            continue
        out.append(a)
    return out


def is_pronoun(t: Token) -> bool:
    return t.tag_ in ("PRP", "PRP$") and t.lower_ in PERSONAL_PRONOUNS + ("him", "them", "us", "her", "its", "their")
