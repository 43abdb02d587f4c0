"""Account services: users and roles, log-in with rate limiting, API tokens, and the access
log of who read pay or protected attributes.

Everything lives in the database, never in process memory, so that several
app processes (and the CLI) agree on users, failed log-ins and tokens. Each
function works inside the caller's unit of work; the caller commits.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    SessionInfo,
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
    "SessionInfo",
    "User",
]

TOKEN_PREFIX = "lw_"
log = logging.getLogger(__name__)


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
    actor: User | None = None,
) -> User:
    """A new active user; the password is stored only as an argon2 hash. Logged with
    `actor` (None: the command line)."""
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
    user = require_user(uow, user_id)
    linked = f", linked to {employee}" if employee else ""
    _log_change(uow, actor, "account.create", user, f"created as {role.value}{linked}")
    return user


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


def _admin_left_after(
    uow: UnitOfWork, target: User, role: Role | None, active: bool | None
) -> None:
    """Refuse a change that would leave no active admin (nobody could manage users)."""
    stays_admin = (role or target.role) is Role.ADMIN and (
        target.is_active if active is None else active
    )
    was_admin = target.role is Role.ADMIN and target.is_active
    if was_admin and not stays_admin and uow.accounts.active_admins() <= 1:
        raise LatticeworkError(
            Problem(
                f"'{target.username}' is the last active admin.",
                location=Location(field="role"),
                fix="Make another user an admin first, then change this one.",
                code="last-admin",
            )
        )


def _log_change(
    uow: UnitOfWork,
    actor: User | None,
    action: str,
    target: User,
    detail: str,
    subject: str | None = None,
) -> None:
    """Account changes go into the access log (who, what, when), which the people role reads;
    `subject` is the person concerned (their own trail shows it)."""
    who = actor.username if actor else "the command line"
    uow.access_log.add(
        [
            AccessEntry(
                utcnow(),
                actor.id if actor else None,
                actor.username if actor else None,
                action,
                subject if subject is not None else target.employee_id,
                "",
                f"{who}: user '{target.username}' {detail}",
            )
        ]
    )


def update_user(
    uow: UnitOfWork,
    user_id: int,
    *,
    role: Role | str | None = None,
    employee_id: str | None = None,
    clear_employee: bool = False,
    is_active: bool | None = None,
    actor: User | None = None,
) -> User:
    """Change a user's role, linked person or active flag (only what is given).

    Every change is logged with `actor` (None: the command line). A role change or
    disabling ends the user's sessions; disabling also revokes their API tokens, so
    re-enabling the account brings neither back.
    """
    before = require_user(uow, user_id)
    new_role = None if role is None else role if isinstance(role, Role) else parse_role(role)
    linked = None if clear_employee or employee_id is None else _check_employee(uow, employee_id)
    unlink = clear_employee or (employee_id is not None and linked is None)
    _admin_left_after(uow, before, new_role, is_active)
    uow.accounts.change(
        user_id,
        role=new_role,
        employee_id=linked,
        # An empty employee id unlinks the person, as clearing does.
        clear_employee=unlink,
        is_active=is_active,
    )
    after = require_user(uow, user_id)
    if after.role is not before.role:
        _log_change(uow, actor, "account.role", after, f"role {before.role} -> {after.role}")
    if after.employee_id != before.employee_id:
        if before.employee_id is not None:
            _log_change(uow, actor, "account.unlink", after, "unlinked", subject=before.employee_id)
        if after.employee_id is not None:
            _log_change(uow, actor, "account.link", after, f"linked to {after.employee_id}")
    if after.is_active is not before.is_active:
        state = "enabled" if after.is_active else "disabled"
        _log_change(uow, actor, f"account.{state[:-1]}", after, state)
    if after.role is not before.role or (before.is_active and not after.is_active):
        uow.accounts.delete_sessions(user_id)
    if before.is_active and not after.is_active:
        uow.accounts.delete_tokens(user_id)
    return after


def set_password(uow: UnitOfWork, user_id: int, password: str, actor: User | None = None) -> User:
    """A new password (an admin's reset, or the user's own change): every session and API
    token of the user ends."""
    target = require_user(uow, user_id)
    uow.accounts.change(user_id, password_hash=hash_password(password))
    uow.accounts.delete_sessions(user_id)
    uow.accounts.delete_tokens(user_id)
    own = actor is not None and actor.id == user_id
    _log_change(
        uow,
        actor,
        "account.password",
        target,
        "changed their password" if own else "password reset",
    )
    return require_user(uow, user_id)


def change_own_password(uow: UnitOfWork, user: User, current: str, new: str) -> User:
    """A user changing their password must know the current one; all sessions end."""
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
    return set_password(uow, user.id, new, actor=user)


# -- log-in ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoginClaim:
    """A log-in attempt that passed the throttle and is counted as a failure until its
    password is checked (see `begin_login`)."""

    username: str
    ip: str
    at: datetime
    started: float = field(default_factory=time.monotonic)


def begin_login(
    uow: UnitOfWork,
    username: str,
    ip: str | None,
    limits: LoginLimits = LoginLimits(),
    now: datetime | None = None,
) -> LoginClaim:
    """Pass the throttle of this user name and address, or raise LoginThrottledError.

    The attempt is counted as a failure *before* the password is checked, with a
    compare-and-swap on the counter: of many concurrent guesses only as many as the
    limit get through. Commit before `finish_login`, so concurrent attempts see it.
    """
    now = now or utcnow()
    name, address = username.strip(), ip or ""
    window = timedelta(seconds=limits.window_seconds)
    for _ in range(100):
        row = uow.accounts.throttle(name, address)
        fresh = row is None or now - row.last_failure_at > window
        if row is not None and not fresh and row.next_allowed_at > now:
            wait = (row.next_allowed_at - now).total_seconds()
            log.warning("log-in throttled for %r from %s", name, ip or "an unknown address")
            raise LoginThrottledError(retry_after=max(1, math.ceil(wait)))
        failures = 1 if fresh or row is None else row.failures + 1
        allowed = now + timedelta(seconds=limits.delay_after(failures))
        if uow.accounts.claim_throttle(name, address, row, failures, now, allowed):
            return LoginClaim(name, address, now)
    raise LoginThrottledError(retry_after=1)  # the counter kept changing: so many guesses


def finish_login(
    uow: UnitOfWork,
    claim: LoginClaim,
    password: str,
    limits: LoginLimits = LoginLimits(),
    now: datetime | None = None,
) -> User:
    """The user for this password, or AuthenticationError (one message for every case).

    Every attempt is recorded (the person's data export lists them); a success
    clears the throttle of the user name and address.
    """
    found = uow.accounts.with_password_hash(claim.username)
    ok = verify_password(found[1], password) if found else verify_password(DUMMY_HASH, "x")
    active = bool(found and found[0].is_active)
    uow.accounts.record_login(claim.username, claim.ip or None, claim.at, success=ok and active)
    if not (found and ok and active):
        # The wait runs from the answer, not the claim: checking took time (argon2, a busy
        # machine), and the next try must still wait the whole delay.
        checked_at = now or claim.at + timedelta(seconds=time.monotonic() - claim.started)
        uow.accounts.delay_throttle(claim.username, claim.ip, checked_at, limits)
        log.warning(
            "log-in refused for %r from %s", claim.username, claim.ip or "an unknown address"
        )
        raise AuthenticationError(
            Problem(
                "Wrong user name or password (or the account is disabled).",
                fix="Check both and try again; an admin can reset your password.",
                code="login-failed",
            )
        )
    uow.accounts.clear_throttle(claim.username, claim.ip)
    return found[0]


def authenticate(
    uow: UnitOfWork,
    username: str,
    password: str,
    ip: str | None,
    limits: LoginLimits = LoginLimits(),
    now: datetime | None = None,
) -> User:
    """`begin_login` and `finish_login` in one transaction (the caller commits once)."""
    claim = begin_login(uow, username, ip, limits, now)
    return finish_login(uow, claim, password, limits, now)


# -- sessions --------------------------------------------------------------------


def start_session(uow: UnitOfWork, user: User, ip: str | None, max_age_seconds: int) -> str:
    """A new server-side session; returns its secret id (for the signed cookie only)."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    uow.accounts.add_session(
        user.id, token_hash(secret), now, now + timedelta(seconds=max_age_seconds), ip
    )
    return secret


