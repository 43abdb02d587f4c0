"""docs/data-format.md documents every canonical column and every problem code the import uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from latticework.org.columns import DERIVED_PEOPLE_COLUMNS, TABLES

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
SOURCES = [
    *sorted((ROOT / "src" / "latticework" / "ingest").glob("*.py")),
    ROOT / "src" / "latticework" / "services" / "data.py",
]
# Codes built at run time from a template, spelled out.
TEMPLATED = {
    "unknown-{what}": [
        "unknown-discipline",
        "unknown-zone",
        "unknown-forum",
        "unknown-competency",
        "unknown-leadership-role",
    ],
    "stored-{column}-unknown": ["stored-level-unknown", "stored-path-unknown"],
}


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        # A Problem's code is its last argument: `code="x"` or a final positional "x",
        codes.update(re.findall(r'code="([a-z]+(?:-[a-z]+)*)"', text))
        codes.update(re.findall(r'\n\s+"([a-z]+(?:-[a-z]+)*)",\n\s+\)', text))
    for spelled in TEMPLATED.values():
        codes.update(spelled)
    return codes


@pytest.mark.parametrize("code", sorted(_codes_in_source()))
def test_every_problem_code_is_documented(code: str) -> None:
    assert f"`{code}`" in DOC


@pytest.mark.parametrize(
    "column",
    sorted({c for t in TABLES.values() for c in t.names} | set(DERIVED_PEOPLE_COLUMNS)),
)
def test_every_canonical_column_is_documented(column: str) -> None:
    assert f"`{column}`" in DOC


def test_the_code_scan_finds_the_codes() -> None:
    """Guard the scan itself, so the tests above cannot pass by finding nothing."""
    assert {"bad-date", "management-cycle", "pay-outside-band", "csv"} <= _codes_in_source()


def test_every_size_limit_is_documented_with_its_default() -> None:
    from latticework.ingest.limits import ReadLimits

    limits = DOC.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for name, field in ReadLimits.model_fields.items():
        assert f"| `{name}` | {field.default:,} |" in limits
    assert "`too-large`" in DOC
