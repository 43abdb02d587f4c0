"""The audit report as a `Document`: one description that Markdown, HTML, PDF and text share.

Every format is built from the same blocks, so suppression applied in the
audit (null numbers, hidden group sizes) shows the same way everywhere: as
the word "suppressed", never as a number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from latticework.audit.model import (
    AuditReport,
    AuditSection,
    Cell,
    Chart,
    Comparison,
    Correction,
    Finding,
    Group,
    ResultTable,
    SectionStatus,
    Severity,
    TableColumn,
)
from latticework.audit.suppression import SUPPRESSED_TEXT, SUPPRESSION_NOTE
from latticework.audit.wording import p_value
from latticework.reports.document import (
    BarChart,
    Bullets,
    Callouts,
    Contents,
    Document,
    Heading,
    Item,
    LineChart,
    Link,
    Paragraph,
    Table,
    Tone,
    anchor_id,
)

MISSING = "–"
SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
SEVERITY_TONE: dict[Severity, Tone] = {
    # The dashboard's colours: red for high, amber for medium, blue for the rest.
    Severity.HIGH: "bad",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "normal",
}
CORRECTION_NAME = {Correction.HOLM: "Holm", Correction.BH: "Benjamini–Hochberg"}


def audit_document(report: AuditReport) -> Document:
    """Executive summary first (each finding once, with how sure, how many people and what
    to do next, linked to its evidence), then the contents, then one section per audit."""
    doc = Document(
        f"Track parity audit: {report.organisation}",
        subtitle=(
            f"Framework {report.framework_version} · data as of {report.as_of} · "
            f"period {report.period_start} to {report.period_end} · "
            f"{report.headcount:,} active people · minimum group size {report.options.min_group}"
        ),
    )
    index = _FindingIndex(report)
    doc.add(Heading("Executive summary", anchor=SUMMARY_ANCHOR))
    doc.add(Paragraph(_summary_line(report)))
    if report.findings:
        doc.add(Paragraph(_next_steps_line(report, index)))
        doc.add(Callouts([_finding_item(report, index, n, f) for n, f in index.numbered()]))
    else:
        doc.add(
            Paragraph("No findings: nothing suggests the tracks are treated unequally.", "good")
        )
    doc.add(
        Paragraph(
            f"Multiple comparisons: {report.correction}. A finding called statistically "
            "significant remains so after this correction.",
            tone="note",
        )
    )
    if report.suppressed:
        doc.add(Paragraph(SUPPRESSION_NOTE, tone="note"))
    doc.add(Contents())
    for section in report.sections:
        _section(doc, section, index)
    return doc


SUMMARY_ANCHOR = "summary"


def section_anchor(section_id: str) -> str:
    return "section-" + anchor_id(section_id)


def comparison_anchor(comparison_id: str) -> str:
    return "comparison-" + anchor_id(comparison_id)


def finding_anchor(number: int) -> str:
    return f"finding-{number}"


class _FindingIndex:
    """Numbers the report's findings F1, F2, … (most severe first) and finds their evidence."""

    def __init__(self, report: AuditReport) -> None:
        self.findings = list(report.findings)
        self.sections = {s.id: s for s in report.sections}
        self.comparisons = {c.id: c for s in report.sections for c in s.comparisons}
        self._numbers = {_key(f): n for n, f in enumerate(self.findings, start=1)}

    def numbered(self) -> list[tuple[int, Finding]]:
        return list(enumerate(self.findings, start=1))

    def number(self, finding: Finding) -> int | None:
        return self._numbers.get(_key(finding))

    def numbers_for_comparison(self, comparison_id: str) -> list[int]:
        return [n for n, f in self.numbered() if f.comparison == comparison_id]

    def comparison(self, finding: Finding) -> Comparison | None:
        return self.comparisons.get(finding.comparison) if finding.comparison else None


def _key(f: Finding) -> tuple[str, str, str | None]:
    return (f.audit, f.sentence, f.comparison)


def _summary_line(report: AuditReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.value}" for s in SEVERITY_ORDER if counts[s]]
    noun = "finding" if len(report.findings) == 1 else "findings"
    found = f"{len(report.findings)} {noun} ({', '.join(parts)})" if parts else "No findings"
    return (
        f"{found} from {len(report.sections)} audits of {report.headcount:,} active people "
        f"({', '.join(report.options.audits)})."
    )


Step = str
REMEDIATION: Step = "Remediation"
JUSTIFICATION: Step = "Justification"
MORE_DATA: Step = "More data"
FIX_FRAMEWORK: Step = "Framework change"


