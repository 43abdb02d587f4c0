"""The remediation service: plan the cheapest raises for a gap, prove them by re-running the audit.

The per-person plan is people-role data: the CLI hands it to the operator who
ran the command; everything else (costs per zone, before/after) is aggregate
and follows the audit's suppression.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.accounts.model import Role, User
from latticework.audit import AuditOptions, AuditReport
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from latticework.remediation.before_after import AuditChange, audit_changes
from latticework.remediation.plan import Constraints, RemediationPlan
from latticework.remediation.targets import Target

if TYPE_CHECKING:
    import pandas as pd

    from latticework.storage import UnitOfWork


@dataclass(frozen=True)
class RemediationResult:
    plan: RemediationPlan
    before: AuditReport
    after: AuditReport
    changes: list[AuditChange]
    """Every audit number the raises moved, from the real audit before and after."""
    people: pd.DataFrame
    """The organisation's people table (for the events file and the updated records)."""
    min_group: int


def remediate_organisation(
    uow: UnitOfWork,
    target: Target,
    constraints: Constraints | None = None,
    *,
    options: AuditOptions | None = None,
    as_of: dt.date | None = None,
    framework_files: list[Path] | None = None,
) -> RemediationResult:
    """Read the stored organisation and plan the remediation of `target`, against the current
    framework (`services.frameworks`)."""
    from latticework.audit.history import AUDITED_EVENT_COLUMNS, CAREER_EVENT_TYPES
    from latticework.services.frameworks import current_framework

    dataset = OrgDataset(
        people=uow.organisation.table("people"),
        events=uow.organisation.table(
            "events", columns=AUDITED_EVENT_COLUMNS, only=("type", CAREER_EVENT_TYPES)
        ),
        participation=uow.organisation.table("participation"),
        as_of=as_of or dt.date.today(),
    )
    if dataset.people.empty:
        raise LatticeworkError(
            Problem(
                f"The database at {uow.url} holds no people.",
                fix="Import your HRIS export with `latticework import`, or run `latticework demo`.",
                code="remediation-data",
            )
        )
    framework = current_framework(uow, framework_files)
    return remediate_dataset(dataset, framework, target, constraints, options=options)


def remediate_dataset(
    dataset: OrgDataset,
    framework: Framework,
    target: Target,
    constraints: Constraints | None = None,
    *,
    options: AuditOptions | None = None,
) -> RemediationResult:
    """Plan on the audit's population, apply the raises in memory, and audit again."""
    from latticework.audit import run_audit
    from latticework.audit.categories import CategoryBasis, category_basis, level_categories
    from latticework.audit.population import build_population
    from latticework.remediation.changes import apply_raises
    from latticework.remediation.plan import plan_remediation

    options = options or AuditOptions()
    audits = ("pay-parity", "demographic", "eu-pay-transparency")
    audit_options = AuditOptions(
        period_start=options.period_start,
        period_end=options.period_end,
        audits=options.audits or audits,
        attributes=options.attributes,
        min_group=options.min_group,
        correction=options.correction,
        alpha=options.alpha,
        materiality=options.materiality,
        four_fifths=options.four_fifths,
        categories=options.categories,
        # The before/after table compares the gaps; resampled intervals would add seconds
        # at 100,000 people and no number the plan moves.
        bootstrap_draws=0,
    )
    basis = category_basis(options.categories)
    categories = None if basis is CategoryBasis.GRADE else level_categories(framework, basis)
    population = build_population(dataset.people, framework, dataset.as_of)
    plan = plan_remediation(
        population.active,
        framework,
        target,
        constraints,
        min_group=options.min_group,
        categories=categories,
    )
    before = run_audit(dataset, framework, audit_options)
    changed = OrgDataset(
        people=apply_raises(dataset.people, plan.raises),
        events=dataset.events,
        participation=dataset.participation,
        as_of=dataset.as_of,
    )
    after = run_audit(changed, framework, audit_options)
    return RemediationResult(
        plan=plan,
        before=before,
        after=after,
        changes=audit_changes(before, after),
        people=dataset.people,
        min_group=options.min_group,
    )


def write_plan_files(
    result: RemediationResult, directory: Path, effective: dt.date
) -> list[tuple[Path, int]]:
    """events.csv (one `pay_change` per raise) and people.csv (the raised people's records at
    their new pay) in the import format: `latticework import DIRECTORY` applies the plan."""
    from latticework.ingest.export import write_csv_files
    from latticework.remediation.changes import pay_change_events, raised_people

    if directory.exists() and not directory.is_dir():
        raise LatticeworkError(
            Problem(f"{directory} is a file, not a folder.", fix="Name a folder for the files.")
        )
    raises = result.plan.raises
    return write_csv_files(
        {
            "people": raised_people(result.people, raises),
            "events": pay_change_events(result.people, raises, effective),
        },
        directory,
    )


@dataclass(frozen=True)
class FindingRemediation:
    """The plan that closes one stored finding's gap, for the people role's web page."""

    run_id: int
    number: int
    sentence: str
    as_of: dt.date
    target: Target
    result: RemediationResult


def remediable(comparison_id: str | None) -> bool:
    """Whether a finding's gap is one a plan can close (the dashboard offers the page then)."""
    from latticework.remediation.targets import target_for_comparison

    return comparison_id is not None and target_for_comparison(comparison_id) is not None


def remediate_finding(
    uow: UnitOfWork, user: User, run_id: int, number: int, constraints: Constraints
) -> FindingRemediation:
    """Plan the raises that close finding F`number` of a stored run, on the data as it is now
    and at the run's date and minimum group size. The per-person plan is pay data: people
    role only, and everyone it raises is recorded in the access log as read."""
    from latticework.remediation.targets import target_for_comparison
    from latticework.services import accounts
    from latticework.services.access import not_found, require_role
    from latticework.services.audit_runs import run_by_id

    require_role(user, Role.PEOPLE, what="plan the raises that close a gap")
    run = run_by_id(uow, run_id)
    if run is None:
        raise not_found("audit run", str(run_id))
    findings = run.report.findings
    if not 1 <= number <= len(findings):
        raise not_found("finding", f"F{number}")
    finding = findings[number - 1]
    target = target_for_comparison(finding.comparison) if finding.comparison else None
    if target is None:
        raise not_found("remediation plan for finding", f"F{number}")
    options = AuditOptions(
        min_group=run.report.options.min_group,
        attributes=tuple(run.report.options.attributes),
    )
    result = remediate_organisation(
        uow, target, constraints, options=options, as_of=run.report.as_of
    )
    raised = [str(e) for e in result.plan.raises["employee_id"]]
    accounts.record_access(uow, user, "remediation.plan", raised, ["pay"])
    return FindingRemediation(run_id, number, finding.sentence, run.report.as_of, target, result)


def plan_files_zip(result: RemediationResult, effective: dt.date) -> bytes:
    """events.csv and people.csv of `write_plan_files` in one zip, for a browser download."""
    import io
    import tempfile
    import zipfile

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        written = write_plan_files(result, Path(folder), effective)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, _ in written:
                archive.write(path, arcname=path.name)
    return buffer.getvalue()
