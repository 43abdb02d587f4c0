# ruff: noqa: E501  (fixture rows read best one per line)
"""Small ladders in the FT engineering-progression layout and as a sheet, written here.

The texts are our own; only the shapes follow the published layouts.
"""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import pytest

LEVELS = """\
- {id: engineer, name: Engineer, description: Works on well-scoped tasks.}
- {id: senior-engineer, name: Senior Engineer}
- {id: principal-ic, name: Principal Engineer, track: ic}
- {id: principal-em, name: Engineering Manager, track: manager}
"""

COMPETENCIES = """\
- {id: q1, level: engineer, domain: technical, theme: Code quality, summary: Writes tests for new code., proficiency: Working}
- {id: q2, level: senior-engineer, domain: technical, theme: Code quality, summary: Raises the quality bar of the team., proficiency: Practitioner}
- {id: q3, level: senior-engineer, domain: technical, theme: Code quality, summary: Reviews designs for testability., proficiency: Practitioner}
- {id: q4, level: principal-ic, domain: technical, theme: Code quality, summary: Sets quality practice across teams., proficiency: Expert}
- {id: q5, level: principal-em, domain: technical, theme: Code quality, summary: Makes time for quality in plans., proficiency: Practitioner}
- {id: p1, level: engineer, domain: people, theme: Growing others, summary: Shares what they learn.}
- {id: p2, level: principal-em, domain: people, theme: Growing others, summary: Coaches a team of engineers.}
"""

DOMAINS = """\
- {id: technical, name: Technical}
- {id: people, name: People}
"""

PROFICIENCY = "[Working, Practitioner, Expert]\n"


@pytest.fixture
def ft_ladder(tmp_path: Path) -> Path:
    folder = tmp_path / "progression"
    folder.mkdir()
    for name, text in {
        "levels.yml": LEVELS,
        "competencies.yml": COMPETENCIES,
        "domains.yml": DOMAINS,
        "proficiency.yml": PROFICIENCY,
    }.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


SHEET_HEADER = ["Level", "Title", "Track", "Competency", "Theme", "Proficiency", "Category",
                "Expectation"]  # fmt: skip
SHEET_ROWS = [
    ["L1", "Engineer", "IC", "Delivery", "Execution", "Basic", "execution", "Ships small changes."],
    ["L1", "Engineer", "IC", "Direction", "Strategy", "Basic", "strategic", "Knows the plan."],
    ["L2", "Senior Engineer", "IC", "Delivery", "Execution", "Solid", "execution", "Ships features."],
    ["L2", "Senior Engineer", "IC", "Direction", "Strategy", "Solid", "strategic", "Shapes plans."],
    ["L2", "Engineering Manager", "Manager", "Delivery", "Execution", "Solid", "execution", "Runs delivery."],
    ["L2", "Engineering Manager", "Manager", "Direction", "Strategy", "Solid", "strategic", "Owns the plan."],
    ["L2", "Engineering Manager", "Manager", "Hiring", "People", "Basic", "", "Hires well."],
]  # fmt: skip


@pytest.fixture
def sheet_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHEET_HEADER)
        writer.writerows(SHEET_ROWS)
    return path


@pytest.fixture
def sheet_xlsx(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(SHEET_HEADER)
    for row in SHEET_ROWS:
        sheet.append(row)
    path = tmp_path / "ladder.xlsx"
    book.save(path)
    return path
