"""Scoring of event clusters on the hand-written gold of ``gold/clusters/`` (happenings reported by several
articles, and distractors), on pairs of articles: two articles are predicted together when one cluster of two or
more articles holds an event of each, and truly together when they report the same happening."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsevents.ingest import read_inputs
from newsevents.models import Article
from newsevents.store import Store

Pair = tuple[str, str]


@dataclass
class ClusterGold:
    """The gold: each happening's id and articles, the articles themselves, and which happening each reports."""

    happenings: list[dict]
    articles: list[Article]
    happening_of: dict[str, str]  # doc id -> happening id (distractors are absent)

    @property
    def pairs(self) -> set[Pair]:
        return article_pairs(h["articles"] for h in self.happenings)


def read_cluster_gold(gold_dir: Path) -> ClusterGold:
    """``happenings.json`` and ``articles.jsonl`` of a cluster gold folder."""
    truth = json.loads((gold_dir / "happenings.json").read_text(encoding="utf-8"))
    arts = [a for a in read_inputs([str(gold_dir / "articles.jsonl")]) if isinstance(a, Article)]
    happening_of = {doc: h["id"] for h in truth["happenings"] for doc in h["articles"]}
    return ClusterGold(truth["happenings"], arts, happening_of)


def article_pairs(groups: Iterable[Iterable[str]]) -> set[Pair]:
    """Every unordered pair of documents that share a group, each as (smaller id, larger id)."""
    out: set[Pair] = set()
    for docs in groups:
        out.update(itertools.combinations(sorted(set(docs)), 2))
    return out


def spanning_clusters(store: Store) -> dict[str, set[str]]:
    """The store's clusters (built by ``link``) of two or more articles: cluster id -> its articles."""
    rows = store.con.execute("""SELECT m.cluster_id, m.doc_id FROM cluster_members m
        JOIN event_clusters c USING (cluster_id) WHERE c.num_articles > 1""").fetchall()
    clusters: dict[str, set[str]] = {}
    for cid, doc in rows:
        clusters.setdefault(cid, set()).add(doc)
    return clusters


def pair_scores(pred: set[Pair], gold: set[Pair]) -> tuple[float, float]:
    """Pairwise precision and recall (0.0 for an empty side)."""
    hit = len(pred & gold)
    return (hit / len(pred) if pred else 0.0), (hit / len(gold) if gold else 0.0)
