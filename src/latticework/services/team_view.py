"""The manager's team view: readiness, time in level, plan and nomination for every report."""

from __future__ import annotations

from datetime import date

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.person_data import person_from_row, ratings_for
from latticework.growth.readiness import assess_readiness
from latticework.growth.team_view import TeamMember, TeamPage, TeamQuery, TeamRecords, select
from latticework.org.dataset import OrgDataset
from latticework.storage import UnitOfWork

OUTCOME_WORDS = {"approved": "approved", "declined": "declined", "deferred": "deferred"}


def team_view(
    uow: UnitOfWork,
    framework: Framework,
    manager_id: str,
    query: TeamQuery,
    as_of: date | None = None,
) -> TeamPage:
    """The page of the manager's reports the query asks for (all of them, told apart)."""
    query.check()
    manager = uow.people.get(manager_id)
    if manager is None:
        raise LatticeworkError(
            Problem(
                f"No person with employee id {manager_id!r}.",
                fix="Give the manager's employee id (the employee_id column of people.csv).",
                code="person-not-found",
            )
        )
    records = uow.team_view.records(manager_id, as_of or date.today())
    members = [_member(framework, records, row) for row in _rows(records.org)]
    return select(manager.name or manager_id, members, query)


def _rows(org: OrgDataset) -> list[dict[str, object]]:
    return [{str(k): v for k, v in r.items()} for r in org.people.to_dict("records")]


def _member(framework: Framework, records: TeamRecords, row: dict[str, object]) -> TeamMember:
    person = person_from_row(row)
    org = records.org
    known = framework.has_level(person.level)
    ratings = ratings_for(org, person.employee_id)
    readiness = assess_readiness(framework, person, ratings, org.as_of) if known else None
    following = readiness.next if readiness else None
    manager_cycles = sorted(r.cycle for r in ratings if r.rater == "manager")
    plan = records.plans.get(person.employee_id)
    return TeamMember(
        employee_id=person.employee_id,
        name=person.name or person.employee_id,
        relation="direct" if person.employee_id in records.direct else "indirect",
        level=person.level,
        title=framework.level(person.level).title if known else person.level,
        path=framework.path(person.path).name
        if person.path and framework.has_path(person.path)
        else None,
        months_in_level=readiness.months_in_level if readiness else None,
        next_level=following.title if following else None,
        ready=readiness.ready if following and readiness else None,
        share_met=following.weighted_share_met if following else None,
        last_assessment=manager_cycles[-1] if manager_cycles else None,
        plan=f"{plan[0]}, {plan[1]} of {plan[2]} done" if plan else None,
        nomination=_nomination(framework, org, person.employee_id),
    )


def _nomination(framework: Framework, org: OrgDataset, employee_id: str) -> str | None:
    noms = org.nominations[org.nominations["employee_id"] == employee_id]
    if noms.empty:
        return None
    latest = noms.sort_values("cycle_id").iloc[-1]
    cycle, target = str(latest["cycle_id"]), str(latest["to_level"])
    title = framework.level(target).title if framework.has_level(target) else target
    decided = org.promotion_decisions
    outcome = decided[(decided["employee_id"] == employee_id) & (decided["cycle_id"] == cycle)][
        "outcome"
    ]
    state = OUTCOME_WORDS.get(str(outcome.iloc[0]), "decided") if len(outcome) else "pending"
    return f"{cycle}: {title}, {state}"