def next_step(finding: Finding, comparison: Comparison | None) -> tuple[Step, str]:
    """What to do about a finding: remediate what is confirmed, justify what crosses a legal
    threshold, gather more data for what is large but could be chance."""
    if finding.kind == "lint":
        return FIX_FRAMEWORK, "Change the framework as the rule says, then re-run the audit."
    if finding.kind == "structure":
        return (
            REMEDIATION,
            "Open the top grades to ICs in practice (promotions, hiring), or state in the "
            "framework why the track stops lower.",
        )
    if finding.kind == "threshold" and comparison is None:
        return (
            JUSTIFICATION,
            "Document the objective, gender-neutral criteria that explain the gap, or hold a "
            "joint pay assessment with the workers' representatives and correct it.",
        )
    if comparison is not None and not comparison.significant:
        return (
            MORE_DATA,
            "Large enough to matter but not statistically certain: watch it in the next "
            "period, widen the period (--period-start) or collect the missing records.",
        )
    is_pay = finding.audit in ("pay-parity", "demographic")
    if is_pay and comparison is not None and comparison.unit == "percent":
        return (
            REMEDIATION,
            "Plan pay adjustments that close the gap (or document the objective reasons "
            "that justify it), then re-run the audit.",
        )
    if finding.audit == "influence":
        return (
            REMEDIATION,
            "Invite the eligible ICs to the forum and give them its decision rights; review "
            "how membership is chosen.",
        )
    return (
        REMEDIATION,
        "Review the promotion decisions and criteria for this group with the promotion "
        "committee, then re-run the audit next period.",
    )


def _how_sure(finding: Finding, comparison: Comparison | None, report: AuditReport) -> str:
    correction = CORRECTION_NAME[report.options.correction]
    if comparison is not None and comparison.significant:
        adjusted = _p_words(comparison.p_adjusted)
        return (
            f"Statistically significant after the {correction} correction for "
            f"{report.tests} tests (adjusted {adjusted})."
        )
    if comparison is not None and comparison.p_value is not None:
        return (
            f"Not statistically significant (adjusted {_p_words(comparison.p_adjusted)}): "
            "the difference could be chance."
        )
    if finding.kind in ("lint", "structure"):
        return "A fact about the framework or the headcount, not an estimate."
    return "A threshold rule on the published figures, not a statistical test."


def _p_words(p: float | None) -> str:
    return p_value(p) if p is not None else "p not available"


def _people(comparison: Comparison | None) -> str:
    if comparison is None:
        return ""
    shown = [g for g in comparison.groups if g.n is not None]
    if not shown:
        return ""
    sizes = ", ".join(f"{g.label} {g.n:,}" for g in shown)
    hidden = len(comparison.groups) - len(shown)
    extra = " and a group below the minimum size" if hidden else ""
    return f"{sum(g.n or 0 for g in shown):,} ({sizes}){extra}"


def _finding_item(report: AuditReport, index: _FindingIndex, number: int, f: Finding) -> Item:
    comparison = index.comparison(f)
    step, action = next_step(f, comparison)
    details = [("How sure", _how_sure(f, comparison, report))]
    people = _people(comparison)
    if people:
        details.append(("People", people))
    details.append(("Next step", f"{step}. {action}"))
    section = index.sections.get(f.audit)
    where = section.title if section else f.audit
    if comparison is not None:
        link = Link(f"Evidence: {where}, “{comparison.what}”", comparison_anchor(comparison.id))
    else:
        link = Link(f"Evidence: {where}", section_anchor(f.audit))
    return Item(
        f.sentence,
        label=f"F{number} · {f.severity.value}",
        tone=SEVERITY_TONE[f.severity],
        details=details,
        links=[link],
        anchor=finding_anchor(number),
    )


def _next_steps_line(report: AuditReport, index: _FindingIndex) -> str:
    by_step: dict[Step, list[int]] = {}
    for number, f in index.numbered():
        step, _ = next_step(f, index.comparison(f))
        by_step.setdefault(step, []).append(number)
    parts = [
        f"{step.lower()} for {_numbers(numbers)}"
        for step in (REMEDIATION, JUSTIFICATION, MORE_DATA, FIX_FRAMEWORK)
        if (numbers := by_step.get(step))
    ]
    return "What to do next: " + "; ".join(parts) + "."


def _numbers(numbers: list[int]) -> str:
    return ", ".join(f"F{n}" for n in numbers)


def _section(doc: Document, section: AuditSection, index: _FindingIndex) -> None:
    doc.add(Heading(section.title, anchor=section_anchor(section.id)))
    doc.add(Paragraph(section.description))
    if section.status is SectionStatus.NOT_APPLICABLE:
        doc.add(Paragraph(f"Not applicable: {section.reason}", tone="note"))
        return
    if section.findings:
        numbers = [n for f in section.findings if (n := index.number(f)) is not None]
        unlisted = [f for f in section.findings if index.number(f) is None]
        worst = max(section.findings, key=lambda f: f.severity.rank).severity
        noun = "finding" if len(section.findings) == 1 else "findings"
        if numbers:
            doc.add(
                Paragraph(
                    f"{len(section.findings)} {noun}, stated in the executive summary:",
                    tone=SEVERITY_TONE[worst],
                    links=[Link(f"F{n}", finding_anchor(n)) for n in numbers],
                )
            )
        if unlisted:
            doc.add(Bullets([f"[{f.severity.value}] {f.sentence}" for f in unlisted]))
    if section.suppressed:
        doc.add(Paragraph(SUPPRESSION_NOTE, tone="note"))
    for chart in section.charts:
        doc.add(_chart(chart))
    if section.comparisons:
        doc.add(comparison_table(section.comparisons, index.numbers_for_comparison))
    for table in section.tables:
        if table.rows:
            doc.add(result_table(table))
    for note in section.notes:
        doc.add(Paragraph(note, tone="note"))
    if section.methods:
        doc.add(Paragraph("Methods:"), Bullets(section.methods))


