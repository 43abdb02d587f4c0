"""Level titles in audit text are pluralised by `plural`, never by appending an "s"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from latticework.audit.labels import plural

SRC = Path(__file__).resolve().parents[2] / "src" / "latticework"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Director of Engineering", "Directors of Engineering"),
        ("VP of Product", "VPs of Product"),
        ("Principal Engineer", "Principal Engineers"),
        ("Head of Design Systems", "Heads of Design Systems"),
        ("Senior Staff Engineer", "Senior Staff Engineers"),
    ],
)
def test_plural_of_level_titles(title: str, expected: str) -> None:
    assert plural(title) == expected


def test_no_text_pluralises_a_title_by_appending_s() -> None:
    # "Director of Engineerings": an f-string placeholder for a title followed by "s".
    appended = re.compile(r"\{[^{}]*(title|name)[^{}]*\}s\b")
    hits = [
        f"{path.relative_to(SRC)}:{n}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if appended.search(line)
    ]
    assert hits == []
