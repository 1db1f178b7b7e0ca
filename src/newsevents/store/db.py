"""The store: write coded articles one transaction per batch, skip unchanged ones, replace changed ones.

A batch is fully stored or not at all (one transaction), so killing a run loses at most the batch
in flight; an article whose id and content hash are already stored is skipped before it is parsed.
The store is a DuckDB file, or a PostgreSQL database for a ``postgresql://`` URL (``backend.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from newsevents import errors
from newsevents.errors import NewseventsError
from newsevents.models import Article, CodedArticle
from newsevents.store import backend, clusters, duplicates, queries
from newsevents.store.registry import ensure_registry, update_registry_batch
from newsevents.store.rows import article_rows, coded_from_dict
from newsevents.store.schema import ARTICLE_TABLES, LINK_TABLES, TABLES, create_statements

DEFAULT_DB = "newsevents.duckdb"
T = TypeVar("T")
# Tables holding rows of an article, cleared when a changed article replaces its old version.
DOC_TABLES = ("event_actors", "events", "quotes", "places", "entities", "articles")
# Tables keyed by article that say how it repeats others (cleared with it; not part of ``counts``).
LINK_DOC_TABLES = ("article_minhash", "article_bands")


class Store:
    """A DuckDB file (or a PostgreSQL database) holding articles, events, event actors, quotes, places and
    entities (``schema.py``)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, registry: bool = True) -> None:
        self.path = str(path)
        # The actor registry is updated in the same transaction as the articles' rows (``store/registry.py``).
        self.registry = registry
        self.con: Any  # a DuckDB connection or a ``backend.PgConnection``: the same methods
        if backend.is_postgres(self.path):
            self.con = backend.PgConnection(self.path, read_only=read_only)
            if not read_only:
                self.con.ensure(create_statements(ARTICLE_TABLES + LINK_TABLES, backend.PgConnection.dialect))
            self._registry_ready = False
            return
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            raise NewseventsError(f"{self.path}: " + errors.E016.format(detail=str(exc).splitlines()[0])) from exc
        if not read_only:
            for statement in create_statements(ARTICLE_TABLES + LINK_TABLES):
                self.con.execute(statement)
        self._registry_ready = False  # registry tables created (or migrated) on this connection

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the cheap check before parsing -------------------------------------------------------
    def stored_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Content hash of each of these ids already stored."""
        if not doc_ids:
            return {}
        rows = self.con.execute(
            "SELECT doc_id, content_hash FROM articles WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        ).fetchall()
        return {doc_id: h for doc_id, h in rows}

    def unchanged(self, articles: Iterable[Article]) -> set[str]:
        """Ids of the articles already stored with the same content (to skip)."""
        arts = list(articles)
        known = self.stored_hashes([a.id for a in arts])
        return {a.id for a in arts if known.get(a.id) == a.content_hash()}

    # --- writing ------------------------------------------------------------------------------
    def write_batch(self, batch: Sequence[tuple[Article, CodedArticle]]) -> int:
        """Store a batch in one transaction; returns the number of articles written (new or replaced)."""
        items = [(a, c, c.to_dict()) for a, c in batch]
        return self._write(
            (a.text, a.content_hash(), a.url or c.url, a.source or c.source, rec, c) for a, c, rec in items
        )

    def write_records(self, records: Sequence[dict[str, Any]]) -> int:
        """Store rows of Parquet partitions (``record`` JSON + text, content_hash, url, source) in one transaction."""
        prepared = []
        for r in records:
            rec = json.loads(r["record"]) if isinstance(r["record"], str) else r["record"]
            prepared.append((r["text"], r["content_hash"], r.get("url"), r.get("source"), rec, None))
        return self._write(prepared)

    def _write(self, prepared: Iterable[tuple[str, str, str | None, str | None, dict, CodedArticle | None]]) -> int:
        tables: dict[str, list[dict]] = {t.name: [] for t in ARTICLE_TABLES}
        coded: list[CodedArticle] = []
        seen: dict[str, int] = {}
        texts: dict[str, str] = {}
        for text, content_hash, url, source, record, obj in prepared:
            doc_id = record["doc_id"]
            if doc_id in seen:  # the same id twice in one batch: the later version wins
                self._drop_from(tables, doc_id)
                coded = [c for c in coded if c.doc_id != doc_id]
            seen[doc_id] = 1
            texts[doc_id] = text
            for name, rows in article_rows(record, text, content_hash, url, source).items():
                tables[name].extend(rows)
            if self.registry:
                coded.append(obj if obj is not None else coded_from_dict(record, url, source))
        doc_ids = list(seen)
        if not doc_ids:
            return 0
        con = self.con
        views: list[str] = []
        sigs = duplicates.signatures(list(texts.items()))  # before the transaction: pure computation
        con.begin()
        try:
            # Only articles already stored have rows to delete: looking them up in ``articles`` (one row
            # per article) keeps a batch of new articles from scanning every table as the store grows.
            replaced = [r[0] for r in con.execute(
                "SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()]
            if replaced:
                for name in DOC_TABLES + LINK_DOC_TABLES:
                    con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?))", [replaced])
            self._mark_duplicates(tables, texts, sigs)
            for name, rows in tables.items():
                if rows and (view := self._insert(name, rows)) is not None:
                    views.append(view)
            if self.registry:
                if not self._registry_ready:
                    ensure_registry(con)  # inside the transaction: remembered only once committed
                update_registry_batch(con, coded, replaced=replaced, ensure=False)
            con.commit()
            self._registry_ready = self._registry_ready or self.registry
        except BaseException:
            con.rollback()
            raise
        finally:
            for view in views:  # only after COMMIT/ROLLBACK: an aborted transaction refuses any statement
                con.unregister(view)
        return len(doc_ids)

    def _mark_duplicates(self, tables: dict[str, list[dict]], texts: dict[str, str], sigs: dict) -> None:
        """Link the batch's near-duplicates to their originals (``duplicates.py``) on their article and event
        rows, and add the signature rows to be written with them."""
        links = {link.doc_id: link for link in duplicates.link_batch(self.con, texts, sigs)}
        for row in tables["articles"]:
            if (link := links.get(row["doc_id"])) is not None:
                row["duplicate_of"], row["dup_similarity"] = link.original, link.similarity
        for row in tables["events"]:
            if (link := links.get(row["doc_id"])) is not None:
                row["duplicate_of"] = link.original
        tables["article_minhash"], tables["article_bands"] = duplicates.minhash_rows(sigs, list(links.values()))

    @staticmethod
    def _drop_from(tables: dict[str, list[dict]], doc_id: str) -> None:
        for name, rows in tables.items():
            tables[name] = [r for r in rows if r.get("doc_id") != doc_id]

    def _insert(self, name: str, rows: list[dict]) -> str | None:
        """Insert rows through a registered Arrow view; returns the view name (unregistered after the commit).
        On PostgreSQL through COPY (no view)."""
        table = TABLES[name]
        if backend.is_pg(self.con):
            cols = table.arrow_schema.names
            dates = {i for i, c in enumerate(cols) if c in table.date_columns}
            self.con.copy_rows(name, cols, ([backend.try_date(v) if i in dates else v
                                             for i, v in enumerate(row.get(c) for c in cols)] for row in rows))
            return None
        arrow = pa.Table.from_pylist(rows, schema=table.arrow_schema)
        cols = []
        for col in arrow.column_names:
            # TRY_CAST: a malformed date must not make the whole batch fail; it is stored as NULL.
            cols.append(f"TRY_CAST({col} AS DATE) AS {col}" if col in table.date_columns else col)
        view = f"_newsevents_batch_{name}"
        self.con.register(view, arrow)
        self.con.execute(f"INSERT INTO {name} BY NAME SELECT {', '.join(cols)} FROM {view}")
        return view

    # --- reading (the queries themselves are in ``queries.py``) --------------------------------
    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        return queries.table_counts(DOC_TABLES).dicts(self.con)[0]

    def events_by_type(self) -> dict[str, int]:
        """Number of stored events of each PLOVER type."""
        return {t: n for t, n in queries.events_by_type().tuples(self.con)}

    # --- linking across articles (``duplicates.py``) --------------------------------------------
    def relink_duplicates(self) -> list[duplicates.Link]:
        """Link every stored near-duplicate to its original anew, in one transaction; returns the links."""
        self._duckdb_only("relinking near-duplicates")
        return self._atomic(lambda: duplicates.relink(self.con))

    def link(self, window: int | None = None) -> tuple[list[duplicates.Link], clusters.Built]:
        """Relink near-duplicates, then rebuild the event clusters and stories, in one transaction."""
        self._duckdb_only("`newsevents link` (near-duplicates, clusters and stories over the whole store)")
        return self._atomic(lambda: (duplicates.relink(self.con),
                                     clusters.build(self.con, window if window is not None else clusters.WINDOW_DAYS)))

    def update_clusters(self) -> clusters.Built | None:
        """Bring the clusters and stories up to date with the events stored since (``clusters.update``: only what
        the new events can join is rebuilt), in one transaction; None when nothing changed, or on a store that is
        not a DuckDB file (its clusters are built by ``link``)."""
        if not isinstance(self.con, duckdb.DuckDBPyConnection):
            return None
        return self._atomic(lambda: clusters.update(self.con))

    def _atomic(self, work: Callable[[], T]) -> T:
        """``work()`` in one transaction: committed when it returns, rolled back when it raises."""
        self.con.begin()
        try:
            done = work()
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return done

    def _duckdb_only(self, what: str) -> None:
        """What the PostgreSQL backend does not run yet: one clear error instead of a failure halfway."""
        if backend.is_pg(self.con):
            raise backend.unsupported(what)
