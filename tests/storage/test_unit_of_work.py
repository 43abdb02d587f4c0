"""The unit of work commits only when asked: uncommitted work and errors roll back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from latticework.storage import UnitOfWork, engine_for, upgrade_database
from latticework.storage.tables import login_attempts


def _attempts(url: str) -> int:
    with engine_for(url).connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM login_attempts").scalar_one())


def _insert(uow: UnitOfWork) -> None:
    uow.connection.execute(
        sa.insert(login_attempts).values(username="ada", at=datetime.now(UTC), success=True)
    )


def test_committed_work_is_kept(db_url: str) -> None:
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        _insert(uow)
        uow.commit()
    assert _attempts(db_url) == 1


def test_uncommitted_work_is_rolled_back_by_default(db_url: str) -> None:
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        _insert(uow)
    assert _attempts(db_url) == 0


def test_work_is_rolled_back_on_error(db_url: str) -> None:
    upgrade_database(db_url)

    def insert_then_fail() -> None:
        with UnitOfWork(db_url) as uow:
            _insert(uow)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        insert_then_fail()
    assert _attempts(db_url) == 0


def test_work_after_a_commit_is_a_new_transaction(db_url: str) -> None:
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        _insert(uow)
        uow.commit()
        _insert(uow)
    assert _attempts(db_url) == 1


def test_connection_outside_the_block_is_an_error() -> None:
    uow = UnitOfWork("sqlite://")
    with pytest.raises(RuntimeError):
        _ = uow.connection
