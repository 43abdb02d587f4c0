"""Log-in throttling on both databases: progressive delays per user name and address (never
a lock that anyone can put on a known user name), and an atomic counter that lets only
as many of many concurrent guesses through as the limit allows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from latticework.services import accounts
from latticework.services.accounts import AuthenticationError, LoginLimits, LoginThrottledError
from latticework.storage import UnitOfWork, upgrade_database

PASSWORD = "correct horse battery staple"
T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LIMITS = LoginLimits(max_failures=5, window_seconds=3600, max_delay_seconds=60)


@pytest.fixture
def url(db_url: str) -> str:
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        accounts.create_user(uow, "hr", PASSWORD, "people")
        uow.commit()
    return db_url


def _try(url: str, password: str, at: datetime, ip: str = "10.0.0.1") -> str:
    """'ok', 'refused' (password checked and wrong) or 'wait N' (throttled, not checked)."""
    with UnitOfWork(url) as uow:
        try:
            claim = accounts.begin_login(uow, "hr", ip, LIMITS, now=at)
            uow.commit()
            accounts.finish_login(uow, claim, password, LIMITS, now=at)
        except LoginThrottledError as exc:
            return f"wait {exc.retry_after}"
        except AuthenticationError:
            return "refused"
        finally:
            uow.commit()
    return "ok"


def test_failures_beyond_the_limit_wait_longer_and_longer(url: str) -> None:
    for i in range(5):
        assert _try(url, "guess", T0 + timedelta(milliseconds=i)) == "refused"
    now = T0 + timedelta(milliseconds=10)
    assert _try(url, PASSWORD, now) == "wait 1"  # even the right password waits its turn
    waits = []
    for _ in range(8):
        now += timedelta(seconds=int(_try(url, "guess", now).split()[1]))
        assert _try(url, "guess", now) == "refused"
        waits.append(_try(url, "guess", now))
    assert waits == [f"wait {s}" for s in (2, 4, 8, 16, 32, 60, 60, 60)]


def test_a_guesser_elsewhere_cannot_lock_the_owner_out(url: str) -> None:
    for i in range(20):
        _try(url, "guess", T0 + timedelta(milliseconds=i), ip="203.0.113.9")
    assert _try(url, "guess", T0, ip="203.0.113.9").startswith("wait")
    assert _try(url, PASSWORD, T0 + timedelta(seconds=1), ip="10.0.0.1") == "ok"


def test_a_success_clears_the_count_and_old_failures_are_forgotten(url: str) -> None:
    for i in range(4):
        _try(url, "guess", T0 + timedelta(milliseconds=i))
    assert _try(url, PASSWORD, T0 + timedelta(seconds=1)) == "ok"
    for i in range(5):
        assert _try(url, "guess", T0 + timedelta(seconds=2, milliseconds=i)) == "refused"
    assert _try(url, "guess", T0 + timedelta(seconds=3)).startswith("wait")
    an_hour_later = T0 + timedelta(hours=1, seconds=10)
    assert _try(url, PASSWORD, an_hour_later) == "ok"


def test_of_thirty_concurrent_guesses_only_the_limit_is_checked(url: str) -> None:
    results: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(30)

    def guess() -> None:
        start.wait()
        outcome = _try(url, "guess", T0)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=guess) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 30
    assert results.count("refused") == 5, results
    assert all(r.startswith("wait") for r in results if r != "refused")
