"""Event clusters and stories, built set-wise in DuckDB SQL: reports of one happening collapse into one cluster
(``event_clusters``, ``cluster_members``), and articles into stories (``stories``, ``story_articles``).

Two stored events are reports of one happening when they have the same PLOVER type, compatible actors and
recipients, the same place or none, and dates within ``window`` days (``docs/clusters.md`` has the rules and
what is never merged). The pairs are found by one join of the events on (type, actor country), the clusters
are the connected components of those pairs (label propagation, a few set-wise passes), so a million events
cluster without a Python loop over rows. Every event keeps its own row and evidence; the cluster tables are
rebuilt whole by ``build``, or brought up to date by ``update`` after an ingest or a watch poll (only the
clusters and stories the new events can join are rebuilt), in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from newsevents.knowledge.actor_codes import sector_sides
from newsevents.store.schema import CLUSTER_TABLES, create_statements

WINDOW_DAYS = 3  # reports of one happening: event dates (else publication dates) at most this far apart
STORY_DAYS = 7  # a follow-up: the same named actor and recipient within this many days
MAX_PASSES = 60  # label propagation passes; components are small, so it ends far sooner
# Events that are not reports of a happening that took place: never merged with another.
UNREAL = "['negated', 'hypothetical', 'future']"
# Types where who is actor and who recipient is a matter of wording (A met B, B met A; they agreed).
SYMMETRIC = "('CONSULT', 'AGREE', 'COOPERATE')"
# A cluster's first report (its story is the cluster's): the earliest article, the smallest id among equals.
FIRST_DOC = "arg_min(m.doc_id, (a.date, m.doc_id))"


@dataclass(frozen=True)
class Built:
    """What one build made."""

    events: int  # events clustered (a near-duplicate's left out)
    clusters: int
    merged: int  # clusters of two or more events
    stories: int
    passes: int  # label propagation passes until nothing changed


def _any_compatible(a: str, b: str) -> str:
    """Some code of list ``a`` and some of list ``b`` name the same actor, or one is the other's broader code
    (RUS and RUSMIL; not RUSGOV and RUSMIL)."""
    return (f"list_bool_or(list_transform({a}, lambda p: list_bool_or(list_transform({b}, "
            "lambda q: p = q OR starts_with(p, q) OR starts_with(q, p)))))")


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    row = con.execute(sql).fetchone()
    assert row is not None  # an aggregate always gives one row
    return row


def _components(con: duckdb.DuckDBPyConnection, nodes: str, edges: str, out: str) -> int:
    """Connected components: ``out``(n, lab) with each node of ``nodes``(n) labelled by the smallest node of its
    component over the undirected ``edges``(a, b); returns the passes taken."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT n, n AS lab FROM {nodes}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _both AS SELECT a, b FROM {edges} UNION ALL SELECT b, a FROM {edges}")
    for passes in range(1, MAX_PASSES + 1):
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _next AS
            SELECT l.n, least(l.lab, coalesce(min(o.lab), l.lab)) AS lab
            FROM {out} l LEFT JOIN _both e ON e.a = l.n LEFT JOIN {out} o ON o.n = e.b GROUP BY l.n, l.lab""")
        changed = _one(con, f"SELECT count(*) FROM _next x JOIN {out} l USING (n) WHERE x.lab <> l.lab")[0]
        # pointer jumping: take the label of one's label, so long chains close in log-many passes
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {out} AS
            SELECT x.n, least(x.lab, coalesce(y.lab, x.lab)) AS lab FROM _next x LEFT JOIN _next y ON y.n = x.lab""")
        if not changed:
            return passes
    return MAX_PASSES


def build(con: duckdb.DuckDBPyConnection, window: int = WINDOW_DAYS, story_days: int = STORY_DAYS) -> Built:
    """Rebuild the cluster and story tables from the stored events (inside the caller's transaction)."""
    _prepare(con)
    _events(con, "TRUE")
    _pairs(con, window)
    passes = _label(con)
    con.execute("DELETE FROM cluster_members")
    con.execute("DELETE FROM event_clusters")
    _insert_members(con)
    _stories(con, story_days)
    _insert_clusters(con, "TRUE")
    return _finish(con, window, passes)


