"""The cross-article actor registry in DuckDB: canonical actors, their aliases and the roles learned from text.

Tables (defined in ``schema.py``, created by ``ensure_registry``):
- ``registry_actors``: one row per canonical actor (``actor_id`` = lower-case canonical name), with its
  latest code, country, sector, first and last article dates and the number of articles.
- ``registry_aliases``: every surface form seen for an actor, with the first article that showed it.
- ``registry_roles``: each role an article stated ("the former defense minister of Afghanistan" ->
  AFG GOV, former), with its validity, the article's id and date, and the evidence offsets.
- ``registry_docs``: which articles mention which actor.

``update_registry_batch(con, coded_list)`` is called by the store inside its write transaction for each
batch (``update_registry`` for one article); it first forgets what those articles said before, so
re-ingesting an article changes nothing and a changed article replaces its own rows.
``load_registry(con)`` gives the resolver a view of the roles, so a later article codes "Amrullah Saleh"
as AFG GOV even when it does not say who he is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newsevents.models import Actor, CodedArticle
from newsevents.store.backend import dialect, is_pg
from newsevents.store.queries import has_table
from newsevents.store.schema import REGISTRY_TABLES, TABLES, create_statements

# Roles the text stated (not codes that merely came from our knowledge base or a dictionary).
TEXT_SOURCES = frozenset({"title", "appositive", "copula", "relative", "possessive", "name"})


def ensure_registry(con: Any) -> None:
    """Create the registry tables if they are missing (and add ``latest_key`` to a registry made before it)."""
    for statement in create_statements(REGISTRY_TABLES, dialect(con)):
        if not statement.startswith("ALTER"):  # the migration below runs only where it is needed
            con.execute(statement)
    columns = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'registry_actors'").fetchall()}
    if "latest_key" not in columns:
        # only an older registry lacks it: add it, then fill it for every actor
        for statement in TABLES["registry_actors"].migrations(dialect(con)):
            con.execute(statement)
        _recount(con, None)


def has_registry(con: Any) -> bool:
    return has_table(con, "registry_roles")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def update_registry(con: Any, coded: CodedArticle) -> None:
    """Record one article's named actors, aliases and stated roles (replacing what it said before)."""
    update_registry_batch(con, [coded])


