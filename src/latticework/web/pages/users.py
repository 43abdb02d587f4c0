"""User administration (admin), the user's own account with API tokens, and the access log
(people)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from latticework.errors import LatticeworkError
from latticework.framework.model import Framework
from latticework.services import accounts
from latticework.services.accounts import Role
from latticework.web.deps import FrameworkDep, SettingsDep, UowDep, UserDep
from latticework.web.guards import SIGNED_IN, RequireRole
from latticework.web.rendering import render
from latticework.web.settings import WebSettings

router = APIRouter(include_in_schema=False)


def _settings_rows(settings: WebSettings, fw: Framework) -> list[tuple[str, str]]:
    """The deployment's settings as an admin may read them (no secret, no password)."""
    from latticework.storage import display_url

    return [
        ("Database", display_url(settings.database_url)),
        ("Framework", f"{fw.organisation} {fw.version}"),
        ("Sessions last", f"{settings.session_max_age_seconds // 3600} hours"),
        ("Cookies over HTTPS only", "yes" if settings.cookie_secure else "no"),
        (
            "Log-in limit",
            f"{settings.login_max_failures} failures per user name in "
            f"{settings.login_window_seconds // 60} minutes",
        ),
        ("Largest upload", f"{settings.max_upload_bytes // (1024 * 1024)} MB"),
    ]


@router.get(
    "/users",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_class=HTMLResponse,
)
def users_page(
    request: Request, user: UserDep, uow: UowDep, settings: SettingsDep, fw: FrameworkDep
) -> Response:
    context = {
        "users": accounts.list_users(uow),
        "roles": list(Role),
        "settings_rows": _settings_rows(settings, fw),
    }
    return render(request, "users.html", context)


@router.post(
    "/users",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
)
def add_user(
    request: Request,
    user: UserDep,
    uow: UowDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    employee_id: Annotated[str, Form()] = "",
) -> Response:
    try:
        accounts.create_user(uow, username, password, role, employee_id or None)
    except LatticeworkError as exc:
        context = {
            "users": accounts.list_users(uow),
            "roles": list(Role),
            "settings_rows": [],
            "problems": exc.problems,
            "form": {"username": username, "role": role, "employee_id": employee_id},
        }
        return render(request, "users.html", context, status_code=422)
    return RedirectResponse("/users", status_code=303)


@router.post(
    "/users/{user_id}",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
)
def change_user(
    user: UserDep,
    uow: UowDep,
    user_id: int,
    role: Annotated[str, Form()],
    employee_id: Annotated[str, Form()] = "",
    is_active: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    accounts.update_user(
        uow,
        user_id,
        role=role,
        employee_id=employee_id or None,
        clear_employee=not employee_id,
        is_active=bool(is_active),
    )
    if password:
        accounts.set_password(uow, user_id, password)
    return RedirectResponse("/users", status_code=303)


@router.get("/account", dependencies=[SIGNED_IN], response_class=HTMLResponse)
def account_page(request: Request, user: UserDep, uow: UowDep) -> Response:
    tokens = accounts.list_api_tokens(uow, user.id)
    return render(request, "account.html", {"tokens": tokens, "new_token": None})


@router.post("/account/tokens", dependencies=[SIGNED_IN], response_class=HTMLResponse)
def new_token(
    request: Request, user: UserDep, uow: UowDep, name: Annotated[str, Form()] = "script"
) -> Response:
    _, token = accounts.create_api_token(uow, user.id, name)
    tokens = accounts.list_api_tokens(uow, user.id)
    return render(request, "account.html", {"tokens": tokens, "new_token": token})


@router.post(
    "/account/tokens/{token_id}/revoke",
    dependencies=[SIGNED_IN],
)
def revoke_token(user: UserDep, uow: UowDep, token_id: int) -> Response:
    accounts.revoke_api_token(uow, user.id, token_id)
    return RedirectResponse("/account", status_code=303)


@router.post("/account/password", dependencies=[SIGNED_IN], response_class=HTMLResponse)
def change_password(
    request: Request,
    user: UserDep,
    uow: UowDep,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
) -> Response:
    try:
        accounts.change_own_password(uow, user, current, new)
    except LatticeworkError as exc:
        tokens = accounts.list_api_tokens(uow, user.id)
        context = {"tokens": tokens, "new_token": None, "problems": exc.problems}
        return render(request, "account.html", context, status_code=422)
    return RedirectResponse("/login", status_code=303)


@router.get(
    "/access-log",
    dependencies=[RequireRole(Role.PEOPLE, what="read the access log")],
    response_class=HTMLResponse,
)
def access_log_page(
    request: Request, user: UserDep, uow: UowDep, employee_id: str = ""
) -> Response:
    records = accounts.read_access_log(uow, subject_employee_id=employee_id or None)
    return render(request, "access_log.html", {"records": records, "employee_id": employee_id})
