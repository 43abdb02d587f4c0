"""Bulk upserts of whole data frames: executemany on SQLite, COPY on PostgreSQL.

Rows are matched by the table's primary key (the key of `org/columns.py`).
A row whose values are all unchanged is not rewritten, so re-importing the
same data reports zero inserted and zero updated rows and changes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class UpsertCount:
    """What an upsert did to one table."""

    table: str
    rows: int
    inserted: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.rows - self.inserted - self.updated


IMPORT_CACHE_KIB = 256 * 1024
CHUNK_ROWS = 100_000


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upsert_frame(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> UpsertCount:
    """Insert new rows of `frame` and update changed ones, in the connection's transaction."""
    if frame.empty:
        return UpsertCount(table.name, 0, 0, 0)
    columns = [c.name for c in table.columns if c.name in frame.columns]
    keys = [c.name for c in table.primary_key.columns]
    before = _count(conn, table)
    if conn.dialect.name == "postgresql":
        changed = _upsert_postgresql(conn, table, frame[columns], keys)
    else:
        changed = _upsert_sqlite(conn, table, frame[columns], keys)
    inserted = _count(conn, table) - before
    return UpsertCount(table.name, len(frame), inserted, changed - inserted)


def _count(conn: sa.Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def _conflict_clause(table: str, columns: list[str], keys: list[str], distinct: str) -> str:
    others = [c for c in columns if c not in keys]
    if not others:
        return f"ON CONFLICT ({', '.join(map(_quote, keys))}) DO NOTHING"
    assignments = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in others)
    differs = " OR ".join(
        f"{_quote(table)}.{_quote(c)} {distinct} excluded.{_quote(c)}" for c in others
    )
    return (
        f"ON CONFLICT ({', '.join(map(_quote, keys))}) DO UPDATE SET {assignments} WHERE {differs}"
    )


def _upsert_sqlite(
    conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, keys: list[str]
) -> int:
    columns = list(frame.columns)
    sql = (
        f"INSERT INTO {_quote(table.name)} ({', '.join(map(_quote, columns))}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        + _conflict_clause(table.name, columns, keys, "IS NOT")
    )
    cursor = _driver(conn).cursor()
    (default_cache,) = cursor.execute("PRAGMA cache_size").fetchone()
    # Index pages of a large table do not fit SQLite's default 2 MiB cache; inserting
    # millions of rows with keys in no particular order then rereads pages from disk.
    cursor.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        changed = 0
        for chunk in _chunks(frame):
            cursor.executemany(sql, _python_rows(table, chunk))
            changed += int(cursor.rowcount)
        return changed
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(default_cache)}")
        cursor.close()


def _upsert_postgresql(
    conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, keys: list[str]
) -> int:
    columns = list(frame.columns)
    names = ", ".join(map(_quote, columns))
    staging = f"_lw_stage_{table.name}"
    cursor = _driver(conn).cursor()
    try:
        cursor.execute(
            f"CREATE TEMP TABLE {staging} (LIKE {_quote(table.name)} INCLUDING DEFAULTS) "
            "ON COMMIT DROP"
        )
        with cursor.copy(f"COPY {staging} ({names}) FROM STDIN (FORMAT csv)") as copy:
            for chunk in _chunks(frame):
                copy.write(_csv_bytes(table, chunk))
        cursor.execute(
            f"INSERT INTO {_quote(table.name)} ({names}) SELECT {names} FROM {staging} "
            + _conflict_clause(table.name, columns, keys, "IS DISTINCT FROM")
        )
        changed = int(cursor.rowcount)
        cursor.execute(f"DROP TABLE {staging}")
        return changed
    finally:
        cursor.close()


def _driver(conn: sa.Connection) -> Any:
    """The driver's own connection (sqlite3 or psycopg), inside this transaction."""
    return conn.connection.driver_connection


def _chunks(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    """Slices of CHUNK_ROWS rows: the driver-ready copy of a slice is freed before the next."""
    for start in range(0, len(frame), CHUNK_ROWS):
        yield frame.iloc[start : start + CHUNK_ROWS]


def _db_ready(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text, everything else as is: both drivers store Date columns this way."""
    out = frame.copy()
    for column in table.columns:
        if column.name in out and isinstance(column.type, sa.Date):
            series = out[column.name]
            out[column.name] = series.dt.strftime("%Y-%m-%d").astype("object")
    return out


def _python_rows(table: sa.Table, frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    import numpy as np
    import pandas as pd

    ready = _db_ready(table, frame)
    columns: list[list[Any]] = []
    for name in ready.columns:
        series = ready[name]
        values = np.array(series.astype("object"), dtype=object, copy=True)
        values[pd.isna(series).to_numpy()] = None
        if series.dtype == "Int64":
            values = np.array([None if v is None else int(v) for v in values], dtype=object)
        columns.append(values.tolist())
    return list(zip(*columns, strict=True))


def _csv_bytes(table: sa.Table, frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    _db_ready(table, frame).to_csv(buffer, header=False, index=False, na_rep="")
    return buffer.getvalue().encode("utf-8")
