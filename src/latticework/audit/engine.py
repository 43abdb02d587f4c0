"""Run the selected audits, control multiple comparisons across the report, collect findings."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from latticework.audit.context import KNOWN_ATTRIBUTES, AuditContext, AuditOptions
from latticework.audit.model import (
    AuditReport,
    AuditSection,
    Comparison,
    Finding,
    ReportOptions,
    Severity,
)
from latticework.audit.registry import all_audits
from latticework.audit.stats import adjust_p_values
from latticework.audit.wording import sentence
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework

if TYPE_CHECKING:
    from latticework.org.dataset import OrgDataset

CORRECTION_LABEL = {"holm": "Holm", "bh": "BH"}

Progress = Callable[[int, int, str], None]
"""Told `(done, total, audit id)` before each audit runs (a job queue shows it)."""


def audit_ids() -> list[str]:
    return [a.id for a in all_audits()]


def run_audit(
    dataset: OrgDataset,
    framework: Framework,
    options: AuditOptions | None = None,
    *,
    lint_findings: list[object] | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Every selected audit on one organisation, with p-values adjusted across the whole report.

    The family for multiple-comparison control is every test in the report, so
    the stated error rate (family-wise for Holm, false discovery for
    Benjamini–Hochberg) holds for the report as a whole.
    """
    options = options or AuditOptions()
    _validate(options)
    audits = all_audits()
    if options.audits:
        audits = [a for a in audits if a.id in options.audits]
    ctx = AuditContext(dataset, framework, options, lint_findings=lint_findings)
    with _one_blas_thread():
        sections = []
        for done, audit in enumerate(audits):
            if progress is not None:
                progress(done, len(audits), audit.id)
            sections.append(audit.run(ctx))
    sections, tests, excluded = _correct(sections, options)
    findings = sorted(
        (f for s in sections for f in s.findings),
        key=lambda f: (-f.severity.rank, f.audit),
    )
    start, end = ctx.period
    return AuditReport(
        organisation=framework.organisation,
        framework_version=framework.version,
        as_of=dataset.as_of,
        period_start=start,
        period_end=end,
        options=ReportOptions(
            min_group=options.min_group,
            correction=options.correction,
            alpha=options.alpha,
            audits=[a.id for a in audits],
            attributes=ctx.attributes(),
        ),
        correction=(
            f"{options.correction.description} over all {tests} tests in this report"
            f"{_excluded_text(excluded)}, alpha = {options.alpha} (statsmodels multipletests)"
            if tests
            else f"{options.correction.description}: no statistical test could be run in "
            "this report (groups below the minimum size, or nothing to compare)"
        ),
        tests=tests,
        tests_excluded=excluded,
        headcount=len(ctx.population.active),
        suppressed=any(s.suppressed for s in sections),
        findings=findings,
        sections=sections,
    )


def _excluded_text(excluded: int) -> str:
    if not excluded:
        return ""
    what = "test" if excluded == 1 else "tests"
    return (
        f" ({excluded} more {what} left out: no possible outcome could reject them, "
        "or they repeat another test exactly)"
    )


