"""The EU Pay Transparency Directive's records: submitted reports, requests, justifications.

`uow.eu` is the repository; the unit of work's owner commits. Rows come
back as frozen dataclasses, never as SQL rows, so services and the domain do
not see SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from latticework.storage.tables import (
    eu_answer_periods,
    eu_information_requests,
    eu_justifications,
    eu_reports,
    people,
)


@dataclass(frozen=True, slots=True)
class SubmittedReport:
    legal_entity: str
    year: int
    submitted_on: date
    report: str
    """The report as JSON (the `eu report --format json` document)."""


@dataclass(frozen=True, slots=True)
class StoredRequest:
    id: int
    employee_id: str
    received_on: date
    due_on: date
    status: str
    answered_by: str | None
    answered_on: date | None
    letter: str | None = None
    """The letter that answered it, as JSON (None while open, or answered before 0008)."""


@dataclass(frozen=True, slots=True)
class StoredJustification:
    legal_entity: str
    year: int
    category: str
    factor: str
    explanation: str
    evidence: str | None
    agreement: str | None
    agreed_by: str | None
    agreed_on: date | None


class EuRegisterRepository:
    """The Directive's registers and the employer reads the EU services need."""

    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def legal_entities(self) -> dict[str, int]:
        """Every legal entity with its number of active people."""
        statement = (
            sa.select(people.c.legal_entity, sa.func.count())
            .where(people.c.legal_entity.is_not(None))
            .where(sa.or_(people.c.status.is_(None), people.c.status == "active"))
            .group_by(people.c.legal_entity)
            .order_by(people.c.legal_entity)
        )
        return {str(entity): int(n) for entity, n in self._conn.execute(statement)}

    def entity_of(self, employee_id: str) -> str | None:
        """The person's legal entity (None when unknown or not stored)."""
        value = self._conn.execute(
            sa.select(people.c.legal_entity).where(people.c.employee_id == employee_id)
        ).scalar_one_or_none()
        return None if value is None else str(value)

    def person_exists(self, employee_id: str) -> bool:
        statement = sa.select(people.c.employee_id).where(people.c.employee_id == employee_id)
        return self._conn.execute(statement).first() is not None

    def save_submitted_report(
        self, *, legal_entity: str, year: int, submitted_on: date, report: str
    ) -> None:
        """Record (or replace) the report submitted for the entity and year."""
        self._conn.execute(
            eu_reports.delete()
            .where(eu_reports.c.legal_entity == legal_entity)
            .where(eu_reports.c.year == year)
        )
        self._conn.execute(
            eu_reports.insert().values(
                legal_entity=legal_entity,
                year=year,
                submitted_on=submitted_on,
                recorded_at=datetime.now(UTC),
                report=report,
            )
        )

    def submitted_report(self, legal_entity: str, year: int) -> SubmittedReport | None:
        row = (
            self._conn.execute(
                sa.select(eu_reports)
                .where(eu_reports.c.legal_entity == legal_entity)
                .where(eu_reports.c.year == year)
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        return SubmittedReport(
            legal_entity=str(row["legal_entity"]),
            year=int(row["year"]),
            submitted_on=row["submitted_on"],
            report=str(row["report"]),
        )

    def add_request(self, employee_id: str, received_on: date, due_on: date) -> int:
        result = self._conn.execute(
            eu_information_requests.insert().values(
                employee_id=employee_id, received_on=received_on, due_on=due_on, status="open"
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def answer_request(
        self, request_id: int, answered_by: str, on: date, letter: str | None = None
    ) -> bool:
        """Mark the request answered, keeping the letter sent; False when there is none."""
        result = self._conn.execute(
            eu_information_requests.update()
            .where(eu_information_requests.c.id == request_id)
            .values(status="answered", answered_by=answered_by, answered_on=on, letter=letter)
        )
        return result.rowcount > 0

    def requests(self, employee_id: str | None = None) -> list[StoredRequest]:
        """The register, oldest first (one person's requests when `employee_id` is given)."""
        t = eu_information_requests
        statement = sa.select(t).order_by(t.c.received_on, t.c.id)
        if employee_id is not None:
            statement = statement.where(t.c.employee_id == employee_id)
        return [
            StoredRequest(
                id=int(r["id"]),
                employee_id=str(r["employee_id"]),
                received_on=r["received_on"],
                due_on=r["due_on"],
                status=str(r["status"]),
                answered_by=r["answered_by"],
                answered_on=r["answered_on"],
                letter=r["letter"],
            )
            for r in self._conn.execute(statement).mappings()
        ]

    def request(self, request_id: int) -> StoredRequest | None:
        found = [r for r in self.requests() if r.id == request_id]
        return found[0] if found else None

    def answer_periods(self) -> dict[str, int]:
        """Months to answer a request, per country that overrides the default."""
        rows = self._conn.execute(
            sa.select(eu_answer_periods.c.country, eu_answer_periods.c.months)
        )
        return {str(country): int(months) for country, months in rows}

    def set_answer_period(self, country: str, months: int) -> None:
        self._conn.execute(eu_answer_periods.delete().where(eu_answer_periods.c.country == country))
        self._conn.execute(eu_answer_periods.insert().values(country=country, months=months))

    def justifications(self, legal_entity: str, year: int) -> list[StoredJustification]:
        t = eu_justifications
        statement = (
            sa.select(t)
            .where(t.c.legal_entity == legal_entity)
            .where(t.c.year == year)
            .order_by(t.c.category, t.c.factor)
        )
        return [
            StoredJustification(
                legal_entity=str(r["legal_entity"]),
                year=int(r["year"]),
                category=str(r["category"]),
                factor=str(r["factor"]),
                explanation=str(r["explanation"]),
                evidence=r["evidence"],
                agreement=r["agreement"],
                agreed_by=r["agreed_by"],
                agreed_on=r["agreed_on"],
            )
            for r in self._conn.execute(statement).mappings()
        ]

    def save_justifications(self, rows: list[StoredJustification]) -> None:
        """Insert or replace the rows (matched by entity, year, category and factor)."""
        t = eu_justifications
        for j in rows:
            self._conn.execute(
                t.delete()
                .where(t.c.legal_entity == j.legal_entity)
                .where(t.c.year == j.year)
                .where(t.c.category == j.category)
                .where(t.c.factor == j.factor)
            )
            self._conn.execute(
                t.insert().values(
                    legal_entity=j.legal_entity,
                    year=j.year,
                    category=j.category,
                    factor=j.factor,
                    explanation=j.explanation,
                    evidence=j.evidence,
                    agreement=j.agreement,
                    agreed_by=j.agreed_by,
                    agreed_on=j.agreed_on,
                )
            )
