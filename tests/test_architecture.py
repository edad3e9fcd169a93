"""The house's shape, read from the imports: layers, public seams, no cycles.

DESIGN.md lists the layers in order; a package imports only packages above it. No
module imports another package's private names (a package publishes what others need in
its ``__init__``). The root's private modules (``_numbers``, ``_inputs``, ``_trusted``,
``_checks``, ``_beyond``, ``_bundled``, ``_lazy``, ``_json_words``, ``_where``,
``_methods``) are
the shared footing every package stands on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "commercekit"

LAYERS = (
    "money",
    "regions",
    "tax",
    "pricing",
    "payments",
    "shipping",
    "inventory",
    "loyalty",
    "metrics",
    "checkout",
    "batch",
    "serde",
    "service",
)
"""DESIGN.md's order: each package may import those before it."""

ERRORS_PARTS = {
    "_errors_root",
    "_errors_input",
    "_errors_money",
    "_errors_data",
    "_errors_orders",
}
"""The private modules ``errors`` is split into (it re-exports every name in them)."""

FOOTING = {
    "errors",
    "typing",
    "_numbers",
    "_inputs",
    "_trusted",
    "_checks",
    "_beyond",
    "_bundled",
    "_words",
    "_lazy",
    "_json_words",
    "_where",
    "_methods",
    *ERRORS_PARTS,
}
"""Root modules any package may import (``_checks`` stands on money's public names;
``_lazy`` imports each package's public names on first use; ``_json_words`` shows a
refused value as JSON wrote it, for every JSON reader; ``_where`` maps a rule's refusal
to the request field it points at, for the command line and the HTTP service;
``_methods`` gives attrs classes their shared ``__repr__``, ``__eq__`` and
``__hash__``)."""


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Each ``from commercekit... import ...`` in ``path``: line, module, names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "commercekit"
        ):
            found.append((node.lineno, node.module or "", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, alias.name, [])
                for alias in node.names
                if alias.name.startswith("commercekit")
            )
    return found


def _package(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 else path.stem


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_reaches_into_another_packages_private_names(path: Path) -> None:
    home = _package(path)
    wrong = []
    for line, module, imported in _imports(path):
        parts = module.split(".")
        names = imported
        if len(parts) == 1:  # from commercekit import _checks, __version__
            names = [n for n in imported if n not in FOOTING and not n.startswith("__")]
            parts = [*parts, ""]
        target = parts[1]
        if target in FOOTING or target == home:
            continue
        private_module = any(part.startswith("_") for part in parts[2:])
        private_names = [name for name in names if name.startswith("_")]
        if private_module or private_names:
            wrong.append(f"line {line}: from {module} import {', '.join(names)}")
    assert wrong == [], f"{path} imports private names of another package"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_each_package_imports_only_the_layers_above_it(path: Path) -> None:
    home = _package(path)
    if home not in LAYERS:
        return  # the root (cli, errors, the footing) stands on everything or nothing
    above = set(LAYERS[: LAYERS.index(home)]) | FOOTING | {home}
    wrong = [
        f"line {line}: {module}"
        for line, module, _ in _imports(path)
        if len(module.split(".")) > 1 and module.split(".")[1] not in above
    ]
    assert wrong == [], f"{path} imports a layer below it"


def test_the_footing_imports_no_rule_package_but_money() -> None:
    for name, allowed in (
        ("_numbers", set()),
        ("_words", set()),
        ("_lazy", set()),
        ("_methods", set()),
        ("_inputs", {"_methods", "_numbers", "_words", "errors"}),
        ("_trusted", set()),
        ("_checks", {"_numbers", "_inputs", "errors", "money"}),
        ("_beyond", {"_numbers", "_inputs", "errors"}),
        ("errors", ERRORS_PARTS),
        *((part, ERRORS_PARTS | {"_words"}) for part in sorted(ERRORS_PARTS)),
        ("_bundled", {"errors"}),
    ):
        targets = {
            module.split(".")[1]
            for _, module, _ in _imports(SRC / f"{name}.py")
            if len(module.split(".")) > 1
        }
        assert targets <= allowed, name


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _loaded_at_import(path: Path) -> set[str]:
    """The commercekit modules ``path`` imports when it is imported: its module-level
    imports, not those inside functions or under ``if TYPE_CHECKING:``."""
    known = {_module_name(module) for module in MODULES}
    found: set[str] = set()
    body = list(ast.parse(path.read_text("utf-8")).body)
    while body:
        node = body.pop()
        if isinstance(node, ast.If):
            checking = ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}
            body.extend(node.orelse if checking else [*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            body.extend([*node.body, *node.orelse, *node.finalbody])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "commercekit"
        ):
            module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in known else module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("commercekit"))
    return found & known


def test_no_import_cycle_between_modules() -> None:
    """No module imports, directly or through others, a module that imports it."""
    graph = {_module_name(path): _loaded_at_import(path) for path in MODULES}
    done: set[str] = set()

    def walk(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            cycle = " -> ".join((*trail[trail.index(module) :], module))
            pytest.fail(f"import cycle: {cycle}")
        if module in done:
            return
        for target in sorted(graph[module]):
            walk(target, (*trail, module))
        done.add(module)

    for module in sorted(graph):
        walk(module, ())
