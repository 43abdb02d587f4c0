"""The Article 10(2) joint pay assessment document (text, JSON, Markdown, HTML, PDF)."""

from __future__ import annotations

import json

from latticework.audit.suppression import SUPPRESSED_TEXT
from latticework.audit.wording import percent
from latticework.compliance.article10 import REMEDY_MONTHS, CategoryAssessment, JointAssessment
from latticework.compliance.decomposition import FACTORS, METHOD
from latticework.compliance.gaps import SEXES
from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table, render
from latticework.reports.eu_text import to_text

KIND = "eu-pay-transparency-article10"


def _pct(value: float | None, suppressed: bool) -> str:
    return SUPPRESSED_TEXT if suppressed else percent(value)


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}".strip()


def assessment_document(a: JointAssessment) -> Document:
    submitted = (
        f"report submitted on {a.submitted_on.isoformat()}"
        if a.submitted_on
        else "report not recorded as submitted"
    )
    doc = Document(
        title=f"Joint pay assessment (Directive (EU) 2023/970, Art. 10): {a.legal_entity}",
        subtitle=f"Reference year {a.year}; {submitted}; as of {a.as_of.isoformat()}",
    )
    due = a.triggered
    doc.add(
        Paragraph(
            (
                "A joint pay assessment is due for: " + ", ".join(due) + ". Their gap is 5 % "
                "or more, the justifications do not explain it, and it was not remedied within "
                f"{REMEDY_MONTHS} months of the report."
            )
            if due
            else "No category meets the trigger of Art. 10(1) on this date.",
            tone="warning" if due else "good",
        )
    )
    rows = a.categories
    doc.add(
        Heading("(a) Women and men in each category of workers"),
        Table(
            columns=["Category", "Women", "Men", "Share of women"],
            rows=[
                [c.category, SUPPRESSED_TEXT, SUPPRESSED_TEXT, SUPPRESSED_TEXT]
                if c.suppressed
                else [c.category, str(c.women), str(c.men), percent(c.women / (c.women + c.men))]
                for c in rows
            ],
            numeric=[False, True, True, True],
        ),
        Heading("(b) Average pay and complementary components per category (annual, full time)"),
        Table(
            columns=["Category", "Sex", "Basic", "Complementary"],
            rows=[r for c in rows for r in _average_rows(c, a.currency)],
            numeric=[False, False, True, True],
        ),
        Heading("(c) Differences in pay between women and men per category"),
        Table(
            columns=[
                "Category",
                "Gap, basic",
                "Gap, complementary",
                "Gap, total (now)",
                "Gap, total (as reported)",
                "Status",
            ],
            rows=[
                [
                    c.category,
                    _pct(c.basic_gap, c.suppressed),
                    _pct(c.complementary_gap, c.suppressed),
                    _pct(c.current_gap, c.suppressed),
                    _pct(c.reported_gap, c.suppressed),
                    c.status,
                ]
                for c in rows
            ],
            numeric=[False, True, True, True, True, False],
        ),
        Heading("(d) Reasons for the differences: the justifications register"),
    )
    justified = [c for c in rows if c.justifications]
    if justified:
        doc.add(
            Table(
                columns=[
                    "Category",
                    "Factor",
                    "Explanation",
                    "Evidence",
                    "Representatives",
                    "Explained share",
                    "Unexplained gap",
                ],
                rows=[r for c in justified for r in _reason_rows(c)],
                numeric=[False, False, False, False, False, True, True],
            ),
            Paragraph(
                f"Explained share: {METHOD}. Justifications the representatives "
                "disagreed with are left out of the decomposition.",
                tone="note",
            ),
        )
    else:
        doc.add(Paragraph("No justification is recorded for this employer and year."))
    doc.add(Heading("(e) Pay improvements after returning from leave"))
    leave = a.leave
    if leave is None or leave.suppressed:
        doc.add(
            Paragraph(
                "Fewer than the minimum group size of women or men returned from leave in the "
                "last two years: the shares are not shown.",
                tone="note",
            )
        )
    else:
        doc.add(
            Table(
                columns=["Sex", "Returned from leave", "Pay improved within 12 months"],
                rows=[[s, str(leave.returned[s]), percent(leave.improved[s])] for s in SEXES],
                numeric=[False, True, True],
            )
        )
    doc.add(
        Heading("(f) Measures and the effect of earlier measures"),
        Bullets(
            [
                f"{c.category}: gap {percent(c.reported_gap)} as reported, "
                f"{percent(c.current_gap)} now ({c.status})"
                for c in rows
                if not c.suppressed and c.status not in ("below threshold",)
            ]
            or ["No category needs measures."]
        ),
        Paragraph(
            "Measures to close an unjustified gap are decided jointly with the workers' "
            "representatives; their effect shows here as the gap as reported against the gap "
            "on today's data. latticework does not give legal advice and does not submit "
            "reports to a national body.",
            tone="note",
        ),
    )
    return doc


