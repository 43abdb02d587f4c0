"""Accounts: users and roles, passwords (argon2), log-in with rate limiting, API tokens,
and the access log of who read pay or protected attributes (DESIGN §8).

Everything lives in the database, never in process memory, so that several
app processes (and the CLI) agree on users, failed log-ins and tokens.
Functions take an open connection inside a transaction; the caller commits.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from latticework.errors import LatticeworkError, Location, Problem
from latticework.storage.tables import access_log, api_tokens, login_attempts, people, users

MIN_PASSWORD_LENGTH = 10
TOKEN_PREFIX = "lw_"
_hasher = PasswordHasher()
# Verified against when the user name is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


class Role(StrEnum):
    """What a user may see and do (DESIGN §8)."""

    EMPLOYEE = "employee"
    """Their own record and the framework."""
    MANAGER = "manager"
    """Their reporting chain, without protected attributes."""
    PEOPLE = "people"
    """HR: everything, audits, imports, the access log."""
    ADMIN = "admin"
    """Users and settings."""


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
    at: datetime
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: tuple[str, ...]


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


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- passwords -------------------------------------------------------------------


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise LatticeworkError(
            Problem(
                f"The password has {len(password)} characters; at least "
                f"{MIN_PASSWORD_LENGTH} are needed.",
                location=Location(field="password"),
                fix="Choose a longer password (a few unrelated words work well).",
                code="password-too-short",
            )
        )


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# -- users -----------------------------------------------------------------------


def _user(row: sa.Row[tuple[object, ...]]) -> User:
    m = row._mapping
    return User(
        id=int(m["id"]),
        username=str(m["username"]),
        role=Role(str(m["role"])),
        employee_id=None if m["employee_id"] is None else str(m["employee_id"]),
        is_active=bool(m["is_active"]),
        created_at=_aware(m["created_at"]),
        password_stamp=password_stamp(str(m["password_hash"])),
    )


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


def _check_employee(conn: sa.Connection, employee_id: str | None) -> str | None:
    if employee_id is None or not employee_id.strip():
        return None
    employee_id = employee_id.strip()
    found = conn.execute(
        sa.select(people.c.employee_id).where(people.c.employee_id == employee_id)
    ).first()
    if found is None:
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
    conn: sa.Connection,
    username: str,
    password: str,
    role: Role | str,
    employee_id: str | None = None,
) -> User:
    """A new active user; the password is stored only as an argon2 hash."""
    name = _check_username(username)
    role = role if isinstance(role, Role) else parse_role(role)
    employee = _check_employee(conn, employee_id)
    if role in (Role.EMPLOYEE, Role.MANAGER) and employee is None:
        raise LatticeworkError(
            Problem(
                f"A {role.value} must be linked to their person record.",
                location=Location(field="employee_id"),
                fix="Give the employee id of the person this account belongs to.",
                code="employee-required",
            )
        )
    if get_user_by_name(conn, name) is not None:
        raise LatticeworkError(
            Problem(
                f"A user named '{name}' already exists.",
                location=Location(field="username"),
                fix="Choose another user name, or change the existing user.",
                code="duplicate-user",
            )
        )
    result = conn.execute(
        users.insert().values(
            username=name,
            password_hash=hash_password(password),
            role=role.value,
            employee_id=employee,
            created_at=utcnow(),
            is_active=True,
        )
    )
    user_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    user = get_user(conn, user_id)
    assert user is not None
    return user


def get_user(conn: sa.Connection, user_id: int) -> User | None:
    row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def get_user_by_name(conn: sa.Connection, username: str) -> User | None:
    row = conn.execute(sa.select(users).where(users.c.username == username.strip())).first()
    return _user(row) if row else None


def require_user(conn: sa.Connection, user_id: int) -> User:
    user = get_user(conn, user_id)
    if user is None:
        raise LatticeworkError(
            Problem(f"No user with id {user_id}.", code="unknown-user", fix="List users first.")
        )
    return user


def list_users(conn: sa.Connection) -> list[User]:
    return [_user(r) for r in conn.execute(sa.select(users).order_by(users.c.username))]


def update_user(
    conn: sa.Connection,
    user_id: int,
    *,
    role: Role | str | None = None,
    employee_id: str | None = None,
    clear_employee: bool = False,
    is_active: bool | None = None,
) -> User:
    """Change a user's role, linked person or active flag (only what is given)."""
    require_user(conn, user_id)
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = (role if isinstance(role, Role) else parse_role(role)).value
    if clear_employee:
        values["employee_id"] = None
    elif employee_id is not None:
        values["employee_id"] = _check_employee(conn, employee_id)
    if is_active is not None:
        values["is_active"] = is_active
    if values:
        conn.execute(users.update().where(users.c.id == user_id).values(**values))
    return require_user(conn, user_id)


def set_password(conn: sa.Connection, user_id: int, password: str) -> User:
    """A new password; sessions signed with the old one stop working."""
    require_user(conn, user_id)
    conn.execute(
        users.update().where(users.c.id == user_id).values(password_hash=hash_password(password))
    )
    return require_user(conn, user_id)


def change_own_password(conn: sa.Connection, user: User, current: str, new: str) -> User:
    """A user changing their password must know the current one; other sessions end."""
    row = conn.execute(sa.select(users.c.password_hash).where(users.c.id == user.id)).first()
    if row is None or not _verify(str(row.password_hash), current):
        raise AuthenticationError(
            Problem(
                "The current password is wrong.",
                location=Location(field="current"),
                fix="Type your current password again.",
                code="wrong-password",
            )
        )
    return set_password(conn, user.id, new)


