"""Actor name mentions: known names (our knowledge base, user dictionaries) and spaCy's entities.

The output is a list of non-overlapping token spans, each with what is known of it: a known actor
(organisation, country, dictionary entry), a place (city or province, which only becomes an actor
through metonymy: "Moscow said"), or just spaCy's label. Noun phrases headed by agent terms
("Israeli troops") are found later, by the resolver, from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Token

from newsevents.knowledge.actor_kb import ActorKB, KnownActor, Place
from newsevents.knowledge.dictionaries import words_of
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import doc_arrays

# spaCy labels that can name an actor.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
# Lower-case words allowed inside a capitalised name ("Organization of American States", "bin Laden").
NAME_FUNCTION_WORDS = word_set("actor_name_function_words")


@dataclass
class NameMention:
    """A name in the text: tokens ``start``..``end`` (exclusive) and what it names."""

    start: int
    end: int
    label: str  # spaCy label, or KB / DICT for a knowledge-base match without an entity
    known: KnownActor | None = None
    place: Place | None = None
    inner_country: str | None = None  # an organisation named after its country ("Kenya Anti-Corruption ...")

    def span_text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


# token text -> its dictionary words; a plain dict (bounded below) costs less per token than lru_cache
_TOKEN_WORDS: dict[str, tuple[str, ...]] = {}
_TOKEN_WORDS_MAX = 65536


def _words_of_token(text: str) -> tuple[str, ...]:
    found = _TOKEN_WORDS.get(text)
    if found is None:
        if len(_TOKEN_WORDS) >= _TOKEN_WORDS_MAX:
            _TOKEN_WORDS.clear()
        found = _TOKEN_WORDS[text] = tuple(w for w, _, _ in words_of(text))
    return found


def _token_words(doc: Doc) -> tuple[list[str], list[int]]:
    # Read token attributes as arrays and slice the text: creating a Token object per token costs more
    # than the look-up itself on long articles.
    arr = doc_arrays(doc)
    # one flag per token: punctuation, space or possessive ending, none of which is part of a name's words
    # (spaCy's stub types to_array's result as float; it is a uint64 array, and | is its bitwise or)
    skip = (doc.to_array(IS_PUNCT) | doc.to_array(IS_SPACE)).tolist() if len(doc) else []  # type: ignore[operator]
    words: list[str] = []
    owners: list[int] = []
    cache = _TOKEN_WORDS
    for i, (word, tag, skipped) in enumerate(zip(arr.orth, arr.tag, skip, strict=True)):
        if skipped or tag == "POS":
            continue
        found = cache.get(word)
        if found is None:
            found = _words_of_token(word)
        if len(found) == 1:
            words.append(found[0])
            owners.append(i)
        else:
            for w in found:
                words.append(w)
                owners.append(i)
    return words, owners


def _capitalised(tokens: list[Token]) -> bool:
    """Every word of a name starts with a capital (or a digit), function words aside."""
    seen = False
    for t in tokens:
        if not t.text[:1].isalpha():
            continue
        if t.text[:1].isupper():
            seen = True
        elif t.lower_ not in NAME_FUNCTION_WORDS:
            return False
    return seen


def find_name_mentions(doc: Doc, kb: ActorKB) -> list[NameMention]:
    """Known names first (longest match, user dictionaries before ours), then spaCy entities not covered."""
    words, owners = _token_words(doc)
    taken = [False] * len(doc)
    mentions: list[NameMention] = []
    dictionaries = [(kb.user, "dictionary"), (kb.names, "kb")] if kb.user is not None else [(kb.names, "kb")]
    # a word that starts no phrase of any dictionary is skipped with one look-up per dictionary
    starts = [d.index for d, _ in dictionaries if d is not None]
    if len(starts) == 1:
        first = starts[0]
        hits = [k for k, w in enumerate(words) if w in first]
    else:
        hits = [k for k, w in enumerate(words) if any(w in index for index in starts)]
    i = 0
    for k in hits:
        if k < i:
            continue  # inside the previous match
        i = k
        best: tuple[int, KnownActor] | None = None
        for dictionary, source in dictionaries:
            if dictionary is None:
                continue
            hit = dictionary.match(words, i)
            if hit is None:
                continue
            n, entry = hit
            toks = [doc[j] for j in range(owners[i], owners[i + n - 1] + 1)]
            if not _capitalised(toks):
                continue
            phrase = tuple(words[i : i + n])
            if source == "kb" and phrase in kb.exact_case and not all(
                t.text.replace(".", "").isupper() for t in toks if t.text[:1].isalpha()
            ):
                continue
            kind = _kind_of(kb, entry, source)
            if best is None or n > best[0]:
                best = (n, KnownActor(entry.name, entry.codes, kind, source))
        if best is None:
            i += 1
            continue
        n, known = best
        start, end = owners[i], owners[i + n - 1] + 1
        if not any(taken[start:end]):
            label = "KB" if known.source == "kb" else "DICT"
            mentions.append(NameMention(start, end, label, known=known))
            for j in range(start, end):
                taken[j] = True
        i += n
    for ent in doc_arrays(doc).ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if start >= end or any(taken[start:end]):
            # A longer organisation name around a known country keeps its own span ("Kenya Anti-Corruption
            # Commission"): drop the inner country match.
            inner = [m for m in mentions if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)]
            if (
                ent.label_ == "ORG"
                and inner
                and all(m.known is not None and m.known.kind == "country" for m in inner)
                and not any(taken[j] for j in range(start, end) if not any(m.start <= j < m.end for m in inner))
            ):
                for m in inner:
                    mentions.remove(m)
                country = inner[0].known
                inner_code = country.codes[0].code if country is not None else None
                mentions.append(NameMention(start, end, ent.label_, inner_country=inner_code))
                for j in range(start, end):
                    taken[j] = True
            continue
        text = doc_arrays(doc).span_text(start, end)
        if "@" in text or "#" in text:
            continue
        place = kb.place(text) if ent.label_ != "NORP" else None
        small_town = place is not None and place.feature == "city" and place.population < 500_000
        if small_town and ent.label_ in ("PERSON", "ORG") and not _in_place(doc, start, end):
            place = None  # "Obama", "Bush": small towns share names with people, but not "police in Sivas"
        mentions.append(NameMention(start, end, ent.label_, place=place))
        for j in range(start, end):
            taken[j] = True
    # Names after a title that spaCy missed: "King Abdullah II", "President Dos Santos".
    n = len(doc)
    agents = kb.agents
    for i, lower in enumerate(doc_arrays(doc).lower):  # a Token only for a title word
        agent = agents.get((lower,))
        if agent is None:
            continue
        t = doc[i]
        if agent.kind != "person" or not t.text[:1].isupper() or t.i + 1 >= n:
            continue
        end = t.i + 1
        while end < n and doc[end].tag_ == "NNP" and doc[end].text[:1].isupper() and not taken[end]:
            if kb.agents.get((doc[end].lower_,)) is not None:
                break
            end += 1
        if end > t.i + 1:
            mentions.append(NameMention(t.i + 1, end, "PERSON"))
            for j in range(t.i + 1, end):
                taken[j] = True
    mentions.sort(key=lambda m: m.start)
    _person_homonyms(doc, mentions)
    return mentions


# Prepositions after which a name is where something is: "police in Sivas", "a rally at Kilis". Not "to" or
# "from" ("spoke to Bush", "a letter from Kennedy"), after which a person is as common as a place.
_IN_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "outside"})


def _in_place(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is the object of a preposition of location ("in Sivas"): spaCy's small model tags many
    towns PERSON, and there it is the town (a person is seldom "in" or "at" someone)."""
    root = doc[start:end].root
    return root.dep_ == "pobj" and root.head.lower_ in _IN_PLACE_PREPS and root.head.i == start - 1


def _person_homonyms(doc: Doc, mentions: list[NameMention]) -> None:
    """A town named like a person of this article is that person: "Kennedy" where "Charles Kennedy" is named,
    "Paul" where "Rand Paul" is. Capitals keep their place ("Paris Hilton" does not move Paris)."""
    arr = doc_arrays(doc)
    person_words = {
        w.lower()
        for m in mentions
        if m.label == "PERSON" and m.place is None and m.end - m.start > 1
        for w in arr.span_text(m.start, m.end).split()[1:]
    }
    if not person_words:
        return
    for m in mentions:
        if m.place is None or m.place.feature == "capital" or m.end - m.start != 1:
            continue
        if arr.span_text(m.start, m.end).lower() in person_words:
            m.place = None


def _kind_of(kb: ActorKB, entry: object, source: str) -> str:
    if source == "kb":
        kind = _KIND_CACHE.get(id(entry))
        if kind is None:
            try:
                kind = kb.name_kinds[kb.names.actors.index(entry)]  # type: ignore[arg-type]
            except ValueError:
                kind = "organization"
            _KIND_CACHE[id(entry)] = kind
        return kind
    return "dictionary"


_KIND_CACHE: dict[int, str] = {}

