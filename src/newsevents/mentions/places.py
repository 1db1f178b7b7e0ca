"""Toponym mentions in an article: NER places, demonyms, names inside organisations, names spaCy mislabels.

This module finds the mentions; ``newsevents.resolve.places`` ranks their GeoNames candidates and
gives the article's places (``find_places``) to the event coder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsevents.knowledge.demonyms import demonym_table, place_plural
from newsevents.knowledge.gazetteer import Gazetteer, fold, load_gazetteer
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import DocArrays, doc_arrays
from newsevents.nlp.lemmas import lemma_index

# The word lists are data (resources/lexicon/place_*.tsv, docs/knowledge.md).
ORG_WORDS = word_set("place_org_words")  # head organisation names: "Police" in one is no town in Poland
DIRECTIONS = word_set("place_directions")  # "Northeast Georgia" is looked up as "Georgia"
MEDIA_WORDS = word_set("place_media_words")  # "The Washington Post" is no place mention
PERSON_TITLES = word_set("place_person_titles")  # "Mrs. Lincoln" is a person
ADMIN_HINTS = word_set("place_admin_hints")  # "Panjshir province": a division
CITY_HINTS = word_set("place_city_hints")  # "Dover town": a town
# Nested or mislabelled names must be important places: countries, divisions, continents, large cities.
_MIN_CITY_POP_NESTED = 20_000
_MIN_CITY_POP_MISLABEL = 100_000
_MIN_CITY_POP_BIG = 100_000
WEAK_NOUNS = False

_WORDS: dict[bool, frozenset[str]] = {}


def _english(nouns: bool) -> frozenset[str]:
    """English words (WordNet lemmas in spaCy's lemmatizer tables): "Spring", "Bell" and "Best" are words first.

    Read once the model is loaded (``nlp.model.load_model`` keeps the tables); empty before that.
    """
    if nouns not in _WORDS:
        index = lemma_index()
        if not index:
            return frozenset()
        parts = ("noun", "verb", "adj", "adv") if nouns else ("verb", "adj", "adv")
        _WORDS[nouns] = frozenset(w for pos in parts for w in index.get(pos, ()) if w.isalpha())
    return _WORDS[nouns]


def is_word(text: str, nouns: bool = True) -> bool:
    """Whether a single capitalised token is also an ordinary English word (nouns included or not)."""
    return text.lower() in _english(nouns)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym or country adjective (and plural) -> ISO alpha-2, from the one demonym table."""
    table: dict[str, str] = {}
    for country in demonym_table():
        for form in country.for_places:
            key = fold(form)
            table[key] = country.iso2
            plural = place_plural(key)
            if plural is not None:
                table.setdefault(plural, country.iso2)
    return table


@dataclass
class Mention:
    """A toponym found in the text, before resolution."""

    text: str
    start: int
    end: int
    query: str  # the name to look up (suffix such as "province" removed)
    source: str  # ner | demonym | nested | mislabel | token
    hint: str | None = None  # admin | city: the word next to the name says which kind of place
    country: str | None = None  # ISO alpha-2 when the mention is a demonym
    next_to: int | None = None  # index of a mention right after ", " ("Alexandria, Va.")


def _strip(span: Span) -> tuple[int, int] | None:
    """Token bounds of a span without a leading "the" and trailing "'s" or punctuation."""
    a, b = span.start, span.end
    doc = span.doc
    arr = doc_arrays(doc)
    lower, tag = arr.lower, arr.tag
    while a < b and lower[a] in ("the", "a", "an"):
        a += 1
    while b > a and (tag[b - 1] == "POS" or lower[b - 1] in ("'s", "’s", "'", "’") or doc[b - 1].is_punct):
        b -= 1
    return (a, b) if b > a else None


def _names(arr: DocArrays, a: int, b: int) -> bool:
    """Whether tokens ``a``..``b`` all look like words of a name: proper nouns, or capitalised adjectives and
    nouns (read off the arrays, without Token objects)."""
    tag, orth = arr.tag, arr.orth
    return all(tag[i] in ("NNP", "NNPS") or (orth[i][:1].isupper() and tag[i] in ("JJ", "NN", "NNS"))
               for i in range(a, b))


class _Finder:
    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.dem = demonyms()
        self.mentions: list[Mention] = []
        self.taken: set[int] = set()  # token indices already inside a mention
        # Single names that are also part of a longer person's name ("Amrullah Saleh" -> "Saleh" is a person).
        persons = [e for e in doc_arrays(doc).ents if e.label_ == "PERSON" and len(e) > 1]
        self.person_parts = {fold(t.text) for e in persons for t in e}
        self.person_surnames = {fold(e[-1].text) for e in persons}

    def add(self, a: int, b: int, source: str, country: str | None = None, query: str | None = None) -> None:
        if any(i in self.taken for i in range(a, b)):
            return
        doc = self.doc
        hint = None
        # a following "province", "Valley", "County" belongs to the toponym and says what kind it is
        if b < len(doc) and doc[b].lower_ in ADMIN_HINTS | CITY_HINTS and not country and doc[b].text != "City":
            b += 1
        text_span = doc[a:b]
        q = query or text_span.text
        if b - a > 1 and doc[a].lower_ in DIRECTIONS and not self.gaz.has(q):
            q = doc[a + 1:b].text  # "Northeast Georgia", "South Philadelphia": the place is the rest
        last = doc[b - 1].lower_
        if not country and last in ADMIN_HINTS | CITY_HINTS and b - a > 1:
            hint = "city" if last in CITY_HINTS else "admin"
            if not self.gaz.has(q):
                q = q[: len(q) - len(doc[b - 1].text)].strip()
        self.mentions.append(Mention(
            text=text_span.text, start=text_span.start_char, end=text_span.end_char, query=q, source=source,
            hint=hint, country=country,
        ))
        self.taken.update(range(a, b))

    def strong(self, name: str, min_city_pop: int) -> bool:
        """Whether a name denotes an important place: a country, division, continent or large city."""
        for e, kind in self.gaz.lookup(name):
            if e.feature in ("country", "admin1", "other") and kind < 2:
                return True
            if e.feature == "admin2" and kind == 0 and " " in name:
                return True
            if e.feature == "city" and kind == 0 and e.population >= min_city_pop:
                return True
        return False

    def demonym(self, text: str) -> str | None:
        return self.dem.get(fold(text))

    def nested(self, a: int, b: int) -> None:
        """Place names inside an organisation or facility name: "Kabul University", "the Tajik embassy"."""
        arr = doc_arrays(self.doc)
        lower = arr.lower
        i = a
        while i < b:
            for n in (3, 2, 1):
                j = i + n
                if j > b:
                    continue
                if not _names(arr, i, j):
                    continue
                text = arr.span_text(i, j)
                cc = self.demonym(text) if n == 1 else None
                if cc:
                    self.add(i, j, "demonym", country=cc)
                    i = j
                    break
                # "Butler County" in "the Butler County Coroner's Office": a division's full name
                named_division = n > 1 and lower[j - 1] in ADMIN_HINTS
                # An organisation word inside the name is no place ("Police"); the first word of a longer name may
                # be one ("New" of "the New York Police Department", "New Delhi Television").
                if not named_division and any(lower[k] in ORG_WORDS for k in range(i + (n > 1), j)):
                    continue
                if j == b and i > a and lower[i - 1] not in ("of", "in", "at", "for", "de"):
                    continue  # a name's last word ("Taco Bell", "Tyrise M. Bell") is a surname or a brand
                big = n == 1 and is_word(text)  # "Lincoln Dinner": a common word must be a big place
                if self.strong(text, _MIN_CITY_POP_BIG if big else _MIN_CITY_POP_NESTED):
                    self.add(i, j, "nested")
                    i = j
                    break
            else:
                i += 1

    def mislabelled(self, ent: Span, a: int, b: int) -> None:
        """A place spaCy calls a person or organisation ("Panjshir"), or a place inside an organisation's name."""
        doc = self.doc
        arr = doc_arrays(doc)
        text = arr.span_text(a, b)
        label = ent.label_
        name_like = b - a <= 3 and _names(arr, a, b)
        generic = any(arr.lower[i] in ORG_WORDS for i in range(a, b))
        personal = label == "PERSON" and b - a == 1 and (
            fold(text) in self.person_parts or (a > 0 and fold(doc[a - 1].text) in PERSON_TITLES)
        )
        if b - a == 1 and is_word(text, nouns=False):
            return  # "First", "Jewish", "Best": an adjective or verb, not a place
        if name_like and not generic and not personal and label in ("ORG", "FAC", "PERSON", "PRODUCT"):
            if self.strong(text, _MIN_CITY_POP_MISLABEL):
                self.add(a, b, "mislabel")
                return
            if (label != "PERSON" or b - a == 1) and not (b - a == 1 and is_word(text, nouns=WEAK_NOUNS)):
                if any(e.feature in ("city", "admin2") and k == 0 for e, k in self.gaz.lookup(text)):
                    self.add(a, b, "weak")  # kept only if the article's other places support it
                    return
        if label in ("ORG", "FAC", "EVENT", "WORK_OF_ART") and doc[b - 1].lower_ not in MEDIA_WORDS:
            self.nested(a, b)

    def datelines(self) -> None:
        """"COLUMBUS, Ohio --" or "BEIRUT (AP) -": a capitalised place name opening a sentence."""
        doc = self.doc
        if not doc.has_annotation("SENT_START"):
            return  # a pipeline without a parser or sentencizer: no sentence starts to read
        for sent_start in {s.start for s in doc_arrays(doc).sents}:
            j = sent_start
            while j < len(doc) and j - sent_start < 3 and doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1:
                j += 1
            if j == sent_start or j >= len(doc) or doc[j].text not in (",", "-", "--", "—", "–", "(", ":"):
                continue
            name = doc_arrays(doc).span_text(sent_start, j)
            if any(e.feature in ("city", "admin1", "admin2", "country") and k == 0 for e, k in self.gaz.lookup(name)):
                self.add(sent_start, j, "dateline")

    def run(self) -> list[Mention]:
        doc = self.doc
        for ent in doc_arrays(doc).ents:
            bounds = _strip(ent)
            if bounds is None:
                continue
            a, b = bounds
            text = doc_arrays(doc).span_text(a, b)
            label = ent.label_
            cc = self.demonym(text)
            if cc and label in ("NORP", "GPE", "PERSON", "ORG", "LOC"):
                self.add(a, b, "demonym", country=cc)
            elif label in ("GPE", "LOC"):
                if b - a == 1 and fold(text) in self.person_surnames:
                    continue  # "Lincoln" after "Abraham Lincoln" is the man
                self.add(a, b, "ner")
            elif label == "NORP":
                if self.strong(text, _MIN_CITY_POP_MISLABEL):
                    self.add(a, b, "ner")
                elif not is_word(text) and any(e.feature in ("city", "admin2") and k == 0
                                               for e, k in self.gaz.lookup(text)):
                    self.add(a, b, "weak")  # "Greer, South Carolina" tagged as a nationality
                else:  # "Russian-American": each part
                    for t in doc[a:b]:
                        code = self.demonym(t.text) if t.text[:1].isupper() else None
                        if code:
                            self.add(t.i, t.i + 1, "demonym", country=code)
            elif label in ("ORG", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"):
                self.mislabelled(ent, a, b)
        self.datelines()
        # Names spaCy left untagged: demonyms and important places written as proper nouns.
        in_ent = {i for e in doc_arrays(doc).ents for i in range(e.start, e.end)}
        arr = doc_arrays(doc)
        tags = arr.tag
        for i, word in enumerate(arr.orth):  # token texts and tags: a Token object only for a candidate
            if i in in_ent or i in self.taken or not word[:1].isupper():
                continue
            cc = self.demonym(word)
            if cc and tags[i] in ("JJ", "NNP", "NNPS", "NN", "NNS"):
                self.add(i, i + 1, "demonym", country=cc)
                continue
            if tags[i] != "NNP":
                continue
            t = doc[i]
            if t.is_sent_start or fold(t.text) in self.person_parts or t.lower_ in ORG_WORDS:
                continue
            j = t.i + 1  # a run of proper nouns: "Grand Prairie", "Glen Allen"
            while j < len(doc) and j - t.i < 3 and tags[j] == "NNP" and j not in in_ent and j not in self.taken:
                j += 1
            for k in range(j, t.i, -1):
                found = self.gaz.lookup(arr.span_text(t.i, k))
                if any(e.feature in ("country", "admin1") and kind == 0 for e, kind in found):
                    self.add(t.i, k, "token")
                    break
                if any(e.feature in ("city", "admin2") and kind == 0 for e, kind in found):
                    titled = t.i > 0 and fold(doc[t.i - 1].text) in PERSON_TITLES
                    if k - t.i == 1 and (is_word(t.text, nouns=WEAK_NOUNS) or titled):
                        break
                    self.add(t.i, k, "weak")
                    break
        self.mentions.sort(key=lambda m: m.start)
        # "Alexandria, Va.": a mention right after a comma names the container of the one before it
        text = arr.text  # Doc.text joins every token on each access: read it once per article
        for i in range(len(self.mentions) - 1):
            m, nxt = self.mentions[i], self.mentions[i + 1]
            if text[m.end:nxt.start].strip() == ",":
                m.next_to = i + 1
        return self.mentions


def find_mentions(doc: Doc, gaz: Gazetteer | None = None) -> list[Mention]:
    """Toponym mentions of a parsed article, in text order."""
    return _Finder(doc, gaz or load_gazetteer()).run()
