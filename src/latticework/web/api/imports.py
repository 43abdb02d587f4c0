"""/api/imports (people role): upload files, get the import report as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from latticework.services.accounts import Role
from latticework.services.web_imports import import_uploads
from latticework.web.deps import SettingsDep, UowDep, UserDep
from latticework.web.guards import RequireRole
from latticework.web.pages.imports import read_uploads

router = APIRouter(tags=["imports"])


@router.post(
    "/imports",
    dependencies=[RequireRole(Role.PEOPLE, what="import data")],
    response_model=None,
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            },
                            "dry_run": {"type": "boolean"},
                        },
                        "required": ["files"],
                    }
                }
            },
            "required": True,
        }
    },
)
async def post_import(
    request: Request, user: UserDep, uow: UowDep, settings: SettingsDep
) -> Response:
    """Import CSV/XLSX files (all or nothing). 200 with the report when written or checked
    clean; 422 with the same report, every error located by file, row and column, when not."""
    # The import is its own all-or-nothing transaction; end this request's first so that
    # SQLite's single writer is free for it.
    uow.commit()
    uploads, dry_run = await read_uploads(request, settings.max_upload_bytes)
    report = await run_in_threadpool(
        import_uploads,
        settings.database_url,
        uploads,
        dry_run=dry_run,
        max_bytes=settings.max_upload_bytes,
    )
    return JSONResponse(report.to_dict(), status_code=200 if report.ok else 422)
