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
