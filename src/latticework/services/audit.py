"""The audit service: load the organisation and its framework from storage, run the audit.

The CLI and the web app both call `audit_organisation` inside their unit of
work; it reads the tables the audits need and hands plain frames to the audit
domain, against the current framework (`services.frameworks`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.audit import AuditOptions, AuditReport, run_audit
from latticework.audit.engine import Progress
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from latticework.services.frameworks import current_framework

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork


def audit_organisation(
    uow: UnitOfWork,
    options: AuditOptions | None = None,
    *,
    framework_files: list[Path] | None = None,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Audit the stored organisation against the current framework (or the given files).

    `as_of` is the date the data describes (default: today); the default
    period is the twelve months before it.
    """
    from latticework.audit.context import audit_period
    from latticework.audit.history import AUDITED_EVENT_COLUMNS, CAREER_EVENT_TYPES
    from latticework.audit.population import UNUSED_COLUMNS
    from latticework.org.validity import recorded_date_problems
    from latticework.storage import frame_columns

    # A date outside the range pandas holds would end in a traceback deep in the audit.
    problems = recorded_date_problems(as_of, "as_of")
    if problems:
        raise LatticeworkError(problems)

    as_of = as_of or date.today()
    people_columns = [c for c in frame_columns("people") if c not in UNUSED_COLUMNS]
    # Only the tables the audits read: impact and assessments are the largest and unused.
    dataset = OrgDataset(
        people=uow.organisation.table("people", columns=people_columns),
        # Pay changes are two thirds of all events and no audit reads them.
        events=uow.organisation.table(
            "events", columns=AUDITED_EVENT_COLUMNS, only=("type", CAREER_EVENT_TYPES)
        ),
        # Only the period's forum records: no audit reads the others (half the table).
        participation=uow.organisation.table(
            "participation", between=("date", *audit_period(options or AuditOptions(), as_of))
        ),
        as_of=as_of,
    )
    if dataset.people.empty:
        raise LatticeworkError(
            Problem(
                f"The database at {uow.url} holds no people to audit.",
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
    else:
        framework = current_framework(uow)
    return audit_dataset(
        dataset, framework, options, lint_findings=lint_findings, progress=progress
    )


def audit_dataset(
    dataset: OrgDataset,
    framework: Framework,
    options: AuditOptions | None = None,
    *,
    lint_findings: list[object] | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Audit an organisation already in memory (the demo generator, tests, benchmarks)."""
    return run_audit(dataset, framework, options, lint_findings=lint_findings, progress=progress)
