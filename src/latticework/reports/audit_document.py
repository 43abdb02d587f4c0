"""The audit report as a `Document`: one description that Markdown, HTML, PDF and text share.

Every format is built from the same blocks, so suppression applied in the
audit (null numbers, hidden group sizes) shows the same way everywhere: as
the word "suppressed", never as a number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from latticework.audit.model import (
    AuditReport,
    AuditSection,
    Cell,
    Chart,
    Comparison,
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
    Document,
    Heading,
    LineChart,
    Paragraph,
    Table,
)

MISSING = "–"
SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)


def audit_document(report: AuditReport) -> Document:
    doc = Document(
        f"Track parity audit: {report.organisation}",
        subtitle=(
            f"Framework {report.framework_version} · data as of {report.as_of} · "
            f"period {report.period_start} to {report.period_end} · "
            f"{report.headcount} active people · minimum group size {report.options.min_group}"
        ),
    )
    doc.add(Heading("Summary"))
    doc.add(Paragraph(_summary_line(report)))
    doc.add(
        Paragraph(
            f"Multiple comparisons: {report.correction}. A finding marked 'test' is "
            "statistically significant after this correction.",
            tone="note",
        )
    )
    if report.suppressed:
        doc.add(Paragraph(SUPPRESSION_NOTE, tone="note"))
    if report.findings:
        doc.add(
            Bullets([f"[{f.severity.value}] {f.sentence}" for f in report.findings]),
        )
    else:
        doc.add(
            Paragraph("No findings: nothing suggests the tracks are treated unequally.", "good")
        )
    for section in report.sections:
        _section(doc, section)
    return doc


def _summary_line(report: AuditReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.value}" for s in SEVERITY_ORDER if counts[s]]
    audits = ", ".join(report.options.audits)
    found = ", ".join(parts) if parts else "no"
    noun = "finding" if len(report.findings) == 1 else "findings"
    return f"{found} {noun} from {len(report.sections)} audits ({audits})."


def _section(doc: Document, section: AuditSection) -> None:
    doc.add(Heading(section.title), Paragraph(section.description))
    if section.status is SectionStatus.NOT_APPLICABLE:
        doc.add(Paragraph(f"Not applicable: {section.reason}", tone="note"))
        return
    if section.findings:
        serious = any(f.severity.rank >= 2 for f in section.findings)
        count = f"{len(section.findings)} finding(s):"
        doc.add(Paragraph(count, tone="warning") if serious else Paragraph(count))
        doc.add(Bullets([f"[{f.severity.value}] {f.sentence}" for f in section.findings]))
    if section.suppressed:
        doc.add(Paragraph(SUPPRESSION_NOTE, tone="note"))
    for chart in section.charts:
        doc.add(_chart(chart))
    if section.comparisons:
        doc.add(comparison_table(section.comparisons))
    for table in section.tables:
        if table.rows:
            doc.add(result_table(table))
    for note in section.notes:
        doc.add(Paragraph(note, tone="note"))
    if section.methods:
        doc.add(Paragraph("Methods:"), Bullets(section.methods))


def comparison_table(comparisons: list[Comparison]) -> Table:
    rows = [
        [
            c.what,
            " vs ".join(_group(g) for g in c.groups),
            SUPPRESSED_TEXT if c.suppressed else _estimate(c.estimate, c.unit),
            SUPPRESSED_TEXT if c.suppressed else _interval(c),
            SUPPRESSED_TEXT if c.suppressed else _p(c.p_value),
            SUPPRESSED_TEXT if c.suppressed else _p(c.p_adjusted),
            _verdict(c),
        ]
        for c in comparisons
    ]
    return Table(
        ["Comparison", "Groups", "Estimate", "95 % CI", "p", "Adjusted p", "Result"],
        rows,
        caption="Statistical comparisons",
        numeric=[False, False, True, True, True, True, False],
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
    )


def _chart(chart: Chart) -> BarChart | LineChart:
    if chart.kind == "bar":
        return BarChart(
            chart.title,
            chart.categories,
            {s.name: s.values for s in chart.series},
            y_label=chart.y_label,
            reference_line=chart.reference_line,
        )
    series: dict[str, tuple[Sequence[float], Sequence[float]]] = {}
    for s in chart.series:
        points = [(x, y) for x, y in zip(s.x or [], s.values, strict=False) if y is not None]
        series[s.name] = ([x for x, _ in points], [y for _, y in points])
    return LineChart(
        chart.title, series, x_label=chart.x_label, y_label=chart.y_label, step=chart.step
    )
