"""Events from the dependency parse: lexicon triggers, actors, recipients, aux modes, explanations.

For each sentence: find trigger frames (``events_frames``), their actor and recipient phrases
(``events_args``, resolved by ``ctx.actors.from_head``), auxiliary modes, date, place, speaker and
confidence (``events_aux``). Every sentence holding a candidate trigger that gave no event gets a note
saying why (``notes``), so an empty result is never silent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsevents.events.arguments import (
    Arguments,
    dedupe,
    is_pronoun,
    is_setting,
    is_venue,
    noun_heads,
    np_expansion,
    prep_objects,
    recipient_heads,
    subject_heads,
)
from newsevents.events.frames import Frame, is_nominal, noun_spec, sentence_frames
from newsevents.events.judge import Judge, Topic
from newsevents.events.lexicon import Lexicon, default_lexicon
from newsevents.events.model import Judgement
from newsevents.events.modes import (
    according_to,
    aux_modes,
    confidence,
    event_date,
    event_place,
    intent_reading,
    quote_of,
    reporting_verb,
)
from newsevents.events.sentences import (
    CONFIDENCE,
    DETECTED,
    FIRE_AT,
    MAX_SENTENCES,
    Candidate,
    candidate,
    load_detector,
    score,
)
from newsevents.events.sentences import frame as detected_frame
from newsevents.knowledge.ontology import Ontology, load_ontology
from newsevents.knowledge.resources import word_set
from newsevents.models import Actor, Event
from newsevents.nlp import lemma_of
from newsevents.nlp.arrays import doc_arrays

if TYPE_CHECKING:
    from newsevents.context import ArticleContext

__all__ = ["find_events"]

# "three civilians were killed": the victim alone makes the event (PLOVER types, so code, not a word list)
ACTORLESS_TYPES = ("ASSAULT", "COERCE")
PATIENT_LIGHT_VERBS = word_set("event_patient_light_verbs")
RAISING_VERBS = word_set("event_raising_verbs")
# unnamed perpetrators: "a suicide bomber killed 14 people" is coded on its victims
PERPETRATORS = word_set("event_perpetrators")
# "the building was hit": a target, not a victim that makes an event alone
TARGET_VERBS = word_set("event_target_verbs")
TRAVEL_VERBS = word_set("event_travel_verbs")
# "urged the two men to", "opposed the plans": people or a policy named by a description the resolver knows no
# actor of; the phrase stands as an uncoded recipient of the article's country
OPEN_RECIPIENTS = word_set("event_open_recipients")


def find_events(doc: Doc, ctx: ArticleContext) -> tuple[list[Event], list[str]]:
    """Code every sentence of the article; return its events and the notes explaining sentences without one."""
    lex = default_lexicon()
    onto = load_ontology()
    judge = _judge(lex)
    topic = judge.topic(doc)
    events: list[Event] = []
    notes: list[str] = []
    memory: list[Actor] = []  # the last event's actors, for a pronoun subject the resolver left open
    per_sent: list[list[Event]] = []
    # sentences with no event and a political speaker's report verb, for the sentence detector (events/sentences.py)
    pending: list[tuple[int, Candidate, dict[int, Judgement]]] = []
    detect = not (topic.quiet or topic.leaning)
    for n, sent in enumerate(doc_arrays(doc).sents, 1):
        frames, discarded = sentence_frames(sent, lex)
        judged = judge.sentence(sent, ctx.actors.from_head)
        covered = {w.i for f in frames for w in (*f.words, f.pred, f.core)} | set(discarded)
        made: list[Event] = []
        failed: list[tuple[Frame, str]] = []
        seen: set[tuple[str, int]] = set()
        for frame in frames + judge.added_frames(sent, judged, covered):
            frame.reported_by = reporting_verb(frame, lex)
            j = judge.at(frame, judged, sent, ctx.actors.from_head)
            event, reason = _build(frame, ctx, lex, onto, memory, open_actor=judge.sure(j))
            if event is None:
                failed.append((frame, reason))
                continue
            verdict = judge.judge(frame, event, j, topic)
            if verdict.event is None:
                failed.append((frame, verdict.note or verdict.why))
                continue
            event = verdict.event
            key = (event.event, frame.head.i)
            if key in seen:
                continue
            seen.add(key)
            made.append(event)
            if event.actor:
                memory = list(event.actor)
        per_sent.append(made)
        if detect and not made and len(pending) < MAX_SENTENCES:
            found = candidate(sent, lex, lambda heads: _actors_of(heads, ctx))
            if found is not None:
                pending.append((n - 1, found, judged))
        where = f"sentence {n} (chars {sent.start_char}-{sent.end_char})"
        if not made or ctx.explain:
            for frame, reason in failed:
                notes.append(f"{where}: trigger '{_trigger_text(frame)}' gave no event: {reason}")
            for i, reason in discarded.items():
                notes.append(f"{where}: trigger '{sent.doc[i].text}' gave no event: {reason}")
            if not made and not failed and not discarded:
                unknown = _unknown_trigger(sent, lex)
                if unknown is not None:
                    notes.append(f"{where}: trigger '{unknown[0]}' gave no event: {unknown[1]}")
    for k, event in _detected(pending, ctx, lex, onto, judge, topic):
        per_sent[k].append(event)
    for made in per_sent:
        events.extend(made)
    return events, notes


def _detected(pending: list[tuple[int, Candidate, dict[int, Judgement]]], ctx: ArticleContext, lex: Lexicon,
              onto: Ontology, judge: Judge, topic: Topic) -> list[tuple[int, Event]]:
    """The events the sentence detector adds to the candidate sentences (one ONNX call for the article), with
    the index of their sentence: the type whose score (sentence probability with the clause model's at the report
    verb) reaches ``FIRE_AT``, built as any frame is (speaker as actor, recipient from the reported clause)."""
    if not pending:
        return []
    out = []
    probs = load_detector().probs([c.sent.text for _, c, _ in pending])
    for (k, c, judged), p_sent in zip(pending, probs, strict=True):
        j = judge.at(detected_frame(c, "ACCUSE", None, 0.0), judged, c.sent, ctx.actors.from_head)
        scores = {t: score(p_sent[t], j.prob(t)) for t in DETECTED}
        best = max(scores, key=lambda t: scores[t])
        if scores[best] < FIRE_AT:
            continue
        frame = detected_frame(c, best, judge.default_code(best, lemma_of(c.verb)), scores[best])
        frame.why[0] += f" (sentence p={p_sent[best]:.2f}, clause p={j.prob(best):.2f})"
        event, _ = _build(frame, ctx, lex, onto, [], open_actor=False)
        if event is None:
            continue
        verdict = judge.detected(event, scores[best], CONFIDENCE, topic)
        if verdict.event is not None:
            out.append((k, verdict.event))
    return out


_JUDGES: list[Judge] = []


def _judge(lex: Lexicon) -> Judge:
    """The judge of this lexicon (the model and calibration are loaded once per lexicon in use)."""
    for judge in _JUDGES:
        if judge.lex is lex:
            return judge
    _JUDGES[:] = [*_JUDGES[-3:], Judge(lex)]
    return _JUDGES[-1]


MODIFIER_DEPS = ("compound", "amod", "appos", "poss", "nmod", "npadvmod")


def _actors_of(heads: list[Token], ctx: ArticleContext) -> list[Actor]:
    """Actors of the phrases headed by ``heads``; a head the resolver does not know is looked through to its
    modifiers and "of"/"in"/"from" objects ("a group of Moroccan diplomats", "Israeli army bulldozers")."""
    out: list[Actor] = []
    for h in heads:
        found = ctx.actors.from_head(h)
        if not found:
            for c in h.children:
                if c.dep_ in MODIFIER_DEPS and c.tag_ not in ("DT", "PRP$", "CD"):
                    found = ctx.actors.from_head(c)
                    if found:
                        break
        if not found:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                    for g in c.children:
                        if g.dep_ == "pobj" and not is_venue(h, c, g):
                            found = found or ctx.actors.from_head(g)  # "a speech in London": a venue
        for a in found:
            # the same span twice is one actor, unless a pronoun stands for several ("They": France and Germany)
            if not any(a is b or (a.start, a.end, a.name) == (b.start, b.end, b.name) for b in out):
                out.append(a)
    return out


def _build(frame: Frame, ctx: ArticleContext, lex: Lexicon, onto: Ontology,
           memory: list[Actor], open_actor: bool = False) -> tuple[Event | None, str]:
    """The Event for a frame, or None and the reason it gave none. With ``open_actor`` (the model is sure the
    clause is an event) a subject the resolver does not know still stands as an uncoded actor."""
    why = list(frame.why)
    if frame.kind == "nominal":
        args = noun_heads(frame.head)
    elif len(frame.chain) > 1 and frame.kind != "control" and (
            any(c.dep_ in ("nsubj", "nsubjpass") for c in frame.chain[1].children)
            or lemma_of(frame.pred) in RAISING_VERBS and any(c.dep_ == "dobj" for c in frame.pred.children)):
        args = subject_heads(frame.chain[1])  # "officials expect Serbia to recall": Serbia recalls
    else:
        args = subject_heads(frame.pred)
        if not args.actor_heads and frame.kind in ("light", "stop") and is_nominal(frame.core):
            args.actor_heads = noun_heads(frame.core).actor_heads
    actors = _actors_of(args.actor_heads, ctx)
    if actors:
        why.append(f"actor from the {args.how}")
    if not actors:
        actors = _fallback_actors(frame, args, ctx, lex, memory, why)
    if not actors and open_actor:
        actors = [a for h in args.actor_heads if (a := _open_actor(h, ctx)) is not None][:1]
        if actors:
            why.append(f"actor '{actors[0].entity_text}' uncoded (not in the knowledge base; the model is sure "
                       "of the event)")
    recipients: list[Actor] = []
    patients = [*args.recipient_heads] if args.passive else []
    recip_cands = [x for p in patients for x in np_expansion(p)] + recipient_heads(frame)
    if frame.kind == "nominal":
        recip_cands = noun_heads(frame.head).recipient_heads + recip_cands
    recip_head = None
    for head in recip_cands:
        found = dedupe(_actors_of([head], ctx), exclude=actors)
        if found:
            recipients, recip_head = found, head
            why.append(f"recipient from '{head.text}'")
            break
    if not actors and not recipients and open_actor and args.passive and frame.kind != "nominal":
        # "the rapper ... is due in court after being arrested": the model is sure of the event and its patient
        # is a phrase the resolver does not know; it stands as an uncoded recipient, as an open actor would
        recipients = [a for h in patients if (a := _open_actor(h, ctx)) is not None][:1]
        if recipients:
            why.append(f"recipient '{recipients[0].entity_text}' uncoded (not in the knowledge base)")
    if actors and not recipients:
        recipients = _open_recipients(recip_cands, actors, ctx)
        if recipients:
            why.append(f"recipient '{recipients[0].entity_text}' uncoded (a description of people or a policy)")
    event_type = frame.spec.event
    if not actors:
        # the victim of a passive ("civilians were killed") or of an event-noun subject ("a bombing killed")
        event_subject = any(is_nominal(h) and (noun_spec(h, lex) is not None or lemma_of(h) in PERPETRATORS)
                            for h in args.actor_heads)
        victim = recip_head is not None and (recip_head in patients or recip_head.head in patients or event_subject
                                             and "dobj" in (recip_head.dep_, recip_head.head.dep_))
        victim = victim and lemma_of(frame.head) not in TARGET_VERBS
        victim = victim and (event_subject or any(a.country or a.kind in ("person", "organization", "country")
                                                  for a in recipients))
        # the model is sure of a passive with no agent ("he was sentenced", "has been charged"): the unnamed
        # court or police stays implicit and the event is coded on its recipient, as ASSAULT and COERCE are
        implicit = open_actor and args.passive and bool(recipients) and frame.kind != "nominal"
        if not (event_type in ACTORLESS_TYPES and victim and frame.kind != "nominal") and not implicit:
            if frame.kind == "nominal":
                return None, "event noun without an actor (no possessor, 'by' agent or actor modifier)"
            if args.actor_heads:
                heads = ", ".join(f"'{h.text}'" for h in args.actor_heads)
                return None, f"no political actor (subject {heads} is not a known actor)"
            return None, "no actor (no subject or passive agent found)"
        why.append("no actor: coded on the recipient alone")
    if actors and all(_non_political(a) for a in actors + recipients):
        # "Toyota agreed to buy a stake", "the company warned of lower profits": PLOVER codes political events
        names = ", ".join(f"'{a.entity_text}'" for a in actors)
        return None, f"non-political actor ({names} is a business or an unknown organisation)"
    if frame.kind == "light" and lemma_of(frame.pred) in PATIENT_LIGHT_VERBS and actors:
        # "the firm faces an investigation by the SEC", "the mayor faced criticism from residents": the subject
        # undergoes the event; with no agent named the actor stays empty rather than the subject's
        agents = _actors_of(noun_heads(frame.core).actor_heads + prep_objects(frame.core, ("from",)), ctx)
        actors, recipients = agents, dedupe(actors, exclude=agents)
        why.append(f"'{frame.pred.text}' makes its subject the recipient"
                   + ("" if agents else "; no agent named: no actor"))
    modes = aux_modes(frame, lex)
    spec, modes, intent_why = intent_reading(frame, modes) if actors else (frame.spec, modes, None)
    if intent_why:
        why.append(intent_why)
    date, granularity, historical = event_date(frame, ctx)
    if historical:
        modes.add("historical")
    mode = spec.mode if onto.valid_mode(spec.event or "", spec.mode) else None
    code = onto.code(spec.cameo)
    context = list(spec.context) or (list(code.context) if code and code.event == spec.event else [])
    speaker, quote_id = _attribution(frame, ctx, lex)
    sent = doc_arrays(frame.head.doc).sent_of(frame.head.i)
    start = min(w.idx for w in frame.words)
    end = max(w.idx + len(w) for w in frame.words)
    named = any(a.kind in ("person", "organization", "country") or a.code for a in actors)
    lex_cue = bool(frame.spec.cue) and not frame.spec.cue.startswith("+")
    event = Event(
        id="",
        event=spec.event or "",
        event_text=_trigger_text(frame),
        text_info={"start": sent.start_char, "end": sent.end_char},
        actor=actors,
        recipient=recipients,
        mode=mode,
        context=context,
        cameo=spec.cameo,
        quad_code=onto.quad_class(spec.event or "AGREE"),
        goldstein=onto.goldstein(spec.cameo),
        date=date,
        date_granularity=granularity,
        event_loc=event_place(frame, ctx),
        aux=[m for m in ("negated", "future", "hypothetical", "historical") if m in modes],
        attributed_to=speaker,
        confidence=confidence(frame, len(actors), len(recipients), named, modes, lex_cue),
        trigger={"start": start, "end": end},
        quote_id=quote_id,
        why="; ".join(why),
    )
    return event, ""


def _open_actor(head: Token, ctx: ArticleContext) -> Actor | None:
    """An uncoded actor for a common-noun or name subject ("the campaign group"): its phrase up to the head,
    of the country the article names most, if it leads (none where none does)."""
    if head.tag_ not in ("NN", "NNS", "NNP", "NNPS") and not _elliptic_people(head):
        return None
    words = [w for w in head.doc[head.left_edge.i:head.i + 1] if w.tag_ not in ("DT", "PRP$", "POS")]
    if not words:
        return None
    text = head.doc[words[0].i:head.i + 1].text
    country = ctx.actors.description_country()
    return Actor(entity_text=text, start=words[0].idx, end=head.idx + len(head), name=text, code=country or "",
                 country=country, kind="group")


def _elliptic_people(h: Token) -> bool:
    """"released the four", "urged the two to talk": a number with "the" and no noun stands for people named
    before (the resolver does not say which; the phrase stands as itself)."""
    return h.tag_ == "CD" and h.ent_type_ in ("", "CARDINAL") and h.dep_ in ("dobj", "pobj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ == "the" for c in h.children) and not any(c.dep_ == "prep" for c in h.children)


def _open_recipients(cands: list[Token], actors: list[Actor], ctx: ArticleContext) -> list[Actor]:
    """The first candidate recipient that describes people or a policy (``event_open_recipients.tsv``: "the two
    men", "opposition candidates", "the plans") and names no actor the resolver knows, as an uncoded recipient;
    never a name, a place or date, a setting ("at a meeting") or a phrase inside the actor's own."""
    for h in cands:
        if not _elliptic_people(h) and (
                h.tag_ not in ("NN", "NNS") or h.ent_type_ or lemma_of(h) not in OPEN_RECIPIENTS or is_setting(h)):
            continue
        if any(a.start <= h.idx < a.end for a in actors):
            continue
        found = _open_actor(h, ctx)
        if found is not None:
            return [found]
    return []


def _fallback_actors(frame: Frame, args: Arguments, ctx: ArticleContext, lex: Lexicon, memory: list[Actor],
                     why: list[str]) -> list[Actor]:
    """Actors for a subject the resolver left open: an event-noun subject's modifiers, a pronoun's speaker,
    the traveller of "left for Cairo for talks"."""
    head = frame.head
    if frame.kind == "nominal" and head.dep_ == "pobj" and head.head.lower_ == "for" and (
            lemma_of(head.head.head) in TRAVEL_VERBS):
        verb = head.head.head
        found = _actors_of(subject_heads(verb).actor_heads, ctx)
        if found:
            why.append(f"actor from the subject of '{verb.text}' (travelling for the event)")
            return found
    for h in args.actor_heads:
        if is_nominal(h) and noun_spec(h, lex) is not None:
            found = _actors_of(noun_heads(h).actor_heads, ctx)
            if found:
                why.append(f"actor from the event noun '{h.text}'")
                return found
        if args.how == "participle" and h.dep_ in ("dobj", "pobj"):
            verb = h.head if h.dep_ == "dobj" else h.head.head
            found = _actors_of(subject_heads(verb).actor_heads, ctx)
            if found:
                why.append(f"actor from the subject of '{verb.text}' (its object '{h.text}' carries the clause)")
                return found
        if is_pronoun(h):
            report = frame.reported_by
            if report is not None:
                found = _actors_of(subject_heads(report).actor_heads, ctx)
                if found:
                    why.append(f"pronoun '{h.text}' read as the speaker of '{report.text}'")
                    return found
            if memory and h.lower_ in ("he", "she", "they", "it", "we"):
                why.append(f"pronoun '{h.text}' read as the previous event's actor")
                return list(memory)
    return []


def _attribution(frame: Frame, ctx: ArticleContext, lex: Lexicon) -> tuple[Actor | None, str | None]:
    quote = quote_of(frame, ctx.quotes)
    if quote is not None and quote.speaker is not None:
        return quote.speaker, quote.id or None
    report = frame.reported_by
    if report is not None:
        found = _actors_of(subject_heads(report).actor_heads, ctx)
        if found:
            return found[0], quote.id if quote else None
    src = according_to(frame)
    if src is not None:
        found = ctx.actors.from_head(src)
        if found:
            return found[0], quote.id if quote else None
    return None, quote.id if quote else None


def _trigger_text(frame: Frame) -> str:
    words = sorted(set(frame.words), key=lambda w: w.i)
    first, last = words[0].i, words[-1].i
    doc = words[0].doc
    if last - first < 6:
        return doc[first:last + 1].text
    return " ".join(w.text for w in words)


def _unknown_trigger(sent: Span, lex: Lexicon) -> tuple[str, str] | None:
    """A verb that CAMEO's verb dictionary knows as an event but our lexicon does not."""
    arr = doc_arrays(sent.doc)
    tags, deps = arr.tag, arr.dep
    for i in range(sent.start, sent.end):
        if not tags[i].startswith("VB") or deps[i] in ("aux", "auxpass"):
            continue  # not ``is_verbal``: tested on the arrays, without a Token
        t = arr.token(i)
        lemma = arr.lemma(i)
        if lex.known_lemma(lemma):
            continue
        code = lex.cameo_verbs.get(lemma)
        if code is not None:
            return t.text, f"trigger not in the lexicon (CAMEO's verb dictionary files it under {code})"
    return None


NON_POLITICAL_SECTORS = ("BUS", "SPT")


def _non_political(a: Actor) -> bool:
    """A business, or an organisation the resolver could give neither a country nor a sector."""
    if (a.sector or "") in NON_POLITICAL_SECTORS and not a.country:
        return True
    return a.kind == "organization" and not a.code

