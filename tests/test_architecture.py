"""The layering docs/architecture.md describes, checked on the source: a new import that
breaks it fails here, in `./dev test`, rather than in review."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "latticework"
DOMAIN = (
    "accounts",
    "framework",
    "org",
    "audit",
    "growth",
    "teams",
    "remediation",
    "compliance",
    "promotion",
)
ADAPTERS = ("storage", "web", "ingest", "cli", "services", "demo", "reports")
ENTRY_POINTS = ("web", "cli", "demo")
ABOVE_STORAGE = ("services", "web", "cli", "demo", "reports")


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function (absolute imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def _offenders(packages: tuple[str, ...], forbidden: object) -> list[str]:
    assert callable(forbidden)
    return [
        f"{path.relative_to(SRC)} imports {name}"
        for package in packages
        for path in sorted((SRC / package).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if forbidden(name)
    ]


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_imports_no_adapter(package: str) -> None:
    offenders = _offenders(
        (package,), lambda name: any(_inside(name, f"latticework.{a}") for a in ADAPTERS)
    )
    assert offenders == []


def test_entry_points_use_storage_only_through_its_package() -> None:
    """Web, CLI and the demo builder see the unit of work and the record types that
    `latticework.storage` exports, never a module inside it (tables, SQL helpers)."""
    offenders = _offenders(ENTRY_POINTS, lambda name: name.startswith("latticework.storage."))
    assert offenders == []


def test_only_storage_speaks_sql() -> None:
    """SQLAlchemy is storage's: services, web, CLI, demo and reports never import it."""
    offenders = _offenders(ABOVE_STORAGE, lambda name: _inside(name, "sqlalchemy"))
    assert offenders == []


def test_services_use_storage_only_through_its_package() -> None:
    offenders = _offenders(("services",), lambda name: name.startswith("latticework.storage."))
    assert offenders == []


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        package = parts[0].removesuffix(".py")
        for name in imported_modules(path):
            if name.startswith("latticework."):
                target = name.split(".")[1]
                if target != package:
                    graph[package].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between packages, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_import_cycle_between_packages() -> None:
    assert _cycle(_package_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_cycle_among_services() -> None:
    """Services import one another in one direction only (the growth services once
    imported each other)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in (SRC / "services").glob("*.py"):
        for name in imported_modules(path):
            if name.startswith("latticework.services."):
                graph[path.stem].add(name.split(".")[2])
    assert _cycle(graph) is None


def test_module_names_are_unique_enough_to_say_what_they_hold() -> None:
    """No two modules share a generic name like `records` or `utils`."""
    generic = {"records", "utils", "helpers", "misc", "common_utils"}
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if p.stem in generic]
    assert found == []


def test_every_small_group_decision_goes_through_suppression() -> None:
    """The threshold compared inline once disagreed with audit/suppression.py and crashed the
    audit; only that module compares a size with `min_group`."""
    inline = re.compile(r"(>=|<=|<|>)\s*(\w+\.)?min_group\b|\bmin_group\s*(>=|<=|<|>)")
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name != "suppression.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if inline.search(line) and "< 1" not in line
    ]
    assert found == []