def update(con: duckdb.DuckDBPyConnection, window: int | None = None,
           story_days: int = STORY_DAYS) -> Built | None:
    """Bring the clusters and stories up to date with the events stored since they were built (inside the
    caller's transaction); None when nothing changed. ``window``: that of the last build, unless given.

    Only what the new events can reach is rebuilt: starting from the events in no cluster (and the clusters
    that lost a member, its article replaced), each pass takes the stored events of their days (give or take
    the window), finds the pairs they make, and adds the events paired with them and the rest of their
    clusters, until no pass adds one. That is every component a new event joins, so the clusters come out
    exactly as a whole ``build`` would make them, at the cost of the few days the new events fall on."""
    _prepare(con)
    if window is None:
        row = con.execute("SELECT window_days FROM link_state").fetchone()
        window = int(row[0]) if row and row[0] is not None else WINDOW_DAYS
    if not _one(con, "SELECT count(*) FROM (SELECT 1 FROM cluster_members LIMIT 1)")[0]:
        # nothing clustered yet: every event is new, and one build is the cheapest way to reach them all
        return build(con, window, story_days) if _one(con, "SELECT count(*) FROM articles")[0] else None
    # clusters that lost a member (its article replaced, or now linked as a copy) are rebuilt from the rest
    con.execute("""CREATE OR REPLACE TEMP TABLE _gone AS SELECT DISTINCT m.cluster_id FROM cluster_members m
        LEFT JOIN events e ON e.id = m.event_id WHERE e.id IS NULL OR e.duplicate_of IS NOT NULL""")
    con.execute("""CREATE OR REPLACE TEMP TABLE _scope AS
        SELECT e.id FROM events e ANTI JOIN cluster_members m ON m.event_id = e.id WHERE e.duplicate_of IS NULL
        UNION
        SELECT m.event_id FROM cluster_members m SEMI JOIN _gone g ON g.cluster_id = m.cluster_id""")
    stale_stories = _one(con, "SELECT count(*) FROM story_articles s ANTI JOIN articles a ON a.doc_id = s.doc_id")[0]
    if not _one(con, "SELECT count(*) FROM _scope")[0] and not stale_stories and not _unstoried(con):
        _finish(con, window, 0)
        return None
    in_scope = "e.id IN (SELECT id FROM _scope)"
    for _ in range(MAX_PASSES):
        lo, hi = _one(con, "SELECT min(coalesce(e.date, a.date)), max(coalesce(e.date, a.date)) FROM events e "
                           f"LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE {in_scope}")
        if lo is None:
            break  # no dated event: none can be merged with another
        _events(con, f"{in_scope} OR coalesce(e.date, a.date) BETWEEN DATE '{lo.isoformat()}' - {int(window)} "
                     f"AND DATE '{hi.isoformat()}' + {int(window)}")
        _pairs(con, window)
        added = _one(con, """INSERT INTO _scope
            WITH met AS (
                SELECT y.id FROM _pairs p JOIN _ev x ON x.n = p.a JOIN _ev y ON y.n = p.b
                WHERE x.id IN (SELECT id FROM _scope) AND y.id NOT IN (SELECT id FROM _scope)
                UNION
                SELECT x.id FROM _pairs p JOIN _ev x ON x.n = p.a JOIN _ev y ON y.n = p.b
                WHERE y.id IN (SELECT id FROM _scope) AND x.id NOT IN (SELECT id FROM _scope)
            )
            SELECT id FROM met
            UNION
            SELECT m.event_id FROM cluster_members m WHERE m.cluster_id IN (
                SELECT c.cluster_id FROM cluster_members c JOIN met ON met.id = c.event_id)
              AND m.event_id NOT IN (SELECT id FROM _scope)""")[0]
        if not added:
            break
    _events(con, in_scope)
    _pairs(con, window)
    passes = _label(con)
    con.execute("INSERT INTO _gone SELECT DISTINCT cluster_id FROM cluster_members WHERE event_id IN "
                "(SELECT id FROM _scope)")
    con.execute("DELETE FROM cluster_members WHERE cluster_id IN (SELECT cluster_id FROM _gone)")
    con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT cluster_id FROM _gone)")
    _insert_members(con)
    _update_stories(con, story_days)
    _insert_clusters(con, "m.event_id IN (SELECT id FROM _ev)")
    return _finish(con, window, passes)


def _unstoried(con: duckdb.DuckDBPyConnection) -> int:
    """Articles in no story yet (stored since the stories were built)."""
    return int(_one(con, "SELECT count(*) FROM articles a ANTI JOIN story_articles s ON s.doc_id = a.doc_id")[0])


