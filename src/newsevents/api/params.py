"""The OpenAPI schema of each query parameter as the store checks it: enums for PLOVER types, modes, quad classes
and aux flags, ``format: date`` for dates, patterns for sort keys, count dimensions, countries and the bbox.

FastAPI still reads these parameters as plain strings, so a bad value keeps its own 400 message
(``store/filters.py``); the document says which values are accepted, so that schema-valid data is accepted
(schemathesis's positive check). Lower-case types and comma-joined lists are accepted too (documented in
``docs/api.md``), though the schema lists the canonical single values only.
"""

from __future__ import annotations

from typing import Any

from newsevents.knowledge.ontology import load_ontology
from newsevents.models import AUX_MODES
from newsevents.store.filters import SORT_KEYS
from newsevents.store.queries import CLUSTER_SORT, DIMENSION_ALIASES, DIMENSIONS

# a longitude in -180..180 and a latitude in -90..90, in the plain decimal form (no exponent, nan or inf)
LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]+)?)"
LAT = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)"


def _enum_list(values: list[str]) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "enum": values}}


def _sort(keys: list[str]) -> dict[str, Any]:
    return {"type": "string", "pattern": rf"^[-+]?({'|'.join(keys)})$"}


def _dimensions() -> dict[str, Any]:
    # up to three dimensions; actor_pair stands for two (actor, recipient)
    pairs = [a for a, dims in DIMENSION_ALIASES.items() if len(dims) == 2]
    one = "(" + "|".join([*DIMENSIONS, *(a for a in DIMENSION_ALIASES if a not in pairs)]) + ")"
    two = "(" + "|".join(pairs) + ")"
    return {"type": "string", "pattern": rf"^({one}(,{one}){{0,2}}|{two}(,{one})?|{one},{two})$"}


def parameter_schemas() -> dict[tuple[str | None, str], dict[str, Any]]:
    """(path or None for any path, parameter name) -> its schema in the OpenAPI document."""
    types = list(load_ontology().types)
    modes = sorted({m for spec in load_ontology().types.values() for m in spec["modes"]})
    return {
        (None, "type"): _enum_list(types),
        (None, "mode"): _enum_list(modes),
        (None, "quad"): _enum_list(["1", "2", "3", "4"]),
        (None, "aux"): _enum_list([*AUX_MODES, "none"]),
        (None, "country"): {"type": "string", "pattern": "^[A-Za-z]{2,3}$"},
        (None, "start"): {"type": "string", "format": "date"},
        (None, "end"): {"type": "string", "format": "date"},
        (None, "bbox"): {"type": "string", "pattern": rf"^{LON},{LAT},{LON},{LAT}$"},
        (None, "sort"): {**_sort(list(SORT_KEYS)), "default": "-date"},
        ("/api/export", "sort"): {**_sort(list(SORT_KEYS)), "default": "date"},
        ("/api/clusters", "sort"): {**_sort(list(CLUSTER_SORT)), "default": "-articles"},
        ("/api/counts", "by"): {**_dimensions(), "default": "day,quad"},
    }


def type_parameters(schema: dict[str, Any]) -> None:
    """Give every query parameter of the document the schema of what the API accepts (in place)."""
    typed = parameter_schemas()
    for path, ops in schema.get("paths", {}).items():
        for op in ops.values():
            for param in op.get("parameters", []):
                if param.get("in") != "query":
                    continue
                found = typed.get((path, param["name"])) or typed.get((None, param["name"]))
                if found is not None:
                    param["schema"] = dict(found)
