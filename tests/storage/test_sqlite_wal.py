"""The app's SQLite connections never checkpoint inside a commit; each process's
checkpoint thread moves the write-ahead log into the database file instead."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa

from latticework.storage.sqlite_wal import WalCheckpointer, no_automatic_checkpoints


def _engine(path: Path) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{path}")
    sa.event.listen(engine, "connect", no_automatic_checkpoints)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode = WAL")
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    return engine


def _rows_in_the_database_file(path: Path) -> int:
    # immutable=1 reads the database file alone, ignoring the write-ahead log.
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as db:
        try:
            return int(db.execute("SELECT count(*) FROM t").fetchone()[0])
        except sqlite3.OperationalError:  # the table itself is still only in the log
            return 0


def _write(engine: sa.Engine, rows: int) -> None:
    for i in range(rows):  # one commit each, like access-log entries
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (?)", (i,))


def test_commits_leave_the_log_alone_even_past_a_thousand_pages(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "db.sqlite")
    _write(engine, 1500)  # far past the 1,000-page point where SQLite would checkpoint
    assert _rows_in_the_database_file(tmp_path / "db.sqlite") == 0
    WalCheckpointer(engine).checkpoint()
    assert _rows_in_the_database_file(tmp_path / "db.sqlite") == 1500


def test_the_checkpoint_thread_moves_the_log_into_the_file_and_stops(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "db.sqlite")
    checkpointer = WalCheckpointer(engine, interval=0.05)
    checkpointer.start()
    _write(engine, 20)
    deadline = time.monotonic() + 5
    while _rows_in_the_database_file(tmp_path / "db.sqlite") < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _rows_in_the_database_file(tmp_path / "db.sqlite") == 20
    checkpointer.stop()
    _write(engine, 5)
    time.sleep(0.2)
    assert _rows_in_the_database_file(tmp_path / "db.sqlite") == 20  # stopped: no more turns
