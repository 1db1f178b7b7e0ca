"""Near-duplicate articles: link each new article that repeats a stored one (or one earlier in its batch) to
that original as it is written, and relink a whole store in one pass (``link``).

An article's MinHash signature is stored for every article (``article_minhash``), the LSH band keys only for
originals (``article_bands``): a new article is looked up by its band keys, its candidates verified on their
shingles (``linking.minhash.near_duplicate``). The original is the article stored first (ties: the smaller
id). A duplicate keeps all its rows; ``duplicate_of`` on it and on its events keeps them out of the default
counts (``filters.EventFilter``). Rules and figures: ``docs/clusters.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from newsevents.linking.minhash import (
    BANDS,
    MIN_SHINGLES,
    Signature,
    band_keys,
    near_duplicate,
    signature,
)
from newsevents.store.backend import is_pg
from newsevents.store.schema import TABLES


@dataclass(frozen=True)
class Link:
    """An article found to repeat an original."""

    doc_id: str
    original: str
    similarity: float  # estimated Jaccard similarity of their shingle sets


def signatures(texts: Sequence[tuple[str, str]]) -> dict[str, Signature]:
    """The signature of each (doc_id, text) that has words."""
    out = {}
    for doc_id, text in texts:
        sig = signature(text or "")
        if sig is not None:
            out[doc_id] = sig
    return out


def link_batch(con: duckdb.DuckDBPyConnection, texts: dict[str, str], sigs: dict[str, Signature]) -> list[Link]:
    """The links of a batch about to be written (inside its transaction, after replaced articles were deleted):
    each article against the stored originals first, then against the batch's originals before it (by id)."""
    if not sigs:
        return []
    pairs = _stored_pairs(con, sigs)
    stored = _stored_texts(con, sorted({old for _, old in pairs}))
    candidates: dict[str, list[str]] = {}
    for new, old in pairs:
        candidates.setdefault(new, []).append(old)
    links: list[Link] = []
    batch_bands: dict[int, list[str]] = {}  # band key -> the batch's originals so far
    for doc_id in sorted(sigs):
        text, sig = texts[doc_id], sigs[doc_id]
        best = _best(text, [(old, stored[old]) for old in sorted(set(candidates.get(doc_id, ()))) if old in stored])
        if best is None:
            earlier = sorted({d for k in sig.bands() for d in batch_bands.get(k, ())})
            best = _best(text, [(d, texts[d]) for d in earlier])
        if best is not None:
            links.append(Link(doc_id, best[0], best[1]))
            continue
        for k in sig.bands():
            batch_bands.setdefault(k, []).append(doc_id)
    return links


def _stored_pairs(con: duckdb.DuckDBPyConnection, sigs: dict[str, Signature]) -> list[tuple[str, str]]:
    """(new, stored) of every new article and stored original that share a band key."""
    if is_pg(con):  # no Arrow tables there: the stored originals of the batch's keys, matched here
        mine: dict[int, list[str]] = {}
        for doc_id, sig in sigs.items():
            for k in sig.bands():
                mine.setdefault(k, []).append(doc_id)
        rows = con.execute("SELECT DISTINCT band_key, doc_id FROM article_bands WHERE band_key IN "
                           "(SELECT unnest(?))", [sorted(mine)]).fetchall()
        return sorted({(new, old) for key, old in rows for new in mine[key]})
    probe = pa.table({"doc_id": [d for d, s in sigs.items() for _ in range(BANDS)],
                      "band_key": [k for s in sigs.values() for k in s.bands()]})
    con.register("_newsevents_probe", probe)
    try:
        return con.execute(
            "SELECT DISTINCT p.doc_id, b.doc_id FROM _newsevents_probe p JOIN article_bands b USING (band_key)"
        ).fetchall()
    finally:
        con.unregister("_newsevents_probe")


def _best(text: str, candidates: list[tuple[str, str]]) -> tuple[str, float] | None:
    """The most similar original among the candidates that ``text`` copies (ties: the first, the smaller id)."""
    best: tuple[str, float] | None = None
    for doc_id, other in candidates:
        j = near_duplicate(other, text)
        if j is not None and (best is None or j > best[1]):
            best = (doc_id, j)
    return best