def _update_stories(con: duckdb.DuckDBPyConnection, story_days: int) -> None:
    """The stories after ``update``: as for clusters, from the articles of the rebuilt clusters, the articles in
    no story and the stories that lost an article, each pass adds the articles paired with them (within
    ``story_days``, or by a lead event's cluster) and the rest of their stories."""
    con.execute("""CREATE OR REPLACE TEMP TABLE _dgone AS SELECT DISTINCT s.story_id FROM story_articles s
        ANTI JOIN articles a ON a.doc_id = s.doc_id""")
    con.execute("DELETE FROM story_articles WHERE doc_id NOT IN (SELECT doc_id FROM articles)")
    con.execute("""CREATE OR REPLACE TEMP TABLE _dscope AS
        SELECT DISTINCT doc_id FROM _ev
        UNION SELECT a.doc_id FROM articles a ANTI JOIN story_articles s ON s.doc_id = a.doc_id
        UNION SELECT s.doc_id FROM story_articles s SEMI JOIN _dgone g ON g.story_id = s.story_id""")
    in_scope = "a.doc_id IN (SELECT doc_id FROM _dscope)"
    for _ in range(MAX_PASSES):
        # whole stories: a story the scope touches is rebuilt with all its articles
        con.execute("""INSERT INTO _dscope SELECT DISTINCT s.doc_id FROM story_articles s
            WHERE s.story_id IN (SELECT t.story_id FROM story_articles t JOIN _dscope USING (doc_id))
              AND s.doc_id NOT IN (SELECT doc_id FROM _dscope)""")
        # an article's day is its lead event's date, else its publication date: the scope's days lie between
        # the first and the last of its articles' event and publication dates
        lo, hi = _one(con, """SELECT min(d), max(d) FROM (
            SELECT a.date AS d FROM articles a SEMI JOIN _dscope s ON s.doc_id = a.doc_id
            UNION ALL SELECT e.date FROM events e SEMI JOIN _dscope s ON s.doc_id = e.doc_id)""")
        days = (f"BETWEEN DATE '{lo.isoformat()}' - {int(story_days)} AND DATE '{hi.isoformat()}' + {int(story_days)}"
                if lo is not None else "IS NULL AND FALSE")
        # candidates: the articles dated (or with an event dated) within story_days of those days, and those
        # with an event in a cluster of the scope's articles' events
        _docs(con, f"{in_scope} OR a.date {days} OR a.doc_id IN (SELECT doc_id FROM events WHERE date {days}) "
                   "OR a.doc_id IN (SELECT m.doc_id FROM cluster_members m WHERE m.cluster_id IN "
                   "(SELECT c.cluster_id FROM cluster_members c JOIN _dscope USING (doc_id)))")
        _doc_pairs(con, story_days)
        added = _one(con, """INSERT INTO _dscope
            SELECT y.doc_id FROM _doc_pairs p JOIN _docs x ON x.n = p.a JOIN _docs y ON y.n = p.b
            WHERE x.doc_id IN (SELECT doc_id FROM _dscope) AND y.doc_id NOT IN (SELECT doc_id FROM _dscope)
            UNION
            SELECT x.doc_id FROM _doc_pairs p JOIN _docs x ON x.n = p.a JOIN _docs y ON y.n = p.b
            WHERE y.doc_id IN (SELECT doc_id FROM _dscope) AND x.doc_id NOT IN (SELECT doc_id FROM _dscope)""")[0]
        if not added:
            break
    _docs(con, in_scope)
    _doc_pairs(con, story_days)
    _components(con, "_docs", "_doc_pairs", "_doc_lab")
    con.execute("""INSERT INTO _dgone SELECT DISTINCT story_id FROM story_articles WHERE doc_id IN
        (SELECT doc_id FROM _dscope)""")
    copies = ("a.duplicate_of IN (SELECT doc_id FROM _dscope) OR a.doc_id IN (SELECT doc_id FROM _dscope)")
    con.execute(f"DELETE FROM story_articles WHERE doc_id IN (SELECT a.doc_id FROM articles a WHERE {copies})")
    con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM _dgone)")
    _insert_stories(con, copies)
    # clusters kept whose first report's story changed
    con.execute(f"""UPDATE event_clusters SET story_id = f.story_id FROM (
            SELECT m.cluster_id, s.story_id FROM (
                SELECT m.cluster_id, {FIRST_DOC} AS first_doc FROM cluster_members m
                LEFT JOIN articles a ON a.doc_id = m.doc_id
                WHERE m.cluster_id IN (SELECT cluster_id FROM cluster_members WHERE doc_id IN
                                       (SELECT doc_id FROM _dscope))
                GROUP BY m.cluster_id) m
            LEFT JOIN story_articles s ON s.doc_id = m.first_doc) f
        WHERE event_clusters.cluster_id = f.cluster_id""")


