"""`latticework audit`: prove whether the tracks are equal in pay, advancement and influence."""

from __future__ import annotations

import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    AsOfOption,
    DbOption,
    FormatOption,
    MinGroupOption,
    OutOption,
    OutputFormat,
    day,
    open_unit_of_work,
    reported,
    stderr_console,
    text_width,
    write_output,
)

if TYPE_CHECKING:
    from latticework.audit import AuditOptions, AuditReport
    from latticework.services.audit_runs import AuditRun
    from latticework.storage import UnitOfWork


class CorrectionChoice(StrEnum):
    HOLM = "holm"
    BH = "bh"


class CategoriesChoice(StrEnum):
    """Categories of work of equal value (audit/categories.py)."""

    GRADE = "grade"
    VALUE = "value"


class SeverityChoice(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command("audit")(audit)


def audit(
    db: DbOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    out: OutOption = None,
    period_start: Annotated[
        datetime | None,
        typer.Option(
            "--period-start",
            formats=["%Y-%m-%d"],
            help="First day of the promotion and participation period (default: a year "
            "before the period end).",
            show_default=False,
        ),
    ] = None,
    period_end: Annotated[
        datetime | None,
        typer.Option(
            "--period-end",
            formats=["%Y-%m-%d"],
            help="Last day of the period (default: the data's date).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    audits: Annotated[
        str | None,
        typer.Option(
            "--audits",
            help="Comma-separated audit ids to run (default: all; see docs/audit-methods.md).",
            show_default=False,
        ),
    ] = None,
    attributes: Annotated[
        str | None,
        typer.Option(
            "--attributes",
            help="Comma-separated protected attributes for the demographic audits "
            "(default: gender,ethnicity when present; 'none' to skip them).",
            show_default=False,
        ),
    ] = None,
    min_group: MinGroupOption = 5,
    tolerance: Annotated[
        str | None,
        typer.Option(
            "--tolerance",
            help="Also test whether each adjusted pay gap exceeds this size, one-sided "
            "(e.g. 5% as in the Swiss Logib standard).",
            show_default=False,
        ),
    ] = None,
    bootstrap_draws: Annotated[
        int,
        typer.Option(
            "--bootstrap-draws",
            min=0,
            help="Bootstrap draws for the Oaxaca–Blinder intervals (0: no intervals).",
        ),
    ] = 200,
    correction: Annotated[
        CorrectionChoice,
        typer.Option(
            "--correction",
            case_sensitive=False,
            help="Multiple-comparison control: Holm (family-wise) or Benjamini–Hochberg (FDR).",
        ),
    ] = CorrectionChoice.HOLM,
    fail_on: Annotated[
        SeverityChoice | None,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when a finding of this severity or worse exists (default: exit 0).",
            show_default=False,
        ),
    ] = None,
    framework_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--framework",
            help="Framework YAML files to audit against (default: the framework stored "
            "with the data). Repeat for several files.",
            show_default=False,
        ),
    ] = None,
    categories: Annotated[
        CategoriesChoice,
        typer.Option(
            "--categories",
            case_sensitive=False,
            help="Categories of work of equal value for the EU report: grade, or value "
            "(the evaluated value bands of the framework's job evaluation).",
        ),
    ] = CategoriesChoice.GRADE,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Also store this run in the database, where the web dashboard shows it.",
        ),
    ] = False,
) -> None:
    """Audit pay, advancement, ceiling and influence parity between the tracks.

    Every result names its method, groups and sizes, 95 % interval and p-value;
    p-values are adjusted for multiple comparisons across the report; groups
    smaller than --min-group are suppressed in every format. Exits 0 even with
    findings unless --fail-on is given; 1 for bad input, 2 for usage errors.

    Example:
        latticework audit --format html --out audit.html
        latticework audit --audits pay-parity,advancement --period-start 2025-01-01 --format json
        latticework audit --save
    """
    from latticework.audit import AuditOptions, Correction, Severity
    from latticework.reports.audit_render import render_audit
    from latticework.services.accounts import utcnow
    from latticework.services.audit import audit_organisation

    options = AuditOptions(
        period_start=day(period_start),
        period_end=day(period_end),
        audits=_ids(audits),
        attributes=None if attributes is None else _attributes(attributes),
        min_group=min_group,
        correction=Correction(correction.value),
        tolerance=None if tolerance is None else _fraction(tolerance),
        categories=categories.value,
        bootstrap_draws=bootstrap_draws,
    )
    started_at = utcnow()
    with reported(), _working(), open_unit_of_work(db) as uow:
        report = audit_organisation(uow, options, framework_files=framework_files, as_of=day(as_of))
        if save:
            run = _save(uow, report, options, day(as_of), framework_files, started_at)
            uow.commit()
            stderr_console().print(f"Saved as audit run {run.id}.")
    write_output(render_audit(report, output_format.value, text_width(out)), out)
    worst = report.max_severity()
    if fail_on is not None and worst is not None and worst.rank >= Severity(fail_on.value).rank:
        raise typer.Exit(EXIT_FINDINGS)


def _save(
    uow: UnitOfWork,
    report: AuditReport,
    options: AuditOptions,
    as_of: date | None,
    framework_files: list[Path] | None,
    started_at: datetime,
) -> AuditRun:
    """Store the run where the web dashboard shows it (by `cli:<login>`)."""
    import getpass

    from latticework.services.accounts import utcnow
    from latticework.services.audit_runs import run_options, store_run

    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        login = "unknown"
    return store_run(
        uow,
        report,
        run_options(options, as_of, framework_files),
        user=f"cli:{login}",
        started_at=started_at,
        finished_at=utcnow(),
    )


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


def _fraction(text: str) -> float:
    """ "5%" or "0.05" → 0.05; anything else is a usage error."""
    cleaned = text.strip()
    try:
        value = float(cleaned.rstrip("%").strip())
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a percentage or fraction (e.g. 5% or 0.05).", param_hint="--tolerance"
        ) from None
    return value / 100 if cleaned.endswith("%") else value


def _attributes(text: str) -> tuple[str, ...]:
    return () if text.strip().lower() == "none" else _ids(text)


class _working:  # noqa: N801 - a context manager
    """A spinner on a terminal; nothing when standard error is piped."""

    def __enter__(self) -> None:
        self._status = None
        if sys.stderr.isatty():
            self._status = stderr_console().status("Auditing…")
            self._status.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.__exit__(None, None, None)
