"""Account services: users and roles, log-in with rate limiting, API tokens, and the access
log of who read pay or protected attributes.

Everything lives in the database, never in process memory, so that several
app processes (and the CLI) agree on users, failed log-ins and tokens. Each
function works inside the caller's unit of work; the caller commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from latticework.accounts.model import (
    AccessEntry,
    AccessRecord,
    ApiToken,
    AuthenticationError,
    LoginLimits,
    LoginThrottledError,
    Role,
    User,
)
from latticework.accounts.passwords import DUMMY_HASH, hash_password, token_hash, verify_password
from latticework.errors import LatticeworkError, Location, Problem

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork

__all__ = [
    "AccessRecord",
    "ApiToken",
    "AuthenticationError",
    "LoginLimits",
    "LoginThrottledError",
    "Role",
    "User",
]

TOKEN_PREFIX = "lw_"


def utcnow() -> datetime:
    return datetime.now(UTC)


# -- users -----------------------------------------------------------------------


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise LatticeworkError(
            Problem(
                f"'{value}' is not a role.",
                location=Location(field="role"),
                fix=f"Use one of: {choices}.",
                code="unknown-role",
            )
        ) from None


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 80 or any(c.isspace() for c in name):
        raise LatticeworkError(
            Problem(
                f"'{username}' is not a usable user name.",
                location=Location(field="username"),
                fix="Use 1 to 80 characters without spaces, e.g. an e-mail address.",
                code="bad-username",
            )
        )
    return name


def _check_employee(uow: UnitOfWork, employee_id: str | None) -> str | None:
    if employee_id is None or not employee_id.strip():
        return None
    employee_id = employee_id.strip()
    if not uow.people.exists(employee_id):
        raise LatticeworkError(
            Problem(
                f"No person with employee id '{employee_id}'.",
                location=Location(field="employee_id"),
                fix="Import the person first, or leave the employee id empty.",
                code="unknown-employee",
            )
        )
    return employee_id


def create_user(
    uow: UnitOfWork,
    username: str,
    password: str,
    role: Role | str,
    employee_id: str | None = None,
) -> User:
    """A new active user; the password is stored only as an argon2 hash."""
    name = _check_username(username)
    role = role if isinstance(role, Role) else parse_role(role)
    employee = _check_employee(uow, employee_id)
    if role in (Role.EMPLOYEE, Role.MANAGER) and employee is None:
        raise LatticeworkError(
            Problem(
                f"A {role.value} must be linked to their person record.",
                location=Location(field="employee_id"),
                fix="Give the employee id of the person this account belongs to.",
                code="employee-required",
            )
        )
    if uow.accounts.by_name(name) is not None:
        raise LatticeworkError(
            Problem(
                f"A user named '{name}' already exists.",
                location=Location(field="username"),
                fix="Choose another user name, or change the existing user.",
                code="duplicate-user",
            )
        )
    user_id = uow.accounts.add(name, hash_password(password), role, employee, utcnow())
    return require_user(uow, user_id)


def get_user(uow: UnitOfWork, user_id: int) -> User | None:
    return uow.accounts.get(user_id)


def get_user_by_name(uow: UnitOfWork, username: str) -> User | None:
    return uow.accounts.by_name(username.strip())


def require_user(uow: UnitOfWork, user_id: int) -> User:
    user = uow.accounts.get(user_id)
    if user is None:
        raise LatticeworkError(
            Problem(f"No user with id {user_id}.", code="unknown-user", fix="List users first.")
        )
    return user


def list_users(uow: UnitOfWork) -> list[User]:
    return uow.accounts.all()


def update_user(
    uow: UnitOfWork,
    user_id: int,
    *,
    role: Role | str | None = None,
    employee_id: str | None = None,
    clear_employee: bool = False,
    is_active: bool | None = None,
) -> User:
    """Change a user's role, linked person or active flag (only what is given)."""
    require_user(uow, user_id)
    linked = None if clear_employee or employee_id is None else _check_employee(uow, employee_id)
    uow.accounts.change(
        user_id,
        role=None if role is None else role if isinstance(role, Role) else parse_role(role),
        employee_id=linked,
        # An empty employee id unlinks the person, as clearing does.
        clear_employee=clear_employee or (employee_id is not None and linked is None),
        is_active=is_active,
    )
    return require_user(uow, user_id)


def set_password(uow: UnitOfWork, user_id: int, password: str) -> User:
    """A new password; sessions signed with the old one stop working."""
    require_user(uow, user_id)
    uow.accounts.change(user_id, password_hash=hash_password(password))
    return require_user(uow, user_id)


