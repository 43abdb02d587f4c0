"""On PostgreSQL two workers claiming at the same moment skip each other's row (`FOR UPDATE
SKIP LOCKED`) instead of waiting for it or taking the same job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from latticework.storage import UnitOfWork, upgrade_database

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_claim_in_flight_is_skipped_not_waited_for(db_url: str) -> None:
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        for _ in range(2):
            uow.audit_jobs.add(requested_by="hr", requested_at=T0, options="{}")
        uow.commit()
    lease = T0 + timedelta(seconds=60)
    with UnitOfWork(db_url) as first, UnitOfWork(db_url) as second:
        # The first transaction holds its row lock (not committed) while the second claims.
        first.connection.exec_driver_sql("SET lock_timeout = '2s'")
        second.connection.exec_driver_sql("SET lock_timeout = '2s'")
        a = first.audit_jobs.claim(worker="a", now=T0, lease_until=lease)
        b = second.audit_jobs.claim(worker="b", now=T0, lease_until=lease)
        assert a is not None
        assert b is not None
        assert a.id != b.id
        first.commit()
        second.commit()
