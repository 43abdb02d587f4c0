"""Growth services that write: stored development plans, impact records and ratings.

Reads and views are in `services/growth.py`. These functions change the
database inside the caller's unit of work; they raise before writing anything
when the input is not valid, so the caller's commit stores all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.person_data import ImpactRecord
from latticework.growth.plan import PLAN_STATUSES, DevelopmentPlan, PlanItem, check_status
from latticework.growth.readiness import Readiness, path_at, require_level
from latticework.services.frameworks import current_framework
from latticework.services.growth import readiness
from latticework.services.growth_data import GrowthData, find_person, person_data

if TYPE_CHECKING:
    from latticework.storage import StoredCheckin, StoredPlan, UnitOfWork


# -- stored plans ----------------------------------------------------------------

_PLAN_TITLE = "Towards "


def _plan_from_stored(stored: StoredPlan, framework: Framework) -> DevelopmentPlan:
    """A stored plan as the domain value; items are numbered 1, 2, … within the plan."""
    known = {o.id: o for o in framework.development}
    target = (stored.title or "").removeprefix(_PLAN_TITLE)
    items = tuple(
        PlanItem(
            opportunity_id=i.opportunity_id or "",
            name=known[i.opportunity_id].name
            if i.opportunity_id in known
            else (i.opportunity_id or ""),
            kind=known[i.opportunity_id].kind if i.opportunity_id in known else "",
            competency=i.competency,
            goal=i.goal,
            due_date=i.due_date,
            status=i.status,
            item_id=n,
        )
        for n, i in enumerate(stored.items, 1)
    )
    return DevelopmentPlan(
        employee_id=stored.employee_id,
        path=stored.path,
        target_level=target if framework.has_level(target) else None,
        items=items,
        plan_id=stored.id,
    )


def stored_plan(
    uow: UnitOfWork, employee_id: str, framework: Framework | None = None
) -> DevelopmentPlan | None:
    """The person's active stored plan, or None."""
    stored = uow.plans.active(employee_id)
    if stored is None:
        return None
    return _plan_from_stored(stored, framework or current_framework(uow))


def save_plan(uow: UnitOfWork, plan: DevelopmentPlan, framework: Framework) -> DevelopmentPlan:
    """Store a proposed plan as the person's active plan (the previous one is superseded)."""
    from latticework.storage import NewPlanItem

    items = [
        NewPlanItem(i.opportunity_id, i.competency, i.goal, i.due_date, i.status)
        for i in plan.items
    ]
    title = f"{_PLAN_TITLE}{plan.target_level}" if plan.target_level else None
    stored = uow.plans.save(plan.employee_id, plan.path, title, items)
    return replace(_plan_from_stored(stored, framework), notes=plan.notes)


def set_plan_item_status(
    uow: UnitOfWork, employee_id: str, item: int, status: str, framework: Framework
) -> DevelopmentPlan:
    """Set the status of item number `item` (1, 2, …) of the person's active plan."""
    check_status(status)
    stored = uow.plans.active(employee_id)
    if stored is None:
        raise LatticeworkError(
            Problem(
                f"{employee_id} has no stored development plan",
                fix=f"Store one first: latticework plan {employee_id} --save",
                code="no-plan",
            )
        )
    if not 1 <= item <= len(stored.items):
        raise LatticeworkError(
            Problem(
                f"{employee_id}'s plan has no item {item}",
                fix=f"Use an item number from 1 to {len(stored.items)}.",
                code="unknown-plan-item",
            )
        )
    uow.plans.set_item_status(stored.id, stored.items[item - 1].id, status)
    updated = uow.plans.active(employee_id)
    assert updated is not None
    return _plan_from_stored(updated, framework)


MAX_NOTE_CHARS = 2000
"""The longest check-in note."""


