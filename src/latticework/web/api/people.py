"""/api/people: the people a reader may see, and profiles with pay only for those allowed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from latticework.services import web_privacy
from latticework.services.web_people import (
    PersonProfile,
    PersonSummary,
    list_people,
    read_person_profile,
)
from latticework.web.deps import ConnDep, FrameworkDep, StateDep, UserDep
from latticework.web.documents import attachment

router = APIRouter(tags=["people"])


@router.get("/people", response_model=list[PersonSummary])
async def get_people(
    user: UserDep, conn: ConnDep, fw: FrameworkDep, q: str = "", limit: int = 100
) -> list[PersonSummary]:
    """People the caller may see (employee: self; manager: reporting chain; people: all)."""
    return list_people(conn, fw, user, q, limit)


@router.get("/people/{employee_id}", response_model=PersonProfile)
async def get_person(
    employee_id: str, user: UserDep, conn: ConnDep, fw: FrameworkDep, state: StateDep
) -> PersonProfile:
    """One profile. `pay` and `protected` are null unless the caller may read them; reads of
    them are written to the access log."""
    profile, access = read_person_profile(conn, fw, user, employee_id)
    await state.access_log.record(
        conn, user, "person.profile", [access.employee_id], access.sensitive_fields
    )
    return profile


@router.get("/people/{employee_id}/export", response_model=None)
def export_person(employee_id: str, user: UserDep, conn: ConnDep) -> Response:
    """Everything stored about a person (GDPR access): for themselves or the people role."""
    data = web_privacy.export_person(conn, user, employee_id)
    return JSONResponse(
        data,
        headers=attachment(f"{employee_id}-export.json"),
    )


@router.delete("/people/{employee_id}", status_code=200)
def erase_person(employee_id: str, user: UserDep, conn: ConnDep) -> dict[str, object]:
    """Erase a person and their records (GDPR erasure; people role). Their reports move up
    to their manager; the erasure itself stays in the access log."""
    moved = web_privacy.erase_person(conn, user, employee_id)
    return {"erased": employee_id, "reports_moved_up": moved}
