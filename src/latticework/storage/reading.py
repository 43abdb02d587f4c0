"""Fast reads of whole tables into data frames: raw SQL into pandas, no ORM objects.

SQLite rows come through the driver's `fetchall` and are turned into typed
columns in one numpy step each; PostgreSQL streams the table with
`COPY ... TO STDOUT` as CSV, which pandas parses in C. Either way the frames
have the dtypes of `frames.typed_frame`, so they match what the importer
produces. Rows come in primary-key order on both databases, so every
consumer sees the same organisation in the same order (reproducible results).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.storage.frames import DATE_DTYPE, column_kind, frame_columns, typed_frame
from latticework.storage.tables import ORGANISATION_TABLES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_table(
    connection: Connection,
    table: str,
    *,
    columns: Sequence[str] | None = None,
    only: tuple[str, Sequence[str]] | None = None,
    between: tuple[str, date, date] | None = None,
) -> pd.DataFrame:
    """An organisation table as a typed frame with canonical (and derived) columns.

    `columns` reads only those columns; `only=(column, values)` reads only the
    rows whose column holds one of the values; `between=(date column, first, last)`
    only the rows dated from `first` to `last`, both included. All are pushed into
    SQL: on SQLite, fetching rows through the driver is most of the cost of a read,
    so a reader that needs a third of the events should fetch only that third.
    """
    wanted = frame_columns(table) if columns is None else list(columns)
    unknown = set(wanted) - set(frame_columns(table))
    if unknown:
        raise ValueError(f"{table} has no columns {sorted(unknown)}")
    # Byte order for text keys on PostgreSQL too (its default follows the locale), so
    # both databases return rows in the same order.
    collate = ' COLLATE "C"' if connection.dialect.name == "postgresql" else ""
    order = [
        _quote(c.name) + (collate if isinstance(c.type, sa.String) else "")
        for c in ORGANISATION_TABLES[table].primary_key.columns
    ]
    where = ""
    if only is not None:
        column, values = only
        if column not in frame_columns(table):
            raise ValueError(f"{table} has no column {column!r}")
        # Inlined as literals because COPY takes no parameters; quotes are doubled.
        literals = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
        where = f" WHERE {_quote(column)} IN ({literals})" if values else " WHERE 1 = 0"
    if between is not None:
        column, first, last = between
        if column_kind(table, column) != "date":
            raise ValueError(f"{table}.{column} is not a date column")
        # ISO dates compare as text on SQLite (how they are stored) and cast on PostgreSQL.
        condition = f"{_quote(column)} BETWEEN '{first.isoformat()}' AND '{last.isoformat()}'"
        where += f" AND {condition}" if where else f" WHERE {condition}"
    sql = (
        f"SELECT {', '.join(map(_quote, wanted))} FROM {_quote(table)}{where} "
        f"ORDER BY {', '.join(order)}"
    )
    if connection.dialect.name == "postgresql":
        return _read_postgresql(connection, table, wanted, sql)
    return _read_sqlite(connection, table, wanted, sql)


def _read_postgresql(
    connection: Connection, table: str, columns: list[str], sql: str
) -> pd.DataFrame:
    import pandas as pd

    raw: Any = connection.connection.driver_connection
    buffer = io.BytesIO()
    with raw.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
        for chunk in copy:
            buffer.write(chunk)
    buffer.seek(0)
    frame = pd.read_csv(
        buffer, header=None, names=columns, dtype=str, keep_default_na=False, na_values=[""]
    )
    return typed_frame(table, frame)[columns]


def _read_sqlite(connection: Connection, table: str, columns: list[str], sql: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    raw: Any = connection.connection.driver_connection
    cursor = raw.cursor()
    try:
        rows = cursor.execute(sql).fetchall()
    finally:
        cursor.close()
    # fromiter over the flattened rows is faster than np.array's nested-sequence discovery.
    flat = itertools.chain.from_iterable(rows)
    cells = np.fromiter(flat, dtype=object, count=len(rows) * len(columns))
    cells = cells.reshape(len(rows), len(columns))
    del rows  # the cells now hold the only references to the values
    return pd.DataFrame(
        {name: _column(cells[:, i], column_kind(table, name)) for i, name in enumerate(columns)},
        copy=False,
    )


def _column(values: np.ndarray, kind: str) -> pd.Series:
    """One column of driver values (str, float, int or None) with its canonical dtype."""
    import numpy as np
    import pandas as pd

    if kind == "date":
        from latticework.org.validity import timestamps

        # Rows stored before dates were range-checked (0001-01-01) read as missing.
        text = pd.Series(values, dtype="str")
        return timestamps(pd.to_datetime(text, format="%Y-%m-%d", errors="coerce"))
    if kind == "float":
        return pd.Series(np.array(values, dtype="float64"))
    if kind == "int":
        return pd.Series(pd.array(values, dtype="Int64"))
    return pd.Series(values, dtype="str")


def read_columns(connection: Connection, table: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of a table, typed; an import reads stored people's ids and dates this way."""
    import numpy as np
    import pandas as pd

    sql = f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(table)}"
    rows = connection.exec_driver_sql(sql).fetchall()
    cells = np.array([tuple(r) for r in rows], dtype=object).reshape(len(rows), len(columns))
    if connection.dialect.name == "postgresql":
        cells = np.vectorize(_iso, otypes=[object])(cells) if len(rows) else cells
    return pd.DataFrame(
        {name: _column(cells[:, i], column_kind(table, name)) for i, name in enumerate(columns)}
    )


def _iso(value: object) -> object:
    """psycopg returns dates as `date` objects; SQLite as ISO text. Make both text."""
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if isoformat is not None else value


def count_rows(connection: Connection, table: str) -> int:
    statement = sa.select(sa.func.count()).select_from(ORGANISATION_TABLES[table])
    return int(connection.execute(statement).scalar_one())


def empty_people_columns() -> pd.DataFrame:
    """The shape `read_columns(people, [employee_id, manager_id, hire_date])` has when empty."""
    import pandas as pd

    return pd.DataFrame(
        {
            "employee_id": pd.Series(dtype="str"),
            "manager_id": pd.Series(dtype="str"),
            "hire_date": pd.Series(dtype=DATE_DTYPE),
        }
    )


__all__ = ["count_rows", "empty_people_columns", "read_columns", "read_table"]
