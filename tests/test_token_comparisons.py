"""spaCy makes a fresh ``Token`` object on every access, so ``t.head is t`` is never true, not even at the root:
a walk up the parse that stops on identity never stops (a "whose" with no relative clause above it hung CI).
Tokens compare with ``==`` or by ``.i``; this test keeps identity comparisons of parse attributes out of src/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsevents.models import Article

SRC = Path(__file__).resolve().parents[1] / "src" / "newsevents"
# attributes that hold a Token (spaCy's, or a Frame's): never compared by identity
TOKEN_ATTRS = {"head", "pred", "core", "comp", "speaker_head", "root", "control", "reported_by"}


def _identity_comparisons_of_tokens(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            if not isinstance(op, (ast.Is, ast.IsNot)):
                continue
            sides = (node.left, right)
            if any(isinstance(s, ast.Constant) for s in sides):
                continue  # "is None"
            if any(isinstance(s, ast.Attribute) and s.attr in TOKEN_ATTRS for s in sides):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_no_token_is_compared_by_identity() -> None:
    bad = {str(p.relative_to(SRC)): hits for p in sorted(SRC.rglob("*.py"))
           if (hits := _identity_comparisons_of_tokens(ast.parse(p.read_text(encoding="utf-8"))))}
    assert not bad, bad


def test_the_check_sees_an_identity_walk() -> None:
    tree = ast.parse("while t.head is not t:\n    t = t.head\nok = t is None\n")
    assert _identity_comparisons_of_tokens(tree) == ["line 1: t.head is not t"]


@pytest.mark.timeout(60)
def test_walks_up_the_parse_end_at_the_root(coder) -> None:
    # each sentence sends a walk up to the root: "whose" outside a relative clause, a pronoun subject of a
    # clause nobody says, a conjoined clause, a light verb's event noun
    text = ("Whose party won? He would not resign and they left. Nobody knows whose votes counted. "
            "The junta lifted the curfew in Mandalay on Friday.")
    coded = coder.code_one(Article(id="walk", text=text, date="2024-01-05"))
    assert any(e.event == "CONCEDE" for e in coded.events)
