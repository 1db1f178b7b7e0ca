"""Actor mentions resolved to canonical actors with CAMEO-style codes.

Interface used by the quote and event extractors:
``ArticleActors.from_head(token)`` gives the actors of the noun phrase a token heads (coordination
split into a list, pronouns resolved where clear, [] when the phrase holds no actor);
``actor_for_span(start, end)`` the actor mentioned at some characters; ``resolve_pronoun(token)``
the named actor a pronoun stands for; ``entities`` every named actor of the article, once per
mention, canonicalised (one ``name`` per actor within the article).

How a code is chosen, first hit wins (see ``docs/actors.md``): a user dictionary entry valid on the
article's date; a role the article itself states (appositive, title before the name, copular or
relative clause, "X's government"); our knowledge base (organisations, countries); the cross-article
registry; for a person with a role but no country, the article's main country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsevents.knowledge.actor_codes import SECTORS, build_code, country_of_code, pick_code, split_code, to_date
from newsevents.knowledge.actor_kb import HONORIFICS, ActorKB
from newsevents.knowledge.dictionaries import fold
from newsevents.mentions.entities import NameMention, find_name_mentions
from newsevents.models import Actor, Article
from newsevents.nlp.arrays import doc_arrays
from newsevents.nlp.lemmas import lemma_of
from newsevents.resolve.actors.demonyms import demonym_actors
from newsevents.resolve.actors.phrases import Description, agent_at, describe
from newsevents.resolve.actors.records import SUBJECT_DEPS, ActorMention, Cluster, NameInfo, Role, np_span
from newsevents.resolve.actors.roles import RoleLearning

__all__ = ["ActorKB", "ActorMention", "ArticleActors", "Role", "resolve_actors"]

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
LOCATIVE_PREPS = frozenset({"in", "at", "into", "inside", "across", "throughout", "within", "near", "to", "from"})
GENERIC_ORG_HEADS = frozenset({"group", "movement", "organization", "organisation", "agency", "network", "party"})


@dataclass
class ArticleActors:
    """The actors of one article; see the module docstring for the interface."""

    entities: list[Actor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)  # every actor mention, named or not
    clusters: list[Cluster] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)  # token index -> mention covering it
    by_head: dict[int, list[ActorMention]] = field(default_factory=dict)  # head token -> its actor(s)
    resolver: _Resolver | None = field(default=None, repr=False)

    def from_head(self, token: Token) -> list[Actor]:
        """Actors of the noun phrase headed by ``token``; conjuncts give more actors; [] when none."""
        out: list[Actor] = []
        seen: set[tuple[int, int, int]] = set()
        for head in [token, *token.conjuncts]:
            for actor in self._actors_of(head):
                key = (actor.start, actor.end, actor.cluster if actor.cluster >= 0 else id(actor))
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return out

    def _actors_of(self, head: Token) -> list[ActorMention]:
        found = self.by_head.get(head.i)
        if found:
            return found
        mention = self.by_token.get(head.i)
        if mention is not None:
            return [mention]
        if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | RELATIVE_PRONOUNS:
            pron = self.resolve_pronoun(head)
            return [pron] if pron is not None else []
        if self.resolver is not None:
            place = self.resolver.place_actor(head)
            if place is not None:
                return [place]
            return demonym_actors(self.resolver, head)
        return []

    def actor_for_span(self, start: int, end: int) -> Actor | None:
        """The mention that best covers the characters ``start``..``end`` (most overlap), else None."""
        best, best_overlap = None, 0
        for m in self.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap or overlap == best_overlap and best is not None and m.named and not best.named:
                best, best_overlap = m, overlap
        return best

    def resolve_pronoun(self, token: Token) -> ActorMention | None:
        """The actor a pronoun (he, she, they, who, ...) refers to when its antecedent is clear, else None."""
        if self.resolver is None:
            return None
        return self.resolver.resolve_pronoun(token)

    def cluster_of(self, actor: Actor) -> Cluster | None:
        idx = getattr(actor, "cluster", -1)
        return self.clusters[idx] if 0 <= idx < len(self.clusters) else None


def resolve_actors(doc: Doc, article: Article, kb: ActorKB) -> ArticleActors:
    """Find, cluster and code every actor mention of an article (see the module docstring)."""
    return _Resolver(doc, article, kb).run()


class _Resolver(RoleLearning):
    """One article's resolution; lives on in ``ArticleActors`` for lazy pronoun and place look-ups."""

    def __init__(self, doc: Doc, article: Article, kb: ActorKB) -> None:
        self.doc = doc
        self.article = article
        self.kb = kb
        self.day = to_date(article.date)
        self.result = ArticleActors(resolver=self)
        self.agent_cache: dict[int, object] = {}
        self.names: list[NameMention] = []
        self.name_of_token: list[NameMention | None] = [None] * len(doc)
        self.cluster_of_name: dict[int, int] = {}  # id(NameMention) -> cluster index
        self.mention_of_name: dict[int, ActorMention] = {}
        self.pronoun_cache: dict[int, ActorMention | None] = {}
        self.place_cache: dict[int, ActorMention | None] = {}
        self.default_country: str | None = None
        self.stated_country: str | None = None
        self._demonyms: Counter[str] | None = None

    # --- small look-ups used by actor_phrases --------------------------------------------
    def lemma(self, tok: Token) -> str:
        return lemma_of(tok)

    def name_at(self, tok: Token) -> NameMention | None:
        return self.name_of_token[tok.i]

    def demonym(self, tok: Token) -> str | None:
        if not tok.text[:1].isupper() or tok.tag_ in ("PRP", "PRP$"):
            return None
        return self.kb.demonym(tok.text)

    def country_word(self, tok: Token) -> str | None:
        if not tok.text[:1].isupper():
            return None
        return self.kb.country(tok.text)

    def name_info(self, m: NameMention) -> NameInfo:
        idx = self.cluster_of_name.get(id(m))
        if idx is not None:
            c = self.result.clusters[idx]
            code, country = c.code, c.country
            if not code and c.known_codes:
                picked = pick_code(c.known_codes, self.day)
                if picked is not None:
                    parts = split_code(picked.code)
                    code, country = parts.code, parts.country
            if country is None and code and c.kind != "person":
                country = _country_part(code)
            org = code if c.kind == "organization" and code else None
            person = idx if c.kind == "person" else None
            if person is not None and country is None:
                country = self._role_country(c)
            return NameInfo(country, org, c.name, person)
        if m.place is not None:
            return NameInfo(m.place.iso3, None, doc_arrays(self.doc).span_text(m.start, m.end), None)
        span = self.doc[m.start : m.end]
        iso = self.kb.demonym(span.text) or self.kb.country(span.text)
        for t in reversed(span) if iso is None else ():
            iso = self.demonym(t) or self.country_word(t)
            if iso:
                break
        return NameInfo(iso, None, span.text, None)

    # --- the passes ------------------------------------------------------------------------
    def run(self) -> ArticleActors:
        self.names = find_name_mentions(self.doc, self.kb)
        for m in self.names:
            for j in range(m.start, m.end):
                self.name_of_token[j] = m
        self.default_country = self._main_country()
        self.stated_country = self._main_country(places=False)
        self._cluster_names()
        self._learn_roles()
        self._code_clusters()
        self._agent_phrases()
        self._finish()
        return self.result

    def _main_country(self, places: bool = True) -> str | None:
        """The country the article mentions most, if it leads; ``places=False`` leaves out province names, which
        are often ambiguous ("the Red Sea" is also a province of Egypt), and counts countries, nationality
        words and cities."""
        counts: Counter[str] = Counter()
        for m in self.names:
            if m.known is not None and m.known.kind == "country":
                counts[split_code(m.known.codes[0].code).country or ""] += 1
            elif m.place is not None and (places or m.place.feature != "admin1"):
                counts[m.place.iso3] += 1
        counts.update(self._demonym_counts())
        counts.pop("", None)
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2) + [("", 0)]
        second = rest[0][1]
        return top if n > second else None

    def _demonym_counts(self) -> Counter[str]:
        """Nationality words outside known names, counted once per article (both main-country readings use it)."""
        if self._demonyms is None:
            self._demonyms = Counter()
            for i, text in enumerate(doc_arrays(self.doc).orth):  # token texts without Token objects
                m = self.name_of_token[i]
                if text[:1].isupper() and (m is None or m.known is None):
                    iso = self.kb.demonym(text)
                    if iso:
                        self._demonyms[iso] += 1
        return self._demonyms

    def _name_words(self, m: NameMention) -> tuple[str, ...]:
        toks = [t for t in self.doc[m.start : m.end] if not t.is_punct and t.tag_ != "POS"]
        while toks and (toks[0].lower_ in HONORIFICS or self.kb.agents.get((toks[0].lower_,)) is not None) and len(
            toks
        ) > 1:
            toks = toks[1:]
        return tuple(fold(t.text) for t in toks)

    def _new_cluster(self, name: str, kind: str, words: tuple[str, ...] = ()) -> Cluster:
        c = Cluster(len(self.result.clusters), name, kind, words)
        self.result.clusters.append(c)
        return c

    def _cluster_names(self) -> None:
        """Group name mentions into actors: known names by entry, persons by their name words."""
        by_key: dict[str, Cluster] = {}
        persons: list[tuple[NameMention, tuple[str, ...]]] = []
        others: list[NameMention] = []
        for m in self.names:
            text = doc_arrays(self.doc).span_text(m.start, m.end)
            if m.known is not None:
                kind = m.known.kind
                if kind == "dictionary":
                    kind = "person" if self._spacy_label(m) == "PERSON" else (
                        "country" if split_code(m.known.codes[0].code).sectors == () and len(
                            m.known.codes[0].code) == 3 else "organization")
                key = f"known:{m.known.source}:{m.known.name}"
                c = by_key.get(key)
                if c is None:
                    name = m.known.name
                    if m.known.source == "dictionary":
                        name = _pretty_name(text) if kind != "country" else self._country_display(m)
                    c = by_key[key] = self._new_cluster(name, kind, self._name_words(m))
                    c.known_codes, c.known_source = m.known.codes, m.known.source
                if kind == "person":
                    persons.append((m, self._name_words(m)))
                self._attach(m, c)
                continue
            if m.place is not None and m.label in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
                continue  # a city or province: an actor only through metonymy (place_actor)
            iso = self.kb.demonym(text)
            if iso:
                root = self.doc[m.start : m.end].root
                if root.dep_ in ("amod", "compound") or root.tag_.startswith("JJ") and root.dep_ != "pobj":
                    continue  # "Tajik embassy": a national adjective, read by the phrase analysis
                key = f"people:{iso}"
                c = by_key.get(key)
                if c is None:
                    c = by_key[key] = self._new_cluster(_pretty_name(text), "group", (fold(text),))
                    c.country = iso
                self._attach(m, c)
                continue
            if self.kb.country(text):
                continue
            if m.label == "ORG" and m.start > 0:
                before = agent_at(self, self.doc[m.start - 1])
                if before is not None and before[0].kind == "person" and not before[0].inherit:
                    m.label = "PERSON"  # "Vice-President Moody Awori" tagged ORG: a title says person
            if m.label == "PERSON":
                words = self._name_words(m)
                if words:
                    persons.append((m, words))
            else:
                others.append(m)
        # Persons: the longest name variants found actors; shorter ones ("Massoud", "Mr Saleh") join them.
        person_clusters: list[Cluster] = [c for c in self.result.clusters if c.kind == "person"]
        for m, words in sorted(persons, key=lambda p: (-len(p[1]), p[0].start)):
            if id(m) in self.cluster_of_name:
                continue
            target = self._person_cluster_for(words, m.start, person_clusters)
            if target is None:
                target = self._new_cluster(_pretty_name(" ".join(self._display_tokens(m))), "person", words)
                person_clusters.append(target)
            self._attach(m, target)
        for m in others:
            text = doc_arrays(self.doc).span_text(m.start, m.end)
            words = self._name_words(m)
            if len(words) == 1 and m.label in ("GPE", "ORG", "NORP", "LOC", "FAC"):
                target = self._person_cluster_for(words, m.start, person_clusters, strict=True)
                if target is not None:
                    self._attach(m, target)
                    continue
            if m.label == "NORP":
                head = self.doc[m.end - 1]
                if head.dep_ in ("amod", "compound"):
                    continue
            key = "name:" + " ".join(words).lower()
            c = by_key.get(key)
            if c is None:
                kind = {"ORG": "organization", "FAC": "organization"}.get(m.label, "group")
                c = by_key[key] = self._new_cluster(_pretty_name(" ".join(self._display_tokens(m))), kind, words)
                if m.inner_country:
                    c.known_codes, c.known_source = (), "inner"
                    c.country = m.inner_country
            self._attach(m, c)
        self._abbreviations(by_key)

    def _display_tokens(self, m: NameMention) -> list[str]:
        toks = [t for t in self.doc[m.start : m.end] if t.tag_ != "POS"]
        while len(toks) > 1 and (toks[0].lower_ in HONORIFICS or self.kb.agents.get((toks[0].lower_,)) is not None):
            toks = toks[1:]
        out = []
        for t in toks:
            out.append(t.text + t.whitespace_)
        return ["".join(out).strip()]

    def _spacy_label(self, m: NameMention) -> str | None:
        for ent in doc_arrays(self.doc).ents:
            if ent.start <= m.start < ent.end or m.start <= ent.start < m.end:
                return ent.label_
        return None

    def _country_display(self, m: NameMention) -> str:
        iso = split_code(m.known.codes[0].code).country if m.known else None  # type: ignore[union-attr]
        return self.kb.country_name(iso) if iso else doc_arrays(self.doc).span_text(m.start, m.end)

    def _person_cluster_for(
        self, words: tuple[str, ...], start: int, clusters: list[Cluster], strict: bool = False
    ) -> Cluster | None:
        candidates = []
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
        at = self.doc[start].idx
        before = [(max((mm.start for mm in c.mentions if mm.start < at), default=-1), c) for c in candidates]
        before.sort(key=lambda p: -p[0])
        return before[0][1]

    def _attach(self, m: NameMention, c: Cluster) -> None:
        span = self.doc[m.start : m.end]
        head = span.root
        text = doc_arrays(self.doc).span_text(m.start, m.end)
        mention = ActorMention(
            entity_text=text, start=span.start_char, end=span.end_char, name=c.name, code="",
            kind=c.kind, head=head.i, cluster=c.id, how="name", named=True,
        )
        c.mentions.append(mention)
        c.aliases.add(text)
        c.first_token = min(c.first_token, m.start)
        self.cluster_of_name[id(m)] = c.id
        self.mention_of_name[id(m)] = mention

    def _abbreviations(self, by_key: dict[str, Cluster]) -> None:
        """"Revolutionary United Front (RUF)": the abbreviation names the same actor."""
        doc = self.doc
        for m in self.names:
            idx = self.cluster_of_name.get(id(m))
            if idx is None or m.end + 2 >= len(doc):
                continue
            if doc[m.end].text == "(" and doc[m.end + 1].text.isupper() and doc[m.end + 2].text == ")":
                self.result.clusters[idx].aliases.add(doc[m.end + 1].text)
                by_key.setdefault("name:" + fold(doc[m.end + 1].text).lower(), self.result.clusters[idx])

    # --- codes --------------------------------------------------------------------------------
    def _code_clusters(self) -> None:
        registry = getattr(self.kb, "registry", None)
        for c in self.result.clusters:
            code = country = sector = None
            if c.known_codes:
                picked = pick_code(c.known_codes, self.day)
                if picked is not None:
                    parts = split_code(picked.code)
                    code, country, sector = parts.code, parts.country, parts.sector
                    if c.known_source == "dictionary" and not parts.sectors and not parts.org_type:
                        # A country-only dictionary code: a role stated in the text adds the sector.
                        best = _best_role(c.roles)
                        if best is not None and best.sector:
                            sector = best.sector
                            code = build_code(country, sector)
            if code is None:
                best = _best_role(c.roles)
                if best is not None:
                    country, sector = best.country, best.sector
                    if country is None:
                        country = next((r.country for r in c.roles if r.country), None)
                    if sector is None:
                        sector = next((r.sector for r in c.roles if r.sector), None)
                    code = best.code if best.code and best.country == country and best.sector == sector else None
            if code is None and country is None and sector is None and registry is not None:
                hit = registry.lookup(c.name, self.day)
                if hit is not None:
                    country, sector, code = hit.country, hit.sector, hit.code
            if country is None and c.country:
                country = c.country
            if country is None and c.kind == "person" and sector is not None and self.default_country:
                country = self.default_country
            if code is None or (country and not code.startswith(country) and not split_code(code).org_type):
                code = build_code(country, sector)
            c.code, c.country, c.sector = code or "", country, sector
            for m in c.mentions:
                m.code, m.country, m.sector, m.roles = c.code, country, sector, c.roles
                m.aliases = tuple(sorted(c.aliases))

    # --- agent phrases ------------------------------------------------------------------------
    def _agent_phrases(self) -> None:
        """Noun phrases headed by agent terms: "Israeli troops", "the Tajik embassy", "protesters"."""
        doc = self.doc
        described = {m.head for c in self.result.clusters for m in c.mentions if m.how == "description"}
        arr = doc_arrays(doc)
        tags, deps, heads, lower = arr.tag, arr.dep, arr.head, arr.lower
        ends = _agent_ends(self.kb)
        for i in range(len(doc)):
            if not tags[i].startswith("NN"):
                continue
            if self.name_of_token[i] is not None or i in described:
                continue
            if deps[i] == "compound" and heads[i] > i and tags[heads[i]].startswith("NN"):
                continue
            if lower[i] not in ends:
                continue  # ``agent_at`` finds nothing: every agent term it tries ends with this word
            t = doc[i]
            hit = agent_at(self, t)
            if hit is None:
                continue
            desc = describe(self, t)
            mentions = self._agent_mentions(t, desc)
            if mentions:
                self.result.by_head[t.i] = mentions

    def _agent_mentions(self, head: Token, desc: Description) -> list[ActorMention]:
        span = np_span(head, left_only=True)
        text, start, end = span.text, span.start_char, span.end_char
        agent = desc.agent
        assert agent is not None
        kind = agent.kind
        # "the first vice president", "the former defense minister": a person named earlier in the article.
        if kind == "person" and head.tag_ in ("NN", "NNP"):
            c = self._described_person(head, desc)
            if c is not None:
                m = c.mentions[0].copy_at(text, start, end, "description")
                m.head = head.i
                c.mentions.append(m)
                return [m]
        # "the Asharq Al-Awsat newspaper", "the Taliban movement": the named organisation itself.
        for child in head.children:
            named = self.name_of_token[child.i] if child.dep_ == "compound" else None
            idx = self.cluster_of_name.get(id(named)) if named is not None else None
            if idx is not None:
                c = self.result.clusters[idx]
                if c.kind == "organization" and (c.sector == desc.sector or head.lower_ in GENERIC_ORG_HEADS):
                    return [self.mention_of_name[id(named)]]
        sector = desc.sector
        countries = desc.countries or [None]  # type: ignore[list-item]
        if not desc.countries and not desc.org_code and sector and sector not in ("IGO", "NGO") and (
                self.stated_country):
            # "the police", "rebels", "the president" in a text about one country are that country's
            countries = [self.stated_country]
        out = []
        for iso in countries:
            country = iso
            code: str
            if desc.org_code and country is None:
                parts = split_code(desc.org_code)
                country = parts.country
                base = desc.org_code if parts.org_type else build_code(country, None)
                code = base + (sector if sector and sector not in parts.sectors else "")
                sec = sector or parts.sector
            else:
                sec = sector
                code = build_code(country, sec)
            if agent.prefix and agent.code:
                code = agent.code + (country or "")
            elif agent.code and sec and agent.code.startswith(sec) and len(agent.code) > 3:
                code = (country or "") + agent.code  # a user dictionary's longer agent code (GOVFRM)
            name = _pretty_name(text[4:] if text.lower().startswith("the ") else text)
            out.append(ActorMention(
                entity_text=text, start=start, end=end, name=name, code=code, country=country, sector=sec,
                kind="person" if kind == "person" and head.tag_ in ("NN", "NNP") else "group", head=head.i,
                cluster=-1, how="agent", named=False,
            ))
        return out

    def _described_person(self, head: Token, desc: Description) -> Cluster | None:
        if not desc.agent_words:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        matches = []
        for c in self.result.clusters:
            if c.kind != "person" or c.first_token > head.i:
                continue
            for r in c.roles:
                if r.agent and r.agent == desc.agent_words:
                    if desc.country and r.country and desc.country != r.country:
                        continue
                    matches.append(c)
                    break
        return matches[0] if len(matches) == 1 else None

    # --- places and pronouns (on demand) ------------------------------------------------------
    def place_actor(self, head: Token) -> ActorMention | None:
        """A city or province as an actor: its country; a capital as subject or object is the government."""
        if head.i in self.place_cache:
            return self.place_cache[head.i]
        result = None
        m = self.name_of_token[head.i]
        place = m.place if m is not None else None
        if place is not None and m is not None:
            span = self.doc[m.start : m.end]
            capital = place.feature == "capital" or self.kb.is_capital(span.text, place.iso3)
            as_actor = span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "pobj") and not (
                span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE_PREPS
            )
            sector = "GOV" if capital and as_actor else ("CVL" if place.feature != "admin1" else None)
            result = ActorMention(
                entity_text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                code=build_code(place.iso3, sector), country=place.iso3, sector=sector, kind="country",
                head=span.root.i, how="place", named=False,
            )
        self.place_cache[head.i] = result
        return result

    def resolve_pronoun(self, tok: Token) -> ActorMention | None:
        if tok.i in self.pronoun_cache:
            return self.pronoun_cache[tok.i]
        low = tok.lower_
        target: ActorMention | None = None
        if low in RELATIVE_PRONOUNS:
            verb = tok.head
            if verb.dep_ == "relcl":
                target = self._mention_at_head(verb.head)
        elif low in PERSON_PRONOUNS:
            target = self._antecedent(tok, ("person",))
        elif low in GROUP_PRONOUNS:
            target = self._antecedent(tok, ("organization", "group", "country"), plural=True)
        elif low in THING_PRONOUNS:
            target = self._antecedent(tok, ("organization", "country"), same_sentence_only=True)
        result = target.copy_at(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun") if target else None
        if result is not None:
            result.head = tok.i
        self.pronoun_cache[tok.i] = result
        return result

    def _mention_at_head(self, head: Token) -> ActorMention | None:
        found = self.result.by_head.get(head.i) or []
        if found:
            return found[0]
        return self.result.by_token.get(head.i)

    def _antecedent(self, tok: Token, kinds: tuple[str, ...], plural: bool = False,
                    same_sentence_only: bool = False) -> ActorMention | None:
        arr = doc_arrays(self.doc)
        sent = arr.sent_of(tok.i)
        sents = list(doc_arrays(self.doc).sents) if not hasattr(self, "_sents") else self._sents  # type: ignore[has-type]
        self._sents = sents
        s_index = self._sent_index(sent)
        best: tuple[tuple[int, int, int], ActorMention] | None = None
        window = 0 if same_sentence_only else 3
        for m in self.result.mentions:
            if m.how == "pronoun" or m.start >= tok.idx or m.kind not in kinds:
                continue
            if m.cluster < 0 and m.how != "agent":
                continue
            if m.how == "agent" and not plural:
                continue
            head = self.doc[m.head]
            dist = s_index - self._sent_index(arr.sent_of(m.head))
            if dist < 0 or dist > window:
                continue
            if plural and m.how == "agent" and head.tag_ not in ("NNS", "NNPS"):
                continue
            subject = 0 if head.dep_ in SUBJECT_DEPS or head.dep_ == "poss" else 1
            score = (dist, subject, -m.start)
            if best is None or score < best[0]:
                best = (score, m)
        return best[1] if best else None

    def _sent_index(self, sent) -> int:  # type: ignore[no-untyped-def]
        if not hasattr(self, "_sent_starts"):
            self._sent_starts = {s.start: i for i, s in enumerate(doc_arrays(self.doc).sents)}
        return self._sent_starts.get(sent.start, 0)

    # --- output -----------------------------------------------------------------------------
    def _finish(self) -> None:
        res = self.result
        mentions: list[ActorMention] = []
        for c in res.clusters:
            mentions.extend(c.mentions)
        for found in res.by_head.values():
            mentions.extend(m for m in found if m.cluster < 0 or m.how == "description")
        uniq: dict[int, ActorMention] = {}
        for m in mentions:
            uniq[id(m)] = m
        res.mentions = sorted(uniq.values(), key=lambda m: (m.start, -m.end))
        for m in res.mentions:
            if m.country and country_of_code(m.country) is None:
                m.country = None  # a non-ISO country part (a user dictionary's own) stays in the code only
        for m in res.mentions:
            if m.how == "name":
                tok_span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if tok_span is not None:
                    for t in tok_span:
                        res.by_token.setdefault(t.i, m)
                res.by_head.setdefault(m.head, [m])
            elif m.how == "description" and not m.appositive:
                res.by_head.setdefault(m.head, [m])
        taken: list[tuple[int, int]] = []
        for m in res.mentions:
            if not m.named or m.how not in ("name", "description") or m.appositive:
                continue
            if m.how == "name" and m.kind == "country" and self._locative(m):
                continue
            if m.kind == "group" and not m.country and m.how == "name" and not m.code:
                pass
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            taken.append((m.start, m.end))
            res.entities.append(m)

    def _locative(self, m: ActorMention) -> bool:
        head = self.doc[m.head]
        return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _country_part(code: str) -> str | None:
    """The leading country-like part of a code that is no ISO country ("CAL" of a dictionary's "CALGOV"),
    so that "the Calenardhon government" is coded CALGOV; None for sectors and organisation types."""
    parts = split_code(code)
    lead = code[:3].upper()
    if parts.org_type is not None or lead in SECTORS or len(lead) < 3 or not lead.isalpha():
        return None
    return lead


def _best_role(roles: list[Role]) -> Role | None:
    if not roles:
        return None

    def rank(r: Role) -> tuple[int, int, int]:
        return (r.status != "current", not (r.country and r.sector), r.sector is None)

    return min(roles, key=rank)


def _pretty_name(text: str) -> str:
    """A display name: no leading article, no possessive, single spaces."""
    text = " ".join(text.split())
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    if text.isupper() and len(text) > 5:
        text = text.title()
    return text


_AGENT_ENDS: dict[int, tuple[dict, int, frozenset[str]]] = {}


def _agent_ends(kb: ActorKB) -> frozenset[str]:
    """The last words of the knowledge base's agent terms ("troops", "minister"), computed once per table."""
    agents = kb.agents
    cached = _AGENT_ENDS.get(id(agents))
    if cached is None or cached[0] is not agents or cached[1] != len(agents):
        cached = _AGENT_ENDS[id(agents)] = (agents, len(agents), frozenset(words[-1] for words in agents if words))
    return cached[2]
