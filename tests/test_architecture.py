"""The layout stays true: imports run down the layer table of docs/architecture.md, no module imports
itself back through others, and no module grows past 600 lines."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import grimp
import pytest

from conftest import ROOT

PACKAGE = "newsevents"
SRC = ROOT / "src" / PACKAGE
DOC = ROOT / "docs" / "architecture.md"
MAX_LINES = 600


def layer_table() -> list[list[str]]:
    """The rows of the doc's layer table, top row first; each row the packages (or modules) it holds."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- layers: .*?-->\s*```\n(.*?)```", text, re.S)
    assert found, f"{DOC} has no layer table (a code block after '<!-- layers: ... -->')"
    rows = [[name.strip() for name in line.split("|")] for line in found.group(1).splitlines() if line.strip()]
    names = [name for row in rows for name in row]
    assert len(names) == len(set(names)), "a name stands twice in the layer table"
    return rows


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # imports under `if TYPE_CHECKING:` are kept: the layout holds for the type checker's imports too
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=False, cache_dir=None)


def part_of(module: str) -> str:
    """The layer-table name of a module: its top-level package or module, ``__init__`` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(graph: grimp.ImportGraph) -> Iterator[tuple[str, str]]:
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            yield importer, imported


def where(graph: grimp.ImportGraph, importer: str, imported: str) -> str:
    details = graph.get_import_details(importer=importer, imported=imported)
    lines = ", ".join(str(d["line_number"]) for d in details)
    return f"{importer} (line {lines}) imports {imported}"


def test_the_layer_table_names_every_part_of_the_package(graph):
    listed = {name for row in layer_table() for name in row}
    parts = {part_of(m) for m in graph.modules}
    assert parts - listed == set(), "add these to the layer table of docs/architecture.md"
    assert listed - parts == set(), "the layer table names parts the package does not have"


def test_imports_only_run_down_the_layers(graph):
    rank = {name: -n for n, row in enumerate(layer_table()) for name in row}  # higher rank: upper layer
    wrong = []
    for importer, imported in imports(graph):
        a, b = part_of(importer), part_of(imported)
        if a == b:
            continue
        if rank[a] < rank[b]:
            wrong.append(f"upward: {where(graph, importer, imported)}")
        elif rank[a] == rank[b]:
            wrong.append(f"sideways (same layer): {where(graph, importer, imported)}")
    assert wrong == [], "\n".join(wrong)


def strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module (an import cycle each)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(edges)))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return cycles


def test_strongly_connected_finds_a_cycle():
    assert strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert strongly_connected({"a": ["b"], "b": [], "c": ["b"]}) == []


def test_no_import_cycle_between_modules(graph):
    edges = {m: [] for m in graph.modules}
    for importer, imported in imports(graph):
        edges[importer].append(imported)
    cycles = strongly_connected(edges)
    assert cycles == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_module_over_600_lines():
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert len(sizes) > 50  # the walk found the package
    too_long = {path: n for path, n in sizes.items() if n > MAX_LINES}
    assert too_long == {}, f"split these modules by job (at most {MAX_LINES} lines each)"
