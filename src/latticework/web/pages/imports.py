"""Import page (people role): upload HRIS exports and read the validation report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from latticework.errors import LatticeworkError
from latticework.services.accounts import Role
from latticework.services.web_imports import Upload, import_uploads
from latticework.web.deps import SettingsDep, UowDep, UserDep
from latticework.web.guards import RequireRole
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get(
    "/import",
    dependencies=[RequireRole(Role.PEOPLE, what="import data")],
    response_class=HTMLResponse,
)
def import_page(request: Request, user: UserDep) -> Response:
    return render(request, "import.html", {"report": None})


async def read_uploads(request: Request, max_bytes: int) -> tuple[list[Upload], bool]:
    form = await request.form(max_part_size=max_bytes + 1)
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile):
            uploads.append(Upload(item.filename or "", await item.read(max_bytes + 1)))
    return uploads, form.get("dry_run") in ("1", "on", "true")


@router.post(
    "/import",
    dependencies=[RequireRole(Role.PEOPLE, what="import data")],
    response_class=HTMLResponse,
)
async def import_submit(
    request: Request, user: UserDep, uow: UowDep, settings: SettingsDep
) -> Response:
    # The import is its own all-or-nothing transaction; end this request's first so
    # that SQLite's single writer is free for it.
    uow.commit()
    uploads, dry_run = await read_uploads(request, settings.max_upload_bytes)
    try:
        report = await run_in_threadpool(
            import_uploads,
            settings.database_url,
            uploads,
            dry_run=dry_run,
            max_bytes=settings.max_upload_bytes,
        )
    except LatticeworkError as exc:
        return render(
            request, "import.html", {"report": None, "problems": exc.problems}, status_code=422
        )
    status = 200 if report.ok else 422
    return render(request, "import.html", {"report": report}, status_code=status)
