"""Request dependencies: settings, one unit of work (one transaction) per request, the
current user, the framework, and the CSRF check that guards every state-changing request."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.services import accounts
from latticework.services.accounts import User
from latticework.storage import UnitOfWork
from latticework.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE
from latticework.web.settings import WebSettings
from latticework.web.state import AppState

T = TypeVar("T")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class NotAuthenticatedError(LatticeworkError):
    """No valid session or token: pages redirect to the log-in, the API answers 401."""


class CsrfError(LatticeworkError):
    """A state-changing request without a valid CSRF token."""


async def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.latticework
    return state


StateDep = Annotated[AppState, Depends(app_state)]


async def get_settings(state: StateDep) -> WebSettings:
    return state.settings


SettingsDep = Annotated[WebSettings, Depends(get_settings)]


async def get_uow(state: StateDep) -> AsyncIterator[UnitOfWork]:
    """One transaction per request: committed when the route returns, rolled back on error.

    Runs on the event loop: the app's pool is larger than the thread pool, so
    taking a connection never waits, and opening, committing and closing are
    quick. The hot pages (framework, person, people, team) are async routes
    whose short indexed queries run inline too, so a request makes no trip
    through the thread pool; slow work (log-in hashing, imports, the audit,
    PDF packets) stays in synchronous routes or is sent to the thread pool.
    """
    with UnitOfWork(state.engine) as uow:
        yield uow
        uow.commit()


UowDep = Annotated[UnitOfWork, Depends(get_uow, scope="function")]


async def get_framework(state: StateDep, uow: UowDep) -> Framework:
    # One indexed lookup of the newest framework version: cheaper inline than a thread hop.
    return state.frameworks.current(uow)


FrameworkDep = Annotated[Framework, Depends(get_framework)]


async def write_in_thread(state: AppState, uow: UnitOfWork, work: Callable[[], T]) -> T:
    """Run work that writes, and commit it, in the thread pool.

    Code on the event loop only reads: with SQLite a writer may have to wait for
    the lock, and that wait must never stop the loop (which may be what the lock
    holder needs to finish). Writers of one process also take turns on a lock of
    their own, so they queue in Python instead of in SQLite's busy handler, which
    sleeps in steps of up to 100 ms.
    """

    def work_and_commit() -> T:
        with state.write_lock:
            result = work()
            uow.commit()
        return result

    return await run_in_threadpool(work_and_commit)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def optional_user(request: Request, state: StateDep, uow: UowDep) -> User | None:
    """The user behind an API token or a session cookie, if any (and still active).

    A session is one indexed join (session row and user), run inline on the event loop.
    """
    token = _bearer(request)
    user: User | None
    if token is not None:
        # Looking a token up may record its use (a write): off the event loop.
        user = await write_in_thread(state, uow, lambda: accounts.user_for_token(uow, token))
        request.state.auth = "token" if user else None
    else:
        secret = state.signer.read_session(request.cookies.get(SESSION_COOKIE))
        user = accounts.user_for_session(uow, secret) if secret else None
        request.state.auth = "session" if user else None
    request.state.user = user
    return user


OptionalUserDep = Annotated[User | None, Depends(optional_user)]


async def current_user(user: OptionalUserDep) -> User:
    if user is None:
        raise _not_signed_in()
    return user


UserDep = Annotated[User, Depends(current_user)]


def require_session(request: Request, what: str) -> None:
    """Refuse `what` to an API token: only a signed-in browser may (a leaked token must
    not outlive its revocation through tokens it made)."""
    from latticework.services.access import denied

    if getattr(request.state, "auth", None) != "session":
        raise denied(f"{what} with an API token (log in to do it)")


PUBLIC_FORMS = frozenset({"/login", "/logout"})
"""The only state-changing requests anyone may send without being signed in."""


def _not_signed_in() -> NotAuthenticatedError:
    return NotAuthenticatedError(
        Problem(
            "You need to log in.",
            fix="Log in at /login, or send an API token as 'Authorization: Bearer <token>'.",
            code="not-authenticated",
        )
    )


async def csrf_protect(request: Request, user: OptionalUserDep) -> None:
    """Refuse a state-changing request from a browser without the form's CSRF token.

    Applied to every route of the app. Authentication comes first: a
    state-changing request from nobody is refused before its body is parsed
    (except the log-in and log-out forms). API requests that carry a bearer
    token, or no session cookie at all, have nothing a forger could ride on, so
    they need no CSRF token. Forms always need one, the log-in form included.
    """
    if request.method not in UNSAFE_METHODS:
        return
    if user is None and request.url.path not in PUBLIC_FORMS:
        raise _not_signed_in()
    if _bearer(request) is not None:
        return
    if request.url.path.startswith("/api/") and SESSION_COOKIE not in request.cookies:
        return
    state: AppState = request.app.state.latticework
    token = request.headers.get(CSRF_HEADER)
    if token is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form(max_part_size=state.settings.max_upload_bytes)
            value = form.get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
    if not state.signer.csrf_valid(request.cookies.get(CSRF_COOKIE), token):
        raise CsrfError(
            Problem(
                "This form has expired or did not come from latticework.",
                fix="Reload the page and submit the form again.",
                code="csrf",
            )
        )
