"""The manager's team view as a document (text, Markdown, HTML)."""

from __future__ import annotations

from latticework.growth.team_view import TeamPage
from latticework.reports.document import Document, Paragraph, Table


def _ready(ready: bool | None) -> str:
    return {True: "ready", False: "not yet", None: "top of track"}[ready]


def team_view_document(page: TeamPage) -> Document:
    doc = Document(
        f"Team of {page.manager}",
        subtitle=f"{page.direct} direct and {page.indirect} indirect reports.",
    )
    if not page.rows:
        doc.add(Paragraph("Nobody matches these filters."))
        return doc
    doc.add(
        Table(
            [
                "Name",
                "Reports",
                "Level",
                "Path",
                "Months in level",
                "Next level",
                "Readiness",
                "Last assessment",
                "Plan",
                "Nomination",
            ],
            [
                [
                    m.name,
                    m.relation,
                    m.title,
                    m.path or "",
                    "" if m.months_in_level is None else str(m.months_in_level),
                    m.next_level or "",
                    _ready(m.ready) + ("" if m.share_met is None else f" ({m.share_met:.0%} met)"),
                    m.last_assessment or "none",
                    m.plan or "none",
                    m.nomination or "not nominated",
                ]
                for m in page.rows
            ],
            numeric=[False, False, False, False, True, False, False, False, False, False],
        ),
        Paragraph(f"Page {page.page} of {page.pages}; {page.total} people match."),
    )
    return doc
