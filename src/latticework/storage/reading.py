"""Fast reads of whole tables into data frames: raw SQL into pandas, no ORM objects.

SQLite rows come through the driver's `fetchall`; PostgreSQL streams the table
with `COPY ... TO STDOUT` as CSV, which pandas parses in C. Both then pass
through `typed_frame`, so the frames match what the importer produces.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.org.columns import TABLES
from latticework.storage.frames import frame_columns, typed_frame
from latticework.storage.tables import ORGANISATION_TABLES

if TYPE_CHECKING:
    import pandas as pd


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_table(connection: Connection, table: str, where: str = "") -> pd.DataFrame:
    """A whole organisation table as a typed frame, in primary-key order."""
    import pandas as pd

    columns = frame_columns(table)
    keys = [c.name for c in ORGANISATION_TABLES[table].primary_key.columns]
    sql = (
        f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(table)} {where} "
        f"ORDER BY {', '.join(map(_quote, keys))}"
    )
    raw: Any = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        buffer = io.BytesIO()
        with raw.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                buffer.write(chunk)
        buffer.seek(0)
        frame = pd.read_csv(
            buffer, header=None, names=columns, dtype=str, keep_default_na=False, na_values=[""]
        )
    else:
        cursor = raw.cursor()
        try:
            cursor.execute(sql)
            frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        finally:
            cursor.close()
    return typed_frame(table, frame)


def count_rows(connection: Connection, table: str) -> int:
    statement = sa.select(sa.func.count()).select_from(ORGANISATION_TABLES[table])
    return int(connection.execute(statement).scalar_one())


def read_columns(connection: Connection, table: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of a table, typed; an import reads stored people's ids and dates this way."""
    import pandas as pd

    sql = f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(table)}"
    rows = connection.exec_driver_sql(sql).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=columns)
    spec_kinds = {c.name: c.kind for c in TABLES[table].columns}
    for name in columns:
        if spec_kinds.get(name) == "date":
            frame[name] = pd.to_datetime(frame[name], format="ISO8601").astype("datetime64[ns]")
        else:
            frame[name] = frame[name].astype("str")
    return frame


def empty_people_columns() -> pd.DataFrame:
    """The shape `read_columns(people, [employee_id, manager_id, hire_date])` has when empty."""
    import pandas as pd

    from latticework.storage.frames import DATE_DTYPE

    return pd.DataFrame(
        {
            "employee_id": pd.Series(dtype="str"),
            "manager_id": pd.Series(dtype="str"),
            "hire_date": pd.Series(dtype=DATE_DTYPE),
        }
    )
