"""Checkpointing SQLite's write-ahead log from a background thread, not from a request.

By default SQLite checkpoints inside whichever commit makes the log pass 1,000
pages: that commit copies pages into the database file and syncs it, which
takes milliseconds to tens of milliseconds. In the web app the committing
request is often on the event loop (the access-log entry of a person page), so
every request of that process stalled behind it: that was the 250–500 ms
maximum and much of the p95 under load. The app's connections therefore turn
automatic checkpoints off, and each process runs this thread, which checkpoints
every second in PASSIVE mode (never waiting for readers or writers). Other
programs on the same file (the CLI) keep SQLite's automatic checkpoints.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import sqlalchemy as sa

log = logging.getLogger(__name__)


def app_engine(url: str) -> sa.Engine:
    """The web app's engine: a pool sized for many requests and, on SQLite, write-ahead
    logging with checkpoints left to `WalCheckpointer`."""
    from latticework.storage.engine import create_engine

    # Requests take their connection on the event loop; a pool larger than the thread pool
    # (40) plus the loop means taking one never waits there.
    engine = create_engine(url, pool_size=5, max_overflow=60, pool_timeout=30)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_for_many_readers)
        sa.event.listen(engine, "connect", no_automatic_checkpoints)
    return engine


def _sqlite_for_many_readers(dbapi_connection: Any, _record: object) -> None:
    # Write-ahead logging lets page reads go on while another process writes (the access
    # log, an import); NORMAL sync is durable across application crashes in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def no_automatic_checkpoints(dbapi_connection: Any, _record: object) -> None:
    """A `connect` listener for the app's SQLite engine (see the module docstring)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint = 0")
    cursor.close()


class WalCheckpointer:
    """One thread per process that checkpoints the write-ahead log every `interval` s."""

    def __init__(self, engine: sa.Engine, interval: float = 1.0) -> None:
        self._engine = engine
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None and self._engine.dialect.name == "sqlite":
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run, name="latticework-wal-checkpoint", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=10)
            self._thread = None
            self.checkpoint()  # leave the database file up to date

    def checkpoint(self) -> None:
        """Copy what the log holds into the database file, without waiting for anyone."""
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except sa.exc.DBAPIError:  # busy or closing: the next turn will do it
            log.debug("WAL checkpoint skipped", exc_info=True)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.checkpoint()
