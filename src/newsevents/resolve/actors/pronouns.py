"""What a pronoun or a place name stands for, looked up when an extractor asks about a token.

Pronouns: he/she/his -> the nearest person, subjects first, within three sentences, except that the
subject of a clause a person is said to say is that speaker ("He would resign, Mr Hart said") and an
object pronoun is never a subject of its own clause ("Ms Lee scolded him"); they/them -> the nearest
organisation or plural group, or people named together ("Begg and Abbasi ... They"), every member of
the coordination; it/its -> an organisation or country of the same sentence; who/which -> the noun the
relative clause hangs on. Places: a city or province heading a subject or
object phrase is its country; a capital there is the government, other cities CVL. Both are asked for
few tokens of an article, so they are found on demand and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsevents.knowledge.actor_codes import build_code
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import lemma_of
from newsevents.resolve.actors.records import SUBJECT_DEPS, ActorMention
from newsevents.resolve.actors.scope import ArticleScope

PERSON_PRONOUNS = word_set("actor_person_pronouns")
GROUP_PRONOUNS = word_set("actor_group_pronouns")
THING_PRONOUNS = word_set("actor_thing_pronouns")
RELATIVE_PRONOUNS = word_set("actor_relative_pronouns")
LOCATIVE_PREPS = word_set("actor_locative_preps")
SPEECH_VERBS = word_set("actor_speech_verbs")
OBJECT_PRONOUNS = word_set("actor_object_pronouns")
OBJECT_DEPS = ("dobj", "iobj", "dative", "pobj")
# "the two", "the four": how many people a number word with "the" and no noun stands for (a closed class)
NUMBER_WORDS = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), 2)}


@dataclass(eq=False)
class Referents:
    """The pronoun and place look-ups of one resolved article, each answer kept by token index."""

    scope: ArticleScope
    pronouns: dict[int, ActorMention | None] = field(default_factory=dict)
    places: dict[int, ActorMention | None] = field(default_factory=dict)
    antecedents: dict[int, int] = field(default_factory=dict)  # pronoun -> head token of the mention it stands for
    numbers: dict[int, list[ActorMention]] = field(default_factory=dict)  # "the four" -> the actors it stands for
    sent_starts: dict[int, int] | None = None  # first token of a sentence -> its index, once a pronoun asks

    def place_actor(self, head: Token) -> ActorMention | None:
        """A city or province as an actor: its country; a capital as subject or object is the government."""
        if head.i in self.places:
            return self.places[head.i]
        scope = self.scope
        result = None
        m = scope.name_of_token[head.i]
        place = m.place if m is not None else None
        if place is not None and m is not None:
            span = scope.doc[m.start : m.end]
            capital = place.feature == "capital" or scope.kb.is_capital(span.text, place.iso3)
            as_actor = span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "pobj") and not (
                span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE_PREPS
            )
            sector = "GOV" if capital and as_actor else ("CVL" if place.feature != "admin1" else None)
            result = ActorMention(
                entity_text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                code=build_code(place.iso3, sector), country=place.iso3, sector=sector, kind="country",
                head=span.root.i, how="place", named=False,
            )
        self.places[head.i] = result
        return result

    def resolve_pronoun(self, tok: Token) -> ActorMention | None:
        """The actor a pronoun stands for, as a mention at the pronoun; None when its antecedent is unclear."""
        if tok.i in self.pronouns:
            return self.pronouns[tok.i]
        low = tok.lower_
        target: ActorMention | None = None
        if low in RELATIVE_PRONOUNS:
            verb = tok.head
            if verb.dep_ == "relcl":
                target = self._mention_at_head(verb.head)
        elif low in PERSON_PRONOUNS:
            target = self._speaker_of(tok) or self._antecedent(tok, ("person",))
        elif low in GROUP_PRONOUNS:
            target = self._group_speaker(tok) or self._antecedent(
                tok, ("organization", "group", "country", "person"), plural=True)
        elif low in THING_PRONOUNS:
            target = self._antecedent(tok, ("organization", "country"), same_sentence_only=True)
        result = target.copy_at(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun") if target else None
        if result is not None and target is not None:
            self.antecedents[tok.i] = target.head
            result.head = tok.i
        self.pronouns[tok.i] = result
        return result

    def resolve_group(self, tok: Token) -> list[ActorMention]:
        """The actors "they" stands for, at the pronoun: every member of the coordination its antecedent heads
        ("Begg, Mubanga and Abbasi have been held by the US. They were detained ...": all three; "the US and
        Britain warned Iran. They threatened ...": both), else the one actor ``resolve_pronoun`` gives."""
        target = self.resolve_pronoun(tok)
        if target is None:
            return []
        out = [target]
        for conj in self.scope.doc[self.antecedents.get(tok.i, tok.i)].conjuncts:
            m = self._mention_at_head(conj)
            if m is not None and m.kind != "group" and all(m.cluster != o.cluster for o in out) and (
                    m.kind == "person") == (target.kind == "person"):
                copy = m.copy_at(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun")
                copy.head = tok.i
                out.append(copy)
        return out

    def resolve_number(self, tok: Token) -> list[ActorMention]:
        """"the four" with no noun: the actors named before, within three sentences, as that many ("All four
        Britons held by the US ... agreed to release the four": the Britons; "Ali and Khan ... the two": both),
        at the number; the nearest wins, [] when none."""
        if tok.i in self.numbers:
            return self.numbers[tok.i]
        doc = self.scope.doc
        arr = doc_arrays(doc)
        s_index = self._sent_index(arr.sent_of(tok.i))
        word = tok.lower_
        best: tuple[int, list[ActorMention]] | None = None
        for m in self.scope.mentions:
            if m.how == "pronoun" or m.head >= tok.i or not 0 <= s_index - self._sent_index(arr.sent_of(m.head)) <= 3:
                continue
            head = doc[m.head]
            group = []
            if any(c.dep_ == "nummod" and c.lower_ == word for c in head.children):
                group = [m]  # "four Britons"
            elif m.kind == "person" and head.dep_ != "conj" and NUMBER_WORDS.get(word) == 1 + len(
                    [c for c in head.conjuncts if (o := self._mention_at_head(c)) is not None and o.kind == "person"]):
                group = [m] + [o for c in head.conjuncts if (o := self._mention_at_head(c)) is not None]
            if group and (best is None or m.head > best[0]):
                best = (m.head, group)
        out = []
        for m in best[1] if best else []:
            copy = m.copy_at(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun")
            copy.head = tok.i
            out.append(copy)
        self.numbers[tok.i] = out
        return out

    def _coordinated_people(self, m: ActorMention) -> bool:
        """Whether a person mention heads a coordination of two or more persons ("Begg and Abbasi")."""
        head = self.scope.doc[m.head]
        if head.dep_ == "conj":
            return False
        return any((o := self._mention_at_head(c)) is not None and o.kind == "person" for c in head.conjuncts)

    @staticmethod
    def _speakers(tok: Token) -> list[Token]:
        """The subjects of the speech verb whose clause a subject pronoun heads ("Mr Hart said he ..."), else []."""
        if tok.dep_ not in SUBJECT_DEPS:
            return []
        clause = tok.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ not in ("ccomp", "parataxis") or lemma_of(clause.head) not in SPEECH_VERBS:
            return []
        verb = clause.head
        for _ in range(5):
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i != tok.i]
            if subjects or verb.dep_ != "conj" or verb.head.i == verb.i:
                return subjects
            verb = verb.head  # "He did not rule it out but said he would ...": the conjoined verbs' subject
        return []

    def _speaker_of(self, tok: Token) -> ActorMention | None:
        """The person who says the clause a subject pronoun heads: "He would not resign, Mr Hart said" and "Mr
        Hart said he would not resign" are Hart's, whoever was named before (the speaker may follow)."""
        for subj in self._speakers(tok):
            if subj.lower_ == tok.lower_ and subj.i < tok.i:
                # "He said he would ...": the same pronoun as the speaker's stands for the speaker's referent
                found = self.resolve_pronoun(subj)
                target = self.antecedents.get(subj.i)
                if found is not None and target is not None:
                    return self._mention_at_head(self.scope.doc[target]) or found
                continue
            found = self._mention_at_head(subj)
            if found is not None and found.kind == "person" and found.how != "pronoun" and found.cluster >= 0:
                return found
        return None

    def _group_speaker(self, tok: Token) -> ActorMention | None:
        """The body that says the clause a subject "they"/"we" heads: "the Conservatives said they would press
        Labour", "They said they would ..." (the speaker's own antecedent), "A Labour spokesman said they
        would ..." (the body the speaker speaks for, named in the speaker's phrase); whoever was named nearer."""
        subj = next(iter(self._speakers(tok)), None)
        if subj is None:
            return None
        if subj.lower_ in GROUP_PRONOUNS:
            found = self.resolve_pronoun(subj)
            if found is not None and subj.i in self.antecedents:
                return self._mention_at_head(self.scope.doc[self.antecedents[subj.i]]) or found
            return found
        found = self._mention_at_head(subj)
        if found is not None and found.how != "pronoun" and found.kind in ("organization", "group", "country") and (
                found.cluster >= 0 or subj.tag_ in ("NNS", "NNPS")):
            return found
        for mod in subj.children:  # "an Operation Black Vote spokesman", "the party's spokeswoman"
            if mod.dep_ in ("compound", "poss", "nmod") and mod.i < subj.i:
                m = self._mention_at_head(mod)
                if m is not None and m.kind in ("organization", "country") and m.how == "name" and m.cluster >= 0:
                    return m
        return None

    def _local_subjects(self, tok: Token) -> set[int]:
        """Heads of the subjects of an object pronoun's own clause, through control ("refused to help him"):
        "him" is never one of them ("himself" would be)."""
        if tok.dep_ in SUBJECT_DEPS and tok.lower_ in OBJECT_PRONOUNS and tok.head.dep_ in ("ccomp", "xcomp"):
            verb = tok.head.head  # "helped him do so": the object of "helped", raised into the infinitive
        elif tok.dep_ in OBJECT_DEPS and not tok.lower_.endswith("self"):
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        else:
            return set()
        out: set[int] = set()
        for _ in range(4):
            own = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
            out |= own
            # up through control, and through coordination only to borrow a subject ("resigned and blamed him")
            if verb.head.i == verb.i or not (verb.dep_ == "xcomp" or verb.dep_ == "conj" and not own):
                break
            verb = verb.head
        return out

    def _mention_at_head(self, head: Token) -> ActorMention | None:
        found = self.scope.by_head.get(head.i) or []
        if found:
            return found[0]
        return self.scope.by_token.get(head.i)

    def _antecedent(self, tok: Token, kinds: tuple[str, ...], plural: bool = False,
                    same_sentence_only: bool = False) -> ActorMention | None:
        doc = self.scope.doc
        arr = doc_arrays(doc)
        s_index = self._sent_index(arr.sent_of(tok.i))
        best: tuple[tuple[int, int, int, int], ActorMention] | None = None
        window = 0 if same_sentence_only else 3
        local = self._local_subjects(tok)
        local_clusters = {m.cluster for m in self.scope.mentions if m.head in local and m.cluster >= 0}
        for m in self.scope.mentions:
            if m.head in local or m.cluster in local_clusters:
                continue
            if m.how == "pronoun" or m.start >= tok.idx or m.kind not in kinds:
                continue
            if m.cluster < 0 and m.how != "agent":
                continue
            if m.how == "agent" and not plural:
                continue
            if m.kind == "person" and plural and (m.how != "name" or not self._coordinated_people(m)):
                continue  # "they": people only as a coordination of names
            head = doc[m.head]
            dist = s_index - self._sent_index(arr.sent_of(m.head))
            if dist < 0 or dist > window:
                continue
            if plural and m.how == "agent" and head.tag_ not in ("NNS", "NNPS"):
                continue
            clause_role = head
            if plural and head.dep_ == "conj":
                continue  # "the US and Britain ... They": the coordination, through its first member
            while plural and clause_role.dep_ in ("appos", "conj") and clause_role.head.i != clause_role.i:
                clause_role = clause_role.head  # "activists Mwangi and Atuhaire were held": the names are the subject
            subject = 0 if clause_role.dep_ in SUBJECT_DEPS or clause_role.dep_ == "poss" else 1
            # for "they", the subject of the sentence's main verb before one inside its clauses ("the
            # Conservatives insisted they would hold ministers to account. They said ...": the Conservatives)
            embedded = int(plural and subject == 0 and clause_role.head.dep_ != "ROOT")
            score = (dist, subject, embedded, -m.start)
            if best is None or score < best[0]:
                best = (score, m)
        if plural:
            # a "they" already resolved as a main-clause subject carries its referent on ("They said they would
            # press Labour. And they pledged ...": the Conservatives of the first "They", not a body named later
            # inside its clause)
            for i, found in self.pronouns.items():
                if found is None or i >= tok.i or doc[i].lower_ not in GROUP_PRONOUNS or found.kind not in kinds:
                    continue
                if doc[i].dep_ not in SUBJECT_DEPS or doc[i].head.dep_ != "ROOT" or i in local:
                    continue
                dist = s_index - self._sent_index(arr.sent_of(i))
                target = self._mention_at_head(doc[self.antecedents[i]]) if i in self.antecedents else None
                score = (dist, 0, 0, -doc[i].idx)
                if target is not None and 0 <= dist <= window and (best is None or score < best[0]):
                    best = (score, target)
        return best[1] if best else None

    def _sent_index(self, sent: Span) -> int:
        if self.sent_starts is None:
            self.sent_starts = {s.start: i for i, s in enumerate(doc_arrays(self.scope.doc).sents)}
        return self.sent_starts.get(sent.start, 0)