def comparison_table(
    comparisons: list[Comparison],
    findings_of: Callable[[str], list[int]] = lambda _: [],
) -> Table:
    """The section's statistical comparisons; a row behind a finding says which (F2)."""
    rows = [
        [
            c.what,
            " vs ".join(_group(g) for g in c.groups),
            SUPPRESSED_TEXT if c.suppressed else _estimate(c.estimate, c.unit),
            SUPPRESSED_TEXT if c.suppressed else _interval(c),
            SUPPRESSED_TEXT if c.suppressed else _p(c.p_value),
            SUPPRESSED_TEXT if c.suppressed else _p(c.p_adjusted),
            _verdict(c) + "".join(f" · F{n}" for n in findings_of(c.id)),
        ]
        for c in comparisons
    ]
    return Table(
        ["Comparison", "Groups", "Estimate", "95 % CI", "p", "Adjusted p", "Result"],
        rows,
        caption="Statistical comparisons",
        numeric=[False, False, True, True, True, True, False],
        row_anchors=[comparison_anchor(c.id) for c in comparisons],
    )


def _group(g: Group) -> str:
    return f"{g.label} (n = {g.n})" if g.n is not None else f"{g.label} (n {SUPPRESSED_TEXT})"


def _verdict(c: Comparison) -> str:
    if c.suppressed:
        return SUPPRESSED_TEXT
    if c.significant is None:
        return "not estimable" if c.estimate is None else "no test"
    if c.significant:
        return "significant"
    return "not significant"


def _estimate(value: float | None, unit: str) -> str:
    if value is None:
        return MISSING
    if unit in ("percent", "percentage_points"):
        return f"{value * 100:+.1f} %"
    if unit == "months":
        return f"{value:.1f}"
    return f"{value:.2f}"


def _interval(c: Comparison) -> str:
    if c.ci_low is None or c.ci_high is None:
        return MISSING
    if c.unit in ("percent", "percentage_points"):
        return f"{c.ci_low * 100:+.1f} to {c.ci_high * 100:+.1f} %"
    return f"{c.ci_low:.2f} to {c.ci_high:.2f}"


def _p(p: float | None) -> str:
    return MISSING if p is None else p_value(p).removeprefix("p = ").replace("p < ", "< ")


def format_cell(value: Cell, column: TableColumn, suppressed: bool) -> str:
    """One table cell as text; a null number in a suppressed row reads 'suppressed'."""
    if value is None:
        return SUPPRESSED_TEXT if suppressed and column.kind != "text" else MISSING
    if isinstance(value, str):
        return value
    if column.kind == "int":
        return f"{int(value):,}"
    if column.kind == "money":
        return f"{value:,.0f}"
    if column.kind == "percent":
        return f"{value * 100:.1f} %"
    if column.kind == "months":
        return f"{value:.1f}"
    if column.kind in ("ratio", "number"):
        return f"{value:.2f}" if column.kind == "ratio" else f"{value:.3f}"
    return str(value)


def result_table(table: ResultTable) -> Table:
    rows = [
        [
            format_cell(cell, column, r.suppressed)
            for cell, column in zip(r.cells, table.columns, strict=True)
        ]
        for r in table.rows
    ]
    caption = table.title + (f" — {table.note}" if table.note else "")
    return Table(
        [c.name for c in table.columns],
        rows,
        caption=caption,
        numeric=[c.kind != "text" for c in table.columns],
        anchor="table-" + anchor_id(table.id),
    )


def _chart(chart: Chart) -> BarChart | LineChart:
    if chart.kind == "bar":
        return BarChart(
            chart.title,
            chart.categories,
            {s.name: s.values for s in chart.series},
            y_label=chart.y_label,
            reference_line=chart.reference_line,
            from_zero=chart.y_from_zero,
            integer=chart.y_integer,
            percent=chart.y_percent,
            reference_lines=chart.reference_lines,
        )
    series: dict[str, tuple[Sequence[float], Sequence[float]]] = {}
    for s in chart.series:
        points = [(x, y) for x, y in zip(s.x or [], s.values, strict=False) if y is not None]
        series[s.name] = ([x for x, _ in points], [y for _, y in points])
    return LineChart(
        chart.title, series, x_label=chart.x_label, y_label=chart.y_label, step=chart.step
    )
