"""Development plans as stored: one active plan per person, its items editable by status.

Saving a new plan keeps the old ones (status `superseded`) so a person's
history of plans is not lost; reading returns the active one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.storage.people import PeopleRepository
from latticework.storage.tables import development_plans, plan_checkins, plan_items


@dataclass(frozen=True, slots=True)
class StoredPlanItem:
    id: int
    opportunity_id: str | None
    competency: str | None
    goal: str
    due_date: date | None
    status: str


@dataclass(frozen=True, slots=True)
class StoredPlan:
    id: int
    employee_id: str
    path: str | None
    title: str | None
    status: str
    created_at: datetime
    updated_at: datetime
    items: tuple[StoredPlanItem, ...]


@dataclass(frozen=True, slots=True)
class StoredCheckin:
    """One check-in on a plan item: the status and due date it left, and a note."""

    id: int
    item_id: int
    checked_on: date
    status: str
    due_date: date | None
    note: str | None
    recorded_by: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class NewPlanItem:
    opportunity_id: str | None
    competency: str | None
    goal: str
    due_date: date | None
    status: str = "planned"


class PlanRepository:
    """Development plans and their items."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def active(self, employee_id: str) -> StoredPlan | None:
        """The person's active plan with its items in order, or None."""
        row = self._conn.execute(
            sa.select(development_plans)
            .where(
                development_plans.c.employee_id == employee_id,
                development_plans.c.status == "active",
            )
            .order_by(development_plans.c.id.desc())
            .limit(1)
        ).one_or_none()
        if row is None:
            return None
        items = self._conn.execute(
            sa.select(plan_items).where(plan_items.c.plan_id == row.id).order_by(plan_items.c.id)
        )
        return StoredPlan(
            id=row.id,
            employee_id=row.employee_id,
            path=row.path,
            title=row.title,
            status=row.status,
            created_at=row.created_at,
            updated_at=row.updated_at,
            items=tuple(
                StoredPlanItem(i.id, i.opportunity_id, i.competency, i.goal, i.due_date, i.status)
                for i in items
            ),
        )

    def save(
        self,
        employee_id: str,
        path: str | None,
        title: str | None,
        items: list[NewPlanItem],
    ) -> StoredPlan:
        """Store a new active plan for the person; their previous active plan is superseded."""
        PeopleRepository(self._conn).require(employee_id)
        now = datetime.now(UTC)
        self._conn.execute(
            sa.update(development_plans)
            .where(
                development_plans.c.employee_id == employee_id,
                development_plans.c.status == "active",
            )
            .values(status="superseded", updated_at=now)
        )
        plan_id = self._conn.execute(
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
            self._conn.execute(
                sa.insert(plan_items),
                [
                    {
                        "plan_id": plan_id,
                        "opportunity_id": i.opportunity_id,
                        "competency": i.competency,
                        "goal": i.goal,
                        "due_date": i.due_date,
                        "status": i.status,
                    }
                    for i in items
                ],
            )
        stored = self.active(employee_id)
        assert stored is not None
        return stored

    def set_item_status(self, plan_id: int, item_id: int, status: str) -> bool:
        """Change one item's status; False when the item is not in that plan."""
        result = self._conn.execute(
            sa.update(plan_items)
            .where(plan_items.c.id == item_id, plan_items.c.plan_id == plan_id)
            .values(status=status)
        )
        if result.rowcount == 0:
            return False
        self._conn.execute(
            sa.update(development_plans)
            .where(development_plans.c.id == plan_id)
            .values(updated_at=datetime.now(UTC))
        )
        return True

    def check_in(
        self,
        plan_id: int,
        item_id: int,
        *,
        checked_on: date,
        status: str,
        due_date: date | None,
        note: str | None,
        recorded_by: str | None,
    ) -> bool:
        """Record a check-in and set the item's status and due date to what it says; earlier
        check-ins stay as the item's history. False when the item is not in that plan."""
        now = datetime.now(UTC)
        result = self._conn.execute(
            sa.update(plan_items)
            .where(plan_items.c.id == item_id, plan_items.c.plan_id == plan_id)
            .values(status=status, due_date=due_date)
        )
        if result.rowcount == 0:
            return False
        self._conn.execute(
            sa.insert(plan_checkins).values(
                plan_id=plan_id,
                item_id=item_id,
                checked_on=checked_on,
                status=status,
                due_date=due_date,
                note=note,
                recorded_by=recorded_by,
                recorded_at=now,
            )
        )
        self._conn.execute(
            sa.update(development_plans)
            .where(development_plans.c.id == plan_id)
            .values(updated_at=now)
        )
        return True

    def checkins(self, plan_id: int) -> list[StoredCheckin]:
        """Every check-in of the plan, newest first."""
        rows = self._conn.execute(
            sa.select(plan_checkins)
            .where(plan_checkins.c.plan_id == plan_id)
            .order_by(plan_checkins.c.checked_on.desc(), plan_checkins.c.id.desc())
        )
        return [
            StoredCheckin(
                r.id, r.item_id, r.checked_on, r.status, r.due_date, r.note, r.recorded_by,
                r.recorded_at,
            )
            for r in rows
        ]  # fmt: skip