def _one_blas_thread() -> AbstractContextManager[object]:
    """Run the linear algebra on one BLAS thread.

    The audit's designs are tall and thin (people × ~20 columns), where threads
    gain nothing; on a busy machine OpenBLAS's waiting threads made each SVD up
    to 35 times slower (docs/benchmarks-audit.md).
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


def _validate(options: AuditOptions) -> None:
    problems: list[Problem] = []
    known = audit_ids()
    for audit_id in options.audits:
        if audit_id not in known:
            problems.append(
                Problem(
                    f"Unknown audit {audit_id!r}.",
                    fix=f"Choose from: {', '.join(known)}.",
                    code="audit-id",
                )
            )
    unknown = [a for a in options.attributes or () if a not in KNOWN_ATTRIBUTES]
    if unknown:
        problems.append(
            Problem(
                f"Unknown protected attribute(s) {', '.join(repr(a) for a in unknown)}.",
                fix=f"Choose from: {', '.join(KNOWN_ATTRIBUTES)} (or none to skip them).",
                code="audit-option",
            )
        )
    if options.min_group < 1:
        problems.append(
            Problem("--min-group must be at least 1.", fix="Use 5 or more.", code="audit-option")
        )
    if options.tolerance is not None and not 0 < options.tolerance < 0.5:
        problems.append(
            Problem(
                f"--tolerance {options.tolerance} is not a fraction between 0 and 0.5.",
                fix="Use e.g. 5% or 0.05.",
                code="audit-option",
            )
        )
    if not 0 < options.alpha < 1:
        problems.append(Problem("alpha must be between 0 and 1.", code="audit-option"))
    if (
        options.period_start is not None
        and options.period_end is not None
        and options.period_start >= options.period_end
    ):
        problems.append(
            Problem(
                f"The period starts ({options.period_start}) on or after it ends "
                f"({options.period_end}).",
                fix="Give --period-start before --period-end.",
                code="audit-option",
            )
        )
    if problems:
        raise LatticeworkError(problems)


def _duplicate_key(c: Comparison) -> tuple[object, ...]:
    """Comparisons with the same key repeat one test on the same data (total pay = base pay
    when no one has variable pay): same audit, groups, estimate, interval and p-value."""
    return (
        c.audit,
        tuple((g.label, g.n) for g in c.groups),
        c.method,
        *(None if v is None else round(v, 12) for v in (c.estimate, c.ci_low, c.ci_high)),
        None if c.p_value is None else float(f"{c.p_value:.12g}"),
    )


def _family(
    sections: list[AuditSection],
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], tuple[int, int]]]:
    """The tests the correction covers, and each exact duplicate's original.

    Left out of the family: tests that cannot reject (marked `untestable` by the audit)
    and exact duplicates, which would count one piece of evidence twice and make every
    other test's adjusted p-value larger.
    """
    tested: list[tuple[int, int]] = []
    duplicates: dict[tuple[int, int], tuple[int, int]] = {}
    seen: dict[tuple[object, ...], tuple[int, int]] = {}
    for i, s in enumerate(sections):
        for j, c in enumerate(s.comparisons):
            if c.p_value is None or c.suppressed:
                continue
            key = _duplicate_key(c)
            if key in seen:
                duplicates[(i, j)] = seen[key]
                continue
            seen[key] = (i, j)
            tested.append((i, j))
    return tested, duplicates


def _correct(
    sections: list[AuditSection], options: AuditOptions
) -> tuple[list[AuditSection], int, int]:
    """Adjust every p-value in the report at once, then write sentences and test findings.

    Returns the sections, the family size m and the number of tests left out of it.
    """
    tested, duplicates = _family(sections)
    reject, adjusted = adjust_p_values(
        [sections[i].comparisons[j].p_value or 0.0 for i, j in tested],
        options.correction.statsmodels_method,
        options.alpha,
    )
    decisions = {pos: (r, a) for pos, r, a in zip(tested, reject, adjusted, strict=True)}
    label = CORRECTION_LABEL[options.correction.value]
    result = []
    untestable = 0
    for i, section in enumerate(sections):
        comparisons: list[Comparison] = []
        findings: list[Finding] = list(section.findings)
        for j, c in enumerate(section.comparisons):
            original = duplicates.get((i, j))
            if (i, j) in decisions:
                significant, p_adj = decisions[(i, j)]
                c = c.model_copy(
                    update={"p_adjusted": p_adj, "significant": significant, "family": "tested"}
                )
            elif original is not None:
                significant, p_adj = decisions[original]
                c = c.model_copy(
                    update={
                        "p_adjusted": p_adj,
                        "significant": significant,
                        "family": "duplicate",
                        "duplicate_of": sections[original[0]].comparisons[original[1]].id,
                    }
                )
            untestable += c.family == "untestable"
            c = c.model_copy(update={"sentence": sentence(c, label)})
            comparisons.append(c)
            if c.family == "duplicate" or c.reason:
                continue  # one finding per piece of evidence; none without an estimate
            if c.material and c.significant is False and c.flag_unconfirmed:
                findings.append(
                    Finding(
                        audit=c.audit,
                        severity=Severity.LOW,
                        kind="threshold",
                        sentence=f"{c.sentence} Large enough to matter, but not statistically "
                        "significant after correction for multiple comparisons.",
                        comparison=c.id,
                    )
                )
            if c.significant:
                findings.append(
                    Finding(
                        audit=c.audit,
                        severity=Severity.HIGH if c.material else Severity.MEDIUM,
                        kind="test",
                        sentence=c.sentence,
                        comparison=c.id,
                    )
                )
        findings.sort(key=lambda f: -f.severity.rank)
        result.append(section.model_copy(update={"comparisons": comparisons, "findings": findings}))
    return result, len(tested), untestable + len(duplicates)
