"""Running the app under uvicorn, with one process or several sharing the same settings."""

from __future__ import annotations

import os
import secrets

from latticework.web.settings import ENV_PREFIX, WebSettings


def app_from_env():  # type: ignore[no-untyped-def]
    """The ASGI app built from LATTICEWORK_* variables (uvicorn's factory for every worker)."""
    from latticework.web.app import create_app

    return create_app(WebSettings.from_env())


def serve(
    database_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    framework_files: list[str] | None = None,
    log_level: str = "info",
) -> None:
    """Serve until interrupted. Every worker reads the same environment, so they share the
    database and the secret that signs cookies (a random one when none is configured)."""
    import uvicorn

    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = database_url
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
        proxy_headers=False,
    )


def get_once(database_url: str, path: str, username: str | None = None) -> tuple[int, bytes]:
    """One in-process request (as `username` when given): a smoke test without a server."""
    from fastapi.testclient import TestClient

    from latticework.errors import LatticeworkError, Problem
    from latticework.services import accounts
    from latticework.storage import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.security import SESSION_COOKIE, SessionData

    app = create_app(WebSettings(database_url=database_url, secret_key=secrets.token_urlsafe(48)))
    client = TestClient(app, base_url="http://localhost")
    if username is not None:
        with UnitOfWork(database_url) as uow:
            user = accounts.get_user_by_name(uow, username)
        if user is None:
            raise LatticeworkError(
                Problem(f"No user named '{username}'.", fix="See `latticework users list`.")
            )
        signer = app.state.latticework.signer
        client.cookies.set(
            SESSION_COOKIE, signer.session_cookie(SessionData(user.id, user.password_stamp))
        )
    response = client.get(path, follow_redirects=False)
    return response.status_code, response.content
