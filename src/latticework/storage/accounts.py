"""Users, API tokens and log-in attempts as stored (argon2 hashes only, never a password)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from latticework.accounts.model import ApiToken, Role, User
from latticework.storage.tables import api_tokens, login_attempts, users


def aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _user(row: sa.Row[tuple[object, ...]]) -> User:
    # Imported here: the passwords module hashes a dummy password with argon2 when it is
    # imported (tens of ms and 64 MB), which programs that never read a user (the
    # audit) should not pay for by importing storage.
    from latticework.accounts.passwords import password_stamp

    m = row._mapping
    return User(
        id=int(m["id"]),
        username=str(m["username"]),
        role=Role(str(m["role"])),
        employee_id=None if m["employee_id"] is None else str(m["employee_id"]),
        is_active=bool(m["is_active"]),
        created_at=aware(m["created_at"]),
        password_stamp=password_stamp(str(m["password_hash"])),
    )


@dataclass(frozen=True, slots=True)
class StoredToken:
    """What a bearer token's hash finds: the token and whose it is."""

    id: int
    user_id: int
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class Failures:
    count: int
    oldest: datetime | None


class AccountRepository:
    """Users, their API tokens and every log-in attempt (for rate limiting)."""

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

    def failures_since(
        self, since: datetime, *, username: str | None = None, ip: str | None = None
    ) -> Failures:
        """Failed log-ins since `since` for this user name or this client address."""
        condition = (
            login_attempts.c.username == username
            if username is not None
            else login_attempts.c.ip == ip
        )
        count, oldest = self._conn.execute(
            sa.select(sa.func.count(), sa.func.min(login_attempts.c.at)).where(
                login_attempts.c.success.is_(False), login_attempts.c.at >= since, condition
            )
        ).one()
        return Failures(int(count), None if oldest is None else aware(oldest))

    # -- API tokens

    def add_token(self, user_id: int, token_hash: str, name: str, at: datetime) -> int:
        result = self._conn.execute(
            api_tokens.insert().values(
                user_id=user_id, token_hash=token_hash, name=name, created_at=at
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def tokens(self, user_id: int) -> list[ApiToken]:
        rows = self._conn.execute(
            sa.select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
        )
        return [
            ApiToken(
                id=int(r.id),
                user_id=int(r.user_id),
                name=str(r.name),
                created_at=aware(r.created_at),
                last_used_at=aware(r.last_used_at) if r.last_used_at else None,
            )
            for r in rows
        ]

    def delete_token(self, user_id: int, token_id: int) -> bool:
        result = self._conn.execute(
            api_tokens.delete().where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
        )
        return bool(result.rowcount)

    def token_by_hash(self, token_hash: str) -> StoredToken | None:
        row = self._conn.execute(
            sa.select(api_tokens.c.id, api_tokens.c.user_id, api_tokens.c.last_used_at).where(
                api_tokens.c.token_hash == token_hash
            )
        ).first()
        if row is None:
            return None
        used = aware(row.last_used_at) if row.last_used_at else None
        return StoredToken(int(row.id), int(row.user_id), used)

    def token_used(self, token_id: int, at: datetime) -> None:
        self._conn.execute(
            api_tokens.update().where(api_tokens.c.id == token_id).values(last_used_at=at)
        )