def change_own_password(uow: UnitOfWork, user: User, current: str, new: str) -> User:
    """A user changing their password must know the current one; other sessions end."""
    stored = uow.accounts.password_hash(user.id)
    if stored is None or not verify_password(stored, current):
        raise AuthenticationError(
            Problem(
                "The current password is wrong.",
                location=Location(field="current"),
                fix="Type your current password again.",
                code="wrong-password",
            )
        )
    return set_password(uow, user.id, new)


# -- log-in ----------------------------------------------------------------------


def authenticate(
    uow: UnitOfWork,
    username: str,
    password: str,
    ip: str | None,
    limits: LoginLimits = LoginLimits(),
    now: datetime | None = None,
) -> User:
    """The user for these credentials; every attempt is recorded for rate limiting.

    Raises LoginThrottledError before checking the password when the user name or
    the client address has failed too often in the window, and
    AuthenticationError (one message for both cases) otherwise.
    """
    now = now or utcnow()
    name = username.strip()
    since = now - timedelta(seconds=limits.window_seconds)
    retry = _throttled(uow, name, ip, since, limits)
    if retry is not None:
        raise LoginThrottledError(retry_after=max(1, int(retry) + 1))
    found = uow.accounts.with_password_hash(name)
    ok = verify_password(found[1], password) if found else verify_password(DUMMY_HASH, "x")
    active = bool(found and found[0].is_active)
    uow.accounts.record_login(name, ip, now, success=ok and active)
    if not (found and ok and active):
        raise AuthenticationError(
            Problem(
                "Wrong user name or password (or the account is disabled).",
                fix="Check both and try again; an admin can reset your password.",
                code="login-failed",
            )
        )
    return found[0]


def _throttled(
    uow: UnitOfWork, username: str, ip: str | None, since: datetime, limits: LoginLimits
) -> float | None:
    """Seconds until the oldest counted failure leaves the window, when over the limit."""
    checks = [(uow.accounts.failures_since(since, username=username), limits.max_failures)]
    if ip:
        checks.append((uow.accounts.failures_since(since, ip=ip), limits.max_failures * 4))
    for failures, limit in checks:
        if failures.count >= limit and failures.oldest is not None:
            return (failures.oldest - since).total_seconds()
    return None


# -- API tokens ------------------------------------------------------------------


def create_api_token(uow: UnitOfWork, user_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token for scripts; the plain token is returned once and only its hash is stored."""
    require_user(uow, user_id)
    label = name.strip() or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = uow.accounts.add_token(user_id, token_hash(token), label[:80], utcnow())
    return next(t for t in uow.accounts.tokens(user_id) if t.id == token_id), token


def list_api_tokens(uow: UnitOfWork, user_id: int) -> list[ApiToken]:
    return uow.accounts.tokens(user_id)


def revoke_api_token(uow: UnitOfWork, user_id: int, token_id: int) -> bool:
    """Delete one of the user's tokens; False when they have no such token."""
    return uow.accounts.delete_token(user_id, token_id)


def user_for_token(uow: UnitOfWork, token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    stored = uow.accounts.token_by_hash(token_hash(token))
    if stored is None:
        return None
    user = uow.accounts.get(stored.user_id)
    if user is None or not user.is_active:
        return None
    now = utcnow()
    # Record use at most once a minute, so scripts do not turn every read into a write.
    if stored.last_used_at is None or now - stored.last_used_at > timedelta(minutes=1):
        uow.accounts.token_used(stored.id, now)
    return user


# -- access log ------------------------------------------------------------------


def record_access(
    uow: UnitOfWork,
    user: User,
    action: str,
    subject_employee_ids: Sequence[str | None],
    fields: Sequence[str],
) -> None:
    """Write that `user` read sensitive `fields` (pay, protected) of these people."""
    uow.access_log.add(access_entries(user, action, subject_employee_ids, fields))


def access_entries(
    user: User,
    action: str,
    subject_employee_ids: Sequence[str | None],
    fields: Sequence[str],
) -> list[AccessEntry]:
    """The access-log entries saying that `user` read `fields` of these people (none if no
    sensitive field was read), for writers that batch several reads into one commit."""
    if not fields:
        return []
    now = utcnow()
    joined = ",".join(sorted(set(fields)))
    return [
        AccessEntry(now, user.id, user.username, action, subject, joined)
        for subject in subject_employee_ids
    ]


def read_access_log(
    uow: UnitOfWork, *, subject_employee_id: str | None = None, limit: int = 200
) -> list[AccessRecord]:
    """The most recent reads of sensitive data, newest first."""
    return uow.access_log.recent(
        subject_employee_id=subject_employee_id, limit=max(1, min(limit, 5000))
    )
