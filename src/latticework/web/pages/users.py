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
from latticework.web.deps import FrameworkDep, SettingsDep, UowDep, UserDep, require_session
from latticework.web.guards import SIGNED_IN, RequireRole
from latticework.web.rendering import render
from latticework.web.settings import WebSettings

router = APIRouter(include_in_schema=False)


def _settings_rows(settings: WebSettings, fw: Framework) -> list[tuple[str, str]]:
    """The deployment's settings as an admin may read them (no secret, no password)."""
    from latticework.storage import describe_database

    return [
        ("Database", describe_database(settings.database_url)),
        ("Framework", f"{fw.organisation} {fw.version}"),
        ("Sessions last", f"{settings.session_max_age_seconds // 3600} hours"),
        ("Cookies over HTTPS only", "yes" if settings.cookie_secure else "no"),
        (
            "Log-in throttle",
            f"after {settings.login_max_failures} failures per user name and address, "
            f"waits from 1 s doubling to {settings.login_max_delay_seconds} s; forgotten "
            f"{settings.login_window_seconds // 60} minutes after the last",
        ),
        ("Largest upload", f"{settings.max_upload_bytes // (1024 * 1024)} MB"),
        ("Largest request", f"{settings.max_request_bytes // (1024 * 1024)} MB"),
        ("Largest request before log-in", f"{settings.max_anonymous_request_bytes // 1024} KB"),
    ]


def _users_context(uow: UowDep) -> dict[str, object]:
    users = accounts.list_users(uow)
    return {
        "users": users,
        "roles": list(Role),
        "user_tokens": {u.id: accounts.list_api_tokens(uow, u.id) for u in users},
        "user_sessions": {u.id: len(accounts.list_sessions(uow, u.id)) for u in users},
    }


@router.get(
    "/users",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_class=HTMLResponse,
)
def users_page(
    request: Request, user: UserDep, uow: UowDep, settings: SettingsDep, fw: FrameworkDep
) -> Response:
    context = {**_users_context(uow), "settings_rows": _settings_rows(settings, fw)}
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
        accounts.create_user(uow, username, password, role, employee_id or None, actor=user)
    except LatticeworkError as exc:
        context = {
            **_users_context(uow),
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
    request: Request,
    user: UserDep,
    uow: UowDep,
    user_id: int,
    role: Annotated[str, Form()],
    employee_id: Annotated[str, Form()] = "",
    is_active: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    try:
        accounts.update_user(
            uow,
            user_id,
            role=role,
            employee_id=employee_id or None,
            clear_employee=not employee_id,
            is_active=bool(is_active),
            actor=user,
        )
        if password:
            accounts.set_password(uow, user_id, password, actor=user)
    except LatticeworkError as exc:
        uow.rollback()  # nothing of a refused change is kept
        context = {**_users_context(uow), "settings_rows": [], "problems": exc.problems}
        return render(request, "users.html", context, status_code=422)
    return RedirectResponse("/users", status_code=303)


@router.post(
    "/users/{user_id}/tokens/{token_id}/revoke",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
)
def admin_revoke_token(user: UserDep, uow: UowDep, user_id: int, token_id: int) -> Response:
    accounts.revoke_api_token(uow, user_id, token_id, actor=user)
    return RedirectResponse("/users", status_code=303)


@router.post(
    "/users/{user_id}/sessions/end",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
)
def admin_end_sessions(user: UserDep, uow: UowDep, user_id: int) -> Response:
    accounts.end_all_sessions(uow, accounts.require_user(uow, user_id), actor=user)
    return RedirectResponse("/users", status_code=303)


@router.get("/account", dependencies=[SIGNED_IN], response_class=HTMLResponse)
def account_page(request: Request, user: UserDep, uow: UowDep) -> Response:
    return render(request, "account.html", _account_context(uow, user))


def _account_context(uow: UowDep, user: UserDep, **more: object) -> dict[str, object]:
    return {
        "tokens": accounts.list_api_tokens(uow, user.id),
        "sessions": accounts.list_sessions(uow, user.id),
        "new_token": None,
        **more,
    }


@router.post("/account/tokens", dependencies=[SIGNED_IN], response_class=HTMLResponse)
def new_token(
    request: Request,
    user: UserDep,
    uow: UowDep,
    name: Annotated[str, Form(max_length=80)] = "script",
    expires_in_days: Annotated[str, Form()] = "",
) -> Response:
    require_session(request, "create API tokens")
    days = int(expires_in_days) if expires_in_days.strip().isdigit() else None
    try:
        if expires_in_days.strip() and days is None:
            days = 0  # not a whole number of days: refused below with the reason
        _, token = accounts.create_api_token(uow, user.id, name, days)
    except LatticeworkError as exc:
        context = _account_context(uow, user, problems=exc.problems)
        return render(request, "account.html", context, status_code=422)
    return render(request, "account.html", _account_context(uow, user, new_token=token))


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
        context = _account_context(uow, user, problems=exc.problems)
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
