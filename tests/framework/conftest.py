"""Fixtures that build small frameworks in a few lines of YAML."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

MINIMAL = """\
latticework: 1
organisation: Test Co
grades:
  - {id: G6, rank: 6}
  - {id: G7, rank: 7}
  - {id: G8, rank: 8}
disciplines:
  - id: engineering
    name: Engineering
    tracks:
      - id: ic
        name: IC
        kind: ic
        parallel_to: [management]
        levels:
          - {id: E6, title: Staff Engineer, grade: G6}
          - {id: E7, title: Senior Staff Engineer, grade: G7}
          - {id: E8, title: Principal Engineer, grade: G8}
      - id: management
        name: Management
        kind: management
        parallel_to: [ic]
        levels:
          - {id: M6, title: Engineering Manager, grade: G6}
          - {id: M7, title: Senior Engineering Manager, grade: G7}
          - {id: M8, title: Director, grade: G8}
"""


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "framework.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
