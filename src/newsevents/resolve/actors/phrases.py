"""What a noun phrase says about an actor: its agent term, country, sector, organisation and whether it is past.

``describe(token)`` reads the phrase a noun heads from the dependency parse: the agent term ending at
the head ("first vice president" -> vice president, GOV), demonyms and country names among its
modifiers ("Israeli troops" -> ISR), possessors ("Sudan's government", "the Taliban's spokesman"),
prepositional phrases ("president of Armenia", "police in Cairo", "refugees fleeing the war in
Liberia"), organisations it is part of ("United Nations peacekeepers"), and markers of a past role
("the former defense minister"). Coordinated national adjectives ("Hungarian and Romanian officials")
give one country each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsevents.knowledge.actor_codes import split_code
from newsevents.knowledge.actor_kb import FORMER, SECTOR_MODIFIERS, Agent
from newsevents.resolve.actors.scope import AgentHit, ArticleScope

# Prepositions whose object tells where an actor belongs ("president of Armenia", "police in Cairo").
COUNTRY_PREPS = frozenset({"of", "in", "from", "for", "at", "inside", "within", "near", "across"})
# Dependencies that stay inside the noun phrase when looking for countries.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "nummod", "quantmod", "appos"})
STOP_TAGS = frozenset({"DT", "IN", "CC", "CD", "PDT", "WDT", "PRP$"})
GOVERNMENT_HEADS = frozenset({"government", "administration", "cabinet", "regime", "governments"})


@dataclass
class Description:
    """What one noun phrase says: the agent term, countries (several when coordinated), sector, org code."""

    agent: Agent | None = None
    agent_words: tuple[str, ...] = ()
    agent_start: int = -1  # token index of the agent term's first word
    countries: list[str] = field(default_factory=list)
    sector: str | None = None
    org_code: str | None = None  # the code of an organisation the phrase belongs to (IGOUNO, AFGREB)
    org_name: str | None = None
    former: bool = False
    person_cluster: int | None = None  # a possessor person ("Ashraf Ghani's government")

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None


def agent_at(scope: ArticleScope, head: Token) -> AgentHit | None:
    """The longest agent term ending at ``head``: its left compound/amod words plus the head."""
    cache = scope.agent_cache
    if head.i in cache:
        return cache[head.i]
    kb = scope.kb
    words = [head.lower_]
    starts = [head.i]
    left = head.i - 1
    # Contiguous words left of the head ("first vice president", "U.N. Secretary-General"); hyphens skipped.
    while left >= 0 and len(words) < kb.agent_max_len:
        t = head.doc[left]
        if t.text == "-":
            left -= 1
            continue
        if t.is_punct or t.dep_ in ("det", "poss", "case", "cc") or t.tag_ in STOP_TAGS:
            break
        words.insert(0, t.lower_)
        starts.insert(0, t.i)
        left -= 1
    found: AgentHit | None = None
    for k in range(len(words)):
        agent = kb.agents.get(tuple(words[k:]))
        if agent is not None:
            found = (agent, tuple(words[k:]), starts[k])
            break
    cache[head.i] = found
    return found


def describe(scope: ArticleScope, head: Token, depth: int = 0) -> Description:
    """Read the noun phrase headed by ``head`` (see the module docstring)."""
    desc = Description()
    hit = agent_at(scope, head)
    if hit is not None:
        desc.agent, desc.agent_words, desc.agent_start = hit
        if not desc.agent.inherit:
            desc.sector = desc.agent.sector
    inherited: str | None = None
    for child in head.children:
        dep = child.dep_
        low = child.lower_
        if dep in ("amod", "advmod", "compound", "nmod") and (low in FORMER or low.rstrip("-") in FORMER):
            desc.former = True
            continue
        if child.i >= desc.agent_start and child.i < head.i and desc.agent_start >= 0:
            continue  # part of the agent term itself
        if dep in ("amod", "compound", "nmod", "npadvmod", "poss", "nummod"):
            _from_modifier(scope, child, desc, depth)
            if desc.agent is not None and desc.agent.inherit or head.lower_ in ("personnel", "staff", "people"):
                sec = SECTOR_MODIFIERS.get(low)
                if sec is None:
                    term = agent_at(scope, child) if not child.tag_.startswith("JJ") else None
                    sec = term[0].sector if term is not None and not term[0].inherit else None
                if sec:
                    inherited = inherited or sec
            if dep == "poss" and desc.agent is not None and desc.agent.inherit and desc.org_code:
                inherited = inherited or split_code(desc.org_code).sector
        elif dep == "prep" and low in COUNTRY_PREPS or dep == "acl" or dep == "agent":
            for sub in _prep_objects(child):
                before = desc.org_code
                _from_modifier(scope, sub, desc, depth + 1)
                if desc.agent is not None and desc.agent.inherit and low in ("of", "from"):
                    inner = agent_at(scope, sub)
                    if inner is not None and inner[0].sector and not inner[0].inherit:
                        inherited = inherited or inner[0].sector
                    elif desc.org_code and desc.org_code != before:
                        inherited = inherited or split_code(desc.org_code).sector
        elif dep == "conj" and child.tag_.startswith("JJ"):
            iso = scope.demonym(child)
            if iso and iso not in desc.countries:
                desc.countries.append(iso)
    if desc.agent is not None and desc.agent.inherit:
        if inherited is None and desc.org_code:
            inherited = split_code(desc.org_code).sector
        desc.sector = inherited or desc.agent.sector
    elif inherited and head.lower_ in ("personnel", "staff", "people"):
        desc.sector = inherited
    return desc


def _prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition or the places inside a participle clause ("based in Trinidad")."""
    out = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if prep.dep_ == "acl":
        for c in prep.children:
            if c.dep_ == "prep" and c.lower_ in COUNTRY_PREPS:
                out.extend(x for x in c.children if x.dep_ == "pobj")
            elif c.dep_ == "dobj":
                out.append(c)
    expanded = []
    for o in out:
        expanded.append(o)
        expanded.extend(o.conjuncts)
    return expanded


