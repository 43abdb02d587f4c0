"""Running the app under uvicorn, with one process or several sharing the same settings."""

from __future__ import annotations

import os
import secrets

from latticework.web.settings import ENV_PREFIX, WebSettings


def app_from_env():  # type: ignore[no-untyped-def]
    """The ASGI app built from LATTICEWORK_* variables (uvicorn's factory for every worker)."""
    from latticework.logs import configure
    from latticework.web.app import create_app

    settings = WebSettings.from_env()
    configure(settings.log_level)
    return create_app(settings)


def serve(
    database_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    framework_files: list[str] | None = None,
    log_level: str = "info",
    forwarded_allow_ips: str | None = None,
) -> None:
    """Serve until interrupted. Every worker reads the same environment, so they share the
    database and the secret that signs cookies (a random one when none is configured).

    `forwarded_allow_ips` (comma-separated addresses or networks, `*` for any) are the
    reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed;
    without it they are ignored, so a client cannot pick the address log-ins are
    throttled by."""
    import uvicorn

    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = database_url
    os.environ.setdefault(f"{ENV_PREFIX}LOG_LEVEL", log_level)
    os.environ.setdefault(f"{ENV_PREFIX}SECRET_KEY", secrets.token_urlsafe(48))
    if framework_files:
        os.environ[f"{ENV_PREFIX}FRAMEWORK"] = os.pathsep.join(framework_files)
    uvicorn.run(
        "latticework.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def get_once(database_url: str, path: str, username: str | None = None) -> tuple[int, bytes]:
    """One in-process request (as `username` when given): a smoke test without a server."""
    from fastapi.testclient import TestClient

    from latticework.errors import LatticeworkError, Problem
    from latticework.services import accounts
    from latticework.storage import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.security import SESSION_COOKIE

    app = create_app(WebSettings(database_url=database_url, secret_key=secrets.token_urlsafe(48)))
    client = TestClient(app, base_url="http://localhost")
    if username is not None:
        with UnitOfWork(database_url) as uow:
            user = accounts.get_user_by_name(uow, username)
            if user is None:
                raise LatticeworkError(
                    Problem(f"No user named '{username}'.", fix="See `latticework users list`.")
                )
            secret = accounts.start_session(uow, user, None, 60)
            uow.commit()
        signer = app.state.latticework.signer
        client.cookies.set(SESSION_COOKIE, signer.session_cookie(secret))
    try:
        response = client.get(path, follow_redirects=False)
    finally:
        if username is not None:
            with UnitOfWork(database_url) as uow:
                accounts.end_session(uow, secret)
                uow.commit()
    return response.status_code, response.content
