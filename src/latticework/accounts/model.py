"""Users, roles, API tokens and access-log entries as values, and the errors of logging in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from latticework.errors import LatticeworkError, Problem


class Role(StrEnum):
    """What a user may see and do; the rules themselves are in `services.access`."""

    EMPLOYEE = "employee"
    """Their own record and the framework."""
    MANAGER = "manager"
    """Their reporting chain, without protected attributes."""
    PEOPLE = "people"
    """HR: everything, audits, imports, the access log."""
    ADMIN = "admin"
    """Users and settings."""
    REPRESENTATIVE = "representative"
    """Workers' representatives (EU Directive 2023/970): the Art. 9 reports, the Art. 10
    joint assessment and its justifications, never one person's pay."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: Role
    employee_id: str | None
    is_active: bool
    created_at: datetime
    password_stamp: str
    """Changes whenever the password changes; sessions carry it so a reset ends them."""


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class AccessRecord:
    """One read of sensitive data, as the access log shows it."""

    at: datetime
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One access-log row to write: `user_id` read `fields` (comma-separated) of a person."""

    at: datetime
    user_id: int | None
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: str


@dataclass(frozen=True, slots=True)
class LoginLimits:
    max_failures: int = 5
    """Failures allowed per user name in the window; a client address gets four times this."""
    window_seconds: int = 15 * 60


class AuthenticationError(LatticeworkError):
    """Wrong user name or password (deliberately not saying which)."""


class LoginThrottledError(LatticeworkError):
    """Too many failed log-ins in the window; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            Problem(
                "Too many failed log-ins for this account or address.",
                fix=f"Wait about {minutes} minute(s) and try again, or ask an admin to "
                "reset your password.",
                code="login-throttled",
            )
        )
