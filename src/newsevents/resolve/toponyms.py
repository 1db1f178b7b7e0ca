"""Toponym mentions that are something else in their article, left out before their places are ranked.

``mentions.places`` finds every name that could be a place; some of them are, in this article, a person or a
common word that a small town happens to share ("Meredith said", "Interior Secretary Ken Salazar", "the
Jewish community"). A wrong place is worse than none (docs/places-and-dates.md, "Finding toponyms"), so these
mentions are dropped before resolution, where they would also lend false context to the article's other names.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsevents.knowledge.gazetteer import Entry, Gazetteer, fold
from newsevents.knowledge.resources import word_set
from newsevents.mentions.places import PERSON_TITLES, Mention, is_word
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import lemma_of

PERSON_VERBS = word_set("place_person_verbs")  # "Meredith said": the subject is a person
BIG_CITY_POPULATION = 100_000  # a city this large keeps its reading even as a speaker ("Gainesville says no")
COMMON_WORD_CITY_POPULATION = 100_000  # a town named like a common noun ("Secretary", "Media") must be this big


def _lasting(entry: Entry, kind: int) -> bool:
    """A reading that no person or common word in the article overrides: a country, a first-level division by
    its own name, a national capital or a city of a million."""
    if entry.feature == "country" or (entry.feature == "admin1" and kind == 0):
        return True
    return entry.capital or (entry.feature == "city" and entry.population >= BIG_CITY_POPULATION)


def person_names(doc: Doc) -> set[str]:
    """Folded names the article uses for people: the subject of a person verb ("Turner said", "said Lennox"),
    with its compound first names, and a name after a title ("Mr. Turner")."""
    arr = doc_arrays(doc)
    names: set[str] = set()
    for i, tag in enumerate(arr.tag):
        if tag not in ("NNP", "NNPS"):
            continue
        t = doc[i]
        if t.dep_ == "nsubj" and lemma_of(t.head) in PERSON_VERBS:
            first = min([c.i for c in t.children if c.dep_ == "compound" and c.i < t.i] + [t.i])
            names.add(fold(doc[first:t.i + 1].text))
            names.add(fold(t.text))
        elif i > 0 and fold(doc[i - 1].text) in PERSON_TITLES:
            names.add(fold(t.text))
    return names


def _person(m: Mention, candidates: list[tuple[Entry, int]], people: set[str]) -> bool:
    return fold(m.query) in people and not any(_lasting(e, k) for e, k in candidates)


def _common_word(doc: Doc, m: Mention, candidates: list[tuple[Entry, int]], lower: set[str]) -> bool:
    """A single common word read as a place: an adjective or verb that names a division only by an alternate
    name ("Jewish" for the Jewish Autonomous Oblast, "Western", "First"); or a small town found only by its
    capital ("weak") that shares a noun the article also writes in lower case, or that stands right before a
    person's name as a title ("Interior Secretary Ken Salazar", "Trooper Drew Ledbetter")."""
    if " " in m.query:
        return False
    if is_word(m.query, nouns=False) and not any(k == 0 or e.feature == "country" for e, k in candidates):
        return True
    if m.source != "weak" or not is_word(m.query):
        return False
    if any(e.population >= COMMON_WORD_CITY_POPULATION for e, k in candidates if k == 0):
        return False
    if m.query.lower() in lower:
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].ent_type_ == "PERSON" and doc[
        span.end].ent_iob_ == "B"


def drop_homonyms(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """The mentions without those that are people or common words in this article (one sense per name per
    article: "Hughes said" makes every "Hughes" of it a person); ``next_to`` is renumbered."""
    people = person_names(doc)
    lower = {w for w in doc_arrays(doc).orth if w.islower()}
    keep: list[int] = []
    for i, m in enumerate(mentions):
        if m.country is not None or m.source == "dateline":
            keep.append(i)
            continue
        candidates = gaz.lookup(m.query)
        if _person(m, candidates, people) or _common_word(doc, m, candidates, lower):
            continue
        keep.append(i)
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for old in keep:
        m = mentions[old]
        nxt = new_index.get(m.next_to) if m.next_to is not None else None
        out.append(m if nxt == m.next_to else replace(m, next_to=nxt))
    return out
