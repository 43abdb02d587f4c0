"""Impact records and assessments one at a time (the web app and the growth services).

Bulk data arrives through the import; these functions are for the web app
and the growth services, which add one record at a time. Both upsert by the
canonical key, so saving a record twice keeps one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from latticework.errors import LatticeworkError, Location, Problem
from latticework.growth.person_data import ImpactRecord
from latticework.org.columns import ASSESSMENTS, IMPACT, IMPACT_CATEGORIES, RATERS
from latticework.storage.people import PeopleRepository
from latticework.storage.tables import assessments, impact

__all__ = ["AssessmentRecord", "AssessmentRepository", "ImpactRecord", "ImpactRepository"]


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """A rating of a person against one competency, by one rater, in one cycle."""

    employee_id: str
    cycle: str
    competency: str
    rater: str
    rating: int
    evidence: str | None = None
    date: date | None = None


def upsert_row(connection: Connection, table: sa.Table, values: dict[str, Any]) -> None:
    """Insert a row, or update the row with the same primary key."""
    keys = [c.name for c in table.primary_key.columns]
    insert: Any = (
        postgresql.insert(table)
        if connection.dialect.name == "postgresql"
        else sqlite.insert(table)
    )
    statement = insert.values(**values)
    updates = {k: statement.excluded[k] for k in values if k not in keys}
    statement = (
        statement.on_conflict_do_update(index_elements=keys, set_=updates)
        if updates
        else statement.on_conflict_do_nothing(index_elements=keys)
    )
    connection.execute(statement)


def _require_choice(value: str, choices: tuple[str, ...], column: str) -> None:
    if value not in choices:
        raise LatticeworkError(
            Problem(
                f"'{value}' is not a valid {column}.",
                Location(field=column),
                f"Use one of: {', '.join(choices)}.",
                "bad-choice",
            )
        )


class ImpactRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, record: ImpactRecord) -> None:
        """Add or replace an impact record (by impact_id)."""
        _require_choice(record.category, IMPACT_CATEGORIES, "category")
        PeopleRepository(self._conn).require(record.employee_id)
        upsert_row(self._conn, impact, asdict(record))

    def of(self, employee_id: str) -> list[ImpactRecord]:
        """A person's impact records, newest first."""
        rows = self._conn.execute(
            sa.select(*[impact.c[name] for name in IMPACT.names])
            .where(impact.c.employee_id == employee_id)
            .order_by(impact.c.date.desc(), impact.c.impact_id)
        ).mappings()
        return [ImpactRecord(**row) for row in rows]


class AssessmentRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, record: AssessmentRecord) -> None:
        """Add or replace a rating (by person, cycle, competency and rater)."""
        _require_choice(record.rater, RATERS, "rater")
        PeopleRepository(self._conn).require(record.employee_id)
        upsert_row(self._conn, assessments, asdict(record))

    def of(self, employee_id: str) -> list[AssessmentRecord]:
        """A person's ratings, by cycle, competency and rater."""
        rows = self._conn.execute(
            sa.select(*[assessments.c[name] for name in ASSESSMENTS.names])
            .where(assessments.c.employee_id == employee_id)
            .order_by(assessments.c.cycle, assessments.c.competency, assessments.c.rater)
        ).mappings()
        return [AssessmentRecord(**row) for row in rows]
