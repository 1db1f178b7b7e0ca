"""Nationality words as actors: "Albanians", "an Indian proposal", "Russian missiles struck", "French mediation".

A demonym used as a noun ("the Algerians"), or modifying a head that is neither a known actor nor an agent
term (a weapon, a proposal, an event noun), stands for its country: CAMEO codes "Russian missiles struck" as
RUS, "rejected an Indian proposal" with IND as the recipient. Agent phrases ("Russian troops" -> RUSMIL)
are resolved before this and win.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents.resolve.actor_codes import build_code

if TYPE_CHECKING:
    from newsevents.resolve.actors import ActorMention, _Resolver

NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
MODIFIER_DEPS = ("amod", "compound", "nmod")


def demonym_actors(resolver: _Resolver, head: Token) -> list[ActorMention]:
    """The countries a nationality noun or the nationality modifiers of ``head`` stand for; [] when none."""
    iso = resolver.demonym(head)
    if iso is not None and head.tag_ in NOUN_TAGS + ("JJ",):
        return [_mention(head, iso)]
    if head.tag_ not in NOUN_TAGS:
        return []
    out = []
    for c in head.children:
        if c.dep_ not in MODIFIER_DEPS or c.i > head.i:
            continue
        for mod in [c, *c.conjuncts]:  # "Indian and Japanese warships"
            iso = resolver.demonym(mod)
            if iso is not None and all(m.country != iso for m in out):
                out.append(_mention(mod, iso))
    return out


def _mention(tok: Token, iso: str) -> ActorMention:
    from newsevents.resolve.actors import ActorMention

    plural = tok.tag_ in ("NNS", "NNPS")
    return ActorMention(entity_text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), name=tok.text,
                        code=build_code(iso, None), country=iso, sector=None, kind="group" if plural else "country",
                        head=tok.i, how="demonym", named=False)
