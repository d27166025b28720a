"""The layers of the project, written down once, and the import rules that follow from them.

Every module's imports are read with ``ast`` (function-level imports
included). A module may import from its own layer and the layers below it,
never from a layer above; there is no import cycle between modules or between
packages; PySD is imported only in ``model/engine/``, Streamlit only by the
app, and only the run pool starts model threads.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The layers, lowest first. Packages in one layer are peers: they may import each other, but not in a cycle.
LAYERS = (
    ("model.base",),
    ("model.engine",),
    ("model.catalogue",),
    ("model.run",),
    ("model.analysis", "model.calibration", "model.checks"),
    ("model.report",),
    ("model.workshop",),
    ("model.commands", "ui", "app", "model", "model.__main__", "scripts"),
)
#: Third-party packages only some layers may import.
ONLY_IN = {"pysd": ("model.engine",), "streamlit": ("ui", "app", "scripts")}
#: The one place that starts model threads (the run pool).
THREAD_POOL = "model.run.pool"


def module_name(path: Path) -> str:
    """``model/run/pool.py`` -> ``model.run.pool``; a package's ``__init__`` -> the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_files() -> dict[str, Path]:
    """Module name -> file, for every module of the project (not tests, not the translated model)."""
    files = [*ROOT.glob("model/**/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "app.py", *ROOT.glob("scripts/*.py")]
    return {module_name(path): path for path in files if "_build" not in path.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every module ``path`` imports: project modules by name, others by their top-level package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = resolve(path, node.module or "", node.level)
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return {name if name in known else name.split(".")[0] for name in found}


def resolve(path: Path, module: str, level: int) -> str:
    """The absolute name of ``from <dots><module> import`` in ``path``."""
    if not level:
        return module
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    parts = package.split(".")[: len(package.split(".")) - level + 1]
    return ".".join(parts + ([module] if module else []))


def layer_of(module: str) -> int | None:
    """Index in :data:`LAYERS` of the longest package prefix of ``module`` (``None`` if outside)."""
    best, index = "", None
    for i, layer in enumerate(LAYERS):
        for package in layer:
            if (module == package or module.startswith(package + ".")) and len(package) > len(best):
                best, index = package, i
    return index


def package_of(module: str) -> str:
    """The layer package a module belongs to (``model.run.pool`` -> ``model.run``)."""
    candidates = [p for layer in LAYERS for p in layer if module == p or module.startswith(p + ".")]
    return max(candidates, key=len)


def graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports."""
    files = project_files()
    return {name: {m for m in imports(path, set(files)) if m in files and m != name} for name, path in files.items()}


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Imports from a lower layer to a higher one."""
    return sorted(f"{a} -> {b}" for a, targets in edges.items() for b in targets if layer_of(a) < layer_of(b))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan), each sorted."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def package_edges(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Layer package -> the other layer packages its modules import."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, targets in edges.items():
        out[package_of(a)] |= {package_of(b) for b in targets} - {package_of(a)}
    return dict(out)


def test_every_module_belongs_to_a_layer():
    assert [name for name in project_files() if layer_of(name) is None] == []


def test_no_import_from_a_lower_layer_to_a_higher_one():
    assert upward(graph()) == []


def test_no_import_cycle_between_modules_or_packages():
    edges = graph()
    assert cycles(edges) == []
    assert cycles(package_edges(edges)) == []


def test_third_party_packages_only_where_they_belong():
    files = project_files()
    wrong = []
    for name, path in files.items():
        for imported in imports(path, set(files)):
            allowed = ONLY_IN.get(imported)
            if allowed and not any(name == p or name.startswith(p + ".") for p in allowed):
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_only_the_run_pool_starts_model_threads():
    starters = [name for name, path in project_files().items() if "ThreadPoolExecutor(" in path.read_text("utf-8")]
    assert starters == [THREAD_POOL]


def test_the_rules_catch_a_bad_import():
    edges = {"model.engine.simulator": {"model.report.scoreboard"}, "model.report.scoreboard": set(),
             "model.run.a": {"model.run.b"}, "model.run.b": {"model.run.a"},
             "model.checks.x": {"model.calibration.y"}, "model.calibration.y": {"model.checks.z"},
             "model.checks.z": set()}
    assert upward(edges) == ["model.engine.simulator -> model.report.scoreboard"]
    assert cycles(edges) == [["model.run.a", "model.run.b"]]
    assert cycles(package_edges(edges)) == [["model.calibration", "model.checks"]]


def test_imports_are_read_from_the_source(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import pysd\n\n\ndef f():\n    from model.report import scoreboard\n    import streamlit as st\n")
    known = set(project_files())
    assert imports(bad, known) == {"pysd", "model.report.scoreboard", "streamlit"}
