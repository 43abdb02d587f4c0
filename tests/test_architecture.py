"""The domain core imports nothing from the adapters (DESIGN §7, docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "latticework"
DOMAIN = ("framework", "org", "audit", "growth", "teams", "compliance")
ADAPTERS = ("storage", "web", "ingest", "cli", "services")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_imports_no_adapter(package: str) -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in sorted((SRC / package).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if any(name == f"latticework.{a}" or name.startswith(f"latticework.{a}.") for a in ADAPTERS)
    ]
    assert offenders == []
