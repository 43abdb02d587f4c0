"""Recording impact: a draft as a person types it, checked field by field, its statement
previewed, and stored for someone the user may see."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from latticework.accounts.model import User
from latticework.errors import LatticeworkError, Location, Problem
from latticework.growth.person_data import ImpactRecord
from latticework.org.columns import IMPACT_CATEGORIES
from latticework.org.validity import recorded_date_problems, text_problems
from latticework.services.access import person_access

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork


# -- impact ----------------------------------------------------------------------


class ImpactInput(BaseModel):
    """An impact record as a person types it: what was done, for whom, measured how."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    category: str = Field(description="risk_reduction, enablement, efficiency or excellence")
    title: str = Field(min_length=1, max_length=200, description="what was done, in a few words")
    date: dt.date | None = None
    metric: str | None = Field(default=None, max_length=120)
    value: float | None = None
    unit: str | None = Field(default=None, max_length=40)
    beneficiary: str | None = Field(default=None, max_length=200)
    horizon: str | None = Field(default=None, max_length=120)
    evidence: str | None = Field(default=None, max_length=500)
    statement: str | None = Field(default=None, max_length=2000)
    competency: str | None = Field(default=None, max_length=80)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in IMPACT_CATEGORIES:
            raise ValueError(f"'{value}' is not one of " + ", ".join(IMPACT_CATEGORIES))
        return value


def parse_impact(fields: dict[str, object]) -> ImpactInput:
    """Form or JSON fields as an ImpactInput; every problem is reported with its field."""
    cleaned = {k: v for k, v in fields.items() if not (isinstance(v, str) and not v.strip())}
    try:
        record = ImpactInput.model_validate(cleaned)
    except ValidationError as exc:
        raise LatticeworkError(
            [
                Problem(
                    str(e["msg"]),
                    location=Location(field=".".join(str(p) for p in e["loc"]) or None),
                    fix="Correct this field.",
                    code="invalid-impact",
                )
                for e in exc.errors()
            ]
        ) from None
    problems = recorded_date_problems(record.date, "date") + text_problems(record.model_dump())
    if record.date is not None and record.date > dt.date.today():
        problems.append(
            Problem(
                f"The date {record.date} is in the future.",
                location=Location(field="date"),
                fix="Record impact once it has happened.",
                code="invalid-impact",
            )
        )
    if problems:
        raise LatticeworkError(problems)
    return record


def draft_record(employee_id: str, record: ImpactInput, impact_id: str) -> ImpactRecord:
    return ImpactRecord(
        impact_id=impact_id,
        employee_id=employee_id,
        date=record.date or dt.date.today(),
        **record.model_dump(exclude={"date"}),
    )


def statement_of(record: ImpactRecord) -> str:
    """The business-framed statement of an impact record (the person's own words win)."""
    from latticework.growth.impact import frame_statement

    own = record.statement.strip() if record.statement else ""
    return own or frame_statement(record)


def preview_statement(employee_id: str, record: ImpactInput) -> str:
    """The business-framed statement this record would be shown as."""
    return statement_of(draft_record(employee_id, record, "preview"))


def add_impact(uow: UnitOfWork, user: User, employee_id: str, record: ImpactInput) -> ImpactRecord:
    """Store an impact record for someone the user may see (themselves, a report, anyone
    for HR)."""
    person_access(uow, user, employee_id)
    stored = draft_record(employee_id, record, f"web-{secrets.token_hex(6)}")
    uow.impact.add(stored)
    return stored
