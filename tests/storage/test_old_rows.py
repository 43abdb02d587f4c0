"""Rows stored before dates were range-checked do not break reading the whole organisation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from latticework.services.audit import audit_organisation
from latticework.services.data import export_organisation, import_organisation
from latticework.storage import UnitOfWork, engine_for
from tests.ingest.conftest import EVENTS, EVENTS_HEADER, PEOPLE, PEOPLE_HEADER, write_csv


def test_export_and_audit_survive_dates_pandas_cannot_hold(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    write_csv(folder / "people.csv", PEOPLE_HEADER, PEOPLE)
    write_csv(folder / "events.csv", EVENTS_HEADER, EVENTS)
    url = f"sqlite:///{tmp_path / 'org.db'}"
    assert import_organisation(url, [folder]).ok
    with engine_for(url).begin() as connection:
        connection.execute(
            sa.text("UPDATE people SET exit_date = '9999-12-31' WHERE employee_id = 'e4'")
        )
        connection.execute(
            sa.text("UPDATE people SET hire_date = '0001-01-01' WHERE employee_id = 'e5'")
        )
        connection.execute(
            sa.text("UPDATE events SET date = '0001-01-01' WHERE employee_id = 'e4'")
        )
    written = export_organisation(url, tmp_path / "out")
    assert {path.name for path, _ in written} >= {"people.csv", "events.csv"}
    people = (tmp_path / "out" / "people.csv").read_text()
    assert "e5" in people
    with UnitOfWork(url) as uow:
        audit_organisation(uow, as_of=date(2026, 1, 1))