def update_registry_batch(
    con: Any, batch: list[CodedArticle], replaced: list[str] | None = None, ensure: bool = True
) -> None:
    """Record a batch of articles in a handful of set-based statements (the store calls this inside its
    write transaction).

    ``replaced``: the ids of the batch already in the store (None: look them up). Their old rows are
    forgotten and their actors recounted from ``registry_docs``; for a batch of new articles only, the
    actors' counts, dates and latest view are merged in place, so the cost of a batch does not grow
    with the size of the registry. ``ensure=False``: the caller has already made the tables.
    """
    if not batch:
        return
    if ensure:
        ensure_registry(con)
    doc_ids = list(dict.fromkeys(c.doc_id for c in batch))
    if replaced is None:
        replaced = [r[0] for r in con.execute(
            "SELECT DISTINCT doc_id FROM registry_docs WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()]
    touched: set[str] = set()
    if replaced:
        touched = {r[0] for r in con.execute(
            "SELECT DISTINCT actor_id FROM registry_docs WHERE doc_id IN (SELECT unnest(?))", [replaced]).fetchall()}
        for table in ("registry_docs", "registry_roles", "registry_aliases"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [replaced])
    rows: dict[str, list[tuple[Any, ...]]] = {"registry_docs": [], "registry_aliases": [], "registry_roles": []}
    for coded in batch:
        _article_rows(coded, rows)
    for table, table_rows in rows.items():
        if table_rows:
            _bulk_insert(con, table, table_rows)
    if touched:
        _recount(con, sorted(touched | {r[0] for r in rows["registry_docs"]}))
    elif rows["registry_docs"]:
        _merge_new(con, rows["registry_docs"])


def _latest_key(day: dt.date | None, doc_id: str) -> str:
    """Orders an actor's articles: by date (undated first), then doc_id; the largest gives the latest view."""
    return (day or dt.date(1, 1, 1)).isoformat() + doc_id


def _recount(con: Any, actor_ids: list[str] | None) -> None:
    """Rebuild ``registry_actors`` rows from ``registry_docs`` (for these actors, or all when None)."""
    where = "WHERE actor_id IN (SELECT unnest(?))" if actor_ids is not None else ""
    params = [actor_ids] if actor_ids is not None else []
    if is_pg(con):  # no arg_max there: the same fold as a batch of new articles, over every article of theirs
        docs = con.execute("SELECT actor_id, doc_id, doc_date, code, country, sector, kind, name FROM registry_docs "
                           f"{where}", params).fetchall()
        con.execute(f"DELETE FROM registry_actors {where}", params)
        if docs:
            _merge_new(con, docs)
        return
    con.execute(f"DELETE FROM registry_actors {where}", params)
    con.execute(
        f"""INSERT INTO registry_actors
            SELECT actor_id, arg_max(name, k), arg_max(kind, k), arg_max(code, k), arg_max(country, k),
                   arg_max(sector, k), min(doc_date), max(doc_date), count(DISTINCT doc_id), max(k)
            FROM (SELECT *, strftime(coalesce(doc_date, DATE '0001-01-01'), '%Y-%m-%d') || doc_id AS k
                  FROM registry_docs {where})
            GROUP BY actor_id""",
        params,
    )


def _merge_new(con: Any, doc_rows: list[tuple[Any, ...]]) -> None:
    """Fold the rows of new articles into ``registry_actors``: add the counts, widen the dates, and take
    the name and codes of the latest article (the same result as ``_recount``, without reading
    ``registry_docs``)."""
    merged: dict[str, list[Any]] = {}
    for actor_id, doc_id, day, code, country, sector, kind, name in doc_rows:
        key = _latest_key(day, doc_id)
        m = merged.get(actor_id)
        if m is None:
            merged[actor_id] = [actor_id, name, kind, code, country, sector, day, day, 1, key]
        else:
            _fold(m, (name, kind, code, country, sector), day, day, 1, key)
    ids = list(merged)
    for row in con.execute(
        """SELECT actor_id, name, kind, code, country, sector, first_seen, last_seen, n_docs, latest_key
           FROM registry_actors WHERE actor_id IN (SELECT unnest(?))""", [ids]
    ).fetchall():
        _fold(merged[row[0]], row[1:6], row[6], row[7], row[8] or 0, row[9])
    con.execute("DELETE FROM registry_actors WHERE actor_id IN (SELECT unnest(?))", [ids])
    _bulk_insert(con, "registry_actors", [tuple(m) for m in merged.values()])


def _fold(m: list[Any], view: Sequence[Any], first: Any, last: Any, n_docs: int, key: str | None) -> None:
    """Fold another view of an actor into the ``registry_actors`` row ``m``: the counts add, the dates
    widen, and the view of the latest article (the largest key) wins."""
    m[8] += n_docs
    m[6] = min((d for d in (m[6], first) if d is not None), default=None)
    m[7] = max((d for d in (m[7], last) if d is not None), default=None)
    if key is not None and key > m[9]:
        m[1:6] = list(view)
        m[9] = key


def _article_rows(coded: CodedArticle, rows: dict[str, list[tuple[Any, ...]]]) -> set[str]:
    """Append an article's registry rows; return the actor ids it names."""
    doc_id = coded.doc_id
    day = _date(coded.date)
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in coded.entities:
        if actor.name:
            groups[actor.name.strip().lower()].append(actor)
    for actor_id, mentions in groups.items():
        first = mentions[0]
        rows["registry_docs"].append(
            (actor_id, doc_id, day, first.code, first.country, first.sector, first.kind, first.name))
        for alias in sorted({m.entity_text for m in mentions if getattr(m, "how", "name") == "name"}):
            rows["registry_aliases"].append((actor_id, alias, doc_id, day))
        seen: set[tuple[Any, ...]] = set()
        for role in getattr(first, "roles", None) or []:
            key = (role.country, role.sector, role.start)
            if role.source not in TEXT_SOURCES or key in seen:
                continue
            seen.add(key)
            rows["registry_roles"].append(
                (actor_id, role.country, role.sector, role.code, role.status, role.source, role.text,
                 _date(role.valid_from), _date(role.valid_to), doc_id, day, role.start, role.end))
    return set(groups)


def _bulk_insert(con: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert through a registered Arrow table: one statement instead of one per row (executemany); on
    PostgreSQL through COPY."""
    import pyarrow as pa

    if is_pg(con):
        con.copy_rows(table, None, rows)
        return

    arrow = pa.Table.from_arrays([pa.array(list(col)) for col in zip(*rows, strict=True)],
                                 names=[f"c{i}" for i in range(len(rows[0]))])
    view = f"_reg_{table}"
    con.register(view, arrow)  # a failed insert aborts the transaction, which then refuses even unregister;
    con.execute(f"INSERT INTO {table} SELECT * FROM {view}")  # the next register replaces the view anyway
    con.unregister(view)


class RegistryRole(NamedTuple):
    country: str | None
    sector: str | None
    code: str
    status: str
    doc_date: dt.date | None
    doc_id: str


@dataclass
class RegistryView:
    """What the resolver needs from the registry: roles by actor name or alias (lower case)."""

    roles: dict[str, list[RegistryRole]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # lower-case alias -> actor_id

    def lookup(self, name: str, day: dt.date | None = None) -> RegistryRole | None:
        """The latest current role stated on or before ``day`` (any date when None), else a former one."""
        key = name.strip().lower()
        actor_id = key if key in self.roles else self.aliases.get(key)
        roles = self.roles.get(actor_id or "", [])
        usable = [r for r in roles if day is None or r.doc_date is None or r.doc_date <= day]
        if not usable:
            return None
        current = [r for r in usable if r.status == "current" and r.country and r.sector]
        pool = current or usable
        return max(pool, key=lambda r: (r.doc_date or dt.date.min, r.doc_id))


def load_registry(con: Any, keys: Collection[str] | None = None) -> RegistryView:
    """Read the registry for the resolver (``ActorKB.registry = load_registry(con)``): all of it, or only
    the actors whose name or an alias is one of ``keys`` (lower case; see ``registry_for``)."""
    view = RegistryView()
    if not has_registry(con) or keys is not None and not keys:
        return view
    alias_sql = "SELECT DISTINCT actor_id, alias FROM registry_aliases"
    role_sql = "SELECT actor_id, country, sector, code, status, doc_date, doc_id FROM registry_roles"
    alias_params: list[Any] = []
    if keys is not None:
        alias_sql += " WHERE lower(alias) IN (SELECT unnest(?))"
        alias_params = [list(keys)]
    # ordered, so that an alias two actors share points at the same one in the full and the partial view
    aliases = con.execute(alias_sql + " ORDER BY alias, actor_id", alias_params).fetchall()
    for actor_id, alias in aliases:
        view.aliases.setdefault(alias.lower(), actor_id)
    role_params: list[Any] = []
    if keys is not None:
        role_sql += " WHERE actor_id IN (SELECT unnest(?))"
        role_params = [sorted(set(keys) | {actor_id for actor_id, _ in aliases})]
    for actor_id, country, sector, code, status, doc_date, doc_id in con.execute(role_sql, role_params).fetchall():
        view.roles.setdefault(actor_id, []).append(
            RegistryRole(country, sector, code or "", status or "current", doc_date, doc_id)
        )
    return view


# A run of capitalised words, with the particles names carry inside ("Osama bin Laden", "Paul D. Ryan").
_NAME_RUN = re.compile(
    r"[A-Z][\w\-.'\u2019]*(?:\s+(?:(?:al|bin|ibn|de|del|da|der|van|von|la|le|du|dos|el)\s+)?[A-Z][\w\-.'\u2019]*)*"
)
MAX_NAME_WORDS = 6


def name_keys(texts: Iterable[str]) -> set[str]:
    """Every name the resolver could look up in these texts: each run of words of a run of capitalised
    words, lower case, without a possessive 's (a superset of the actors' canonical names)."""
    keys: set[str] = set()
    for text in texts:
        for run in _NAME_RUN.findall(text):
            words = [w.removesuffix("'s").removesuffix("\u2019s").rstrip(",") or w for w in run.split()]
            words = words[: MAX_NAME_WORDS * 2]
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
                    key = " ".join(words[i:j]).lower()
                    keys.add(key)
                    # "Paul D. Ryan" keeps its dots; a full stop after a name's last word does not belong to it
                    keys.add(key.rstrip(".") or key)
    return keys


def registry_for(con: Any, texts: Iterable[str]) -> RegistryView:
    """The part of the registry these articles can use: memory per batch, not per registry size."""
    return load_registry(con, name_keys(texts))
