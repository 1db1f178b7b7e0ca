"""Name clusters: the name mentions of one article grouped into actors, each with its display name.

Known names (our knowledge base, a user dictionary) cluster by entry, nationality nouns by country
("Afghans" is the group AFG), persons by their name words: the longest variant founds the actor and
shorter ones ("Massoud", "Mr Saleh") join it; "X (ABBR)" makes ABBR an alias.
"""

from __future__ import annotations

from newsevents.knowledge.actor_codes import split_code
from newsevents.knowledge.actor_kb import HONORIFICS
from newsevents.knowledge.dictionaries import fold
from newsevents.mentions.entities import NameMention
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.model import INVISIBLE_CHARS
from newsevents.resolve.actors.phrases import agent_at
from newsevents.resolve.actors.records import ActorMention, Cluster
from newsevents.resolve.actors.scope import ArticleScope


def cluster_names(scope: ArticleScope) -> None:
    """Group name mentions into actors: known names by entry, persons by their name words."""
    by_key: dict[str, Cluster] = {}
    persons: list[tuple[NameMention, tuple[str, ...]]] = []
    others: list[NameMention] = []
    for m in scope.names:
        text = doc_arrays(scope.doc).span_text(m.start, m.end)
        if m.known is not None:
            kind = m.known.kind
            if kind == "dictionary":
                kind = "person" if _spacy_label(scope, m) == "PERSON" else (
                    "country" if split_code(m.known.codes[0].code).sectors == () and len(
                        m.known.codes[0].code) == 3 else "organization")
            key = f"known:{m.known.source}:{m.known.name}"
            c = by_key.get(key)
            if c is None:
                name = m.known.name
                if m.known.source == "dictionary":
                    name = pretty_name(text) if kind != "country" else _country_display(scope, m)
                c = by_key[key] = _new_cluster(scope, name, kind, _name_words(scope, m))
                c.known_codes, c.known_source = m.known.codes, m.known.source
            if kind == "person":
                persons.append((m, _name_words(scope, m)))
            _attach(scope, m, c)
            continue
        if m.place is not None and m.label in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
            continue  # a city or province: an actor only through metonymy (place_actor)
        iso = scope.kb.demonym(text)
        if iso:
            root = scope.doc[m.start : m.end].root
            if root.dep_ in ("amod", "compound") or root.tag_.startswith("JJ") and root.dep_ != "pobj":
                continue  # "Tajik embassy": a national adjective, read by the phrase analysis
            key = f"people:{iso}"
            c = by_key.get(key)
            if c is None:
                c = by_key[key] = _new_cluster(scope, pretty_name(text), "group", (fold(text),))
                c.country = iso
            _attach(scope, m, c)
            continue
        if scope.kb.country(text) and m.label != "PERSON":
            continue  # a country word; "Mr Jordan" (kinds.person_surnames) is a person
        if m.label == "ORG" and m.start > 0:
            before = agent_at(scope, scope.doc[m.start - 1])
            if before is not None and before[0].kind == "person" and not before[0].inherit:
                m.label = "PERSON"  # "Vice-President Moody Awori" tagged ORG: a title says person
        if m.label == "PERSON":
            words = _name_words(scope, m)
            if words:
                persons.append((m, words))
        else:
            others.append(m)
    # Persons: the longest name variants found actors; shorter ones ("Massoud", "Mr Saleh") join them.
    person_clusters: list[Cluster] = [c for c in scope.clusters if c.kind == "person"]
    for m, words in sorted(persons, key=lambda p: (-len(p[1]), p[0].start)):
        if id(m) in scope.cluster_of_name:
            continue
        target = _person_cluster_for(scope, words, m.start, person_clusters)
        if target is None:
            target = _new_cluster(scope, pretty_name(" ".join(_display_tokens(scope, m))), "person", words)
            person_clusters.append(target)
        _attach(scope, m, target)
    for m in others:
        text = doc_arrays(scope.doc).span_text(m.start, m.end)
        words = _name_words(scope, m)
        if len(words) == 1 and m.label in ("GPE", "ORG", "NORP", "LOC", "FAC"):
            target = _person_cluster_for(scope, words, m.start, person_clusters, strict=True)
            if target is not None:
                _attach(scope, m, target)
                continue
        if m.label == "NORP":
            head = scope.doc[m.end - 1]
            if head.dep_ in ("amod", "compound"):
                continue
        key = "name:" + " ".join(words).lower()
        c = by_key.get(key)
        if c is None:
            kind = {"ORG": "organization", "FAC": "organization"}.get(m.label, "group")
            c = by_key[key] = _new_cluster(scope, pretty_name(" ".join(_display_tokens(scope, m))), kind, words)
            if m.inner_country:
                c.known_codes, c.known_source = (), "inner"
                c.country = m.inner_country
        _attach(scope, m, c)
    _abbreviations(scope, by_key)


