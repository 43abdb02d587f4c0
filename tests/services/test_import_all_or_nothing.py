"""An import is one transaction: a write that fails half-way (here the database itself
refusing a row of the last table) leaves every table as it was, the first ones included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from latticework.errors import LatticeworkError
from latticework.services.data import import_organisation, upgrade_database
from latticework.storage.engine import dispose_engines
from tests.web.conftest import ASSESSMENTS_CSV, write_org_files


def _import_or_raise(url: str, files: list[Path]) -> None:
    report = import_organisation(url, files)
    assert not report.ok  # a report instead of an error is fine, if it says so
    raise LatticeworkError(*report.errors)


def test_a_write_failure_mid_import_keeps_every_table_as_it_was(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    upgrade_database(url)
    files = write_org_files(tmp_path)
    assert import_organisation(url, files).ok
    people = tmp_path / "people.csv"
    people.write_text(people.read_text().replace(",160000,", ",175000,"), encoding="utf-8")
    (tmp_path / "assessments.csv").write_text(
        ASSESSMENTS_CSV + "eng_b1,2026-H1,system-design,manager,3,Ran the migration\n",
        encoding="utf-8",
    )
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        # A real failure inside the database, after people and impact are written.
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse BEFORE INSERT ON assessments "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    try:
        # How the failure surfaces is not the point here; what is left in the database is.
        with pytest.raises((LatticeworkError, sa.exc.DBAPIError, sqlite3.Error)):
            _import_or_raise(url, files)
    finally:
        dispose_engines()
    with engine.connect() as conn:
        salary = conn.exec_driver_sql(
            "SELECT base_salary FROM people WHERE employee_id = 'eng_a1'"
        ).scalar()
        assessments = conn.exec_driver_sql("SELECT count(*) FROM assessments").scalar()
    engine.dispose()
    assert salary == 160000  # the people table, written first, was rolled back too
    assert assessments == 1
