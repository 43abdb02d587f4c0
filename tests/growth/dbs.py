"""Real SQLite databases for the growth CLI tests, written through the data services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from latticework.framework import Framework
from latticework.org.dataset import OrgDataset
from latticework.services.data import import_dataset, upgrade_database
from latticework.storage import UnitOfWork


def write_database(path: Path, framework: Framework, org: OrgDataset) -> str:
    url = f"sqlite:///{path}"
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        uow.frameworks.store(framework, [])
        report = import_dataset(uow, org, framework, today=date(2026, 11, 1))
        assert not report.errors, [str(e) for e in report.errors][:5]
        uow.commit()
    return url
