"""A person's stored data, all of it: read for an export, or deleted for an erasure.

That covers their accounts too: tokens (metadata), sessions and log-in attempts
(which hold IP addresses) are exported, and erased with the user names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from latticework.storage.tables import (
    ORGANISATION_TABLES,
    access_log,
    api_tokens,
    development_plans,
    eu_information_requests,
    login_attempts,
    login_throttle,
    people,
    plan_checkins,
    plan_items,
    sessions,
    users,
)


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class PersonDataRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def _rows(self, statement: sa.Select[Any]) -> list[dict[str, object]]:
        rows = self._conn.execute(statement).mappings()
        return [{k: _plain(v) for k, v in r.items()} for r in rows]

    def everything_about(self, employee_id: str) -> dict[str, object]:
        """Every stored row about one person, by table, as JSON-ready values."""
        tables: dict[str, object] = {}
        for name, table in ORGANISATION_TABLES.items():
            if "employee_id" not in table.c:
                continue  # promotion cycles are about no one in particular
            tables[name] = self._rows(sa.select(table).where(table.c.employee_id == employee_id))
        plan_ids = sa.select(development_plans.c.id).where(
            development_plans.c.employee_id == employee_id
        )
        tables["eu_information_requests"] = self._rows(
            sa.select(eu_information_requests).where(
                eu_information_requests.c.employee_id == employee_id
            )
        )
        tables["development_plans"] = self._rows(
            sa.select(development_plans).where(development_plans.c.employee_id == employee_id)
        )
        tables["plan_items"] = self._rows(
            sa.select(plan_items).where(plan_items.c.plan_id.in_(plan_ids))
        )
        tables["plan_checkins"] = self._rows(
            sa.select(plan_checkins).where(plan_checkins.c.plan_id.in_(plan_ids))
        )
        tables["accounts"] = self._rows(
            sa.select(users.c.username, users.c.role, users.c.created_at, users.c.is_active).where(
                users.c.employee_id == employee_id
            )
        )
        account_ids = sa.select(users.c.id).where(users.c.employee_id == employee_id)
        names = sa.select(users.c.username).where(users.c.employee_id == employee_id)
        # Metadata only: never a token's or a session's secret (only hashes are stored anyway).
        tables["api_tokens"] = self._rows(
            sa.select(
                users.c.username,
                api_tokens.c.name,
                api_tokens.c.created_at,
                api_tokens.c.last_used_at,
                api_tokens.c.expires_at,
            )
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(api_tokens.c.user_id.in_(account_ids))
            .order_by(api_tokens.c.id)
        )
        tables["sessions"] = self._rows(
            sa.select(users.c.username, sessions.c.created_at, sessions.c.expires_at, sessions.c.ip)
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.user_id.in_(account_ids))
            .order_by(sessions.c.id)
        )
        tables["login_attempts"] = self._rows(
            sa.select(
                login_attempts.c.username,
                login_attempts.c.ip,
                login_attempts.c.at,
                login_attempts.c.success,
            )
            .where(login_attempts.c.username.in_(names))
            .order_by(login_attempts.c.id)
        )
        tables["reads_by_their_accounts"] = self._rows(
            sa.select(
                access_log.c.at,
                access_log.c.action,
                access_log.c.subject_employee_id,
                access_log.c.fields,
            )
            .where(access_log.c.user_id.in_(account_ids))
            .order_by(access_log.c.id)
        )
        tables["reads_of_their_data"] = self._rows(
            sa.select(
                access_log.c.at, access_log.c.username, access_log.c.action, access_log.c.fields
            )
            .where(access_log.c.subject_employee_id == employee_id)
            .order_by(access_log.c.id)
        )
        return tables

    def erase(self, employee_id: str, manager_id: str | None, pseudonym: str) -> int:
        """Delete the person, their accounts and everything hanging off them; their reports
        move up to `manager_id`. The access log keeps its rows, with the person's id and
        their accounts' user names replaced by `pseudonym`. Returns how many reports moved."""
        conn = self._conn
        accounts = conn.execute(
            sa.select(users.c.id, users.c.username).where(users.c.employee_id == employee_id)
        ).all()
        account_ids = [a.id for a in accounts]
        names = [a.username for a in accounts]
        self._pseudonymise_log(employee_id, names, pseudonym)
        if names:
            conn.execute(login_attempts.delete().where(login_attempts.c.username.in_(names)))
            conn.execute(login_throttle.delete().where(login_throttle.c.username.in_(names)))
        if account_ids:
            conn.execute(api_tokens.delete().where(api_tokens.c.user_id.in_(account_ids)))
            conn.execute(sessions.delete().where(sessions.c.user_id.in_(account_ids)))
            conn.execute(users.delete().where(users.c.id.in_(account_ids)))

        moved = conn.execute(
            people.update().where(people.c.manager_id == employee_id).values(manager_id=manager_id)
        ).rowcount
        # Dependent rows go with the person (foreign keys cascade); explicit deletes keep the
        # erasure complete on a database that does not enforce them.
        plan_ids = sa.select(development_plans.c.id).where(
            development_plans.c.employee_id == employee_id
        )
        conn.execute(
            eu_information_requests.delete().where(
                eu_information_requests.c.employee_id == employee_id
            )
        )
        conn.execute(plan_checkins.delete().where(plan_checkins.c.plan_id.in_(plan_ids)))
        conn.execute(plan_items.delete().where(plan_items.c.plan_id.in_(plan_ids)))
        conn.execute(
            development_plans.delete().where(development_plans.c.employee_id == employee_id)
        )
        for name, table in ORGANISATION_TABLES.items():
            if name != "people" and "employee_id" in table.c:
                conn.execute(table.delete().where(table.c.employee_id == employee_id))
        conn.execute(people.delete().where(people.c.employee_id == employee_id))
        return int(moved)

    def _pseudonymise_log(self, employee_id: str, names: list[str], pseudonym: str) -> None:
        """The access-log rows about the person or by their accounts name `pseudonym`
        instead: subject, user name, and the account-change text (which quotes both)."""
        log = access_log.c
        about = log.subject_employee_id == employee_id
        rows = self._conn.execute(
            sa.select(log.id, log.username, log.subject_employee_id, log.detail).where(
                sa.or_(about, log.username.in_(names)) if names else about
            )
        ).all()
        for row in rows:
            detail = row.detail
            if detail:
                for name in names:
                    detail = detail.replace(f"'{name}'", f"'{pseudonym}'")
                    if detail.startswith(f"{name}: "):
                        detail = pseudonym + detail[len(name) :]
                detail = detail.replace(employee_id, pseudonym)
            self._conn.execute(
                access_log.update()
                .where(log.id == row.id)
                .values(
                    username=pseudonym if row.username in names else row.username,
                    subject_employee_id=(
                        pseudonym
                        if row.subject_employee_id == employee_id
                        else row.subject_employee_id
                    ),
                    detail=detail,
                )
            )

    def checkpoint_after_erase(self) -> bool:
        """After an erasure is committed: copy SQLite's write-ahead log into the file and
        empty it, so the erased rows are in neither (deleted rows are zeroed: the engine
        sets `secure_delete`). False when readers kept the log from being emptied (it is
        emptied at a later checkpoint). Nothing to do on PostgreSQL."""
        if self._conn.dialect.name != "sqlite":
            return True
        busy, _, _ = self._conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        return not busy
