"""No import circles between ClaimTrack's modules (issue 17).

The graph is read from the source with ``ast``: every ``import`` of a claimtrack module,
at module level or inside a function (a lazy import is still a dependency), except those
under ``if TYPE_CHECKING:``. A package's ``__init__`` importing its own submodules (the lazy
re-exports that keep start-up light) is not an edge: the package *is* those modules.

``TO_DO`` lists the circles still to break, each with the issue step that removes it. The
test fails on any circle not listed, and on a listed one that is gone, so the list only
shrinks and stays true.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "claimtrack"

# Each circle still to break, with the step that breaks it (none left: keep it so).
TO_DO: dict[frozenset[str], str] = {}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def _known(name: str) -> str:
    """The module ``name`` lives in (``claimtrack.store.open_store`` → ``claimtrack.store``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path) -> set[str]:
    """The claimtrack modules ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit_node(other)
                continue
            visit_node(child)

    def visit_node(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(_known(a.name) for a in node.names if a.name.startswith("claimtrack"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            if base.startswith("claimtrack"):
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in MODULES else _known(base))
        visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    if path.name == "__init__.py":  # a package re-exporting its own children
        found = {m for m in found if not m.startswith(name + ".")}
    found.discard(name)
    return {m for m in found if m}


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_the_cycle_finder_finds_a_circle_and_its_absence() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_imports_but_not_type_checking_ones() -> None:
    engine = imports_of("claimtrack.store.engine", MODULES["claimtrack.store.engine"])
    assert "claimtrack.store.backup" in engine  # imported inside a function
    undo = imports_of("claimtrack.ui.undo", MODULES["claimtrack.ui.undo"])
    assert "claimtrack.services.claims" not in undo  # only under TYPE_CHECKING
    merge = imports_of("claimtrack.services.merge", MODULES["claimtrack.services.merge"])
    assert merge == {"claimtrack.domain"}  # the merge decision is pure: no store, no service


def test_no_import_circles_beyond_the_to_do_list() -> None:
    graph = {name: imports_of(name, path) for name, path in MODULES.items()}
    found = set(circles(graph))
    new = [sorted(c) for c in found - TO_DO.keys()]
    assert not new, f"new import circle(s): {new}"
    gone = [TO_DO[c] for c in TO_DO.keys() - found]
    assert not gone, f"broken circles still listed in TO_DO (remove them): {gone}"


def test_commands_sit_above_the_core() -> None:
    """The command line is a top layer: only the entry point imports it, never a library
    package (it used to live inside store/, services/, export/ and import cli back)."""
    importers = sorted(
        name
        for name, path in MODULES.items()
        if not name.startswith("claimtrack.cli")
        and any(m.startswith("claimtrack.cli") for m in imports_of(name, path))
    )
    assert importers == ["claimtrack.__main__"]
    commands = [p.stem for p in (PACKAGE / "cli").glob("*.py") if p.stem != "__init__"]
    assert {"check", "export", "intake", "backup", "restore", "copy", "generate"} <= set(commands)
    leftovers = [str(p) for p in PACKAGE.rglob("*command*.py")]
    assert leftovers == []
