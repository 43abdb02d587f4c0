"""Building the demo: generate the synthetic organisation, export it as CSV, write it to a database.

The database is written through `services.data.import_dataset`, so the demo
goes through exactly the validation and writes of an HRIS import; `--export`
writes the canonical CSV files an import reads back to the same database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.demo.accounts import DemoAccount, create_demo_accounts
from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    from latticework.framework.model import Framework
    from latticework.ingest.report import ImportReport
    from latticework.org.dataset import OrgDataset

Step = Callable[[str], None]
"""Told what the demo is doing now, for a status line on a terminal."""


@dataclass(frozen=True, slots=True)
class DemoRequest:
    """What to generate and where to put it."""

    people: int = 1200
    seed: int = 0
    years: int = 5
    disparities: bool = True
    as_of: date | None = None
    framework_files: tuple[Path, ...] = ()
    export_to: Path | None = None
    database_url: str | None = None
    replace: bool = False
    protected_attributes: bool = True


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    rows: int


@dataclass(frozen=True)
class DemoResult:
    """What was generated and written, with timings."""

    request: DemoRequest
    as_of: date
    active_people: int
    tables: list[TableCount]
    generate_seconds: float
    exported: list[tuple[Path, int]] = field(default_factory=list)
    import_report: ImportReport | None = None
    write_seconds: float = 0.0
    accounts: list[DemoAccount] = field(default_factory=list)
    """The four demo log-ins, created (or relinked) with every database write."""

    def to_dict(self) -> dict[str, object]:
        report = self.import_report
        return {
            "people": self.request.people,
            "seed": self.request.seed,
            "years": self.request.years,
            "disparities": self.request.disparities,
            "as_of": self.as_of.isoformat(),
            "active_people": self.active_people,
            "tables": {t.table: t.rows for t in self.tables},
            "generate_seconds": round(self.generate_seconds, 3),
            "exported": [{"file": str(p), "rows": n} for p, n in self.exported],
            "database": self.request.database_url,
            "write_seconds": round(self.write_seconds, 3),
            "warnings": [w.to_dict() for w in report.warnings] if report else [],
            "accounts": [
                {"username": a.username, "role": a.role.value, "employee_id": a.employee_id}
                for a in self.accounts
            ],
        }


def _quiet(_what: str) -> None:
    return None


def load_framework_for_demo(files: tuple[Path, ...]) -> Framework:
    from latticework.framework import load_default_framework, load_framework

    return (load_framework(files) if files else load_default_framework()).framework


def generate_demo(request: DemoRequest, framework: Framework) -> OrgDataset:
    from latticework.demo import Disparities, generate_organisation

    return generate_organisation(
        framework,
        people=request.people,
        seed=request.seed,
        years=request.years,
        as_of=request.as_of,
        disparities=Disparities() if request.disparities else Disparities.none(),
        protected_attributes=request.protected_attributes,
    )


def build_demo(request: DemoRequest, step: Step = _quiet) -> DemoResult:
    """Generate the organisation; export it and write the database when asked.

    The database write is all or nothing. A database that already holds an
    organisation is only overwritten with `replace`.
    """
    from latticework.ingest.export import write_csv_files

    framework = load_framework_for_demo(request.framework_files)
    step(f"Generating {request.people:,} people with {request.years} years of history")
    started = time.perf_counter()
    dataset = generate_demo(request, framework)
    generated = time.perf_counter() - started
    exported: list[tuple[Path, int]] = []
    if request.export_to is not None:
        step(f"Writing CSV files to {request.export_to}")
        exported = write_csv_files(dataset.frames(), request.export_to)
    report: ImportReport | None = None
    written = 0.0
    accounts: list[DemoAccount] = []
    if request.database_url is not None:
        step("Writing the database")
        started = time.perf_counter()
        report, accounts = _write_database(
            request.database_url, dataset, framework, replace=request.replace
        )
        written = time.perf_counter() - started
    return DemoResult(
        request=request,
        as_of=dataset.as_of,
        active_people=int((dataset.people["status"] == "active").sum()),
        tables=[TableCount(name, len(frame)) for name, frame in dataset.frames().items()],
        generate_seconds=generated,
        exported=exported,
        import_report=report,
        write_seconds=written,
        accounts=accounts,
    )


def write_demo_database(
    url: str, dataset: OrgDataset, framework: Framework, *, replace: bool = False
) -> ImportReport:
    """Write the organisation and the demo log-ins (see `_write_database`)."""
    return _write_database(url, dataset, framework, replace=replace)[0]


def _write_database(
    url: str, dataset: OrgDataset, framework: Framework, *, replace: bool = False
) -> tuple[ImportReport, list[DemoAccount]]:
    """Write the organisation in one transaction through the import's own checks, with the
    four demo log-ins linked to its people (a rebuilt demo relinks them: --replace clears
    the people the old links pointed at)."""
    from latticework.services.data import import_dataset, upgrade_database
    from latticework.storage import UnitOfWork

    upgrade_database(url)
    with UnitOfWork(url) as uow:
        existing = uow.organisation.count("people")
        if existing and not replace:
            raise LatticeworkError(
                Problem(
                    f"The database {url} already holds an organisation ({existing:,} people).",
                    fix="Use --replace to overwrite it with the demo, or another --db.",
                    code="demo",
                )
            )
        if existing:
            uow.organisation.clear()
        report = import_dataset(uow, dataset, framework)
        report.raise_for_errors()
        accounts = create_demo_accounts(uow)
        uow.commit()
    return report, accounts
