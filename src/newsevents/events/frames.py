"""Trigger frames: which words of a sentence make an event, and what the construction means.

A frame is one event candidate: its trigger words, the PLOVER/CAMEO meaning (from the lexicon, combined
through control verbs, light verbs, stopping and preventing verbs), and the predicate whose subject is the
actor. Words governed by a frame (its complements and objects) are folded into it, so "refused to negotiate"
is one REJECT event, not a REJECT and a CONSULT.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from newsevents.events.intents import Reading, load_intents
from newsevents.events.lexicon import Lexicon, Spec
from newsevents.knowledge.actor_kb import is_agent_term
from newsevents.knowledge.ontology import load_ontology
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import children, doc_arrays, token_lemma


def _quad(*classes: int) -> tuple[str, ...]:
    """The PLOVER types of these quad classes (1 verbal and 2 material cooperation, 4 material conflict)."""
    onto = load_ontology()
    return tuple(t for t in onto.types if onto.quad_class(t) in classes)


COOPERATIVE = _quad(1, 2)
MATERIAL_CONFLICT = _quad(4)
CONTROL_ADJ = ("JJ", "VBN")
SKIP_DEPS = ("conj", "cc", "parataxis", "relcl", "punct", "mark", "nsubj", "nsubjpass", "csubj", "agent", "appos")


def is_verbal(t: Token) -> bool:
    return t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass")


def is_nominal(t: Token) -> bool:
    return t.tag_ in ("NN", "NNS")


def is_purpose(t: Token) -> bool:
    """An infinitival adverbial clause of purpose ("blocked roads to press demands")."""
    return t.dep_ == "advcl" and any(c.tag_ == "TO" for c in children(t))


def conditional_mark(t: Token, marks: tuple[str, ...] = ("if", "unless", "whether")) -> str | None:
    for c in children(t):
        if c.dep_ == "mark" and c.lower_ in marks:
            return c.lower_
    return None


FOLDED_MARKS = ("if", "unless", "whether", "before", "until", "till", "once", "so")
DIRECTIVES = word_set("event_directives")  # "called", "pressed" alone code nothing; "refused" alone does


@dataclass
class Frame:
    """One event candidate found in the parse."""

    head: Token  # the main trigger word (offsets, sentence)
    words: list[Token]  # all trigger words, for event_text
    spec: Spec  # type, mode, CAMEO, contexts
    kind: str  # verb | light | control | nominal | stop | prevent | obligation
    pred: Token  # the predicate whose subject is the actor
    core: Token  # the innermost predicate or event noun whose objects give the recipient
    control: Token | None = None  # the control verb, whose object may be the recipient
    comp: Token | None = None  # the complement predicate of a control verb
    aux: set[str] = field(default_factory=set)
    chain: list[Token] = field(default_factory=list)  # words whose auxiliaries and negation count
    why: list[str] = field(default_factory=list)
    reported_by: Token | None = None  # reporting verb governing the frame
    speaker_head: Token | None = None  # subject of an obligation ("X said Y must ...")

    @property
    def event(self) -> str:
        return self.spec.event or ""


@dataclass
class Resolution:
    spec: Spec
    kind: str
    words: list[Token]
    core: Token
    aux: set[str] = field(default_factory=set)
    chain: list[Token] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    comp: Token | None = None
    control: Token | None = None


def event_object(t: Token, lex: Lexicon, preps: tuple[str, ...] = ()) -> Token | None:
    """The event noun a verb governs as object (or passive subject, or object of one of ``preps``)."""
    for c in children(t):
        if c.dep_ in ("dobj", "nsubjpass", "attr") and is_nominal(c):
            found = event_noun(c, lex)
            if found is not None:
                return found
    for c in children(t):
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in children(c):
                if g.dep_ == "pobj" and is_nominal(g) and event_noun(g, lex) is not None:
                    return event_noun(g, lex)
    return None


def event_noun(c: Token, lex: Lexicon) -> Token | None:
    """The event noun of an object phrase: the noun itself, its compound modifier ("mediation mission"),
    or the noun after a quantity ("ten days of war games", "a series of bombings")."""
    if noun_spec(c, lex) is not None:
        return c
    for g in children(c):
        if g.dep_ == "compound" and is_nominal(g) and noun_spec(g, lex) is not None:
            return g
    for g in children(c):
        if g.dep_ == "prep" and g.lower_ == "of":
            for gg in children(g):
                if gg.dep_ == "pobj" and is_nominal(gg) and noun_spec(gg, lex) is not None:
                    return gg
    return None


def noun_spec(t: Token, lex: Lexicon) -> Spec | None:
    lemma = token_lemma(t)
    if lex.match("nonevent", t, lemma) is not None:
        return None
    return lex.match("noun", t, lemma)


def complement(t: Token, lex: Lexicon) -> Token | None:
    """The clausal or nominal complement of a control verb."""
    # read off the token arrays: a Token object only for a noun to look up and for the answer
    arr = doc_arrays(t.doc)
    doc, deps, tags, lower = t.doc, arr.dep, arr.tag, arr.lower
    kids = arr.kids(t.i)

    def verbal(i: int) -> bool:  # ``is_verbal``
        return tags[i].startswith("VB") and deps[i] not in ("aux", "auxpass")

    for c in kids:
        if deps[c] == "xcomp" and (verbal(c) or tags[c] in CONTROL_ADJ):
            return doc[c]
    for c in kids:
        if deps[c] == "ccomp" and verbal(c):
            return doc[c]
    for c in kids:
        if deps[c] == "prep" and lower[c] in ("for", "to", "from"):
            for g in arr.kids(c):
                if deps[g] == "pcomp" and verbal(g):
                    return doc[g]
                if deps[g] == "pobj" and tags[g] in ("NN", "NNS") and noun_spec(doc[g], lex) is not None:
                    return doc[g]
                if deps[g] == "pobj":  # "called on Arabs to unite": the infinitive hangs on the object
                    for gg in arr.kids(g):
                        if deps[gg] in ("acl", "relcl") and tags[gg] == "VB":
                            return doc[gg]
    for c in kids:
        if deps[c] in ("dobj", "nsubjpass") and tags[c] in ("NN", "NNS"):
            if noun_spec(doc[c], lex) is not None:
                return doc[c]
            for g in arr.kids(c):  # "urged the government to resign" parsed with the verb under the object
                if deps[g] in ("acl", "relcl") and tags[g] == "VB" and any(tags[x] == "TO" for x in arr.kids(g)):
                    return doc[g]
    return None


def resolve(t: Token, lex: Lexicon, depth: int = 0) -> Resolution | None:
    """The event meaning of the predicate ``t`` (verb, control adjective or event noun), or None."""
    if depth > 4:
        return None
    lemma = token_lemma(t)
    if is_nominal(t) and t.dep_ not in ("compound",):
        spec = noun_spec(t, lex)
        return Resolution(spec, "nominal", [t], t, why=[f"event {spec.describe()}"]) if spec else None
    if not (is_verbal(t) or t.tag_ in CONTROL_ADJ):
        return None
    if not lex.known_lemma(lemma):
        return None  # every branch below needs a lexicon row for this lemma: skip the lookups
    if is_verbal(t) and nonevent_use(t, lex) is not None:
        return None
    comp = complement(t, lex)
    aspect = lex.match("aspect", t, lemma)
    if aspect is not None and comp is not None and comp.dep_ in ("xcomp", "ccomp") or (
            aspect is not None and comp is not None and lemma in ("help",)):
        inner = resolve(comp, lex, depth + 1)
        if inner is not None:
            refusal = _refusal(inner.spec) if lemma == "fail" and inner.spec.event in ("AGREE", "CONSULT") else None
            if refusal is not None:
                inner.spec = replace(inner.spec, event=refusal.event, mode=refusal.mode, cameo=refusal.cameo,
                                     cue="failed")
                inner.why.append("failing to agree or meet is coded as a rejection")
            elif aspect.event in ("future", "hypothetical", "negated"):
                inner.aux.add(aspect.event)
            inner.words = [t, *inner.words]
            inner.chain = [t, *inner.chain]
            inner.why.insert(0, f"aspect verb '{lemma}'" + (f" ({aspect.event})" if aspect.event != "none" else ""))
            return inner
    control = lex.match("control", t, lemma)
    verb_row = lex.match("verb", t, lemma) if is_verbal(t) else None
    cue_row = verb_row if verb_row is not None and verb_row.cue else None
    if cue_row is not None and cue_row.event != (control.event if control else None):
        obj = event_object(t, lex)
        return Resolution(cue_row, "verb", [t] + _particles(t), t, chain=[t],
                          why=[f"{cue_row.describe()}"] + ([f"object '{obj.text}' folded"] if obj is not None else []))
    stop = lex.match("stop", t, lemma) if is_verbal(t) else None
    if stop is not None:
        obj = event_object(t, lex, preps=("on", "of"))
        spec = reverse(noun_spec(obj, lex)) if obj is not None else None
        if obj is not None and spec is not None:
            return Resolution(spec, "stop", [t] + _particles(t) + [obj], obj, chain=[t],
                              why=[f"stopping verb '{lemma}' reverses the {spec.cue.split()[-1]} noun '{obj.text}'"])
    if control is not None and comp is not None and comp.dep_ in ("dobj", "nsubjpass") and lex.has("light", lemma):
        control = None  # "ordered the expulsion", "called a strike": the verb carries out the noun's event
    if control is not None and comp is not None:
        inner = resolve(comp, lex, depth + 1)
        if lex.has("report", lemma) and comp.dep_ == "ccomp" and not (
                control.event == "AGREE" and inner is not None
                or control.event == "THREATEN" and _future(comp) and (
                    inner is not None or _negated(comp) or any(c.dep_ == "dobj" for c in children(t)))):
            # "told Al Arabiya that ...", "insisted that ...": reporting; the complement's events stand alone.
            # Kept: "agreed that they should cooperate", "warned that police will no longer tolerate rallies",
            # "warned Armenia that it would respond" (a warning addressed to someone about what will follow).
            return None
        if control.event == "AGREE" and inner is None and control.lemma not in COMMISSIVES_OF_AGREEMENT and \
                comp.dep_ == "xcomp":
            # "promised to keep the payments", "pledged to assess the cost", "willing to stifle the message": a
            # promise of something that is no event acts on no one; it is an aim or a policy, not an AGREE
            # (docs/annotation.md: promises to do something cooperative are AGREE; aims are not events). An offer
            # of a thing stays ("offered concessions")
            return None
        spec = combine(control, inner.spec if inner else None)
        why = [control.describe()]
        refusal = _refusal(inner.spec) if control.event == "AGREE" and inner is not None and _negated(comp) else None
        if refusal is not None and inner is not None:
            spec = replace(control, event=refusal.event, mode=refusal.mode, cameo=refusal.cameo,
                           cue=f"+not {inner.spec.event}")
            why.append("a commitment not to cooperate or yield is a rejection")
        words = [t] + _particles(t) + ([comp] if inner is None or inner.kind != "nominal" else inner.words[:1])
        why += ([f"complement '{comp.text}' ({inner.spec.event}) folded"] if inner else [f"complement '{comp.text}'"])
        aux = {"future"} if control.event == "AGREE" and spec.event == "REJECT" else set()  # "pledged to oppose"
        return Resolution(spec, "control", words, t, chain=[t], why=why, comp=comp, control=t, aux=aux)
    prevent = lex.match("prevent", t, lemma) if is_verbal(t) else None
    if prevent is not None:
        obj = event_object(t, lex)
        inner_spec = noun_spec(obj, lex) if obj is not None else None
        if obj is None and comp is not None:
            inner_res = resolve(comp, lex, depth + 1)
            if inner_res is not None:
                obj, inner_spec = comp, inner_res.spec
        if obj is not None:
            spec = prevent
            if inner_spec is not None and inner_spec.event in COOPERATIVE:
                spec = reverse(inner_spec) or prevent  # banning aid or trade cuts it: a sanction
            return Resolution(spec, "prevent", [t, obj], t, chain=[t],
                              why=[f"preventing verb '{lemma}' on event '{obj.text}'"])
    light = lex.match("light", t, lemma) if is_verbal(t) else None
    if light is not None:
        obj = event_object(t, lex, preps=("in", "on", "for", "of", "under"))
        noun = noun_spec(obj, lex) if obj is not None else None
        if obj is not None and noun is not None:
            return Resolution(noun, "light", [t] + _particles(t) + [obj], obj, chain=[t],
                              why=[f"light verb '{lemma}' + event {noun.describe()}"])
    if verb_row is not None:
        obj = event_object(t, lex)
        spec = verb_row
        if control is not None and obj is not None:
            spec = combine(control, noun_spec(obj, lex))
        return Resolution(spec, "verb", [t] + _particles(t), t, chain=[t], why=[verb_row.describe()])
    if control is not None and is_verbal(t) and lemma not in DIRECTIVES:
        return Resolution(control, "verb", [t], t, chain=[t], why=[f"{control.describe()} used alone"])
    return None


def _future(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "wo") for c in children(t))


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "longer" and any(g.lower_ == "no" for g in children(c))
               for c in children(t))


def _particles(t: Token) -> list[Token]:
    return [c for c in children(t) if c.dep_ == "prt"]


def _refusal(spec: Spec) -> Reading | None:
    """The rejection of an act ("refused to meet": REJECT meet, 125), from the intent table's control rows."""
    return load_intents().reading("control", spec.event, "REJECT", spec.mode, spec.cameo)