def _coordinated_countries(scope: ArticleScope, tok: Token, desc: Description) -> None:
    """"Hungarian and Romanian officials": each coordinated national adjective is one more country."""
    if tok.dep_ not in ("amod", "compound"):
        return
    for conj in tok.conjuncts:
        named = scope.name_at(conj)
        ciso = scope.name_info(named).country if named is not None else (
            scope.demonym(conj) or scope.country_word(conj))
        if ciso and ciso not in desc.countries:
            desc.countries.append(ciso)


def _from_modifier(scope: ArticleScope, tok: Token, desc: Description, depth: int) -> None:
    """Country, organisation or possessor person from one modifier (recursing a little into its phrase)."""
    if depth > 6:
        return
    mention = scope.name_at(tok)
    if mention is not None:
        info = scope.name_info(mention)
        if info.country and info.country not in desc.countries:
            desc.countries.append(info.country)
        if info.org_code and desc.org_code is None:
            desc.org_code, desc.org_name = info.org_code, info.name
        if info.person_cluster is not None and tok.dep_ == "poss":
            desc.person_cluster = info.person_cluster
        if info.country:
            _coordinated_countries(scope, tok, desc)
        return
    iso = scope.demonym(tok) or scope.country_word(tok)
    if iso:
        if iso not in desc.countries:
            desc.countries.append(iso)
        _coordinated_countries(scope, tok, desc)
        return
    if tok.tag_.startswith("NN"):
        inner = describe(scope, tok, depth + 1)
        for c in inner.countries:
            if c not in desc.countries:
                desc.countries.append(c)
        if inner.org_code and desc.org_code is None:
            desc.org_code, desc.org_name = inner.org_code, inner.org_name
        if desc.person_cluster is None:
            desc.person_cluster = inner.person_cluster
