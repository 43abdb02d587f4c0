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


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None = None
    """None: valid until revoked."""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One signed-in browser, as its owner and admins see it (never its secret)."""

    id: int
    user_id: int
    created_at: datetime
    expires_at: datetime
    ip: str | None


@dataclass(frozen=True, slots=True)
class AccessRecord:
    """One read of sensitive data, as the access log shows it."""

    at: datetime
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: tuple[str, ...]
    detail: str | None = None
    """What an account change changed (None for reads)."""


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One access-log row to write: `user_id` read `fields` (comma-separated) of a person."""

    at: datetime
    user_id: int | None
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class LoginLimits:
    """Progressive delays per user name and client address.

    Never a lock: someone guessing a known user name from one address slows only
    that name at that address, so the owner can still log in from theirs.
    """

    max_failures: int = 5
    """Failures allowed without delay per user name and address."""
    window_seconds: int = 60 * 60
    """Failures older than this (counted from the last one) are forgotten."""
    max_delay_seconds: int = 15 * 60
    """The longest wait between two tries; the wait doubles from 1 s up to this."""

    def delay_after(self, failures: int) -> int:
        """Seconds to wait before the next try after `failures` consecutive failures."""
        if failures < self.max_failures:
            return 0
        doubling: int = 2 ** min(failures - self.max_failures, 30)
        return min(self.max_delay_seconds, doubling)


class AuthenticationError(LatticeworkError):
    """Wrong user name or password (deliberately not saying which)."""


class LoginThrottledError(LatticeworkError):
    """Too many failed log-ins in the window; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            Problem(
                "Too many failed log-ins for this account from this address.",
                fix=f"Wait {retry_after} second(s) and try again (each failure doubles the "
                "wait), or ask an admin to reset your password.",
                code="login-throttled",
            )
        )
