"""Development plans: the framework's opportunities for a person's path, chosen for their gaps.

Opportunities are only ever drawn from those the framework declares for the
path being developed: a technical-depth engineer is offered conference talks,
open source and research time, never executive coaching — unless they ask to
develop for a leadership path, which is then the path of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import DevelopmentOpportunity, Framework
from latticework.framework.promotion_terms import next_level_met_rating
from latticework.growth.readiness import ExpectationAssessment, LevelAssessment, Readiness

PLAN_STATUSES = ("planned", "in_progress", "done", "dropped")
STATUS_WORDS = {
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
DEFAULT_WEEKS = 12
"""How long an opportunity without a declared duration is planned to take."""


@dataclass(frozen=True, slots=True)
class PlanItem:
    opportunity_id: str
    name: str
    kind: str
    competency: str | None
    """The competency whose gap this item is chosen for."""
    goal: str
    due_date: date | None
    status: str = "planned"
    item_id: int | None = None
    """Set once stored."""

    def to_dict(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "opportunity_id": self.opportunity_id,
            "name": self.name,
            "kind": self.kind,
            "competency": self.competency,
            "goal": self.goal,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class DevelopmentPlan:
    employee_id: str
    path: str | None
    target_level: str | None
    items: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()
    plan_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "plan_id": self.plan_id,
            "employee_id": self.employee_id,
            "path": self.path,
            "target_level": self.target_level,
            "notes": list(self.notes),
            "items": [i.to_dict() for i in self.items],
        }


def level_top(level: LevelAssessment) -> int:
    """The highest rating asked for at a level (when the framework declares no scale)."""
    return max((i.required for i in level.items), default=0)


def check_status(status: str) -> None:
    if status not in PLAN_STATUSES:
        raise LatticeworkError(
            Problem(
                f"unknown plan item status {status!r}",
                fix=f"Use one of: {', '.join(PLAN_STATUSES)}.",
                code="bad-status",
            )
        )


def opportunities_for_path(
    framework: Framework, path_id: str | None
) -> list[DevelopmentOpportunity]:
    if path_id is None:
        return []
    return [o for o in framework.development if path_id in o.paths]


def _goal(
    opportunity: DevelopmentOpportunity, focus: ExpectationAssessment | None, closing: bool
) -> str:
    if focus is None:
        return f"{opportunity.name}: keep growing on your path."
    rated = "not yet rated" if focus.judged is None else f"rated {focus.judged}"
    if closing:
        return (
            f"{opportunity.name} to close the gap in {focus.name} "
            f"({rated}, {focus.required} needed): {focus.expectation}"
        )
    return f"{opportunity.name} to go further in {focus.name} ({rated}): {focus.expectation}"


def propose_plan(
    framework: Framework,
    readiness: Readiness,
    start: date,
    path_id: str | None = None,
    max_items: int = 3,
) -> DevelopmentPlan:
    """Pick up to `max_items` opportunities of the path that cover the largest weighted gaps.

    Gaps come from the next level on the path (else the current level); with no
    gap left, the headroom to the top rating takes their place. An opportunity
    scores the weight × gap of the competencies it develops, picked greedily so
    that a plan spreads over several competencies; items are scheduled one
    after another from `start`.
    """
    person = readiness.person
    path = path_id or person.path
    if path is not None and not framework.has_path(path):
        known = ", ".join(p.id for p in framework.paths)
        raise LatticeworkError(
            Problem(f"unknown path {path!r}", fix=f"Use one of: {known}.", code="unknown-path")
        )
    notes: list[str] = []
    level = readiness.next or readiness.current
    if path_id and path_id != person.path:
        # Developing for another path: judge gaps against that path's expectations.
        from latticework.growth.readiness import assess_level

        ratings = [
            r
            for item in readiness.current.items
            for r in (item.self_rating, item.manager_rating)
            if r is not None
        ]
        target = readiness.next.level if readiness.next else person.level
        level = assess_level(
            framework, target, path_id, ratings, next_level_met_rating(framework.promotion)
        )
        notes.append(f"plan for the {framework.path(path_id).name} path, as asked")
    gaps = level.gaps
    closing = bool(gaps)
    top_rating = max(framework.promotion.rating_scale, default=level_top(level))
    if closing:
        shortfall = {g.competency: g.gap * g.weight for g in gaps}
        focus_order = gaps
    else:
        # Nothing short of the bar: grow where there is most headroom to the top rating.
        notes.append(f"every expectation of {level.level} is met; the plan goes further")
        shortfall = {i.competency: (top_rating - (i.judged or 0)) * i.weight for i in level.items}
        focus_order = sorted(level.items, key=lambda i: (-shortfall[i.competency], i.competency))
    candidates = opportunities_for_path(framework, path)
    if not candidates:
        notes.append(f"the framework declares no development opportunities for path {path!r}")
    items: list[PlanItem] = []
    due = start
    remaining = dict(shortfall)
    # Greedy: each pick takes the opportunity covering the most remaining shortfall; the
    # competency it was picked for then counts as addressed (and the others it develops
    # as half addressed), so the next pick turns to another competency.
    while candidates and len(items) < max_items:
        scored = [
            (sum(remaining.get(c, 0.0) for c in o.competencies), -i, o)
            for i, o in enumerate(candidates)
        ]
        score, _, opportunity = max(scored, key=lambda s: (s[0], s[1]))
        if score == 0 and (items or closing):
            if closing and not items:
                notes.append("no opportunity of this path develops the competencies with gaps")
            break
        focus = next(
            (
                f
                for f in focus_order
                if remaining.get(f.competency, 0) > 0 and f.competency in opportunity.competencies
            ),
            None,
        )
        for competency in opportunity.competencies:
            if competency in remaining:
                remaining[competency] /= 2
        if focus is not None:
            remaining[focus.competency] = 0.0
        candidates = [o for o in candidates if o.id != opportunity.id]
        due = due + timedelta(weeks=opportunity.duration_weeks or DEFAULT_WEEKS)
        items.append(
            PlanItem(
                opportunity_id=opportunity.id,
                name=opportunity.name,
                kind=opportunity.kind,
                competency=focus.competency if focus else None,
                goal=_goal(opportunity, focus, closing),
                due_date=due,
            )
        )
    return DevelopmentPlan(
        employee_id=person.employee_id,
        path=path,
        target_level=level.level,
        items=tuple(items),
        notes=tuple(notes),
    )
