"""Roles an article states for its actors: titles, appositives, copular and relative clauses, possessives.

``learn_roles(scope)`` reads the phrases around every person and unknown organisation of an article and
adds each role found to the actor's cluster with its country, sector, status (current or former), validity
and the evidence span.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsevents.knowledge.actor_codes import build_code, split_code
from newsevents.mentions.entities import NameMention
from newsevents.nlp.lemmas import lemma_of
from newsevents.resolve.actors.phrases import GOVERNMENT_HEADS, Description, agent_at, describe
from newsevents.resolve.actors.records import COPULAS, SUBJECT_DEPS, ActorMention, Cluster, Role, np_span
from newsevents.resolve.actors.scope import ArticleScope, role_country
from newsevents.resolve.actors.titles import title_countries


def learn_roles(scope: ArticleScope) -> None:
    """Add to each named actor's cluster the roles the article states for it."""
    for m in scope.names:
        idx = scope.cluster_of_name.get(id(m))
        if idx is None:
            continue
        c = scope.clusters[idx]
        if c.kind == "organization" and not c.known_codes:
            _org_name_role(scope, m, c)
        if c.kind != "person":
            continue
        root = scope.doc[m.start : m.end].root
        _title_role(scope, m, root, c)
        _party_tag_role(scope, m, c)
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                _role_from(scope, child, c, "appositive")
            elif child.dep_ == "relcl":
                _relative_role(scope, child, c)
        if root.dep_ == "appos" and root.head.i < m.start and scope.name_of_token[root.head.i] is None:
            _role_from(scope, root.head, c, "appositive")
        if root.dep_ in SUBJECT_DEPS:
            _copular_role(scope, root.head, c)
        if root.dep_ == "poss" and lemma_of(root.head) in GOVERNMENT_HEADS:
            desc = describe(scope, root.head)
            _add_role(scope, c, desc.country, "GOV", False, "possessive", root.head)


# "Sen. Ted Cruz (R-Tex.)", "Claire McCaskill (D-Mo.)": the American press's party and state tag for a member
# of Congress, right after the name.
_PARTY_TAG = re.compile(r"\s*\(\s*[DRI]\s*[-–]\s*[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][A-Za-z.]{1,12})?\s*\)")


def _party_tag_role(scope: ArticleScope, m: NameMention, c: Cluster) -> None:
    """A US party-state tag after a person's name: a member of Congress (USA LEG)."""
    doc = scope.doc
    end = doc[m.end - 1].idx + len(doc[m.end - 1].text)
    tag = _PARTY_TAG.match(doc.text, end)
    if tag is None or m.end >= len(doc):
        return
    _add_role(scope, c, "USA", "LEG", False, "party tag", doc[m.end])


def _org_name_role(scope: ArticleScope, m: NameMention, c: Cluster) -> None:
    """An unknown organisation's own words: "Latvian Constitutional Court" -> LVA JUD."""
    span = scope.doc[m.start : m.end]
    root = span.root
    country = m.inner_country
    for t in span:
        if country:
            break
        country = scope.demonym(t) or scope.kb.country(t.text) if t.text[:1].isupper() else None
    for t in root.children:
        if country:
            break
        if t.i < m.start and t.dep_ in ("poss", "amod", "compound", "nmod"):
            named = scope.name_of_token[t.i]
            country = scope.name_info(named).country if named is not None else (
                scope.demonym(t) or scope.country_word(t))
    sector = None
    hit = agent_at(scope, root)
    if hit is not None and not hit[0].inherit:
        sector = hit[0].sector
    else:
        for t in reversed(span):
            a = scope.kb.agents.get((t.lower_,))
            if a is not None and not a.inherit and a.sector:
                sector = a.sector
                break
    _add_role(scope, c, country, sector, False, "name", root)