def _average_rows(c: CategoryAssessment, currency: str) -> list[list[str]]:
    if c.averages is None:
        return [[c.category, s, SUPPRESSED_TEXT, SUPPRESSED_TEXT] for s in SEXES]
    return [
        [c.category, s, _money(c.averages[s]["basic_annual"], currency),
         _money(c.averages[s]["complementary_annual"], currency)]
        for s in SEXES
    ]  # fmt: skip


def _reason_rows(c: CategoryAssessment) -> list[list[str]]:
    d = c.decomposition
    share = "n/a" if d is None else percent(d.explained_share)
    if d is not None and d.share_low is not None and d.share_high is not None:
        share += f" (95 % CI {percent(d.share_low)} to {percent(d.share_high)})"
    left = "n/a" if d is None else percent(d.unexplained_gap)
    out = []
    for j in c.justifications:
        who = j.agreement or "not yet"
        if j.agreed_by:
            who += f" ({j.agreed_by}" + (f", {j.agreed_on.isoformat()})" if j.agreed_on else ")")
        out.append([c.category, f"{j.factor}: {FACTORS.get(j.factor, '')}", j.explanation,
                    j.evidence or "", who, share, left])  # fmt: skip
    return out


def assessment_dict(a: JointAssessment) -> dict[str, object]:
    return {
        "kind": KIND,
        "version": 1,
        "legal_entity": a.legal_entity,
        "year": a.year,
        "as_of": a.as_of.isoformat(),
        "submitted_on": a.submitted_on.isoformat() if a.submitted_on else None,
        "currency": a.currency,
        "min_group": a.min_group,
        "triggered": a.triggered,
        "method": METHOD,
        "categories": [
            {
                "category": c.category,
                "suppressed": c.suppressed,
                "women": None if c.suppressed else c.women,
                "men": None if c.suppressed else c.men,
                "averages": c.averages,
                "basic_gap": c.basic_gap,
                "complementary_gap": c.complementary_gap,
                "current_gap": c.current_gap,
                "reported_gap": c.reported_gap,
                "explained_share": None
                if c.decomposition is None
                else c.decomposition.explained_share,
                "explained_share_ci": None
                if c.decomposition is None or c.decomposition.share_low is None
                else [c.decomposition.share_low, c.decomposition.share_high],
                "unexplained_gap": None
                if c.decomposition is None
                else c.decomposition.unexplained_gap,
                "justifications": [
                    {
                        "factor": j.factor,
                        "explanation": j.explanation,
                        "evidence": j.evidence,
                        "agreement": j.agreement,
                        "agreed_by": j.agreed_by,
                        "agreed_on": j.agreed_on.isoformat() if j.agreed_on else None,
                    }
                    for j in c.justifications
                ],
                "status": c.status,
            }
            for c in a.categories
        ],
        "leave": None
        if a.leave is None or a.leave.suppressed
        else {"returned": a.leave.returned, "improved": a.leave.improved},
    }


def render_assessment(a: JointAssessment, fmt: str) -> str | bytes:
    if fmt == "json":
        return json.dumps(assessment_dict(a), indent=2, ensure_ascii=False)
    doc = assessment_document(a)
    return to_text(doc) if fmt == "text" else render(doc, fmt)
