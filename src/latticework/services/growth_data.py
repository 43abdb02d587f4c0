"""What the growth services compute from: the current framework and the rows of the
organisation a view needs (one person's, some teams', or everyone's).

A person's packet, plan or moves need only that person's rows, and team
composition only people's placement and a few competencies' manager ratings,
so the person and team commands stay fast at 100,000 people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.person_data import Person, person_from_row
from latticework.services.frameworks import current_framework
from latticework.teams.composition import EVIDENCING_CATEGORIES

if TYPE_CHECKING:
    from latticework.org.dataset import OrgDataset
    from latticework.storage import UnitOfWork


@dataclass(frozen=True)
class GrowthData:
    """The framework and the organisation the growth views are computed from."""

    framework: Framework
    org: OrgDataset

    @property
    def as_of(self) -> date:
        return self.org.as_of


def person_not_found(employee_id: str, known: Sequence[str] = ()) -> LatticeworkError:
    """The error for an unknown id, suggesting the closest known ids (a typo is likeliest)."""
    from difflib import get_close_matches

    close = get_close_matches(employee_id, list(known), n=5, cutoff=0.6)
    hint = f"Did you mean {', '.join(close)}? " if close else ""
    return LatticeworkError(
        Problem(
            f"no person with employee id {employee_id!r} in the database",
            fix=f"{hint}Check the id (it is the employee_id column of people.csv) or import "
            "the data.",
            code="person-not-found",
        )
    )


def team_not_found(team: str, teams: Sequence[str]) -> LatticeworkError:
    shown = ", ".join(teams[:20]) + (" …" if len(teams) > 20 else "")
    return LatticeworkError(
        Problem(f"no team named {team!r}", fix=f"Use one of: {shown}.", code="team-not-found")
    )


def find_person(data: GrowthData, employee_id: str) -> Person:
    """The person with this id, or a clear error naming it."""
    people = data.org.people
    rows = people[people["employee_id"].astype(str) == employee_id] if not people.empty else people
    if rows.empty:
        raise person_not_found(employee_id)
    row = rows.iloc[0].to_dict()
    return person_from_row({str(k): v for k, v in row.items()})


def person_data(
    uow: UnitOfWork,
    employee_id: str,
    as_of: date | None = None,
    framework: Framework | None = None,
) -> GrowthData:
    """The current framework (or the one given) and one person's rows of every table."""
    framework = framework or current_framework(uow)
    org = uow.organisation.person(employee_id, as_of)
    if org is None:
        ids = uow.organisation.columns("people", ["employee_id"])["employee_id"]
        raise person_not_found(employee_id, [str(i) for i in ids.dropna()])
    return GrowthData(framework, org)


def team_data(uow: UnitOfWork, team: str | None = None) -> GrowthData:
    """The framework, the active people with a team, and the manager ratings that can show
    a capability (strategic, business and product competencies)."""
    from latticework.org.dataset import OrgDataset

    framework = current_framework(uow)
    people = uow.organisation.team_people(team)
    if team is not None and people.empty:
        raise team_not_found(team, uow.organisation.team_names())
    evidencing = [c.id for c in framework.competencies if c.category in EVIDENCING_CATEGORIES]
    ratings = uow.organisation.manager_ratings(evidencing, team)
    return GrowthData(framework, OrgDataset(people=people, assessments=ratings))
