"""The audit service: load the organisation and its framework from storage, run the audit.

The CLI and the web app both call `audit_organisation`; it reads everything in
one read-only unit of work and hands plain frames to the audit domain.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from latticework.audit import AuditOptions, AuditReport, run_audit
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset


def audit_organisation(
    url: str,
    options: AuditOptions | None = None,
    *,
    framework_files: list[Path] | None = None,
    as_of: date | None = None,
) -> AuditReport:
    """Audit the organisation stored at `url` against its current framework (or the given files).

    `as_of` is the date the data describes (default: today); the default
    period is the twelve months before it.
    """
    from latticework.audit.history import AUDITED_EVENT_COLUMNS, CAREER_EVENT_TYPES
    from latticework.audit.population import UNUSED_COLUMNS
    from latticework.storage.frames import frame_columns
    from latticework.storage.framework_store import current_framework
    from latticework.storage.migrate import require_current_schema
    from latticework.storage.reading import read_table
    from latticework.storage.unit_of_work import UnitOfWork

    require_current_schema(url)
    people_columns = [c for c in frame_columns("people") if c not in UNUSED_COLUMNS]
    with UnitOfWork(url) as uow:
        stored = current_framework(uow.connection)
        # Only the tables the audits read: impact and assessments are the largest and unused.
        dataset = OrgDataset(
            people=read_table(uow.connection, "people", columns=people_columns),
            # Pay changes are two thirds of all events and no audit reads them.
            events=read_table(
                uow.connection,
                "events",
                columns=AUDITED_EVENT_COLUMNS,
                only=("type", CAREER_EVENT_TYPES),
            ),
            participation=read_table(uow.connection, "participation"),
            as_of=as_of or date.today(),
        )
    if dataset.people.empty:
        raise LatticeworkError(
            Problem(
                f"The database at {url} holds no people to audit.",
                fix="Import your HRIS export with `latticework import`, or create the demo "
                "organisation with `latticework demo`.",
                code="audit-empty",
            )
        )
    lint_findings: list[object] | None = None
    if framework_files:
        from latticework.framework import load_framework
        from latticework.framework.lint import lint

        loaded = load_framework(framework_files)
        framework = loaded.framework
        lint_findings = list(lint(loaded))
    elif stored is not None:
        framework = stored.framework
    else:
        raise LatticeworkError(
            Problem(
                "The database has no framework stored with its organisation.",
                fix="Pass the framework files with --framework, or import with one.",
                code="audit-framework",
            )
        )
    return audit_dataset(dataset, framework, options, lint_findings=lint_findings)


def audit_dataset(
    dataset: OrgDataset,
    framework: Framework,
    options: AuditOptions | None = None,
    *,
    lint_findings: list[object] | None = None,
) -> AuditReport:
    """Audit an organisation already in memory (the demo generator, tests, benchmarks)."""
    return run_audit(dataset, framework, options, lint_findings=lint_findings)
