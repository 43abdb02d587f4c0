"""/api/people: the people a reader may see, and profiles with pay only for those allowed."""

from __future__ import annotations

from fastapi import APIRouter

from latticework.services.web_people import (
    PersonProfile,
    PersonSummary,
    list_people,
    person_profile,
)
from latticework.web.deps import ConnDep, FrameworkDep, UserDep

router = APIRouter(tags=["people"])


@router.get("/people", response_model=list[PersonSummary])
def get_people(
    user: UserDep, conn: ConnDep, fw: FrameworkDep, q: str = "", limit: int = 100
) -> list[PersonSummary]:
    """People the caller may see (employee: self; manager: reporting chain; people: all)."""
    return list_people(conn, fw, user, q, limit)


@router.get("/people/{employee_id}", response_model=PersonProfile)
def get_person(employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep) -> PersonProfile:
    """One profile. `pay` and `protected` are null unless the caller may read them; reads of
    them are written to the access log."""
    return person_profile(conn, fw, user, employee_id)
