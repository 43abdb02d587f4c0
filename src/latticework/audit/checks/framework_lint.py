"""Framework lint as the static audit, of the design before any data: ceilings, bands,
'strategic = senior'."""

from __future__ import annotations

from latticework.audit.context import AuditContext
from latticework.audit.model import (
    AuditSection,
    Finding,
    ResultTable,
    Severity,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit

SEVERITY = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "info": Severity.INFO}


@audit(
    "framework-lint",
    order=10,
    title="Framework lint",
    summary="The framework itself: equivalence gaps, IC ceiling, band parity, "
    "'strategic = senior' and lattice gaps (latticework check).",
)
def framework_lint(ctx: AuditContext) -> AuditSection:
    from latticework.framework.lint import Finding as LintFinding
    from latticework.framework.lint import lint

    found = ctx.lint_findings if ctx.lint_findings is not None else lint(ctx.framework)
    lint_findings = [f for f in found if isinstance(f, LintFinding)]
    findings = [
        Finding(
            audit="framework-lint",
            severity=SEVERITY[f.severity.value],
            kind="lint",
            sentence=f"{f.message} [{f.rule}]" + (f" Fix: {f.fix}" if f.fix else ""),
        )
        for f in lint_findings
    ]
    rows = [
        TableRow(
            cells=[
                f.rule,
                f.severity.value,
                f.message,
                str(f.location) if f.location.file else "",
            ]
        )
        for f in lint_findings
    ]
    return AuditSection(
        id="framework-lint",
        title=framework_lint.title,
        description=framework_lint.summary,
        methods=["Static rules of the framework linter (docs/lint-rules.md)"],
        findings=findings,
        tables=[
            ResultTable(
                id="framework-lint.findings",
                title="Lint findings",
                columns=[
                    TableColumn(name="Rule"),
                    TableColumn(name="Severity"),
                    TableColumn(name="Message"),
                    TableColumn(name="Where"),
                ],
                rows=rows,
            )
        ],
        notes=[] if rows else ["The framework has no lint findings."],
    )
