"""Users, API tokens, sessions, log-in attempts and the log-in throttle as stored (argon2
hashes only, never a password; tokens and sessions only as SHA-256 hashes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from latticework.accounts.model import ApiToken, LoginLimits, Role, SessionInfo, User
from latticework.storage.tables import api_tokens, login_attempts, login_throttle, sessions, users


def aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _user(row: sa.Row[tuple[object, ...]]) -> User:
    m = row._mapping
    return User(
        id=int(m["id"]),
        username=str(m["username"]),
        role=Role(str(m["role"])),
        employee_id=None if m["employee_id"] is None else str(m["employee_id"]),
        is_active=bool(m["is_active"]),
        created_at=aware(m["created_at"]),
    )


@dataclass(frozen=True, slots=True)
class StoredToken:
    """What a bearer token's hash finds: the token and whose it is."""

    id: int
    user_id: int
    last_used_at: datetime | None
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class ThrottleRow:
    """Consecutive failed log-ins of one user name from one address."""

    failures: int
    last_failure_at: datetime
    next_allowed_at: datetime


def _token(r: sa.Row[tuple[object, ...]]) -> ApiToken:
    m = r._mapping
    return ApiToken(
        id=int(m["id"]),
        user_id=int(m["user_id"]),
        name=str(m["name"]),
        created_at=aware(m["created_at"]),
        last_used_at=aware(m["last_used_at"]) if m["last_used_at"] else None,
        expires_at=aware(m["expires_at"]) if m["expires_at"] else None,
    )


