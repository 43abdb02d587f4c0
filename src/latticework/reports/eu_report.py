"""The Article 9 report in every format: text, JSON, Markdown, HTML, PDF and one CSV per item.

All formats come from one `Article9Report`, whose suppressed rows already
hold no numbers, so a suppressed figure cannot appear in any of them.
"""

from __future__ import annotations

import csv
import io
import json

from latticework.audit.suppression import SUPPRESSED_TEXT
from latticework.audit.wording import percent
from latticework.compliance.article9 import SUPPRESSED_MEANING, Article9Report, Cell, Indicator
from latticework.reports.document import Document, Heading, Paragraph, Table, render
from latticework.reports.eu_text import to_text

JSON_KIND = "eu-pay-transparency-article9"
JSON_VERSION = 1


def cell_text(value: Cell, kind: str, suppressed: bool) -> str:
    if value is None:
        return SUPPRESSED_TEXT if suppressed else "n/a"
    if kind == "percent" and isinstance(value, float | int):
        return percent(float(value))
    return str(value)


def indicator_table(indicator: Indicator) -> Table:
    rows = [
        [cell_text(v, k, s) for v, k in zip(row, indicator.kinds, strict=True)]
        for row, s in zip(indicator.rows, indicator.suppressed, strict=True)
    ]
    return Table(
        columns=indicator.columns,
        rows=rows,
        numeric=[k != "text" for k in indicator.kinds],
    )


def report_document(report: Article9Report) -> Document:
    submitted = (
        f"submitted on {report.submitted_on.isoformat()}"
        if report.submitted_on
        else "not recorded as submitted"
    )
    doc = Document(
        title=f"Pay transparency report (Directive (EU) 2023/970, Art. 9): {report.legal_entity}",
        subtitle=f"Reference year {report.year}"
        + (f" (pay as of {report.pay_date.isoformat()})" if report.pay_date else "")
        + f"; {submitted}; currency {report.currency or 'n/a'}",
    )
    heads = (
        f"{report.women} women and {report.men} men"
        if report.women is not None and report.men is not None
        else "head counts not shown (a category was suppressed, and the total would reveal it)"
    )
    doc.add(
        Paragraph(
            f"Workers compared: {heads}. Pay gap = {report.definition}. Annual pay is gross "
            "annual pay per full-time equivalent; hourly pay is gross pay received over "
            "contractual hours. Categories of workers: " + report.category_basis + "."
        )
    )
    for note in report.notes:
        doc.add(Paragraph(note, tone="note"))
    if report.hours_assumed:
        doc.add(
            Paragraph(
                f"{report.hours_assumed} worker(s) have no contractual hours_per_week; their "
                "hourly pay assumes a full-time year of 2,080 hours.",
                tone="note",
            )
        )
    for indicator in report.indicators:
        doc.add(Heading(f"{indicator.article} {indicator.title}"), indicator_table(indicator))
        if indicator.note:
            doc.add(Paragraph(indicator.note, tone="note"))
    if report.suppressed:
        doc.add(Paragraph(SUPPRESSED_MEANING.format(n=report.min_group), tone="note"))
    flagged = report.flagged_categories()
    if flagged:
        doc.add(
            Paragraph(
                "Categories with a gap of 5 % or more: " + ", ".join(flagged) + ". Unless "
                "objective, gender-neutral criteria justify the gap or it is remedied within "
                "six months of this report, a joint pay assessment is due (Art. 10; "
                "`latticework eu assess`).",
                tone="warning",
            )
        )
    return doc


def report_dict(report: Article9Report) -> dict[str, object]:
    return {
        "kind": JSON_KIND,
        "version": JSON_VERSION,
        "legal_entity": report.legal_entity,
        "year": report.year,
        "submitted_on": report.submitted_on.isoformat() if report.submitted_on else None,
        "currency": report.currency,
        "min_group": report.min_group,
        "women": report.women,
        "men": report.men,
        "hours_assumed": report.hours_assumed,
        "category_basis": report.category_basis,
        "pay_date": report.pay_date.isoformat() if report.pay_date else None,
        "notes": report.notes,
        "definition": report.definition,
        "suppressed": report.suppressed,
        "flagged_categories": report.flagged_categories(),
        "indicators": [
            {
                "item": i.item,
                "article": i.article,
                "title": i.title,
                "columns": list(i.columns),
                "rows": [dict(zip(i.columns, r, strict=True)) for r in i.rows],
                "suppressed": i.suppressed,
                "note": i.note,
            }
            for i in report.indicators
        ],
    }


def report_json(report: Article9Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False)


def indicator_csv(indicator: Indicator) -> str:
    """One item as CSV: raw numbers (fractions for gaps and shares), `suppressed` where hidden."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*indicator.columns, "suppressed"])
    for row, suppressed in zip(indicator.rows, indicator.suppressed, strict=True):
        cells = ["" if v is None else v for v in row]
        writer.writerow([*cells, "yes" if suppressed else "no"])
    return buffer.getvalue()


def csv_file_name(indicator: Indicator) -> str:
    return f"article9-{indicator.item}.csv"


def render_report(report: Article9Report, fmt: str) -> str | bytes:
    if fmt == "json":
        return report_json(report)
    doc = report_document(report)
    return to_text(doc) if fmt == "text" else render(doc, fmt)
