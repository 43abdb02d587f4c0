"""Every validation rule, each with a bad file: the message, the row (header = 1) and the column.

Each case changes one cell (or one column) of a valid organisation and
expects exactly one problem where that cell is. Checked with --dry-run on an
SQLite file: the rules do not depend on the database engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from latticework.errors import Problem
from latticework.ingest.report import ImportReport
from latticework.services.data import import_organisation
from tests.ingest.conftest import (
    EVENTS,
    EVENTS_HEADER,
    PEOPLE,
    PEOPLE_HEADER,
    OrgWriter,
    write_csv,
)

Rows = list[list[str]]


@dataclass
class Case:
    """One rule: change the organisation, expect one problem at (file, row, column)."""

    change: Callable[[Rows, Rows], None]
    code: str
    file: str
    row: int
    column: str
    message: str
    warning: bool = False
    people_header: list[str] = field(default_factory=lambda: list(PEOPLE_HEADER))


def cell(rows: Rows, row: int, column: str, value: str, header: list[str]) -> None:
    """Set a cell by spreadsheet row number (header = 1) and column name."""
    rows[row - 2][header.index(column)] = value


def person(row: int, column: str, value: str) -> Callable[[Rows, Rows], None]:
    return lambda people, _events: cell(people, row, column, value, PEOPLE_HEADER)


def event(row: int, column: str, value: str) -> Callable[[Rows, Rows], None]:
    return lambda _people, events: cell(events, row, column, value, EVENTS_HEADER)


def add_event(*values: str) -> Callable[[Rows, Rows], None]:
    return lambda _people, events: events.append(list(values))


CASES: dict[str, Case] = {
    "empty_required_value": Case(
        person(3, "track", ""), "missing-value", "people", 3, "track",
        "Required value 'track' is empty.",
    ),
    "unknown_discipline": Case(
        person(4, "discipline", "dance"), "unknown-discipline", "people", 4, "discipline",
        "Unknown discipline 'dance'.",
    ),
    "unknown_track": Case(
        person(4, "track", "principal"), "unknown-track", "people", 4, "track",
        "Unknown track 'principal' in discipline 'engineering'.",
    ),
    "unknown_level": Case(
        person(4, "level", "E10"), "unknown-level", "people", 4, "level",
        "Unknown level 'E10'.",
    ),
    "level_on_another_track": Case(
        person(4, "level", "M8"), "level-track", "people", 4, "level",
        "Level M8 is on engineering/management, not on this row's discipline/track.",
    ),
    "unknown_path": Case(
        person(4, "path", "wizardry"), "unknown-path", "people", 4, "path",
        "Unknown path 'wizardry'.",
    ),
    "path_not_open_at_level": Case(
        person(4, "path", "people-leadership"), "path-not-open", "people", 4, "path",
        "Path 'people-leadership' is not open at level E8.",
    ),
    "unknown_zone": Case(
        person(4, "zone", "mars"), "unknown-zone", "people", 4, "zone",
        "Unknown zone 'mars'.",
    ),
    "currency_of_another_zone": Case(
        person(2, "currency", "EUR"), "currency-zone", "people", 2, "currency",
        "Currency EUR differs from the zone's currency USD.",
    ),
    "duplicate_employee_id": Case(
        person(6, "employee_id", "e4"), "duplicate-key", "people", 6, "employee_id",
        "Duplicate employee_id: the same key is on row 5.",
    ),
    "bad_date": Case(
        person(5, "hire_date", "2021-02-30"), "bad-date", "people", 5, "hire_date",
        "'2021-02-30' is not a date.",
    ),
    "date_in_the_future": Case(
        person(5, "hire_date", "2099-01-01"), "future-date", "people", 5, "hire_date",
        "Date 2099-01-01 is in the future.",
    ),
    "non_positive_pay": Case(
        person(4, "base_salary", "0"), "non-positive-pay", "people", 4, "base_salary",
        "base_salary must be positive; it is 0.",
    ),
    "pay_not_a_number": Case(
        person(4, "base_salary", "245k"), "bad-number", "people", 4, "base_salary",
        "'245k' is not a number.",
    ),
    "pay_far_outside_the_band": Case(
        person(4, "base_salary", "2450000000"), "pay-implausible", "people", 4, "base_salary",
        "Annual full-time base pay 2,450,000,000 is implausibly far from the band for E8 in us "
        "(199,000–299,000 USD): below 0.1× its minimum or above 10× its maximum.",
    ),
    "hourly_pay_in_a_yearly_column": Case(
        person(6, "pay_period", "year"), "pay-below-floor", "people", 6, "base_salary",
        "Annual full-time base pay 90.00 EUR is below the floor of 1,000 EUR: a placeholder "
        "salary, or the wrong pay_period?",
    ),
    "pay_outside_the_band_is_a_warning": Case(
        person(4, "base_salary", "320000"), "pay-outside-band", "people", 4, "base_salary",
        "Annual full-time base pay 320,000 is outside the band for E8 in us "
        "(199,000–299,000 USD).",
        warning=True,
    ),
    "unknown_pay_period": Case(
        person(4, "pay_period", "quarterly"), "bad-choice", "people", 4, "pay_period",
        "'quarterly' is not a valid pay_period.",
    ),
    "fte_above_one": Case(
        person(6, "fte", "1.5"), "bad-fte", "people", 6, "fte",
        "fte 1.5 is above 1 (full time).",
    ),
    "manager_who_does_not_exist": Case(
        person(4, "manager_id", "e99"), "unknown-manager", "people", 4, "manager_id",
        "Manager 'e99' is not a person in people.csv or the database.",
    ),
    "cycle_in_the_management_chain": Case(
        person(2, "manager_id", "e3"), "management-cycle", "people", 2, "manager_id",
        "The management chain loops: e1 → e3 → e2 → e1.",
    ),
    "manager_of_themselves": Case(
        person(6, "manager_id", "e5"), "management-cycle", "people", 6, "manager_id",
        "The management chain loops: e5 → e5.",
    ),
    "promotion_to_a_lower_grade": Case(
        event(3, "to_level", "E6"), "promotion-lowers-grade", "events", 3, "to_level",
        "A promotion from E7 to E6 lowers the grade.",
    ),
    "promotion_at_the_same_grade_is_a_warning": Case(
        event(3, "to_level", "E7"), "promotion-same-grade", "events", 3, "to_level",
        "A promotion from E7 to E7 keeps the same grade.",
        warning=True,
    ),
    "exit_before_hire": Case(
        add_event("e3", "2018-01-01", "exit", "", "", "", ""), "exit-before-hire", "events", 5,
        "date", "Exit on 2018-01-01 is before the hire date 2019-05-06.",
    ),
    "event_before_the_hire_date_is_a_warning": Case(
        event(3, "date", "2019-01-15"), "event-before-hire", "events", 3, "date",
        "This event on 2019-01-15 is before the hire date 2019-05-06.",
        warning=True,
    ),
    "event_of_an_unknown_person": Case(
        event(4, "employee_id", "e42"), "unknown-employee", "events", 4, "employee_id",
        "No person with employee_id 'e42' in people.csv or the database.",
    ),
    "unknown_event_type": Case(
        event(4, "type", "fired"), "bad-choice", "events", 4, "type",
        "'fired' is not a valid type.",
    ),
    "duplicate_event": Case(
        add_event("e3", "2022-04-01", "promotion", "E7", "E8", "", ""), "duplicate-key", "events",
        5, "type", "Duplicate employee_id + date + type: the same key is on row 3.",
    ),
    "unknown_level_in_an_event": Case(
        event(2, "to_level", "E77"), "unknown-level", "events", 2, "to_level",
        "Unknown level 'E77'.",
    ),
    "non_positive_pay_in_an_event": Case(
        event(3, "new_base", "-1"), "non-positive-pay", "events", 3, "new_base",
        "new_base must be positive; it is -1.",
    ),
}  # fmt: skip


def _check(tmp_path: Path, write_org: OrgWriter, case: Case) -> ImportReport:
    people = [row.copy() for row in PEOPLE]
    events = [row.copy() for row in EVENTS]
    case.change(people, events)
    folder = write_org(people, events)
    return import_organisation(f"sqlite:///{tmp_path / 'rules.db'}", [folder], dry_run=True)


@pytest.mark.parametrize("name", list(CASES))
def test_rule_reports_the_problem_where_it_is(
    name: str, tmp_path: Path, write_org: OrgWriter
) -> None:
    case = CASES[name]
    report = _check(tmp_path, write_org, case)
    found = report.warnings if case.warning else report.errors
    other = report.errors if case.warning else report.warnings
    assert [p.code for p in found] == [case.code], [str(p) for p in found]
    assert [p.code for p in other if p.code == case.code] == []
    problem: Problem = found[0]
    assert problem.location.file is not None
    assert Path(problem.location.file).name == f"{case.file}.csv"
    assert (problem.location.row, problem.location.field) == (case.row, case.column)
    assert problem.message == case.message
    assert problem.fix


def test_the_valid_organisation_has_no_problems(tmp_path: Path, write_org: OrgWriter) -> None:
    report = _check(tmp_path, write_org, Case(lambda _p, _e: None, "", "", 0, "", ""))
    assert report.errors == []
    assert report.warnings == []


def test_a_missing_required_column_is_reported_at_the_header(
    tmp_path: Path, write_org: OrgWriter
) -> None:
    header = [h for h in PEOPLE_HEADER if h != "hire_date"]
    people = [[v for h, v in zip(PEOPLE_HEADER, row, strict=True) if h != "hire_date"]
              for row in PEOPLE]  # fmt: skip
    folder = write_org(people, people_header=header)
    report = import_organisation(f"sqlite:///{tmp_path / 'r.db'}", [folder], dry_run=True)
    missing = [p for p in report.errors if p.code == "missing-column"]
    assert [(p.location.row, p.location.field) for p in missing] == [(1, "hire_date")]
    assert missing[0].message == "Required column 'hire_date' is missing from people.csv."


def test_exit_date_before_hire_date(tmp_path: Path, write_org: OrgWriter) -> None:
    header = [*PEOPLE_HEADER, "status", "exit_date"]
    people = [[*row, "active", ""] for row in PEOPLE]
    people[3][-2:] = ["exited", "2019-01-01"]
    folder = write_org(people, people_header=header)
    report = import_organisation(f"sqlite:///{tmp_path / 'r.db'}", [folder], dry_run=True)
    assert [(p.code, p.location.row, p.location.field) for p in report.errors] == [
        ("exit-before-hire", 5, "exit_date")
    ]
    assert report.errors[0].message == ("Exit date 2019-01-01 is before the hire date 2021-07-08.")


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path, write_org: OrgWriter) -> None:
    people = [row.copy() for row in PEOPLE]
    for row in people:
        row[4] = "X1"
    report = import_organisation(
        f"sqlite:///{tmp_path / 'r.db'}", [write_org(people)], dry_run=True
    )
    assert [p.location.row for p in report.errors if p.code == "unknown-level"] == [2, 3, 4, 5, 6]


OTHER_TABLES = {
    "participation": (
        ["forum", "date", "employee_id", "role"],
        [["strategic-planning", "2024-01-10", "e2", "member"],
         ["war-council", "2024-01-10", "e3", "member"]],
        ("unknown-forum", 3, "forum", "Unknown forum 'war-council'."),
    ),
    "impact": (
        ["impact_id", "employee_id", "date", "category", "title", "competency"],
        [["i1", "e3", "2024-02-01", "efficiency", "Cut cloud cost", "craft-expertise"],
         ["i2", "e3", "2024-03-01", "efficiency", "Faster builds", "juggling"]],
        ("unknown-competency", 3, "competency", "Unknown competency 'juggling'."),
    ),
    "assessments": (
        ["employee_id", "cycle", "competency", "rater", "rating"],
        [["e3", "2025-H1", "craft-expertise", "manager", "4"],
         ["e3", "2025-H1", "communication", "manager", "9"]],
        ("bad-rating", 3, "rating", "Rating 9 is outside the framework's scale (1–5)."),
    ),
    "roles": (
        ["employee_id", "role", "start_date", "end_date"],
        [["e3", "system-architect", "2024-01-01", "2023-06-30"]],
        ("end-before-start", 2, "end_date",
         "The role ends (2023-06-30) before it starts (2024-01-01)."),
    ),
    "roles ": (
        ["employee_id", "role", "start_date"],
        [["e3", "chief-vibes-officer", "2024-01-01"]],
        ("unknown-leadership-role", 2, "role", "Unknown leadership role 'chief-vibes-officer'."),
    ),
}  # fmt: skip


@pytest.mark.parametrize("table", list(OTHER_TABLES))
def test_records_refer_to_the_framework(table: str, tmp_path: Path, write_org: OrgWriter) -> None:
    header, rows, (code, row, column, message) = OTHER_TABLES[table]
    folder = write_org()
    write_csv(folder / f"{table.strip()}.csv", header, rows)
    report = import_organisation(f"sqlite:///{tmp_path / 'r.db'}", [folder], dry_run=True)
    assert [(p.code, p.location.row, p.location.field, p.message) for p in report.errors] == [
        (code, row, column, message)
    ]


def test_unknown_columns_are_a_warning_naming_the_header(
    tmp_path: Path, write_org: OrgWriter
) -> None:
    header = [*PEOPLE_HEADER, "Shoe Size"]
    people = [[*row, "42"] for row in PEOPLE]
    folder = write_org(people, people_header=header)
    report = import_organisation(f"sqlite:///{tmp_path / 'r.db'}", [folder], dry_run=True)
    assert report.errors == []
    assert [(w.code, w.location.row, w.location.field) for w in report.warnings] == [
        ("unknown-column", 1, "Shoe Size")
    ]
