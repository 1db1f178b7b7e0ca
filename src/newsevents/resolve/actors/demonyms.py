"""Nationality words as actors: "Albanians", "an Indian proposal", "Russian missiles struck", "French mediation".

A demonym used as a noun ("the Algerians"), or modifying a head that is neither a known actor nor an agent
term (a weapon, a proposal, an event noun), stands for its country: CAMEO codes "Russian missiles struck" as
RUS, "rejected an Indian proposal" with IND as the recipient. Agent phrases ("Russian troops" -> RUSMIL)
are resolved before this and win.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.knowledge.actor_codes import build_code
from newsevents.resolve.actors.phrases import agent_at
from newsevents.resolve.actors.records import ActorMention
from newsevents.resolve.actors.scope import ArticleScope

NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
MODIFIER_DEPS = ("amod", "compound", "nmod")


def demonym_actors(scope: ArticleScope, head: Token) -> list[ActorMention]:
    """The countries a nationality noun or the nationality modifiers of ``head`` stand for; [] when none."""
    iso = scope.demonym(head)
    if iso is not None and head.dep_ in MODIFIER_DEPS and head.head.i > head.i:
        # "Hungarian" of "Hungarian and Romanian officials": the agent phrase's actor of that country
        governed = [m for m in scope.by_head.get(head.head.i, []) if m.country == iso]
        if governed:
            return governed
    if iso is not None and head.tag_ in NOUN_TAGS + ("JJ",):
        # "Algerians protested": a plural nationality noun is that country's people (CVL, as PLOVER codes them)
        plural = head.tag_ in ("NNS", "NNPS")
        sector = "CVL" if plural else _sector_near(scope, head.head) if head.dep_ in MODIFIER_DEPS else None
        return [_mention(head, iso, sector)]
    if head.tag_ not in NOUN_TAGS:
        return []
    sector = _sector_near(scope, head)
    out: list[ActorMention] = []
    for c in head.children:
        if c.dep_ not in MODIFIER_DEPS or c.i > head.i:
            continue
        for mod in [c, *c.conjuncts]:  # "Indian and Japanese warships"
            iso = scope.demonym(mod)
            if iso is not None and all(m.country != iso for m in out):
                out.append(_mention(mod, iso, sector))
    return out


def _sector_near(scope: ArticleScope, noun: Token) -> str | None:
    """The sector of an agent term heading ``noun``'s phrase or compounded into it ("Israeli army bulldozers")."""
    for t in [noun, *(c for c in noun.children if c.dep_ == "compound")]:
        hit = agent_at(scope, t)
        if hit is not None and not hit[0].inherit and hit[0].sector:
            return hit[0].sector
    return None


def _mention(tok: Token, iso: str, sector: str | None = None) -> ActorMention:
    plural = tok.tag_ in ("NNS", "NNPS")
    return ActorMention(entity_text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), name=tok.text,
                        code=build_code(iso, sector), country=iso, sector=sector, kind="group" if plural else "country",
                        head=tok.i, how="demonym", named=False)
