"""Codes for an article's actors: each cluster's CAMEO-style code, and the article's main country.

A cluster's code comes from the first source that has one, in the order of ``evidence.COUNTRY_SOURCES``: a user
dictionary entry or our knowledge base valid on the article's date (a country-only code takes the sector of a
stated role), the best stated role, the registry of earlier articles; then ``evidence.fallback_country`` (an
affiliation, a nationality, the main country for a person with an office, the article's country context). A
country word that merely occurs near a person is never that person's country.
"""

from __future__ import annotations

from collections import Counter

from newsevents.knowledge.actor_codes import build_code, pick_code, split_code
from newsevents.nlp.arrays import doc_arrays
from newsevents.resolve.actors.evidence import fallback_country
from newsevents.resolve.actors.kinds import non_political_kind
from newsevents.resolve.actors.records import Role
from newsevents.resolve.actors.scope import ArticleScope

# A person the text gives no country takes the article's country only when the article names it this often:
# one mention is a country word near the person, not the story's country ("Blair said Iraq ...").
CONTEXT_MENTIONS = 2


def main_countries(scope: ArticleScope) -> tuple[str | None, str | None, str | None]:
    """The country the article mentions most, if it leads, counted with and without province names, and the
    first again if it is named at least ``CONTEXT_MENTIONS`` times (the article's country context).

    Without provinces (the second) counts countries, nationality words and cities: province names are
    often ambiguous ("the Red Sea" is also a province of Egypt). National bodies and parties of our
    knowledge base count for their country ("Labour" for GBR)."""
    demonyms = _demonym_counts(scope)
    main, n = _main_country(scope, demonyms, places=True)
    stated, _ = _main_country(scope, demonyms, places=False)
    return main, stated, main if n >= CONTEXT_MENTIONS else None


def _main_country(scope: ArticleScope, demonyms: Counter[str], places: bool) -> tuple[str | None, int]:
    counts: Counter[str] = Counter()
    for m in scope.names:
        if m.known is not None and m.known.kind in ("country", "organization"):
            # a national party or body ("Labour", "the Bundestag") says where the story is as a country does
            counts[split_code(m.known.codes[0].code).country or ""] += 1
        elif m.place is not None and (places or m.place.feature != "admin1"):
            counts[m.place.iso3] += 1
    counts.update(demonyms)
    counts.pop("", None)
    if not counts:
        return None, 0
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    second = rest[0][1]
    return (top, n) if n > second else (None, 0)


def _demonym_counts(scope: ArticleScope) -> Counter[str]:
    """Nationality words outside known names (both main-country readings count them)."""
    counts: Counter[str] = Counter()
    for i, text in enumerate(doc_arrays(scope.doc).orth):  # token texts without Token objects
        m = scope.name_of_token[i]
        if text[:1].isupper() and (m is None or m.known is None):
            iso = scope.kb.demonym(text)
            if iso:
                counts[iso] += 1
    return counts


def code_clusters(scope: ArticleScope) -> None:
    """Give each cluster and its mentions a code, country and sector; the first source that has one wins, in the
    order of ``evidence.COUNTRY_SOURCES`` (the source is kept in ``country_from``)."""
    registry = scope.kb.registry
    for c in scope.clusters:
        code: str | None = None
        country: str | None = None
        sector: str | None = None
        source = ""
        if c.known_codes:
            picked = pick_code(c.known_codes, scope.day)
            if picked is not None:
                parts = split_code(picked.code)
                code, country, sector = parts.code, parts.country, parts.sector
                source = "dictionary" if c.known_source == "dictionary" else "kb"
                if (c.known_source == "dictionary" or c.kind == "person") and not parts.sectors and (
                        not parts.org_type):
                    # A country-only dictionary or person code: a role stated in the text adds the sector.
                    best = _best_role(c.roles)
                    if best is not None and best.sector:
                        sector = best.sector
                        code = build_code(country, sector)
        kind = non_political_kind(scope, c) if code is None else None
        if kind is not None:
            # "the band Bloc Party": the name's own words ("Party") are no party sector; a company is BUS
            c.roles = [r for r in c.roles if r.source != "name"]
            c.roles.append(Role(None, kind.sector, source="kind", text=kind.word))
        if code is None:
            best = _best_role(c.roles)
            if best is not None:
                country, sector = best.country, best.sector
                if country is None:
                    country = next((r.country for r in c.roles if r.country), None)
                if sector is None:
                    sector = next((r.sector for r in c.roles if r.sector), None)
                code = best.code if best.code and best.country == country and best.sector == sector else None
                source = "role"
        if code is None and country is None and sector is None and registry is not None:
            hit = registry.lookup(c.name, scope.day)
            if hit is not None:
                country, sector, code = hit.country, hit.sector, hit.code
                source = "registry"
        if country is None:
            # the weaker sources, down to the article's context: never a country word near the actor
            found = fallback_country(scope, c, code, sector)
            if found is not None:
                country, source = found.country, found.source
                sector = sector or found.sector
        if code is None or (country and not code.startswith(country) and not split_code(code).org_type):
            code = build_code(country, sector)
        c.code, c.country, c.sector = code or "", country, sector
        c.country_from = source if country else ""
        for m in c.mentions:
            m.code, m.country, m.sector, m.roles = c.code, country, sector, c.roles
            m.country_from = c.country_from
            m.aliases = tuple(sorted(c.aliases))


def _best_role(roles: list[Role]) -> Role | None:
    """Current before former, country and sector both before one, a sector before none."""
    if not roles:
        return None

    def rank(r: Role) -> tuple[int, int, int]:
        return (r.status != "current", not (r.country and r.sector), r.sector is None)

    return min(roles, key=rank)