def check_in_plan_item(
    uow: UnitOfWork,
    employee_id: str,
    item: int,
    *,
    status: str,
    due_date: date | None,
    note: str,
    checked_on: date,
    recorded_by: str | None,
    framework: Framework,
    today: date | None = None,
) -> DevelopmentPlan:
    """A check-in on item number `item` (1, 2, …) of the person's active plan: its new status
    and due date, and a note; every earlier check-in is kept as the item's history."""
    from latticework.errors import Location

    def refuse(message: str, field: str, fix: str) -> LatticeworkError:
        return LatticeworkError(Problem(message, Location(field=field), fix, "bad-checkin"))

    if status not in PLAN_STATUSES:
        raise refuse(
            "Choose the item's status.", "status", "Choose one of: " + ", ".join(PLAN_STATUSES)
        )
    if checked_on > (today or date.today()):
        raise refuse(
            "A check-in cannot be in the future.", "checked_on", "Give today or an earlier day."
        )
    if len(note) > MAX_NOTE_CHARS:
        raise refuse(
            f"The note is longer than {MAX_NOTE_CHARS} characters.",
            "note",
            "Shorten it; link to a longer document if there is one.",
        )
    stored = uow.plans.active(employee_id)
    if stored is None:
        raise LatticeworkError(
            Problem(
                "There is no stored development plan to check in on.",
                fix="Save the proposed plan as the active plan first.",
                code="no-plan",
            )
        )
    if not 1 <= item <= len(stored.items):
        raise LatticeworkError(
            Problem(
                f"The plan has no item {item}.",
                fix=f"Use an item number from 1 to {len(stored.items)}.",
                code="unknown-plan-item",
            )
        )
    uow.plans.check_in(
        stored.id,
        stored.items[item - 1].id,
        checked_on=checked_on,
        status=status,
        due_date=due_date,
        note=note.strip() or None,
        recorded_by=recorded_by,
    )
    updated = uow.plans.active(employee_id)
    assert updated is not None
    return _plan_from_stored(updated, framework)


def plan_checkins(uow: UnitOfWork, plan: DevelopmentPlan) -> dict[int, list[StoredCheckin]]:
    """The check-ins of a stored plan by item number (1, 2, …), newest first."""
    if plan.plan_id is None:
        return {}
    stored = uow.plans.active(plan.employee_id)
    if stored is None or stored.id != plan.plan_id:
        return {}
    number = {i.id: n for n, i in enumerate(stored.items, 1)}
    found: dict[int, list[StoredCheckin]] = {}
    for c in uow.plans.checkins(stored.id):
        found.setdefault(number[c.item_id], []).append(c)
    return found


# -- recording impact and ratings --------------------------------------------------


def save_impact_records(uow: UnitOfWork, records: Sequence[ImpactRecord]) -> int:
    """Store impact records (upserted by impact_id, so saving twice keeps one); returns how many."""
    for record in records:
        uow.impact.add(record)
    return len(records)


def current_cycle(day: date) -> str:
    """The assessment cycle a date falls in: '2026-H1' or '2026-H2'."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def record_rating(
    uow: UnitOfWork,
    data: GrowthData,
    employee_id: str,
    competency: str,
    rating: int,
    rater: str = "manager",
    cycle: str | None = None,
    evidence: str | None = None,
) -> Readiness:
    """Store one rating against the person's own level and path, and return their readiness.

    A competency the person is not held to (weighted 0 on their path, another
    discipline's, or unknown) is refused: expectations of other paths are never
    held against anyone, so they are not rated either.
    """
    from latticework.storage import AssessmentRecord

    fw = data.framework
    person = find_person(data, employee_id)
    require_level(fw, person)
    path = path_at(fw, person.level, person.path)
    owed = {e.competency.id for e in fw.expectations_for(person.level, path)}
    if competency not in owed:
        why = (
            "it is not in the framework"
            if competency not in {c.id for c in fw.competencies}
            else f"it is not asked of {person.level} on the {path or 'general'} path"
        )
        raise LatticeworkError(
            Problem(
                f"cannot rate {employee_id} on {competency!r}: {why}",
                fix="Rate one of: " + ", ".join(sorted(owed)) + ".",
                code="competency-not-expected",
            )
        )
    scale = fw.promotion.rating_scale
    if rating not in scale:
        raise LatticeworkError(
            Problem(
                f"rating {rating} is not on the framework's scale",
                fix="Use one of: " + ", ".join(f"{k} ({v})" for k, v in sorted(scale.items())),
                code="bad-rating",
            )
        )
    record = AssessmentRecord(
        employee_id=employee_id,
        cycle=cycle or current_cycle(data.as_of),
        competency=competency,
        rater=rater,
        rating=rating,
        evidence=evidence,
        date=data.as_of,
    )
    uow.assessments.add(record)
    refreshed = person_data(uow, employee_id, data.as_of, data.framework)
    return readiness(refreshed, employee_id)
