"""The application factory: `create_app(settings)` builds the whole web app and JSON API.

Pages and API routes only translate requests into service calls. Errors users
can cause are `LatticeworkError`s, rendered as a page or as JSON problems with
the matching HTTP status, never as a traceback.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.cookies import SimpleCookie
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from latticework.errors import LatticeworkError, Location, Problem
from latticework.services.access import AccessDeniedError, NotFoundError, can_see_bands
from latticework.services.accounts import AuthenticationError, LoginThrottledError
from latticework.services.audit_jobs import QueuePolicy
from latticework.storage import Engine, WalCheckpointer, app_engine
from latticework.web.access_log import AccessLogWriter
from latticework.web.audit_worker import AuditWorker
from latticework.web.body_limit import BodySizeLimit
from latticework.web.deps import CsrfError, NotAuthenticatedError, csrf_protect
from latticework.web.documents import document_body
from latticework.web.security import CSRF_COOKIE, CookieSigner
from latticework.web.settings import WebSettings
from latticework.web.state import AppState, FrameworkProvider
from latticework.web.views.access_log import action_words

API_PREFIX = "/api"

# Everything a page loads comes from this server; nothing leaves the machine.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _package_dir(name: str) -> Path:
    return Path(str(files("latticework.web") / name))


def create_app(settings: WebSettings) -> FastAPI:
    """The web application and JSON API for one deployment."""
    from latticework.web import api, pages

    engine = app_engine(settings.database_url)
    checkpointer = WalCheckpointer(engine)
    worker = AuditWorker(engine, _queue_policy(settings))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        checkpointer.start()
        if settings.audit_worker:
            worker.start()
        try:
            yield
        finally:
            worker.stop()
            checkpointer.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="latticework",
        summary="Career lattices as code: the framework, people, growth and the audit.",
        version="1",
        openapi_url="/openapi.json",
        # The interactive docs pages load scripts from a CDN; the OpenAPI document is enough.
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    signer = CookieSigner(settings.secret_key, settings.session_max_age_seconds)
    templates = Jinja2Templates(
        directory=_package_dir("templates"), context_processors=[_template_context]
    )
    templates.env.globals["title"] = settings.title
    templates.env.globals["document_body"] = document_body
    templates.env.filters["action_words"] = action_words
    app.state.latticework = AppState(
        settings=settings,
        engine=engine,
        signer=signer,
        templates=templates,
        frameworks=FrameworkProvider(settings),
        access_log=AccessLogWriter(engine),
        audit_worker=worker,
    )
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    for module in pages.MODULES:
        app.include_router(module.router)
    for module in api.MODULES:
        app.include_router(module.router, prefix=API_PREFIX)
    _add_middleware(app, settings, signer, engine)
    _add_error_handlers(app)
    return app


def _queue_policy(settings: WebSettings) -> QueuePolicy:
    try:
        return QueuePolicy(
            lease_seconds=settings.audit_job_lease_seconds,
            heartbeat_seconds=settings.audit_job_heartbeat_seconds,
            max_attempts=settings.audit_job_max_attempts,
            poll_seconds=settings.audit_job_poll_seconds,
        )
    except ValueError as error:
        raise LatticeworkError(
            Problem(
                f"The audit job settings do not fit together: {error}.",
                location=Location(field="LATTICEWORK_AUDIT_JOB_HEARTBEAT_SECONDS"),
                fix="Make the heartbeat a fraction of the lease (the defaults: 5 s and 60 s).",
                code="invalid-settings",
            )
        ) from None


def _template_context(request: Request) -> dict[str, Any]:
    state: AppState = request.app.state.latticework
    user = getattr(request.state, "user", None)
    return {
        "user": user,
        "csrf_token": state.signer.csrf_token(request.state.csrf_secret),
        "show_bands": user is not None and can_see_bands(user),
    }


def _add_middleware(
    app: FastAPI, settings: WebSettings, signer: CookieSigner, engine: Engine
) -> None:
    # Added first, so it runs inside the headers middleware: a 413 carries them too.
    app.add_middleware(BodySizeLimit, settings=settings, signer=signer, engine=engine)
    app.add_middleware(
        CsrfCookieAndHeaders,
        signer=signer,
        secure_cookies=settings.cookie_secure,
    )


_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class CsrfCookieAndHeaders:
    """Gives every browser a CSRF secret cookie and every response the security headers.

    A plain ASGI middleware (not BaseHTTPMiddleware), so it adds almost nothing
    to each request.
    """

    def __init__(self, app: ASGIApp, signer: CookieSigner, secure_cookies: bool) -> None:
        self.app = app
        self.signer = signer
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = Request(scope).cookies.get(CSRF_COOKIE)
        secret = existing or self.signer.new_csrf_secret()
        state = scope.setdefault("state", {})
        state["csrf_secret"] = secret
        state["user"] = None
        private = scope["path"].startswith(API_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS:
                    if name.decode() not in headers:
                        headers.raw.append((name, value))
                if private or state.get("user") is not None:
                    headers.setdefault("cache-control", "no-store")
                if not existing:
                    cookie = SimpleCookie()
                    cookie[CSRF_COOKIE] = secret
                    morsel = cookie[CSRF_COOKIE]
                    morsel["path"] = "/"
                    morsel["httponly"] = True
                    morsel["samesite"] = "strict"
                    if self.secure_cookies:
                        morsel["secure"] = True
                    headers.append("set-cookie", morsel.OutputString())
            await send(message)

        await self.app(scope, receive, send_with_headers)


_STATUS: list[tuple[type[LatticeworkError], int]] = [
    (NotAuthenticatedError, 401),
    (AuthenticationError, 401),
    (AccessDeniedError, 403),
    (CsrfError, 403),
    (NotFoundError, 404),
    (LoginThrottledError, 429),
]


def status_for(error: LatticeworkError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 422


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or request.url.path == "/openapi.json"


def problems_response(
    request: Request, problems: list[Problem], status: int, headers: dict[str, str] | None = None
) -> Response:
    """Problems as JSON for the API, or as the error page for a browser."""
    if _wants_json(request):
        return JSONResponse(
            {"problems": [p.to_dict() for p in problems]}, status_code=status, headers=headers
        )
    state: AppState = request.app.state.latticework
    return state.templates.TemplateResponse(
        request,
        "error.html",
        {"problems": problems, "status": status},
        status_code=status,
        headers=headers,
    )


def _multipart_parse_error() -> type[Exception]:
    try:
        from python_multipart.exceptions import MultipartParseError
    except ImportError:  # python-multipart before 0.0.13 names its package `multipart`
        from multipart.exceptions import MultipartParseError  # type: ignore[import-untyped,no-redef,unused-ignore]
    return MultipartParseError


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LatticeworkError)
    async def latticework_error(request: Request, exc: LatticeworkError) -> Response:
        status = status_for(exc)
        if isinstance(exc, NotAuthenticatedError) and not _wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            from urllib.parse import quote

            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        headers: dict[str, str] = {}
        if isinstance(exc, LoginThrottledError):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, NotAuthenticatedError):
            headers["WWW-Authenticate"] = "Bearer"
        return problems_response(request, exc.problems, status, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
            problems.append(
                Problem(
                    str(error.get("msg", "invalid value")),
                    location=Location(field=".".join(where) or None),
                    fix="Correct this value and send the request again.",
                    code="invalid-request",
                )
            )
        return problems_response(request, problems, 422)

    # Older Starlette releases let python-multipart's parse error of a malformed multipart
    # body escape as a 500 (the lowest-versions fuzz run found an empty body with only the
    # closing boundary); newer ones answer 400 themselves. Either way: a located 400.
    @app.exception_handler(_multipart_parse_error())
    async def multipart_error(request: Request, exc: Exception) -> Response:
        problem = Problem(
            f"The form data could not be read: {exc}",
            fix="Send the file as multipart/form-data, as a browser's upload form does.",
            code="invalid-request",
        )
        return problems_response(request, [problem], 400)

    # An id in a path beyond the database's 64-bit integers names nothing (the fuzz run
    # found `/api/audit/jobs/<40 digits>` ending in SQLite's OverflowError).
    @app.exception_handler(OverflowError)
    async def overflow_error(request: Request, exc: OverflowError) -> Response:
        problem = Problem(
            "Nothing has this id: it is larger than any id the database holds.",
            fix="Check the number in the address.",
            code="not-found",
        )
        return problems_response(request, [problem], 404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: "There is no page here.", 405: "This address does not take that method."}
        problem = Problem(
            message.get(exc.status_code, str(exc.detail)),
            fix="Use the navigation to find what you are looking for.",
            code=f"http-{exc.status_code}",
        )
        return problems_response(request, [problem], exc.status_code)
