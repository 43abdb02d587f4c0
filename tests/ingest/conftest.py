"""Small organisations written as canonical CSV files in a few lines."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

PEOPLE_HEADER = [
    "employee_id",
    "name",
    "discipline",
    "track",
    "level",
    "path",
    "team",
    "manager_id",
    "zone",
    "hire_date",
    "base_salary",
    "currency",
    "pay_period",
    "fte",
]

# A valid small organisation: a VP, a Director, two ICs and a designer.
PEOPLE = [
    ["e1", "Ada", "engineering", "management", "M9", "people-leadership", "core", "", "us",
     "2018-01-02", "300000", "USD", "year", "1"],
    ["e2", "Bob", "engineering", "management", "M8", "people-leadership", "core", "e1", "us",
     "2019-03-04", "250000", "USD", "year", "1"],
    ["e3", "Cy", "engineering", "ic", "E8", "technical-depth", "core", "e2", "us",
     "2019-05-06", "245000", "USD", "year", "1"],
    ["e4", "Di", "engineering", "ic", "E5", "", "core", "e2", "uk",
     "2021-07-08", "7000", "GBP", "month", "1"],
    ["e5", "Ed", "design", "ic", "D4", "craft-depth", "ux", "e1", "eu",
     "2022-09-10", "45", "EUR", "hour", "0.5"],
]  # fmt: skip

EVENTS_HEADER = ["employee_id", "date", "type", "from_level", "to_level", "old_base", "new_base"]
EVENTS = [
    ["e3", "2019-05-06", "hire", "", "E7", "", "200000"],
    ["e3", "2022-04-01", "promotion", "E7", "E8", "200000", "245000"],
    ["e4", "2021-07-08", "hire", "", "E5", "", "7000"],
]

OrgWriter = Callable[..., Path]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def write_org(tmp_path: Path) -> OrgWriter:
    """Write people.csv and events.csv (the valid organisation, or given rows) into a folder."""

    def write(
        people: list[list[str]] | None = None,
        events: list[list[str]] | None = None,
        *,
        people_header: list[str] | None = None,
        events_header: list[str] | None = None,
        folder: str = "org",
    ) -> Path:
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        write_csv(directory / "people.csv", people_header or PEOPLE_HEADER, people or PEOPLE)
        write_csv(directory / "events.csv", events_header or EVENTS_HEADER, events or EVENTS)
        return directory

    return write
