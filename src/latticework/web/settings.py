"""What the web application is configured with: one frozen value passed to create_app.

Every process of a deployment builds the same settings from the same
environment, so several processes behind a load balancer agree on the secret
that signs cookies and on the database they share; nothing else is kept in
process memory.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "LATTICEWORK_"


class WebSettings(BaseModel):
    """Settings of one web deployment (all processes share them)."""

    model_config = ConfigDict(frozen=True)

    database_url: str
    secret_key: str = Field(min_length=32, repr=False)
    """Signs session cookies and CSRF tokens; the same in every process."""
    framework_files: tuple[Path, ...] = ()
    """The organisation's framework YAML files; empty means the built-in framework."""
    cookie_secure: bool = False
    """Send cookies over HTTPS only; turn on behind TLS."""
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    login_max_failures: int = Field(default=5, ge=1)
    """Failed log-ins allowed per user name (and per client address) in the window."""
    login_window_seconds: int = Field(default=15 * 60, ge=1)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    """Imports larger than this are refused before they are read."""
    title: str = "latticework"

    @classmethod
    def from_env(cls, **overrides: object) -> WebSettings:
        """Settings from LATTICEWORK_* environment variables, then explicit overrides.

        LATTICEWORK_DATABASE_URL, LATTICEWORK_SECRET_KEY, LATTICEWORK_FRAMEWORK
        (YAML paths separated by the OS path separator), LATTICEWORK_COOKIE_SECURE=1.
        Without a secret key a random one is made: fine for one process, but
        sessions then end when the server restarts.
        """
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get(f"{ENV_PREFIX}DATABASE_URL", "sqlite:///latticework.db"),
            "secret_key": env.get(f"{ENV_PREFIX}SECRET_KEY") or secrets.token_urlsafe(48),
            "cookie_secure": env.get(f"{ENV_PREFIX}COOKIE_SECURE", "") in ("1", "true", "yes"),
        }
        framework = env.get(f"{ENV_PREFIX}FRAMEWORK")
        if framework:
            values["framework_files"] = tuple(
                Path(p) for p in framework.split(os.pathsep) if p.strip()
            )
        values.update(overrides)
        return cls.model_validate(values)
