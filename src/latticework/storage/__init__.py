"""Storage: SQLAlchemy tables, the unit of work, repositories and Alembic migrations.

Services open a `UnitOfWork(url)` and call the repository functions with its
connection; nothing outside this package writes SQL.
"""

from __future__ import annotations

from latticework.storage.engine import create_engine, dispose_engine, engine_for
from latticework.storage.framework_store import StoredFramework, current_framework, store_framework
from latticework.storage.migrate import require_current_schema, upgrade_database
from latticework.storage.repository import (
    PersonRecord,
    direct_reports,
    get_person,
    load_dataset,
    managers_above,
    reporting_chain,
)
from latticework.storage.unit_of_work import UnitOfWork

__all__ = [
    "PersonRecord",
    "StoredFramework",
    "UnitOfWork",
    "create_engine",
    "current_framework",
    "direct_reports",
    "dispose_engine",
    "engine_for",
    "get_person",
    "load_dataset",
    "managers_above",
    "reporting_chain",
    "require_current_schema",
    "store_framework",
    "upgrade_database",
]
