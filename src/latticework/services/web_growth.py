"""Growth for the web: impact entry with its statement, packets and team composition,
computed on just the people a page is about.

The growth services work on an `OrgDataset`; a page about one person or one
team reads only those people's rows, so it stays fast at 100,000 people.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.org.columns import IMPACT_CATEGORIES
from latticework.org.validity import recorded_date_problems, text_problems
from latticework.services.accounts import User
from latticework.services.web_access import (
    chain_and_self,
    not_found,
    person_access,
    require_team_access,
)
from latticework.services.web_people import ImpactView, impact_statement_text
from latticework.storage.tables import people

if TYPE_CHECKING:
    from latticework.growth.packet import PromotionPacket
    from latticework.growth.plan import DevelopmentPlan
    from latticework.reports.document import Document
    from latticework.services.growth import GrowthData
    from latticework.teams.composition import TeamComposition


def person_growth_data(
    conn: sa.Connection, fw: Framework, employee_id: str, as_of: dt.date | None = None
) -> GrowthData:
    """The framework and one person's rows, typed as a full load would be."""
    from latticework.services.growth import GrowthData
    from latticework.storage.growth_reads import person_dataset

    org = person_dataset(conn, employee_id, as_of)
    if org is None:
        raise not_found("person", employee_id)
    return GrowthData(fw, org)


# -- impact ----------------------------------------------------------------------


class ImpactInput(BaseModel):
    """An impact record as a person types it (DESIGN §2: category, metric, value, unit, …)."""

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


def preview_statement(employee_id: str, record: ImpactInput) -> str:
    """The business-framed statement this record would be shown as."""
    row = record.model_dump()
    row.update(impact_id="preview", employee_id=employee_id, date=record.date or dt.date.today())
    return impact_statement_text(row)


def add_impact(
    conn: sa.Connection, user: User, employee_id: str, record: ImpactInput
) -> ImpactView:
    """Store an impact record for someone the user may see (themselves, a report, anyone
    for HR) and return it with its statement."""
    from latticework.growth.records import ImpactRecord
    from latticework.storage.records import save_impact_record

    person_access(conn, user, employee_id)
    stored = ImpactRecord(
        impact_id=f"web-{secrets.token_hex(6)}",
        employee_id=employee_id,
        date=record.date or dt.date.today(),
        **record.model_dump(exclude={"date"}),
    )
    save_impact_record(conn, stored)
    return ImpactView(
        impact_id=stored.impact_id,
        date=stored.date,
        category=stored.category,
        title=stored.title,
        statement=impact_statement_text(asdict(stored)),
        metric=stored.metric,
        value=stored.value,
        unit=stored.unit,
        beneficiary=stored.beneficiary,
        evidence=stored.evidence,
    )


# -- packets and teams -------------------------------------------------------------


def promotion_packet(
    conn: sa.Connection, fw: Framework, user: User, employee_id: str, target_level: str | None
) -> tuple[PromotionPacket, Document]:
    """The promotion packet of a person the user may see (no pay in it), and its document."""
    from latticework.reports.growth_packet import packet_document as render
    from latticework.services.growth import promotion_packet as build

    person_access(conn, user, employee_id)
    packet = build(person_growth_data(conn, fw, employee_id), employee_id, target_level)
    return packet, render(packet, fw)


def development_plan(
    conn: sa.Connection, database_url: str, fw: Framework, user: User, employee_id: str
) -> tuple[DevelopmentPlan, Document, bool]:
    """The stored active plan, or one proposed for the person's gaps on their path; the
    bool says whether it is stored."""
    from latticework.reports.growth_views import plan_document
    from latticework.services.growth import development_plan as propose
    from latticework.services.growth import find_person
    from latticework.services.growth_records import stored_plan

    person_access(conn, user, employee_id)
    data = person_growth_data(conn, fw, employee_id)
    person = find_person(data, employee_id)
    stored = stored_plan(database_url, employee_id)
    plan = stored if stored is not None else propose(data, employee_id)[1]
    return plan, plan_document(plan, person, fw), stored is not None


def save_proposed_plan(
    conn: sa.Connection, database_url: str, fw: Framework, user: User, employee_id: str
) -> DevelopmentPlan:
    """Store the plan proposed for the person's gaps as their active plan (the previous one
    is superseded). Only the person, their managers and HR may."""
    from latticework.services.growth import development_plan as propose
    from latticework.services.growth_records import save_plan

    person_access(conn, user, employee_id)
    plan = propose(person_growth_data(conn, fw, employee_id), employee_id)[1]
    # growth's save_plan writes in its own unit of work: free SQLite's writer first.
    conn.commit()
    return save_plan(database_url, plan, fw)


class TeamSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    team: str
    size: int


def list_teams(
    conn: sa.Connection, user: User, query: str = "", limit: int = 500
) -> list[TeamSummary]:
    """Teams the user may see (whose name contains `query`), with their active headcount."""
    from latticework.services.accounts import Role
    from latticework.services.web_access import denied

    active = sa.func.coalesce(people.c.status, "active") != "exited"
    statement = (
        sa.select(people.c.team, sa.func.count())
        .where(people.c.team.is_not(None), active)
        .group_by(people.c.team)
        .order_by(people.c.team)
    )
    if user.role is Role.MANAGER and user.employee_id:
        chain = chain_and_self(user.employee_id)
        teams = sa.select(people.c.team).where(people.c.employee_id.in_(chain)).distinct()
        statement = statement.where(people.c.team.in_(teams.scalar_subquery()))
    elif user.role is not Role.PEOPLE:
        if user.employee_id is None:
            raise denied("see teams")
        own = sa.select(people.c.team).where(people.c.employee_id == user.employee_id)
        statement = statement.where(people.c.team == own.scalar_subquery())
    if query.strip():
        statement = statement.where(sa.func.lower(people.c.team).like(f"%{query.strip().lower()}%"))
    statement = statement.limit(max(1, min(limit, 5000)))
    return [TeamSummary(team=str(t), size=int(n)) for t, n in conn.execute(statement)]


def team_composition(
    conn: sa.Connection, fw: Framework, user: User, team: str
) -> tuple[TeamComposition, Document]:
    """One team's capabilities against the framework's targets, and the same as a document.

    Reads the team's active members and their manager ratings straight into the
    teams domain's records (the same rows `services.growth.team_composition`
    reads from a full load), so a team page costs a few small queries.
    """
    from latticework.growth.records import Rating, person_from_row
    from latticework.reports.growth_teams import teams_document
    from latticework.storage.tables import assessments
    from latticework.teams.composition import compose_organisation

    require_team_access(conn, user, team)
    active = sa.func.coalesce(people.c.status, "active") != "exited"
    rows = conn.execute(sa.select(people).where(people.c.team == team, active)).mappings().all()
    if not rows:
        raise not_found("team", team)
    members = [person_from_row(dict(r)) for r in rows]
    ratings: dict[str, list[Rating]] = {}
    rated = conn.execute(
        sa.select(
            assessments.c.employee_id,
            assessments.c.competency,
            assessments.c.rating,
            assessments.c.cycle,
        ).where(
            assessments.c.rater == "manager",
            assessments.c.employee_id.in_([m.employee_id for m in members]),
        )
    )
    for employee_id, competency, rating, cycle in rated:
        ratings.setdefault(str(employee_id), []).append(
            Rating(str(competency), "manager", int(rating), str(cycle))
        )
    composition = compose_organisation(fw, members, ratings)
    return composition.teams[0], teams_document(composition, fw, team)