def _prepare(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET enable_progress_bar = false")  # a library call prints nothing of its own
    for statement in create_statements(CLUSTER_TABLES):
        con.execute(statement)


def _finish(con: duckdb.DuckDBPyConnection, window: int, passes: int) -> Built:
    """Record the build in ``link_state``, drop the work tables, and say what the cluster tables hold."""
    n_events, n_clusters, merged, n_stories = _one(con, "SELECT sum(num_mentions), count(*), count(*) FILTER "
                                                   "(WHERE num_mentions > 1), (SELECT count(*) FROM stories) "
                                                   "FROM event_clusters")
    con.execute("DELETE FROM link_state")
    con.execute("INSERT INTO link_state (window_days, events, articles) SELECT ?, (SELECT count(*) FROM events), "
                "(SELECT count(*) FROM articles)", [int(window)])
    for name in ("_ev", "_keys", "_pairs", "_lab", "_spots", "_split", "_both", "_next", "_docs", "_doc_pairs",
                 "_doc_lab", "_scope", "_gone", "_dscope", "_dgone"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return Built(int(n_events or 0), int(n_clusters), int(merged), int(n_stories), passes)


def _events(con: duckdb.DuckDBPyConnection, cond: str) -> None:
    """``_ev``: one row per event to cluster that meets ``cond`` (SQL over events ``e`` and articles ``a``),
    numbered; a near-duplicate's events repeat its original's and stay out."""
    sides = f"list_distinct(list_filter(list_transform(acodes, lambda c: {_side_of('c')}), lambda s: s IS NOT NULL))"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _ev AS
        WITH e AS (
            SELECT e.id, e.doc_id, e.event, e.aux, e.loc_geonameid, e.loc_name, e.loc_feature, e.loc_country_code,
                   e.loc_how, coalesce(e.date, a.date) AS day, a.date AS seen,
                   list_filter(string_split(coalesce(e.actor_codes, ''), '; '), lambda c: c <> '') AS acodes,
                   list_filter(string_split(coalesce(e.recipient_codes, ''), '; '), lambda c: c <> '') AS rcodes,
                   list_filter(string_split(coalesce(e.actor_country, ''), '; '), lambda c: c <> '') AS acountries
            FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE e.duplicate_of IS NULL AND ({cond})
        )
        SELECT row_number() OVER (ORDER BY id) AS n, id, doc_id, event, day, seen, acodes, rcodes,
               -- the recipients compared: a bare code of the actor's own country says where the act took
               -- place (troops sent to a town of their own country), not whom it was directed at
               list_filter(rcodes, lambda c: NOT list_contains(acountries, c)) AS rcmp,
               list_distinct(list_transform(list_concat(acodes, rcodes), lambda c: left(c, 3))) AS roots,
               event IN {SYMMETRIC} AS sym,
               -- the side its actors stand on (one, else none); participants of talks may be on both sides
               CASE WHEN event NOT IN {SYMMETRIC} AND len({sides}) = 1 THEN {sides}[1] END AS side,
               -- the named place; a dateline's (where the report was filed, the coder's fallback) is none,
               -- and only its country is compared (``filed``)
               CASE WHEN loc_how IS DISTINCT FROM 'dateline'
                    THEN coalesce(CAST(loc_geonameid AS VARCHAR), lower(loc_name)) END AS place,
               loc_feature, loc_country_code,
               CASE WHEN loc_how = 'dateline' THEN loc_country_code END AS filed,
               day IS NOT NULL AND len(acodes) + len(rcodes) > 0
                 AND NOT list_has_any(coalesce(aux, []), {UNREAL}) AS mergeable
        FROM e""")


def _side_of(code: str) -> str:
    """SQL: the side (``actors/sector_sides.tsv``) the sector part of actor code ``code`` stands on, else NULL."""
    known = {k: v for k, v in sector_sides().items() if k.isalnum() and v.isalnum()}  # spliced into SQL
    return (f"CASE substr({code}, 4, 3) " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in sorted(known.items()))
            + " END") if known else "NULL"


def _pairs(con: duckdb.DuckDBPyConnection, window: int) -> None:
    """``_pairs``(a, b): the events of ``_ev`` that are reports of one happening (``docs/clusters.md``)."""
    # the join keys: the country (or IGO, NGO...) of each actor; of each participant for a symmetric type
    # and a bucket of window + 1 days: two reports close enough fall in one bucket or in two neighbours, so
    # the join below is two equi-joins (a hash join each) instead of every pair of a key's events
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _keys AS
        SELECT DISTINCT n, event, unnest(CASE WHEN sym THEN roots
                                         ELSE list_distinct(list_transform(acodes, lambda c: left(c, 3))) END) AS k,
               CAST(epoch(day) // 86400 AS BIGINT) // {int(window) + 1} AS b
        FROM _ev WHERE mergeable""")
    same_place = ("(x.place IS NULL OR y.place IS NULL OR x.place = y.place"
                  " OR (x.loc_feature = 'country' AND x.loc_country_code = y.loc_country_code)"
                  " OR (y.loc_feature = 'country' AND y.loc_country_code = x.loc_country_code))"
                  # a dateline: filed from the country of the other's place (or dateline), whatever the town
                  " AND (x.filed IS NULL OR y.loc_country_code IS NULL OR x.filed = y.loc_country_code)"
                  " AND (y.filed IS NULL OR x.loc_country_code IS NULL OR y.filed = x.loc_country_code)")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _pairs AS
        WITH near AS (
            SELECT kx.n AS a, ky.n AS b FROM _keys kx JOIN _keys ky
              ON kx.event = ky.event AND kx.k = ky.k AND kx.b = ky.b AND kx.n < ky.n
            UNION ALL
            SELECT least(kx.n, ky.n), greatest(kx.n, ky.n) FROM _keys kx JOIN _keys ky
              ON kx.event = ky.event AND kx.k = ky.k AND ky.b = kx.b + 1
        ), candidates AS (SELECT DISTINCT a, b FROM near)
        SELECT c.a, c.b FROM candidates c JOIN _ev x ON x.n = c.a JOIN _ev y ON y.n = c.b
        WHERE abs(date_diff('day', x.day, y.day)) <= {int(window)} AND {same_place}
          -- a country's government or army and its rebels are never one report read two ways
          AND (x.side IS NULL OR y.side IS NULL OR x.side = y.side)
          AND CASE WHEN x.sym
                   -- one set of participants holds the other's (by country): A meets B is B meets A
                   THEN list_has_all(x.roots, y.roots) OR list_has_all(y.roots, x.roots)
                   -- the actors' countries are the join key; their sectors must agree, unless both name
                   -- one place (the police or the gunmen of one town on one day, read two ways)
                   ELSE ({_any_compatible("x.acodes", "y.acodes")} OR (x.place IS NOT NULL AND x.place = y.place))
                        AND (len(x.rcmp) = 0 OR len(y.rcmp) = 0 OR {_any_compatible("x.rcmp", "y.rcmp")}
                             -- a recipient read two ways, by one actor at one named place
                             OR (x.place IS NOT NULL AND x.place = y.place AND x.acodes = y.acodes))
              END""")


def _label(con: duckdb.DuckDBPyConnection) -> int:
    """``_split``(n, lab): each event of ``_ev`` labelled by its cluster; returns the passes taken."""
    passes = _components(con, "_ev", "_pairs", "_lab")
    # an event without a place may link reports at two places (Kharkiv ~ somewhere ~ Odesa): such a component
    # is split by place, and each event without one goes with the place of a report it matched directly
    con.execute("""CREATE OR REPLACE TEMP TABLE _spots AS
        WITH spot AS (  -- a place below a country (a country holds them, it conflicts with none)
            SELECT n, CASE WHEN loc_feature = 'country' THEN NULL ELSE place END AS spot FROM _ev
        ), conflicted AS (
            SELECT l.lab FROM _lab l JOIN spot v USING (n) GROUP BY l.lab HAVING count(DISTINCT v.spot) > 1
        ), neighbour AS (
            SELECT p.a AS n, min(v.spot) AS spot FROM _pairs p JOIN spot v ON v.n = p.b GROUP BY p.a
            UNION ALL
            SELECT p.b AS n, min(v.spot) AS spot FROM _pairs p JOIN spot v ON v.n = p.a GROUP BY p.b
        )
        SELECT l.n, CASE WHEN c.lab IS NULL THEN CAST(l.lab AS VARCHAR)
                         ELSE l.lab || '|' || coalesce(v.spot, (SELECT min(x.spot) FROM neighbour x
                                                                 WHERE x.n = l.n), '') END AS lab
        FROM _lab l JOIN spot v USING (n) LEFT JOIN conflicted c ON c.lab = l.lab""")
    # the same for sides: an event without one (RUS) may link the army's reports to the rebels' (RUSMIL ~ RUS ~
    # RUSREB); such a cluster is split by side, and each event without one goes with a report it matched
    con.execute("""CREATE OR REPLACE TEMP TABLE _split AS
        WITH sided AS (SELECT s.n, s.lab, v.side FROM _spots s JOIN _ev v USING (n)),
        conflicted AS (SELECT lab FROM sided GROUP BY lab HAVING count(DISTINCT side) > 1),
        neighbour AS (
            SELECT p.a AS n, min(v.side) AS side FROM _pairs p JOIN _ev v ON v.n = p.b GROUP BY p.a
            UNION ALL
            SELECT p.b AS n, min(v.side) AS side FROM _pairs p JOIN _ev v ON v.n = p.a GROUP BY p.b
        )
        SELECT s.n, CASE WHEN c.lab IS NULL THEN s.lab
                         ELSE s.lab || '#' || coalesce(s.side, (SELECT min(x.side) FROM neighbour x
                                                                 WHERE x.n = s.n), '') END AS lab
        FROM sided s LEFT JOIN conflicted c ON c.lab = s.lab""")
    for name in ("_spots", "_lab", "_both", "_next"):  # a million rows each on a big store: freed at once
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return passes


def _insert_members(con: duckdb.DuckDBPyConnection) -> None:
    """The events of ``_ev`` into ``cluster_members``, each cluster named after its first report's event (the
    earliest published, the smallest id among equals): a later report joining it leaves its name as it was."""
    con.execute("""INSERT INTO cluster_members BY NAME
        SELECT v.id AS event_id,
               'c:' || first(v.id) OVER (PARTITION BY l.lab ORDER BY v.seen NULLS LAST, v.id) AS cluster_id, v.doc_id
        FROM _ev v JOIN _split l USING (n)""")


def _insert_clusters(con: duckdb.DuckDBPyConnection, cond: str) -> None:
    """The ``event_clusters`` rows of the clusters whose members ``m`` meet ``cond``."""
    # the aggregates first; the type, codes and names come from the most confident member, the place from
    # the most confident member that names one, the story from the first report (joins of one row each, not
    # string aggregates); ties go to the smallest id, so a cluster comes out the same however it was built
    con.execute(f"""INSERT INTO event_clusters BY NAME
        WITH agg AS (
            SELECT m.cluster_id, arg_min(e.id, (-coalesce(e.confidence, 0), e.id)) AS representative,
                   arg_min(e.id, (e.loc_name IS NULL, -coalesce(e.confidence, 0), e.id)) AS placed,
                   {FIRST_DOC} AS first_doc,
                   avg(e.goldstein) AS goldstein,
                   min(coalesce(e.date, a.date)) AS date_first, max(coalesce(e.date, a.date)) AS date_last,
                   min(a.date) AS first_seen, max(a.date) AS last_seen,
                   count(*) AS num_mentions, count(DISTINCT m.doc_id) AS num_articles,
                   count(DISTINCT coalesce(a.source, regexp_extract(a.url, '//([^/]+)', 1), '')) AS num_sources
            FROM cluster_members m JOIN events e ON e.id = m.event_id LEFT JOIN articles a ON a.doc_id = m.doc_id
            WHERE {cond} GROUP BY m.cluster_id
        )
        SELECT agg.* EXCLUDE (placed, first_doc), r.event, r.cameo, r.quad_code, r.actor_names, r.actor_codes,
               r.recipient_names,
               r.recipient_codes, p.loc_name, p.loc_country_code, p.loc_lat, p.loc_lon, s.story_id
        FROM agg JOIN events r ON r.id = agg.representative JOIN events p ON p.id = agg.placed
        LEFT JOIN story_articles s ON s.doc_id = agg.first_doc""")


def _stories(con: duckdb.DuckDBPyConnection, story_days: int) -> None:
    """Articles into stories: the components of articles whose lead events (the first event of each that took
    place as reported) are reports of one cluster, or follow one up: the same named actor and recipient within
    ``story_days``. Only the lead counts: an article's background mentions would join every story it recalls.
    A near-duplicate joins its original's story."""
    _docs(con, "TRUE")
    _doc_pairs(con, story_days)
    _components(con, "_docs", "_doc_pairs", "_doc_lab")
    con.execute("DELETE FROM story_articles")
    con.execute("DELETE FROM stories")
    _insert_stories(con, "TRUE")