COMMISSIVES_OF_AGREEMENT = word_set("event_commissives")


def combine(control: Spec, inner: Spec | None) -> Spec:
    """The control verb's type with the mode, CAMEO code and contexts its complement makes precise."""
    if inner is None or inner.event is None:
        return control
    if control.event == "AGREE" and inner.event == "REJECT":
        # "pledged to oppose the bill", "vowed to veto it": a commitment to refuse is a rejection to come
        return replace(control, event="REJECT", mode=inner.mode, cameo=inner.cameo,
                       context=control.context or inner.context, cue="+REJECT")
    if control.event == "AGREE" and inner.event in MATERIAL_CONFLICT and control.lemma not in COMMISSIVES_OF_AGREEMENT:
        # "vowed to fight", "ready to strike": an expressed intent to do harm is a threat (CAMEO 13)
        control = replace(control, event="THREATEN", mode=None, cameo="130")
    # CAMEO's "agree to / refuse to / demand that / threaten to / accuse of" + the complement's type
    found = load_intents().reading("control", inner.event, control.event or "", inner.mode, inner.cameo)
    mode, cameo = (found.mode, found.cameo) if found is not None else (control.mode, control.cameo)
    context = control.context or inner.context
    return replace(control, mode=mode, cameo=cameo, context=context, cue=f"+{inner.event}")