def _name_words(scope: ArticleScope, m: NameMention) -> tuple[str, ...]:
    toks = [t for t in scope.doc[m.start : m.end] if not t.is_punct and t.tag_ != "POS"]
    while toks and (toks[0].lower_ in HONORIFICS or scope.kb.agents.get((toks[0].lower_,)) is not None) and len(
        toks
    ) > 1:
        toks = toks[1:]
    return tuple(fold(t.text) for t in toks)


def _new_cluster(scope: ArticleScope, name: str, kind: str, words: tuple[str, ...] = ()) -> Cluster:
    c = Cluster(len(scope.clusters), name, kind, words)
    scope.clusters.append(c)
    return c


def _display_tokens(scope: ArticleScope, m: NameMention) -> list[str]:
    toks = [t for t in scope.doc[m.start : m.end] if t.tag_ != "POS"]
    while len(toks) > 1 and (toks[0].lower_ in HONORIFICS or scope.kb.agents.get((toks[0].lower_,)) is not None):
        toks = toks[1:]
    out: list[str] = []
    for t in toks:
        out.append(t.text + t.whitespace_)
    return ["".join(out).strip()]


def _spacy_label(scope: ArticleScope, m: NameMention) -> str | None:
    for ent in doc_arrays(scope.doc).ents:
        if ent.start <= m.start < ent.end or m.start <= ent.start < m.end:
            return ent.label_
    return None


def _country_display(scope: ArticleScope, m: NameMention) -> str:
    iso = split_code(m.known.codes[0].code).country if m.known is not None else None
    return scope.kb.country_name(iso) if iso else doc_arrays(scope.doc).span_text(m.start, m.end)


def _person_cluster_for(
    scope: ArticleScope, words: tuple[str, ...], start: int, clusters: list[Cluster], strict: bool = False
) -> Cluster | None:
    candidates: list[Cluster] = []
    for c in clusters:
        if c.kind != "person" or not c.words:
            continue
        if words == c.words or (len(words) < len(c.words) and all(w in c.words for w in words)):
            if strict and words[-1] != c.words[-1] and words[0] != c.words[0]:
                continue
            candidates.append(c)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # Ambiguous surname: the actor mentioned most recently before, else the first one.
    at = scope.doc[start].idx
    before = [(max((mm.start for mm in c.mentions if mm.start < at), default=-1), c) for c in candidates]
    before.sort(key=lambda p: -p[0])
    return before[0][1]


def _attach(scope: ArticleScope, m: NameMention, c: Cluster) -> None:
    span = scope.doc[m.start : m.end]
    head = span.root
    text = doc_arrays(scope.doc).span_text(m.start, m.end)
    mention = ActorMention(
        entity_text=text, start=span.start_char, end=span.end_char, name=c.name, code="",
        kind=c.kind, head=head.i, cluster=c.id, how="name", named=True,
    )
    c.mentions.append(mention)
    c.aliases.add(text)
    c.first_token = min(c.first_token, m.start)
    scope.cluster_of_name[id(m)] = c.id
    scope.mention_of_name[id(m)] = mention


def _abbreviations(scope: ArticleScope, by_key: dict[str, Cluster]) -> None:
    """"Revolutionary United Front (RUF)": the abbreviation names the same actor."""
    doc = scope.doc
    for m in scope.names:
        idx = scope.cluster_of_name.get(id(m))
        if idx is None or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text == "(" and doc[m.end + 1].text.isupper() and doc[m.end + 2].text == ")":
            scope.clusters[idx].aliases.add(doc[m.end + 1].text)
            by_key.setdefault("name:" + fold(doc[m.end + 1].text).lower(), scope.clusters[idx])


# zero-width and bidi characters in a name's words (which keep them: offsets) are spaces in its display name
_INVISIBLE_AS_SPACE = str.maketrans(dict.fromkeys(INVISIBLE_CHARS, " "))


def pretty_name(text: str) -> str:
    """A display name: no leading article, no possessive, single spaces."""
    text = " ".join(text.translate(_INVISIBLE_AS_SPACE).split())
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    if text.isupper() and len(text) > 5:
        text = text.title()
    return text
