"""Development plans: per person and path, framework opportunities chosen for their gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.errors import LatticeworkError, Problem
from latticework.storage.records import require_person
from latticework.storage.tables import development_plans, plan_items

PLAN_STATUSES = ("active", "completed", "abandoned")
ITEM_STATUSES = ("planned", "in_progress", "done", "dropped")


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One goal of a plan: an opportunity (framework id) for a competency, by a date."""

    goal: str
    opportunity_id: str | None = None
    competency: str | None = None
    due_date: date | None = None
    status: str = "planned"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class DevelopmentPlan:
    """A person's plan for a path, with its items in the order they were added."""

    id: int
    employee_id: str
    path: str | None
    title: str | None
    status: str
    created_at: datetime
    updated_at: datetime
    items: list[PlanItem] = field(default_factory=list)


def _check_status(status: str, allowed: tuple[str, ...], what: str) -> None:
    if status not in allowed:
        raise LatticeworkError(
            Problem(
                f"'{status}' is not a {what} status.",
                fix=f"Use one of: {', '.join(allowed)}.",
                code="bad-choice",
            )
        )


def create_development_plan(
    connection: Connection,
    employee_id: str,
    items: list[PlanItem],
    *,
    path: str | None = None,
    title: str | None = None,
) -> int:
    """Store a new plan with its items; returns the plan's id."""
    require_person(connection, employee_id)
    for item in items:
        _check_status(item.status, ITEM_STATUSES, "plan item")
    now = datetime.now(UTC)
    plan_id = connection.execute(
        sa.insert(development_plans)
        .values(
            employee_id=employee_id,
            path=path,
            title=title,
            status="active",
            created_at=now,
            updated_at=now,
        )
        .returning(development_plans.c.id)
    ).scalar_one()
    if items:
        connection.execute(
            sa.insert(plan_items),
            [
                {
                    "plan_id": plan_id,
                    "opportunity_id": item.opportunity_id,
                    "competency": item.competency,
                    "goal": item.goal,
                    "due_date": item.due_date,
                    "status": item.status,
                }
                for item in items
            ],
        )
    return int(plan_id)


def development_plans_for(connection: Connection, employee_id: str) -> list[DevelopmentPlan]:
    """A person's plans, newest first, each with its items."""
    plans = connection.execute(
        sa.select(development_plans)
        .where(development_plans.c.employee_id == employee_id)
        .order_by(development_plans.c.created_at.desc(), development_plans.c.id.desc())
    ).mappings()
    result = []
    for plan in plans:
        items = connection.execute(
            sa.select(plan_items)
            .where(plan_items.c.plan_id == plan["id"])
            .order_by(plan_items.c.id)
        ).mappings()
        result.append(
            DevelopmentPlan(
                id=plan["id"],
                employee_id=plan["employee_id"],
                path=plan["path"],
                title=plan["title"],
                status=plan["status"],
                created_at=plan["created_at"],
                updated_at=plan["updated_at"],
                items=[
                    PlanItem(
                        goal=i["goal"],
                        opportunity_id=i["opportunity_id"],
                        competency=i["competency"],
                        due_date=i["due_date"],
                        status=i["status"],
                        id=i["id"],
                    )
                    for i in items
                ],
            )
        )
    return result


def set_plan_item_status(connection: Connection, item_id: int, status: str) -> None:
    """Move one plan item to a new status (and touch its plan's updated_at)."""
    _check_status(status, ITEM_STATUSES, "plan item")
    plan_id = connection.execute(
        sa.update(plan_items)
        .where(plan_items.c.id == item_id)
        .values(status=status)
        .returning(plan_items.c.plan_id)
    ).scalar_one_or_none()
    if plan_id is None:
        raise LatticeworkError(Problem(f"No plan item {item_id}.", code="not-found"))
    connection.execute(
        sa.update(development_plans)
        .where(development_plans.c.id == plan_id)
        .values(updated_at=datetime.now(UTC))
    )


def set_plan_status(connection: Connection, plan_id: int, status: str) -> None:
    """Mark a plan active, completed or abandoned."""
    _check_status(status, PLAN_STATUSES, "plan")
    updated = connection.execute(
        sa.update(development_plans)
        .where(development_plans.c.id == plan_id)
        .values(status=status, updated_at=datetime.now(UTC))
    )
    if updated.rowcount == 0:
        raise LatticeworkError(Problem(f"No development plan {plan_id}.", code="not-found"))
