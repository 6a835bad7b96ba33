"""The package's layers (docs/architecture.md): imports only go down, and never in a circle.

Every ``import`` of every module is read from its source (module level and inside functions,
since a late import is still a dependency), so a cycle hidden in a function body fails too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "jixiao"

#: Layer of each module, by the longest matching dotted prefix; lower numbers lie lower.
#: A module may import its own layer and the layers below it, never one above, and two
#: different layers of the same rank (peers) may not import each other.
LAYERS: dict[str, tuple[int, str]] = {
    "jixiao": (0, "base"),
    "jixiao.core": (0, "base"),
    "jixiao.core.ingest": (1, "ingest"),
    "jixiao.core.documents": (2, "documents"),
    "jixiao.core.scoring": (3, "scoring"),
    "jixiao.core.checks": (4, "checks"),
    "jixiao.core.extract": (5, "use cases"),
    "jixiao.core.review": (5, "use cases"),
    "jixiao.core.render": (6, "render"),
    "jixiao.cli": (7, "interfaces"),
    "jixiao.batch": (7, "interfaces"),
    "jixiao.demo": (7, "interfaces"),
    "jixiao.__main__": (7, "interfaces"),
    "jixiao.fixtures": (7, "interfaces"),
}


def layer(module: str) -> tuple[int, str]:
    """The layer of a dotted module name (longest prefix in :data:`LAYERS`)."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        found = LAYERS.get(".".join(parts[:n]))
        if found:
            return found
    raise KeyError(module)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that ``name`` imports (a package import counts as its ``__init__``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t.startswith("jixiao") and t != name:
                found.add(t)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer(name)


def test_no_import_goes_up_or_sideways() -> None:
    wrong = []
    for name, targets in graph().items():
        rank, here = layer(name)
        for t in sorted(targets):
            t_rank, there = layer(t)
            if t_rank > rank or (t_rank == rank and there != here):
                wrong.append(f"{name} ({here}) imports {t} ({there})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_cycle() -> None:
    g = graph()
    # a package imports its __init__ implicitly; submodule → own package __init__ is not a cycle edge
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for t in sorted(g.get(n, ())):
            if n.startswith(t + "."):
                continue  # importing one's own package
            if state.get(t) == 1:
                cycles.append(" → ".join([*stack[stack.index(t) :], t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[n] = 2

    for n in sorted(g):
        if n not in state:
            visit(n)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_size(name: str) -> None:
    """No module over ~400 lines: a bigger one mixes concerns (split it by what it does)."""
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 420, f"{name}: {lines} lines"