def user_for_session(uow: UnitOfWork, secret: str) -> User | None:
    """The active user of a live session, or None (ended, expired or disabled)."""
    user = uow.accounts.session_user(token_hash(secret), utcnow())
    return user if user is not None and user.is_active else None


def end_session(uow: UnitOfWork, secret: str) -> None:
    uow.accounts.delete_session(token_hash(secret))


def end_all_sessions(uow: UnitOfWork, user: User, actor: User | None = None) -> int:
    """Log `user` out everywhere; how many sessions ended."""
    ended = uow.accounts.delete_sessions(user.id)
    _log_change(uow, actor or user, "account.sessions", user, f"logged out everywhere ({ended})")
    return ended


def list_sessions(uow: UnitOfWork, user_id: int) -> list[SessionInfo]:
    return uow.accounts.sessions(user_id)


# -- API tokens ------------------------------------------------------------------

MAX_TOKEN_DAYS = 3650


def create_api_token(
    uow: UnitOfWork, user_id: int, name: str, expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for scripts; the plain token is returned once and only its hash is stored.

    `expires_in_days` (1 to 3650) makes it stop working after that many days.
    """
    require_user(uow, user_id)
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
        raise LatticeworkError(
            Problem(
                f"A token cannot expire in {expires_in_days} days.",
                location=Location(field="expires_in_days"),
                fix=f"Give 1 to {MAX_TOKEN_DAYS} days, or none for a token that lasts until "
                "revoked.",
                code="bad-expiry",
            )
        )
    label = name.strip() or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    expires = None if expires_in_days is None else now + timedelta(days=expires_in_days)
    token_id = uow.accounts.add_token(user_id, token_hash(token), label[:80], now, expires)
    return next(t for t in uow.accounts.tokens(user_id) if t.id == token_id), token


def list_api_tokens(uow: UnitOfWork, user_id: int) -> list[ApiToken]:
    return uow.accounts.tokens(user_id)


def revoke_api_token(
    uow: UnitOfWork, user_id: int, token_id: int, actor: User | None = None
) -> bool:
    """Delete one of the user's tokens; False when they have no such token. An admin's
    revocation (`actor` someone else) is logged."""
    revoked = uow.accounts.delete_token(user_id, token_id)
    if revoked and actor is not None and actor.id != user_id:
        _log_change(
            uow, actor, "account.token", require_user(uow, user_id), f"token {token_id} revoked"
        )
    return revoked


def user_for_token(uow: UnitOfWork, token: str, record_use: bool = True) -> User | None:
    """The active user a bearer token belongs to, or None (unknown, expired, disabled)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    stored = uow.accounts.token_by_hash(token_hash(token))
    if stored is None:
        return None
    now = utcnow()
    if stored.expires_at is not None and stored.expires_at <= now:
        return None
    user = uow.accounts.get(stored.user_id)
    if user is None or not user.is_active:
        return None
    # Record use at most once a minute, so scripts do not turn every read into a write.
    if record_use and (
        stored.last_used_at is None or now - stored.last_used_at > timedelta(minutes=1)
    ):
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
