"""Storage: SQLAlchemy tables, the unit of work with its repositories, Alembic migrations.

Services work inside a `UnitOfWork` and read and write through its
repositories (`uow.people`, `uow.plans`, …); this package is the only place
that builds SQL. Entry points open the unit of work and commit it. What other
packages may import is exported here; the modules inside are storage's own.
"""

from __future__ import annotations

from sqlalchemy import Engine

from latticework.storage.audit_jobs import StoredAuditJob
from latticework.storage.audit_runs import StoredAuditRun
from latticework.storage.engine import (
    create_engine,
    describe_database,
    display_url,
    dispose_engine,
    engine_for,
    sqlite_file,
)
from latticework.storage.eu_registers import StoredJustification, StoredRequest, SubmittedReport
from latticework.storage.frames import frame_columns
from latticework.storage.framework_store import StoredFramework
from latticework.storage.impact_ratings import AssessmentRecord
from latticework.storage.migrate import (
    current_revision,
    require_current_schema,
    upgrade_database,
)
from latticework.storage.organisation import load_dataset
from latticework.storage.people import (
    EventRow,
    PeopleFilter,
    PersonListRow,
    PersonRecord,
    RatingRow,
    TeamSize,
    Visibility,
)
from latticework.storage.plans import NewPlanItem, StoredCheckin, StoredPlan, StoredPlanItem
from latticework.storage.reading import empty_people_columns
from latticework.storage.sqlite_wal import WalCheckpointer, app_engine
from latticework.storage.unit_of_work import UnitOfWork

__all__ = [
    "AssessmentRecord",
    "Engine",
    "EventRow",
    "NewPlanItem",
    "PeopleFilter",
    "PersonListRow",
    "PersonRecord",
    "RatingRow",
    "StoredAuditJob",
    "StoredAuditRun",
    "StoredCheckin",
    "StoredFramework",
    "StoredJustification",
    "StoredPlan",
    "StoredPlanItem",
    "StoredRequest",
    "SubmittedReport",
    "TeamSize",
    "UnitOfWork",
    "Visibility",
    "WalCheckpointer",
    "app_engine",
    "create_engine",
    "current_revision",
    "describe_database",
    "display_url",
    "dispose_engine",
    "empty_people_columns",
    "engine_for",
    "frame_columns",
    "load_dataset",
    "require_current_schema",
    "sqlite_file",
    "upgrade_database",
]