def reverse(spec: Spec | None) -> Spec | None:
    """What stopping an event means: lifting a ban concedes, cancelling a visit sanctions."""
    found = load_intents().reading("stop", spec.event, mode=spec.mode, cameo=spec.cameo) if spec else None
    if spec is None or found is None:
        return None
    return Spec(found.event, found.mode, found.cameo, spec.context, spec.lemma, f"reversed {spec.event}", "stop")


def scope_tokens(t: Token, report: bool = False) -> list[Token]:
    """The words a frame on ``t`` governs (complements, objects), not its subject or coordinated clauses."""
    out: list[Token] = []

    def walk(x: Token) -> None:
        out.append(x)
        for c in children(x):
            if c.dep_ in ("relcl", "parataxis") or (c.dep_ == "conj" and is_verbal(c) and _has_subject(c)):
                continue
            walk(c)

    for c in children(t):
        if c.dep_ in SKIP_DEPS or (c.dep_ == "conj" and is_verbal(c)):
            continue
        if c.dep_ == "advcl" and not (is_purpose(c) or conditional_mark(c, FOLDED_MARKS)):
            continue
        if c.dep_ == "ccomp" and report:
            continue
        walk(c)
    return out


def _has_subject(t: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in children(t))


def nonevent_use(t: Token, lex: Lexicon) -> Spec | None:
    """A lexicon row saying this use of the word is not a political event ("released an album")."""
    return lex.match("nonevent", t)


