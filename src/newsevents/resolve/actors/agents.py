"""Agent phrases: unnamed actors that noun phrases headed by agent terms stand for.

"Israeli troops" -> ISR MIL, "the Tajik embassy" -> TJK GOV, "police in Cairo" -> EGY COP, "protesters"
-> CVL; coordinated adjectives give one actor each ("Hungarian and Romanian officials"); a definite
description equal to a role stated for a person ("the first vice president") is that person; a phrase
with a sector but no country of its own takes the article's main country (not IGO/NGO terms).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.knowledge.actor_codes import build_code, split_code
from newsevents.knowledge.actor_kb import ActorKB, Agent
from newsevents.knowledge.resources import word_set
from newsevents.nlp.arrays import doc_arrays
from newsevents.resolve.actors.clusters import pretty_name
from newsevents.resolve.actors.evidence import of_many_countries
from newsevents.resolve.actors.phrases import Description, agent_at, describe
from newsevents.resolve.actors.records import ActorMention, Cluster, np_span
from newsevents.resolve.actors.scope import ArticleScope

GENERIC_ORG_HEADS = word_set("actor_generic_org_heads")
ROLE_QUALIFIERS = word_set("actor_role_qualifiers")  # "shadow chancellor" is not "the chancellor"
ROLE_PORTFOLIOS = word_set("actor_role_portfolios")  # "the foreign secretary" is not the home secretary


def find_agent_phrases(scope: ArticleScope) -> None:
    """Noun phrases headed by agent terms: "Israeli troops", "the Tajik embassy", "protesters"."""
    doc = scope.doc
    described = {m.head for c in scope.clusters for m in c.mentions if m.how == "description"}
    arr = doc_arrays(doc)
    tags, deps, heads, lower = arr.tag, arr.dep, arr.head, arr.lower
    ends = _agent_ends(scope.kb)
    for i in range(len(doc)):
        if not tags[i].startswith("NN"):
            continue
        if scope.name_of_token[i] is not None or i in described:
            continue
        if deps[i] == "compound" and heads[i] > i and tags[heads[i]].startswith("NN"):
            continue
        if lower[i] not in ends:
            continue  # ``agent_at`` finds nothing: every agent term it tries ends with this word
        t = doc[i]
        hit = agent_at(scope, t)
        if hit is None:
            continue
        desc = describe(scope, t)
        mentions = _agent_mentions(scope, t, desc)
        if mentions:
            scope.by_head[t.i] = mentions


def _agent_mentions(scope: ArticleScope, head: Token, desc: Description) -> list[ActorMention]:
    span = np_span(head, left_only=True)
    text, start, end = span.text, span.start_char, span.end_char
    agent = desc.agent
    assert agent is not None
    kind = agent.kind
    # "the first vice president", "the former defense minister": a person named earlier in the article.
    if kind == "person" and head.tag_ in ("NN", "NNP"):
        c = _described_person(scope, head, desc)
        if c is not None:
            m = c.mentions[0].copy_at(text, start, end, "description")
            m.head = head.i
            c.mentions.append(m)
            return [m]
    # "the party", "the court": the organisation of that sector named last, in this or the three sentences before
    if kind == "group" and head.tag_ == "NN":
        org = _described_org(scope, head, desc)
        if org is not None:
            m = org.copy_at(text, start, end, "description")
            m.head = head.i
            return [m]
    # "the Asharq Al-Awsat newspaper", "the Taliban movement": the named organisation itself.
    for child in head.children:
        named = scope.name_of_token[child.i] if child.dep_ == "compound" else None
        idx = scope.cluster_of_name.get(id(named)) if named is not None else None
        if idx is not None:
            c = scope.clusters[idx]
            if c.kind == "organization" and (c.sector == desc.sector or head.lower_ in GENERIC_ORG_HEADS):
                return [scope.mention_of_name[id(named)]]
    sector = desc.sector
    countries: list[str | None] = [*desc.countries] or [None]
    whose = _whose_country(scope, head)
    if whose is not None:
        # "X, whose party ...": the party is X's, of X's country (or none known), never the article's
        countries = [whose or None] if not desc.countries else countries
    elif not desc.countries and not desc.org_code and sector and sector not in ("IGO", "NGO") and (
            scope.stated_country) and not of_many_countries(head):
        # "the police", "rebels", "the president" in a text about one country are that country's
        countries = [scope.stated_country]
    out: list[ActorMention] = []
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
        name = pretty_name(text[4:] if text.lower().startswith("the ") else text)
        out.append(ActorMention(
            entity_text=text, start=start, end=end, name=name, code=code, country=country, sector=sec,
            kind="person" if kind == "person" and head.tag_ in ("NN", "NNP") else "group", head=head.i,
            cluster=-1, how="agent", named=False,
        ))
    return out


def _whose_country(scope: ArticleScope, head: Token) -> str | None:
    """For a phrase possessed by "whose", the country of the actor the relative clause is about ("" when that
    actor has none); None for any other phrase."""
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children):
        return None
    verb = head.head
    # Token objects are made afresh on every access: the root is where the head's index is the token's own
    while verb.dep_ != "relcl" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "relcl":
        return ""
    named = scope.name_of_token[verb.head.i]
    return (scope.name_info(named).country or "") if named is not None else ""


def _described_org(scope: ArticleScope, head: Token, desc: Description) -> ActorMention | None:
    """A bare definite description ("the party", "the court": "the" and the agent term alone) of a sector other than
    government is the organisation of that sector named last before it, within three sentences ("Mr Brown said
    the Lib Dem figures did not add up. He accused the party of ...": the Liberal Democrats); one named as a phrase of
    its own before one that modifies another noun ("Labour leader X")."""
    sector = desc.sector
    if not sector or sector == "GOV" or desc.countries or desc.org_code:
        return None
    if [c.lower_ for c in head.children if c.i < head.i] != ["the"]:
        return None
    arr = doc_arrays(scope.doc)
    first = arr.sent_of(head.i).start
    for _ in range(3):
        if first == 0:
            break
        first = arr.sent_of(first - 1).start
    # a phrase of its own before a modifier ("Labour leader Anas Sarwar accused the party": the party is not
    # Labour where another was the subject before), then the nearest
    best: tuple[tuple[bool, int], ActorMention] | None = None
    for c in scope.clusters:
        if c.kind != "organization" or c.sector != sector:
            continue
        for m in c.mentions:
            if m.how != "name" or not first <= m.head < head.i:
                continue
            rank = (scope.doc[m.head].dep_ in ("compound", "poss", "amod", "nmod"), -m.head)
            if best is None or rank < best[0]:
                best = (rank, m)
    return best[1] if best else None


def _described_person(scope: ArticleScope, head: Token, desc: Description) -> Cluster | None:
    if not desc.agent_words:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    matches: list[Cluster] = []
    qualifiers = _qualifiers(np_span(head).text)
    portfolios = _portfolios(np_span(head).text)
    for c in scope.clusters:
        if c.kind != "person" or c.first_token > head.i:
            continue
        for r in c.roles:
            if r.agent and r.agent == desc.agent_words:
                if desc.country and r.country and desc.country != r.country:
                    continue
                if _qualifiers(r.text) != qualifiers:
                    continue  # "the chancellor" is not the shadow chancellor
                if portfolios and _portfolios(r.text) != portfolios:
                    continue  # "the foreign secretary" is not the home secretary; "the secretary" may be
                matches.append(c)
                break
    return matches[0] if len(matches) == 1 else None


_AGENT_ENDS: dict[int, tuple[dict[tuple[str, ...], Agent], int, frozenset[str]]] = {}


def _agent_ends(kb: ActorKB) -> frozenset[str]:
    """The last words of the knowledge base's agent terms ("troops", "minister"), computed once per table."""
    agents = kb.agents
    cached = _AGENT_ENDS.get(id(agents))
    if cached is None or cached[0] is not agents or cached[1] != len(agents):
        cached = _AGENT_ENDS[id(agents)] = (agents, len(agents), frozenset(words[-1] for words in agents if words))
    return cached[2]


def _qualifiers(text: str) -> frozenset[str]:
    return frozenset(w for w in text.lower().replace("-", " ").split() if w in ROLE_QUALIFIERS)


def _portfolios(text: str) -> frozenset[str]:
    return frozenset(w for w in text.lower().replace("-", " ").split() if w in ROLE_PORTFOLIOS)
