"""/api/people: the people a reader may see, and profiles with pay only for those allowed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from latticework.accounts.model import Role
from latticework.services import privacy
from latticework.services.people import list_people, read_person
from latticework.web.deps import FrameworkDep, StateDep, UowDep, UserDep
from latticework.web.documents import attachment
from latticework.web.guards import PERSON, SELF_OR_HR, SIGNED_IN, RequireRole
from latticework.web.views.people import (
    PersonProfile,
    PersonSummary,
    profile_view,
    summary_views,
)

router = APIRouter(tags=["people"])


@router.get("/people", dependencies=[SIGNED_IN], response_model=list[PersonSummary])
async def get_people(
    user: UserDep, uow: UowDep, fw: FrameworkDep, q: str = "", limit: int = 100
) -> list[PersonSummary]:
    """People the caller may see (employee: self; manager: reporting chain; people: all)."""
    return summary_views(fw, list_people(uow, user, q, limit))


@router.get("/people/{employee_id}", dependencies=[PERSON], response_model=PersonProfile)
async def get_person(
    employee_id: str, user: UserDep, uow: UowDep, fw: FrameworkDep, state: StateDep
) -> PersonProfile:
    """One profile. `pay` and `protected` are null unless the caller may read them; reads of
    them are written to the access log."""
    read, access = read_person(uow, user, employee_id)
    await state.access_log.record(
        uow, user, "person.profile", [access.employee_id], access.sensitive_fields
    )
    return profile_view(fw, read, access)


@router.get("/people/{employee_id}/export", dependencies=[SELF_OR_HR], response_model=None)
def export_person(employee_id: str, user: UserDep, uow: UowDep) -> Response:
    """Everything stored about a person (GDPR access): for themselves or the people role."""
    data = privacy.export_person(uow, user, employee_id)
    return JSONResponse(
        data,
        headers=attachment(f"{employee_id}-export.json"),
    )


@router.delete(
    "/people/{employee_id}",
    dependencies=[RequireRole(Role.PEOPLE, what="erase a person")],
    status_code=200,
)
def erase_person(employee_id: str, user: UserDep, uow: UowDep) -> dict[str, object]:
    """Erase a person and their records (GDPR erasure; people role). Their reports move up
    to their manager; the erasure itself stays in the access log."""
    moved = privacy.erase_person(uow, user, employee_id)
    uow.commit()
    uow.person_data.checkpoint_after_erase()
    return {"erased": employee_id, "reports_moved_up": moved}
