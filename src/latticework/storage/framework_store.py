"""Framework versions stored with the organisation: the newest row is the current framework."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.framework.loading import dump_framework
from latticework.framework.model import Framework
from latticework.storage.tables import framework_versions


@dataclass(frozen=True, slots=True)
class StoredFramework:
    """A framework version as stored: its id in the database, when it was loaded, from what."""

    id: int
    framework: Framework
    loaded_at: datetime
    files: tuple[str, ...]


class FrameworkRepository:
    """The framework versions stored with the organisation; the newest is the current one."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def current(self) -> StoredFramework | None:
        """The framework the database was last loaded with, or None for a new database."""
        row = self._conn.execute(
            sa.select(framework_versions).order_by(framework_versions.c.id.desc()).limit(1)
        ).one_or_none()
        if row is None:
            return None
        return StoredFramework(
            id=row.id,
            framework=Framework.model_validate_json(row.document),
            loaded_at=row.loaded_at,
            files=tuple(json.loads(row.files)),
        )

    def newest_id(self) -> int | None:
        """The id of the current version (one indexed look-up), or None."""
        value = self._conn.execute(sa.select(sa.func.max(framework_versions.c.id))).scalar()
        return None if value is None else int(value)

    def history(self) -> list[tuple[int, str, str, datetime]]:
        """(id, organisation, version, loaded_at) of every stored version, oldest first."""
        rows = self._conn.execute(
            sa.select(
                framework_versions.c.id,
                framework_versions.c.organisation,
                framework_versions.c.version,
                framework_versions.c.loaded_at,
            ).order_by(framework_versions.c.id)
        )
        return [(r.id, r.organisation, r.version, r.loaded_at) for r in rows]

    def store(
        self, framework: Framework, files: list[str] | None = None
    ) -> tuple[StoredFramework, bool]:
        """Make `framework` current; returns it and whether a new version was written.

        Storing the framework that is already current writes nothing, so
        re-importing with the same framework leaves the database unchanged.
        """
        # Only what the authors wrote: a section they left out must stay absent when the
        # framework is read back, so no rule judges defaults nobody wrote.
        document = framework.model_dump_json(exclude_unset=True)
        current = self.current()
        if (
            current is not None
            and current.framework.model_dump_json(exclude_unset=True) == document
        ):
            return current, False
        loaded_at = datetime.now(UTC)
        new_id = self._conn.execute(
            sa.insert(framework_versions)
            .values(
                organisation=framework.organisation,
                version=framework.version,
                files=json.dumps(files or []),
                yaml=dump_framework(framework),
                document=document,
                loaded_at=loaded_at,
            )
            .returning(framework_versions.c.id)
        ).scalar_one()
        return StoredFramework(new_id, framework, loaded_at, tuple(files or [])), True
