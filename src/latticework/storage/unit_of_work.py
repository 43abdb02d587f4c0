"""The unit of work: one transaction, committed only when asked, rolled back otherwise."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine

from latticework.storage.engine import engine_for


class UnitOfWork:
    """`with UnitOfWork(url) as uow: ...; uow.commit()`.

    Everything done through `uow.connection` is one transaction. Leaving the
    block without `commit()` — or with an exception — rolls it back, so a
    failed import writes nothing.
    """

    def __init__(self, url_or_engine: str | Engine) -> None:
        self.engine = engine_for(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("UnitOfWork used outside its `with` block")
        return self._connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dbapi_connection(self) -> Any:
        """The driver's own connection (sqlite3 or psycopg), inside this transaction."""
        return self.connection.connection.driver_connection

    def __enter__(self) -> UnitOfWork:
        self._connection = self.engine.connect()
        self._connection.begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self.connection
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()
            self._connection = None

    def commit(self) -> None:
        """Make the work durable; a new transaction starts for anything after."""
        self.connection.commit()
        self.connection.begin()

    def rollback(self) -> None:
        self.connection.rollback()
        self.connection.begin()