def sentence_frames(sent: Span, lex: Lexicon) -> tuple[list[Frame], dict[int, str]]:
    """All frames of a sentence, and the candidate triggers discarded as non-event uses (token index -> why)."""
    frames: list[Frame] = []
    claimed: dict[int, str] = {}  # token index -> the trigger it was folded into
    discarded: dict[int, str] = {}
    arr = doc_arrays(sent.doc)
    tags, deps, kids = arr.tag, arr.dep, arr.kids
    # the tag and label tests run on the token arrays: only candidate words become Token objects
    for i in _top_down(sent):
        if i in claimed:
            continue
        tag = tags[i]
        verbal = tag.startswith("VB") and deps[i] not in ("aux", "auxpass")
        if not verbal and not (tag in CONTROL_ADJ and any(deps[c] == "xcomp" for c in kids(i))):
            continue
        t = arr.token(i)
        lemma = arr.lemma(i)
        if verbal and lex.known_lemma(lemma):
            non = nonevent_use(t, lex)
            if non is not None:
                discarded[t.i] = f"discarded as a non-event use ({non.describe()})"
                for x in scope_tokens(t):
                    claimed.setdefault(x.i, t.text)
                continue
        report = lex.has("report", lemma) and event_object(t, lex) is None
        res = resolve(t, lex)
        if res is None:
            if report:
                ob = _obligation(t, lex)
                if ob is not None:
                    frames.append(ob)
                    for x in scope_tokens(ob.comp or t):
                        claimed.setdefault(x.i, t.text)
                    claimed[ob.comp.i] = t.text  # type: ignore[union-attr]
            continue
        frame = Frame(head=res.words[0], words=res.words, spec=res.spec, kind=res.kind, pred=t, core=res.core,
                      control=res.control, comp=res.comp, aux=set(res.aux), chain=res.chain or [t], why=res.why)
        frames.append(frame)
        for x in scope_tokens(t):
            claimed.setdefault(x.i, t.text)
        for c in children(t):
            # "prisoners rioted, setting fire to mattresses": a participle elaborating a violent event is part of it
            if c.dep_ == "advcl" and c.tag_ == "VBG" and frame.event in MATERIAL_CONFLICT:
                sub = resolve(c, lex)
                if sub is not None and sub.spec.event in MATERIAL_CONFLICT and sub.spec.event != frame.event:
                    frame.why.append(f"participle '{c.text}' ({sub.spec.event}) folded as an elaboration")
                    for x in c.subtree:
                        claimed.setdefault(x.i, t.text)
        subj_noun = _event_subject(t, lex)
        if subj_noun is not None:
            claimed.setdefault(subj_noun.i, t.text)
    preds = {f.pred.i for f in frames}
    rows = lex.rows
    for i in range(sent.start, sent.end):
        if i in claimed or tags[i] not in ("NN", "NNS") or deps[i] == "compound":
            continue
        lemma = arr.lemma(i)
        if not rows.get(("noun", lemma)) and not (tags[i] == "NNS" and lemma.endswith("s") and rows.get(
                ("noun", lemma[:-1]))):
            continue  # no noun row for the word: ``noun_spec`` would find nothing
        t = arr.token(i)
        spec = noun_spec(t, lex)
        if spec is None:
            continue
        if any(a in preds for a in arr.ancestors(i)):
            claimed[i] = "an event it is an argument of"  # background inside another event's arguments
            continue
        frames.append(Frame(head=t, words=[t], spec=spec, kind="nominal", pred=t, core=t, chain=[t],
                            why=[f"event {spec.describe()}"]))
    frames.sort(key=lambda f: f.head.i)
    return frames, discarded