def _stored_texts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    if not doc_ids:
        return {}
    rows = con.execute("SELECT doc_id, text FROM articles WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()
    return {d: t or "" for d, t in rows}


def minhash_rows(sigs: dict[str, Signature], links: list[Link]) -> tuple[list[dict], list[dict]]:
    """Rows of ``article_minhash`` (every article) and ``article_bands`` (originals long enough to be linked)."""
    linked = {link.doc_id for link in links}
    minhash = [{"doc_id": d, "n_shingles": s.n_shingles, "signature": [int(v) for v in s.values]}
               for d, s in sigs.items()]
    bands = [{"doc_id": d, "band_key": k} for d, s in sigs.items()
             if d not in linked and s.n_shingles >= MIN_SHINGLES for k in s.bands()]
    return minhash, bands


# --- the pass over a whole store ---------------------------------------------------------------------------------
def relink(con: duckdb.DuckDBPyConnection, chunk: int = 2000) -> list[Link]:
    """Link every stored near-duplicate to its original anew (signatures computed for articles stored before
    they were kept); returns the links. Runs inside the caller's transaction."""
    missing = con.execute("SELECT a.doc_id, a.text FROM articles a ANTI JOIN article_minhash m USING (doc_id) "
                          "ORDER BY a.doc_id").fetchall()
    for start in range(0, len(missing), chunk):
        sigs = signatures(missing[start : start + chunk])
        if sigs:
            rows, _ = minhash_rows(sigs, [])
            _insert(con, "article_minhash", rows)
    # texts too short to link (``MIN_SHINGLES``) take no part; the rest in storing order, the original first
    order = con.execute(
        "SELECT m.doc_id, m.signature, m.n_shingles FROM article_minhash m JOIN articles a USING (doc_id) "
        "WHERE m.n_shingles >= ? ORDER BY a.ingested_at, m.doc_id", [MIN_SHINGLES]).fetchall()
    ids = [r[0] for r in order]
    links: list[Link] = []
    if ids:
        matrix = np.stack([np.asarray(r[1], dtype=np.uint64) for r in order])
        # articles with one signature are (all but surely) one text: each joins the first of them, and only
        # the first takes part in the band join (a text stored a thousand times would make a million pairs)
        _, first, inverse = np.unique(matrix, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
        reps = np.sort(first)
        pairs = _candidate_pairs(con, matrix[reps])
        pairs = reps[pairs] if len(pairs) else pairs
        same = np.array([(first[g], i) for i, g in enumerate(inverse.tolist()) if first[g] != i], dtype=np.int64)
        links = _components(con, ids, np.concatenate([pairs.reshape(-1, 2), same.reshape(-1, 2)]))
    con.execute("UPDATE articles SET duplicate_of = NULL, dup_similarity = NULL WHERE duplicate_of IS NOT NULL")
    con.execute("UPDATE events SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
    con.execute("DELETE FROM article_bands")
    if links:
        table = pa.table({"doc_id": [x.doc_id for x in links], "original": [x.original for x in links],
                          "similarity": [x.similarity for x in links]})
        con.register("_newsevents_links", table)
        try:
            con.execute("UPDATE articles SET duplicate_of = l.original, dup_similarity = l.similarity "
                        "FROM _newsevents_links l WHERE articles.doc_id = l.doc_id")
            con.execute("UPDATE events SET duplicate_of = l.original FROM _newsevents_links l "
                        "WHERE events.doc_id = l.doc_id")
        finally:
            con.unregister("_newsevents_links")
    keep = np.array([d not in {x.doc_id for x in links} for d in ids], dtype=bool)
    if ids and keep.any():
        keys = band_keys(matrix[keep])
        table = pa.table({"doc_id": np.repeat(np.array(ids, dtype=object)[keep], BANDS).tolist(),
                          "band_key": keys.ravel()})
        con.register("_newsevents_bands", table)
        try:
            con.execute("INSERT INTO article_bands BY NAME SELECT * FROM _newsevents_bands")
        finally:
            con.unregister("_newsevents_bands")
    return links


def _candidate_pairs(con: duckdb.DuckDBPyConnection, matrix: np.ndarray) -> np.ndarray:
    """(i, j), i < j, of every pair of rows of the signature matrix sharing a band key (a DuckDB self-join)."""
    n = matrix.shape[0]
    table = pa.table({"i": np.repeat(np.arange(n, dtype=np.int64), BANDS), "k": band_keys(matrix).ravel()})
    con.register("_newsevents_keys", table)
    try:
        found = con.execute("SELECT DISTINCT a.i, b.i FROM _newsevents_keys a JOIN _newsevents_keys b "
                            "ON a.k = b.k AND a.i < b.i").fetchnumpy()
    finally:
        con.unregister("_newsevents_keys")
    return np.stack([found["i"], found["i_1"]], axis=1) if len(found["i"]) else np.zeros((0, 2), dtype=np.int64)


def _components(con: duckdb.DuckDBPyConnection, ids: list[str], pairs: np.ndarray) -> list[Link]:
    """Union-find over the candidate pairs that hold up on their texts; each group's original is its first
    article (stored first)."""
    parent = list(range(len(ids)))
    best: dict[int, float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = sorted({int(i) for pair in pairs.tolist() for i in pair})
    texts = _stored_texts(con, [ids[i] for i in rows])
    for i, j in pairs.tolist():  # i < j: i was stored first, so it is the original if either is
        sim = near_duplicate(texts[ids[i]], texts[ids[j]])
        if sim is None:
            continue
        best[j] = max(best.get(j, 0.0), sim)
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)  # rows are in storing order: the smaller row is the original
    return [Link(ids[i], ids[root(i)], best.get(i, 0.0)) for i in range(len(ids)) if root(i) != i]


def _insert(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> None:
    if not rows:
        return
    view = f"_newsevents_link_{name}"
    con.register(view, pa.Table.from_pylist(rows, schema=TABLES[name].arrow_schema))
    try:
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)
