"""Log-in and log-out pages, and the home page that sends each role where it works."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from latticework.services import accounts
from latticework.services.accounts import (
    AuthenticationError,
    LoginLimits,
    LoginThrottledError,
    Role,
)
from latticework.web.deps import SettingsDep, StateDep, UowDep, UserDep
from latticework.web.guards import PUBLIC, SIGNED_IN
from latticework.web.rendering import render, safe_next
from latticework.web.security import SESSION_COOKIE

router = APIRouter(include_in_schema=False)


@router.get("/", dependencies=[SIGNED_IN], response_class=HTMLResponse)
async def home(request: Request, user: UserDep) -> Response:
    return render(request, "home.html", {"Role": Role})


@router.get("/login", dependencies=[PUBLIC], response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": safe_next(next), "username": ""})


def client_address(request: Request) -> str | None:
    """The client's address: the peer, or what a trusted proxy forwarded (uvicorn applies
    `serve --forwarded-allow-ips` before the app sees the request)."""
    return request.client.host if request.client else None


@router.post(
    "/login",
    dependencies=[PUBLIC],
)
def login(
    request: Request,
    uow: UowDep,
    state: StateDep,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    ip = client_address(request)
    limits = LoginLimits(
        settings.login_max_failures, settings.login_window_seconds, settings.login_max_delay_seconds
    )
    try:
        claim = accounts.begin_login(uow, username, ip, limits)
        # Committed before the password is checked, so concurrent guesses see this one.
        uow.commit()
        user = accounts.finish_login(uow, claim, password, limits)
    except (AuthenticationError, LoginThrottledError) as exc:
        # Rendered rather than raised, so the failed attempt is committed and counts.
        status = 429 if isinstance(exc, LoginThrottledError) else 401
        headers = (
            {"Retry-After": str(exc.retry_after)} if isinstance(exc, LoginThrottledError) else None
        )
        context = {"next": safe_next(next), "username": username, "problems": exc.problems}
        return render(request, "login.html", context, status_code=status, headers=headers)
    secret = accounts.start_session(uow, user, ip, settings.session_max_age_seconds)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        state.signer.session_cookie(secret),
        max_age=settings.session_max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    return response


@router.post(
    "/logout",
    dependencies=[PUBLIC],
)
def logout(request: Request, uow: UowDep, state: StateDep) -> Response:
    """Ends the session on the server too: a copy of the cookie stops working."""
    secret = state.signer.read_session(request.cookies.get(SESSION_COOKIE))
    if secret:
        accounts.end_session(uow, secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/logout/everywhere", dependencies=[SIGNED_IN])
def logout_everywhere(user: UserDep, uow: UowDep) -> Response:
    """Ends every session of the user, in every browser."""
    accounts.end_all_sessions(uow, user)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