def _top_down(sent: Span) -> list[int]:
    """Positions of the sentence's tokens from the root down, level by level (governing words before
    governed ones)."""
    arr = doc_arrays(sent.doc)
    kids = arr.kids
    root = arr.root(sent.start, sent.end)
    order: list[int] = []
    level = [root]
    seen = {root}
    while level:
        level.sort()
        order += level
        nxt = []
        for t in level:
            for c in kids(t):
                if c not in seen:
                    seen.add(c)
                    nxt.append(c)
        level = nxt
    order += [i for i in range(sent.start, sent.end) if i not in seen]  # tokens the parse left outside the root's tree
    return order


def _event_subject(t: Token, lex: Lexicon) -> Token | None:
    for c in children(t):
        if c.dep_ == "nsubj" and is_nominal(c) and noun_spec(c, lex) is not None:
            return c
    return None


SPEECH_VERBS = word_set("event_speech_verbs")  # "said Y must": a demand; "believes Y should" is not


def _obligation(report: Token, lex: Lexicon) -> Frame | None:
    """"X said Y must/should do Z": CAMEO codes a demand by X on Y (speech verbs only, not "believe")."""
    if token_lemma(report) not in SPEECH_VERBS:
        return None
    for c in children(report):
        if c.dep_ != "ccomp" or not is_verbal(c):
            continue
        modal = [a for a in children(c) if a.dep_ == "aux" and a.lower_ in ("must", "should")]
        subj = [s for s in children(c) if s.dep_ in ("nsubj", "nsubjpass")]
        if not modal or not subj or subj[0].tag_ in ("PRP",) or not _addressee(subj[0]):
            continue
        said = f"'{report.text} ... {modal[0].text} {c.text}'"
        if any(a.dep_ == "aux" and a.lower_ == "have" for a in children(c)):
            # "said the government should have acted sooner": an obligation left unmet is criticism, not a demand
            spec = Spec("ACCUSE", "disapprove", "111", (), "should have", "", "control")
            why = f"reported past obligation {said} codes criticism"
        else:
            inner = resolve(c, lex)
            spec = combine(Spec("REQUEST", None, "100", (), "must", "", "control"), inner.spec if inner else None)
            why = f"reported obligation {said} codes a demand"
        return Frame(head=report, words=[report, modal[0], c], spec=spec, kind="obligation", pred=report, core=c,
                     control=report, comp=c, chain=[report], why=[why], speaker_head=subj[0])
    return None


GENERIC_ADDRESSEES = word_set("event_generic_addressees")
# spaCy labels of subjects that cannot be addressed: "2005 must be the year", "10% should go to schools"
UNADDRESSABLE_LABELS = ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL")


def _addressee(subj: Token) -> bool:
    """Whether the subject of "Y should ..." names someone a demand can be made of: a name, or a noun the actor
    knowledge base knows as an agent ("the government", "ministers"), not "the tragedy" or "no politician"."""
    if subj.lower_ in GENERIC_ADDRESSEES or subj.ent_type_ in UNADDRESSABLE_LABELS:
        return False
    if any(d.dep_ == "det" and d.lower_ in GENERIC_ADDRESSEES for d in children(subj)):
        return False
    if subj.tag_.startswith("NNP") or subj.ent_type_:
        return True
    words = tuple(w.lower_ for w in children(subj) if w.dep_ == "compound") + (subj.lower_,)
    return is_agent_term(words, (subj.lower_,), (token_lemma(subj),))