def _title_role(scope: ArticleScope, m: NameMention, root: Token, c: Cluster) -> None:
    """Titles before the name: "Israeli Prime Minister Ehud Barak", "Jordan's King Abdullah II"."""
    doc = scope.doc
    title_tokens = [t for t in doc[m.start : m.end] if scope.kb.agents.get((t.lower_,)) is not None]
    title_deps = ("compound", "amod", "nmod", "poss", "npadvmod")
    left = [t for t in root.children if t.i < m.start and t.dep_ in title_deps]
    heads = [t for t in left if agent_at(scope, t) is not None]
    if title_tokens and not heads:
        heads = [title_tokens[-1]]
    if not heads:
        # A country modifier alone ("Afghan leader"-less: "Russian Boris Yeltsin") says the country.
        for t in left:
            iso = scope.demonym(t) or scope.country_word(t)
            if iso:
                _add_role(scope, c, iso, None, False, "title", t)
        return
    head = max(heads, key=lambda t: t.i)
    desc = describe(scope, head)
    if left:
        # The title is a mention of this person too ("U.S. negotiator"); not listed in entities.
        first = min(t.left_edge.i for t in left)
        while first < m.start and (doc[first].is_punct or doc[first].tag_ in ("DT", "PDT")):
            first += 1
        if first < m.start:
            span = doc[first : m.start]
            mention = ActorMention(
                entity_text=span.text, start=span.start_char, end=span.end_char, name=c.name, code="",
                kind=c.kind, head=head.i, cluster=c.id, how="description", named=True, appositive=True,
            )
            c.mentions.append(mention)
    for t in left:
        if t.i == head.i:
            continue
        iso = scope.demonym(t) or scope.country_word(t)
        if iso and iso not in desc.countries:
            desc.countries.append(iso)
        named = scope.name_of_token[t.i]
        if named is not None and t.dep_ == "poss":
            info = scope.name_info(named)
            if info.country and info.country not in desc.countries:
                desc.countries.append(info.country)
            if info.org_code and desc.org_code is None:
                desc.org_code = info.org_code
    if desc.agent_start >= 0:
        desc.countries = title_countries(doc, desc.agent_words, desc.agent_start, desc.countries)
    _role_from_desc(scope, c, desc, "title", head)


def _role_from(scope: ArticleScope, head: Token, c: Cluster, source: str, former: bool = False) -> None:
    if scope.name_of_token[head.i] is not None:
        return
    desc = describe(scope, head)
    if desc.agent is None and not desc.countries and not desc.org_code:
        return
    desc.former = desc.former or former
    _role_from_desc(scope, c, desc, source, head)
    # The description is a mention of this person too (not listed in entities: it overlaps names).
    span = np_span(head)
    mention = ActorMention(
        entity_text=span.text, start=span.start_char, end=span.end_char, name=c.name, code="", kind=c.kind,
        head=head.i, cluster=c.id, how="description", named=True, appositive=True,
    )
    c.mentions.append(mention)


def _role_from_desc(scope: ArticleScope, c: Cluster, desc: Description, source: str, head: Token) -> None:
    sector = desc.sector
    country = desc.country
    if desc.org_code:
        parts = split_code(desc.org_code)
        country = country or parts.country
        if sector is None:
            sector = parts.sector
        if parts.org_type and country is None:
            _add_role(scope, c, None, sector or parts.org_type, desc.former, source, head, org=desc.org_code,
                      agent=desc.agent_words)
            return
    if desc.person_cluster is not None and country is None and desc.person_cluster != c.id:
        country = role_country(scope.clusters[desc.person_cluster])
    _add_role(scope, c, country, sector, desc.former, source, head, agent=desc.agent_words)


def _relative_role(scope: ArticleScope, verb: Token, c: Cluster) -> None:
    """"Amrullah Saleh, who claims to be the new caretaker president of Afghanistan"."""
    for t in verb.subtree:
        if t.dep_ == "attr" and lemma_of(t.head) in COPULAS:
            _role_from(scope, t, c, "relative", former=t.head.tag_ == "VBD")
            return


def _copular_role(scope: ArticleScope, verb: Token, c: Cluster) -> None:
    """"Saleh was a member of the Northern Alliance", "X, who served as defense minister"."""
    lemma = lemma_of(verb)
    if lemma not in COPULAS:
        return
    past = verb.tag_ == "VBD"
    for child in verb.children:
        if child.dep_ == "attr":
            _role_from(scope, child, c, "copula", former=past)
        elif child.dep_ == "prep" and child.lower_ == "as":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    _role_from(scope, obj, c, "copula", former=past)


def _add_role(scope: ArticleScope, c: Cluster, country: str | None, sector: str | None, former: bool, source: str,
              head: Token, org: str | None = None, agent: tuple[str, ...] = ()) -> None:
    if country is None and sector is None:
        return
    span = np_span(head)
    day = scope.article.date
    role = Role(
        country=country, sector=sector, code=org if org and not country else build_code(country, sector),
        status="former" if former else "current", source=source, text=span.text, start=span.start_char,
        end=span.end_char, valid_from=None if former else day, valid_to=day if former else None, agent=agent,
    )
    c.roles.append(role)
