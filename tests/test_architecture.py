"""The shape of the code: the import graph of the first-party apps, and short functions.

Import graph of the first-party apps: no cycles, projects never imports reports, the monitor
(projects, reports) never imports the apps built on it (opendata, portfolio, planning), charts/
imports no app, and audit (the trail every app writes to) imports none of the others.

Read from the source with ``ast`` (no module is imported), so a cycle is found even where
Python would happen to survive it. Every import counts, at module level and inside functions;
only imports under ``if TYPE_CHECKING:`` (annotations, never executed) are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("projects", "reports", "audit", "mip", "charts", "opendata", "portfolio", "planning")


def module_names(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the apps, by dotted name (a package by its ``__init__``)."""
    found = {}
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Import nodes anywhere in the tree, except in ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _imports_in(child))
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST):
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_by(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the apps that ``module`` imports, each named as the module it runs."""
    targets = set()
    for node in _imports(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = _resolve(module, path.name == "__init__.py", node)
            # ``from package import submodule`` imports the submodule; otherwise the package.
            names = [
                f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known
            ]
            names = names or [base]
        for name in names:
            targets |= _with_parents(name, module, known)
    return targets - {module}


def _with_parents(name: str, importer: str, known: dict[str, Path]) -> set[str]:
    """Importing a.b.c runs a and a.b first, unless the importer is inside them already."""
    parts = name.split(".")
    found = set()
    for end in range(1, len(parts) + 1):
        candidate = ".".join(parts[:end])
        if candidate in known and not (importer + ".").startswith(candidate + "."):
            found.add(candidate)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    known = module_names(root)
    return {name: imported_by(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), as a readable path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_through(group, graph) for group in groups]


def _path_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A concrete cycle inside a strongly connected group: start → … → start."""
    start, members = group[0], set(group)
    trail, seen = [start], {start}
    while True:
        here = trail[-1]
        following = sorted(graph[here] & members)
        if start in following and len(trail) > 1:
            return [*trail, start]
        fresh = [m for m in following if m not in seen]
        if not fresh:
            return [*trail, start]
        trail.append(fresh[0])
        seen.add(fresh[0])


def reports_imports_in_projects(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        if module.split(".")[0] == "projects"
        for target in sorted(targets)
        if target.split(".")[0] == "reports"
    ]


def imports_of_other_apps(graph: dict[str, set[str]], app: str) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        if module.split(".")[0] == app
        for target in sorted(targets)
        if target.split(".")[0] != app
    ]


def test_no_import_cycle_between_modules_of_the_apps():
    found = cycles(import_graph())
    assert not found, "Import cycles:\n" + "\n".join("  " + " → ".join(c) for c in found)


def test_projects_never_imports_reports():
    found = reports_imports_in_projects(import_graph())
    assert not found, "projects/ must not import reports/:\n" + "\n".join(found)


@pytest.mark.parametrize("app", ["opendata", "portfolio", "planning"])
def test_the_monitor_never_imports_the_apps_built_on_it(app):
    """Open data, the portfolio and planning read the monitor; the monitor never reads them. The
    publication task and the period PDF reach them only through dotted paths in settings
    (``PUBLICATION_ARTEFACTS``, ``MIP_PDF_SECTIONS``), not imports."""
    found = [
        f"{module} imports {target}"
        for module, targets in sorted(import_graph().items())
        if module.split(".")[0] in ("projects", "reports")
        for target in sorted(targets)
        if target.split(".")[0] == app
    ]
    assert not found, f"projects/ and reports/ must not import {app}/:\n" + "\n".join(found)


def test_audit_imports_no_other_app():
    """Every app records to the audit trail; the trail depends on none of them."""
    found = imports_of_other_apps(import_graph(), "audit")
    assert not found, "audit/ must not import the other apps:\n" + "\n".join(found)


def test_charts_import_no_other_app():
    """One chart module for every chart: it takes plain numbers and labels, knows no model."""
    found = imports_of_other_apps(import_graph(), "charts")
    assert not found, "charts/ must not import the other apps:\n" + "\n".join(found)


def test_the_calculations_import_no_orm():
    """The pure calculations run without a database: no models, no django.db."""
    tree = ast.parse((ROOT / "projects" / "calculations.py").read_text())
    modules = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        else:
            modules.add(_resolve("projects.calculations", False, node))
    assert not [m for m in modules if m.startswith(("django.db", "projects.models"))], modules


def test_the_graph_finds_a_cycle_and_a_forbidden_import(tmp_path):
    """The checks themselves: a made-up pair of modules importing each other is reported."""
    for app in ("projects", "reports"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    (tmp_path / "projects" / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "projects" / "b.py").write_text("from .a import f\nfrom reports import x\n")
    (tmp_path / "projects" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import f\n"
    )
    (tmp_path / "reports" / "x.py").write_text("")
    graph = import_graph(tmp_path)
    assert cycles(graph) == [["projects.a", "projects.b", "projects.a"]]
    assert reports_imports_in_projects(graph) == [
        "projects.b imports reports",
        "projects.b imports reports.x",
    ]
    assert graph["projects.c"] == set()


# --- No function longer than 50 lines ------------------------------------------------------------

MAX_FUNCTION_LINES = 50
# Demo loading is data more than logic (the brief excepts it), as are the migrations.
EXEMPT = ("projects/management/commands/loaddemo.py", "projects/demo_*.py", "*/migrations/*")


def long_functions(root: Path = ROOT, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions and methods of the apps longer than ``limit`` lines, decorators excluded."""
    found = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if any(relative.match(pattern) for pattern in EXEMPT):
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > limit:
                        found.append(f"{relative}:{node.lineno} {node.name}() has {length} lines")
    return found


def test_no_function_longer_than_fifty_lines():
    found = long_functions()
    assert not found, "Split these functions:\n" + "\n".join(found)


def test_long_functions_finds_a_long_one_and_skips_migrations(tmp_path):
    body = "def f():\n" + "    x = 1\n" * 50
    for folder in ("projects", "projects/migrations"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "m.py").write_text(body)
    assert long_functions(tmp_path) == ["projects/m.py:1 f() has 51 lines"]
    assert long_functions(tmp_path, limit=51) == []
