"""Writing the access log without holding pages up: inline when the database's write
lock is free, else through one writer thread per process that commits in batches.

Every read of pay or protected attributes is logged and committed before its
page is sent; a request whose entry cannot be written fails. Nothing is held
back in memory past the response, so a crash loses no entry of a page that was
shown, and several processes each run their own writer on the same database.

Why not simply hand every entry to the thread pool (as before): under 20
concurrent clients, a person page then took two turns of a busy event loop
(read, then resume after the write) instead of one, which doubled its latency.
An SQLite commit of one row takes tens of microseconds, so the write is tried
right away on the request's connection *without waiting for the lock*
(busy_timeout 0); only when another writer holds the lock (another process's
log entry, an import) does the entry go to the writer thread, which waits for
the lock off the event loop and commits everything that queued meanwhile in one
transaction, trying every millisecond (SQLite's busy handler sleeps in growing
steps that mostly miss the microseconds when the lock is free). PostgreSQL has no
database-wide write lock: the row is inserted inline.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from latticework.accounts.model import AccessEntry
from latticework.services import accounts
from latticework.services.accounts import User
from latticework.storage import Engine, UnitOfWork


@dataclass(frozen=True, slots=True)
class _Pending:
    rows: list[AccessEntry]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[None]


def _settle(future: asyncio.Future[None], error: BaseException | None) -> None:
    if future.done():  # the request was cancelled (client went away): nothing to tell
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)


class AccessLogWriter:
    """Writes access-log entries for the requests of one process, in batches."""

    def __init__(self, engine: Engine, max_batch: int = 500, patience: float = 10.0) -> None:
        self._engine = engine
        self._patience = patience
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._start_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    async def record(
        self,
        uow: UnitOfWork,
        user: User,
        action: str,
        subject_employee_ids: Sequence[str | None],
        fields: Sequence[str],
    ) -> None:
        """Log that `user` read `fields` of these people; returns once it is committed.

        Commits the request's unit of work: call it after the request's reads,
        before the response is rendered.
        """
        rows = accounts.access_entries(user, action, subject_employee_ids, fields)
        if not rows or uow.access_log.add_without_waiting(rows):
            return
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._ensure_started()
        self._queue.put(_Pending(rows, loop, future))
        await future

    def _ensure_started(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="latticework-access-log", daemon=True
                )
                self._thread.start()

    def _write_when_free(self, rows: list[AccessEntry]) -> None:
        """Commit `rows`, trying again every millisecond while another writer holds the lock.

        SQLite's own busy handler would wait too, but in growing sleeps (up to
        100 ms each) that mostly miss the moment the lock is free: other
        processes' entries hold it for tens of microseconds at a time.
        """
        deadline = time.monotonic() + self._patience
        with UnitOfWork(self._engine) as uow:
            while not uow.access_log.add_without_waiting(rows):
                if time.monotonic() > deadline:
                    uow.access_log.add(rows)  # waits, or says why it cannot
                    uow.commit()
                    return
                time.sleep(0.001)

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            error: BaseException | None = None
            try:
                self._write_when_free([row for p in batch for row in p.rows])
            except Exception as exc:  # told to every waiting request, which then fails
                error = exc
            for pending in batch:
                with contextlib.suppress(RuntimeError):  # that request's loop has closed
                    pending.loop.call_soon_threadsafe(_settle, pending.future, error)
