"""Alembic environment: runs on the connection given by `latticework.storage.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from latticework.storage.tables import metadata

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