def _docs(con: duckdb.DuckDBPyConnection, cond: str) -> None:
    """``_docs``: the originals among the articles ``a`` that meet ``cond``, numbered, with their lead event, its
    cluster, first actor and recipient, and its day."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _docs AS
        WITH picked AS (SELECT a.doc_id, a.date FROM articles a WHERE a.duplicate_of IS NULL AND ({cond})),
        lead AS (
            SELECT e.doc_id, arg_min(e.id, (e.sent_start, length(e.id), e.id)) AS event_id
            FROM events e SEMI JOIN picked p ON p.doc_id = e.doc_id
            WHERE e.duplicate_of IS NULL AND NOT list_has_any(coalesce(e.aux, []), {UNREAL})
            GROUP BY e.doc_id
        )
        SELECT row_number() OVER (ORDER BY a.doc_id) AS n, a.doc_id, a.date, l.event_id, m.cluster_id,
               split_part(e.actor_names, '; ', 1) AS actor, split_part(e.recipient_names, '; ', 1) AS recipient,
               coalesce(e.date, a.date) AS day
        FROM picked a LEFT JOIN lead l USING (doc_id) LEFT JOIN cluster_members m ON m.event_id = l.event_id
        LEFT JOIN events e ON e.id = l.event_id""")


def _doc_pairs(con: duckdb.DuckDBPyConnection, story_days: int) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _doc_pairs AS
        SELECT x.n AS a, y.n AS b FROM _docs x JOIN _docs y ON x.cluster_id = y.cluster_id AND x.n < y.n
        UNION
        SELECT x.n, y.n FROM _docs x JOIN _docs y ON x.actor = y.actor AND x.recipient = y.recipient AND x.n < y.n
        WHERE x.actor <> '' AND x.recipient <> '' AND abs(date_diff('day', x.day, y.day)) <= {int(story_days)}""")


def _insert_stories(con: duckdb.DuckDBPyConnection, dups: str) -> None:
    """The articles of ``_docs`` (labelled in ``_doc_lab``) and the near-duplicates ``a`` that meet ``dups`` into
    ``story_articles``, a copy in its original's story; then the ``stories`` rows of their stories."""
    con.execute(f"""INSERT INTO story_articles BY NAME
        SELECT d.doc_id, 's:' || first(d.doc_id) OVER (PARTITION BY l.lab ORDER BY d.date NULLS LAST, d.doc_id)
               AS story_id FROM _docs d JOIN _doc_lab l USING (n)
        UNION ALL
        SELECT a.doc_id, NULL FROM articles a WHERE a.duplicate_of IS NOT NULL AND ({dups})""")
    # a near-duplicate takes its original's story
    con.execute("""UPDATE story_articles SET story_id = o.story_id FROM articles a, story_articles o
        WHERE story_articles.story_id IS NULL AND a.doc_id = story_articles.doc_id AND o.doc_id = a.duplicate_of""")
    con.execute("""INSERT INTO stories BY NAME
        SELECT s.story_id, arg_min(a.title, coalesce(a.date, DATE '9999-12-31')) AS title, min(a.date) AS first_seen,
               max(a.date) AS last_seen, count(*) FILTER (WHERE a.duplicate_of IS NULL) AS num_articles,
               (SELECT count(DISTINCT m.cluster_id) FROM cluster_members m JOIN story_articles t ON t.doc_id = m.doc_id
                 WHERE t.story_id = s.story_id) AS num_clusters
        FROM story_articles s JOIN articles a USING (doc_id)
        WHERE s.story_id IS NOT NULL AND s.story_id IN (SELECT l.story_id FROM story_articles l
                                                         JOIN _docs d USING (doc_id))
          AND s.story_id NOT IN (SELECT story_id FROM stories)
        GROUP BY s.story_id""")
