"""What the web application is configured with: one frozen value passed to create_app.

Every field can be set by a LATTICEWORK_<FIELD> environment variable (the
table in docs/web.md lists them with their defaults), so every process of a
deployment builds the same settings from the same environment: several
processes behind a load balancer agree on the secret that signs cookies and on
the database they share; nothing else is kept in process memory.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "LATTICEWORK_"
LogLevel = Literal["debug", "info", "warning", "error"]


class WebSettings(BaseSettings):
    """Settings of one web deployment (all processes share them)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, env_ignore_empty=True, populate_by_name=True
    )

    database_url: str = "sqlite:///latticework.db"
    secret_key: str = Field(
        default_factory=lambda: secrets.token_urlsafe(48), min_length=32, repr=False
    )
    """Signs session cookies and CSRF tokens; the same in every process. Without one a
    random key is made: fine for one process, but sessions then end on a restart."""
    framework_files: Annotated[tuple[Path, ...], NoDecode] = Field(
        default=(),
        validation_alias=AliasChoices("framework_files", f"{ENV_PREFIX}FRAMEWORK"),
    )
    """The organisation's framework YAML files (LATTICEWORK_FRAMEWORK, separated by the
    OS path separator); empty means the current framework of the database."""
    cookie_secure: bool = False
    """Send cookies over HTTPS only; turn on behind TLS."""
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    login_max_failures: int = Field(default=5, ge=1)
    """Failed log-ins per user name and client address before each further try waits
    (1 s, doubling)."""
    login_window_seconds: int = Field(default=60 * 60, ge=1)
    """Failures are forgotten this long after the last one."""
    login_max_delay_seconds: int = Field(default=15 * 60, ge=1)
    """The longest wait the doubling reaches."""
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    """Import files larger than this are refused before they are read."""
    max_request_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    """The largest request body of a signed-in user (an import's files together); larger
    ones are refused with 413 before they are parsed."""
    max_anonymous_request_bytes: int = Field(default=64 * 1024, ge=1024)
    """The largest request body before authentication (the log-in form): someone not
    signed in cannot make the server read, parse or store more."""
    title: str = "latticework"
    log_level: LogLevel = "info"
    """What the app logs (imports, audit runs, refused log-ins, errors) at or above."""
    audit_worker: bool = True
    """Run queued audit jobs in this process (a thread). Turn off in processes that should
    only serve pages; at least one process of the deployment must keep it on."""
    audit_job_lease_seconds: float = Field(default=60.0, gt=0)
    """A running audit job whose worker went silent this long is taken over by another."""
    audit_job_heartbeat_seconds: float = Field(default=5.0, gt=0)
    """How often a running job's worker renews its lease (shorter than the lease)."""
    audit_job_max_attempts: int = Field(default=3, ge=1)
    """Claims of one audit job before it is marked failed (its workers kept dying)."""
    audit_job_poll_seconds: float = Field(default=2.0, gt=0)
    """How often an idle worker looks for jobs queued by other processes."""

    @field_validator("framework_files", mode="before")
    @classmethod
    def _paths(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @classmethod
    def from_env(cls, **overrides: object) -> WebSettings:
        """Settings from LATTICEWORK_* environment variables, then explicit overrides."""
        return cls(**overrides)  # type: ignore[arg-type]