# -- log-in ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoginLimits:
    max_failures: int = 5
    """Failures allowed per user name in the window; a client address gets four times this."""
    window_seconds: int = 15 * 60


def authenticate(
    conn: sa.Connection,
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
    retry = _throttled(conn, name, ip, since, limits)
    if retry is not None:
        raise LoginThrottledError(retry_after=max(1, int(retry) + 1))
    row = conn.execute(sa.select(users).where(users.c.username == name)).first()
    ok = _verify(str(row._mapping["password_hash"]), password) if row else _verify(_DUMMY_HASH, "x")
    active = bool(row and row._mapping["is_active"])
    conn.execute(
        login_attempts.insert().values(username=name, ip=ip, at=now, success=ok and active)
    )
    if not (row and ok and active):
        raise AuthenticationError(
            Problem(
                "Wrong user name or password (or the account is disabled).",
                fix="Check both and try again; an admin can reset your password.",
                code="login-failed",
            )
        )
    return _user(row)


def _throttled(
    conn: sa.Connection, username: str, ip: str | None, since: datetime, limits: LoginLimits
) -> float | None:
    """Seconds until the oldest counted failure leaves the window, when over the limit."""
    failures = sa.and_(login_attempts.c.success.is_(False), login_attempts.c.at >= since)
    checks: list[tuple[sa.ColumnElement[bool], int]] = [
        (login_attempts.c.username == username, limits.max_failures)
    ]
    if ip:
        checks.append((login_attempts.c.ip == ip, limits.max_failures * 4))
    for condition, limit in checks:
        count, oldest = conn.execute(
            sa.select(sa.func.count(), sa.func.min(login_attempts.c.at)).where(failures, condition)
        ).one()
        if count >= limit and oldest is not None:
            return (_aware(oldest) - since).total_seconds()
    return None


# -- API tokens ------------------------------------------------------------------


def _token_hash(token: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(conn: sa.Connection, user_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token for scripts; the plain token is returned once and only its hash is stored."""
    require_user(conn, user_id)
    label = name.strip() or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    result = conn.execute(
        api_tokens.insert().values(
            user_id=user_id, token_hash=_token_hash(token), name=label[:80], created_at=utcnow()
        )
    )
    token_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    return next(t for t in list_api_tokens(conn, user_id) if t.id == token_id), token


def list_api_tokens(conn: sa.Connection, user_id: int) -> list[ApiToken]:
    rows = conn.execute(
        sa.select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
    )
    return [
        ApiToken(
            id=int(r.id),
            user_id=int(r.user_id),
            name=str(r.name),
            created_at=_aware(r.created_at),
            last_used_at=_aware(r.last_used_at) if r.last_used_at else None,
        )
        for r in rows
    ]


def revoke_api_token(conn: sa.Connection, user_id: int, token_id: int) -> bool:
    """Delete one of the user's tokens; False when they have no such token."""
    result = conn.execute(
        api_tokens.delete().where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
    )
    return result.rowcount > 0


def user_for_token(conn: sa.Connection, token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = conn.execute(
        sa.select(api_tokens.c.id, api_tokens.c.user_id, api_tokens.c.last_used_at).where(
            api_tokens.c.token_hash == _token_hash(token)
        )
    ).first()
    if row is None:
        return None
    user = get_user(conn, int(row.user_id))
    if user is None or not user.is_active:
        return None
    now = utcnow()
    # Record use at most once a minute, so scripts do not turn every read into a write.
    if row.last_used_at is None or now - _aware(row.last_used_at) > timedelta(minutes=1):
        conn.execute(api_tokens.update().where(api_tokens.c.id == row.id).values(last_used_at=now))
    return user


# -- access log ------------------------------------------------------------------


def record_access(
    conn: sa.Connection,
    user: User,
    action: str,
    subject_employee_ids: Sequence[str | None],
    fields: Sequence[str],
) -> None:
    """Write that `user` read sensitive `fields` (pay, protected) of these people."""
    rows = access_log_rows(user, action, subject_employee_ids, fields)
    if rows:
        write_access_rows(conn, rows)


def access_log_rows(
    user: User,
    action: str,
    subject_employee_ids: Sequence[str | None],
    fields: Sequence[str],
) -> list[dict[str, object]]:
    """The access-log rows saying that `user` read `fields` of these people (none if no
    sensitive field was read), for writers that batch several reads into one commit."""
    if not fields:
        return []
    now = utcnow()
    return [
        {
            "at": now,
            "user_id": user.id,
            "username": user.username,
            "action": action,
            "subject_employee_id": subject,
            "fields": ",".join(sorted(set(fields))),
        }
        for subject in subject_employee_ids
    ]


def write_access_rows(conn: sa.Connection, rows: Sequence[dict[str, object]]) -> None:
    """Insert access-log rows made by `access_log_rows` (the caller commits)."""
    conn.execute(access_log.insert(), list(rows))


def read_access_log(
    conn: sa.Connection, *, subject_employee_id: str | None = None, limit: int = 200
) -> list[AccessRecord]:
    """The most recent reads of sensitive data, newest first."""
    query = sa.select(access_log).order_by(access_log.c.id.desc()).limit(max(1, min(limit, 5000)))
    if subject_employee_id:
        query = query.where(access_log.c.subject_employee_id == subject_employee_id)
    return [
        AccessRecord(
            at=_aware(r.at),
            username=r.username,
            action=str(r.action),
            subject_employee_id=r.subject_employee_id,
            fields=tuple(f for f in (r.fields or "").split(",") if f),
        )
        for r in conn.execute(query)
    ]