class AccountRepository:
    """Users, their API tokens and sessions, every log-in attempt (a record the person's
    export shows) and the throttle counter per user name and address."""

    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    # -- users

    def get(self, user_id: int) -> User | None:
        row = self._conn.execute(sa.select(users).where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def by_name(self, username: str) -> User | None:
        row = self._conn.execute(sa.select(users).where(users.c.username == username)).first()
        return _user(row) if row else None

    def with_password_hash(self, username: str) -> tuple[User, str] | None:
        """The user of this name and their password hash (for checking a log-in)."""
        row = self._conn.execute(sa.select(users).where(users.c.username == username)).first()
        return (_user(row), str(row._mapping["password_hash"])) if row else None

    def password_hash(self, user_id: int) -> str | None:
        value = self._conn.execute(
            sa.select(users.c.password_hash).where(users.c.id == user_id)
        ).scalar()
        return None if value is None else str(value)

    def all(self) -> list[User]:
        return [_user(r) for r in self._conn.execute(sa.select(users).order_by(users.c.username))]

    def add(
        self, username: str, password_hash: str, role: Role, employee_id: str | None, at: datetime
    ) -> int:
        result = self._conn.execute(
            users.insert().values(
                username=username,
                password_hash=password_hash,
                role=role.value,
                employee_id=employee_id,
                created_at=at,
                is_active=True,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def change(
        self,
        user_id: int,
        *,
        role: Role | None = None,
        employee_id: str | None = None,
        clear_employee: bool = False,
        is_active: bool | None = None,
        password_hash: str | None = None,
    ) -> None:
        """Change only what is given (`clear_employee` unlinks the person)."""
        values: dict[str, object] = {}
        if role is not None:
            values["role"] = role.value
        if clear_employee:
            values["employee_id"] = None
        elif employee_id is not None:
            values["employee_id"] = employee_id
        if is_active is not None:
            values["is_active"] = is_active
        if password_hash is not None:
            values["password_hash"] = password_hash
        if values:
            self._conn.execute(users.update().where(users.c.id == user_id).values(**values))

    # -- log-in attempts

    def record_login(self, username: str, ip: str | None, at: datetime, success: bool) -> None:
        self._conn.execute(
            login_attempts.insert().values(username=username, ip=ip, at=at, success=success)
        )

    # -- API tokens

    def add_token(
        self,
        user_id: int,
        token_hash: str,
        name: str,
        at: datetime,
        expires_at: datetime | None = None,
    ) -> int:
        result = self._conn.execute(
            api_tokens.insert().values(
                user_id=user_id,
                token_hash=token_hash,
                name=name,
                created_at=at,
                expires_at=expires_at,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def tokens(self, user_id: int) -> list[ApiToken]:
        rows = self._conn.execute(
            sa.select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
        )
        return [_token(r) for r in rows]

    def delete_token(self, user_id: int, token_id: int) -> bool:
        result = self._conn.execute(
            api_tokens.delete().where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
        )
        return bool(result.rowcount)

    def delete_tokens(self, user_id: int) -> int:
        """Revoke every token of the user; how many there were."""
        result = self._conn.execute(api_tokens.delete().where(api_tokens.c.user_id == user_id))
        return int(result.rowcount)

    def token_by_hash(self, token_hash: str) -> StoredToken | None:
        row = self._conn.execute(
            sa.select(
                api_tokens.c.id,
                api_tokens.c.user_id,
                api_tokens.c.last_used_at,
                api_tokens.c.expires_at,
            ).where(api_tokens.c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        used = aware(row.last_used_at) if row.last_used_at else None
        expires = aware(row.expires_at) if row.expires_at else None
        return StoredToken(int(row.id), int(row.user_id), used, expires)

    def token_used(self, token_id: int, at: datetime) -> None:
        self._conn.execute(
            api_tokens.update().where(api_tokens.c.id == token_id).values(last_used_at=at)
        )

    # -- sessions

    def add_session(
        self, user_id: int, token_hash: str, at: datetime, expires_at: datetime, ip: str | None
    ) -> int:
        # Expired sessions of this user go now, so the table holds only live ones (and a
        # few of users who never log in again).
        self._conn.execute(
            sessions.delete().where(sessions.c.user_id == user_id, sessions.c.expires_at <= at)
        )
        result = self._conn.execute(
            sessions.insert().values(
                user_id=user_id, token_hash=token_hash, created_at=at, expires_at=expires_at, ip=ip
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def session_user(self, token_hash: str, now: datetime) -> User | None:
        """The user of a live session (one indexed join), or None."""
        row = self._conn.execute(
            sa.select(users)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
        ).first()
        return _user(row) if row else None

    def sessions(self, user_id: int) -> list[SessionInfo]:
        rows = self._conn.execute(
            sa.select(sessions).where(sessions.c.user_id == user_id).order_by(sessions.c.id)
        )
        return [
            SessionInfo(
                id=int(r.id),
                user_id=int(r.user_id),
                created_at=aware(r.created_at),
                expires_at=aware(r.expires_at),
                ip=r.ip,
            )
            for r in rows
        ]

    def delete_session(self, token_hash: str) -> bool:
        result = self._conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))
        return bool(result.rowcount)

    def delete_sessions(self, user_id: int) -> int:
        """End every session of the user; how many there were."""
        result = self._conn.execute(sessions.delete().where(sessions.c.user_id == user_id))
        return int(result.rowcount)

    def active_admins(self) -> int:
        count = self._conn.execute(
            sa.select(sa.func.count()).where(users.c.role == "admin", users.c.is_active.is_(True))
        ).scalar()
        return int(count or 0)

    # -- the log-in throttle

    def throttle(self, username: str, ip: str) -> ThrottleRow | None:
        row = self._conn.execute(
            sa.select(login_throttle).where(
                login_throttle.c.username == username, login_throttle.c.ip == ip
            )
        ).first()
        if row is None:
            return None
        return ThrottleRow(
            int(row.failures), aware(row.last_failure_at), aware(row.next_allowed_at)
        )

    def claim_throttle(
        self,
        username: str,
        ip: str,
        expected: ThrottleRow | None,
        failures: int,
        at: datetime,
        next_allowed_at: datetime,
    ) -> bool:
        """Count one more failure if the row is still `expected` (compare-and-swap).

        False when a concurrent attempt changed it first: the caller reads it again.
        """
        values = {"failures": failures, "last_failure_at": at, "next_allowed_at": next_allowed_at}
        if expected is None:
            insert = (
                sqlite_insert(login_throttle)
                if self._conn.dialect.name == "sqlite"
                else postgresql_insert(login_throttle)
            )
            statement = (
                insert.values(username=username, ip=ip, **values)
                .on_conflict_do_nothing()
                .returning(login_throttle.c.failures)
            )
            # A returned row says it was inserted (psycopg's rowcount here is -1 either way).
            return self._conn.execute(statement).first() is not None
        result = self._conn.execute(
            login_throttle.update()
            .where(
                login_throttle.c.username == username,
                login_throttle.c.ip == ip,
                login_throttle.c.failures == expected.failures,
                login_throttle.c.last_failure_at == expected.last_failure_at,
            )
            .values(**values)
        )
        return bool(result.rowcount)

    def delay_throttle(self, username: str, ip: str, at: datetime, limits: LoginLimits) -> None:
        """Start the row's wait again from `at` (when the failure was answered)."""
        row = self.throttle(username, ip)
        if row is None:
            return
        until = at + timedelta(seconds=limits.delay_after(row.failures))
        self._conn.execute(
            login_throttle.update()
            .where(
                login_throttle.c.username == username,
                login_throttle.c.ip == ip,
                login_throttle.c.next_allowed_at < until,
            )
            .values(next_allowed_at=until)
        )

    def clear_throttle(self, username: str, ip: str) -> None:
        self._conn.execute(
            login_throttle.delete().where(
                login_throttle.c.username == username, login_throttle.c.ip == ip
            )
        )
