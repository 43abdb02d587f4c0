"""The promotion packet as a document (Markdown, HTML, PDF through `reports.document`)."""

from __future__ import annotations

from latticework.framework.model import Framework
from latticework.framework.promotion_terms import next_level_met_words
from latticework.growth.impact import CATEGORY_NAMES
from latticework.growth.packet import PromotionPacket
from latticework.reports.document import (
    BarChart,
    Bullets,
    Document,
    Heading,
    Paragraph,
    Table,
    Tone,
)


def _rating(value: int | None, scale: dict[int, str]) -> str:
    if value is None:
        return "—"
    return f"{value} {scale.get(value, '')}".strip()


def packet_document(packet: PromotionPacket, framework: Framework) -> Document:
    """Sections in the order a committee reads them: who, readiness, expectations, evidence."""
    p = packet.person
    readiness = packet.readiness
    target = readiness.next
    scale = framework.promotion.rating_scale
    path_name = framework.path(p.path).name if p.path and framework.has_path(p.path) else "no path"
    doc = Document(
        f"Promotion packet: {p.display_name}",
        subtitle=(
            f"{p.level} {packet.current_title} → {packet.target_level} {packet.target_title} "
            f"({packet.target_grade}), {path_name} path — as of {packet.as_of.isoformat()}"
        ),
    )
    months = readiness.months_in_level
    doc.add(
        Heading("Summary"),
        Table(
            ["Field", "Value"],
            [
                ["Employee", f"{p.display_name} ({p.employee_id})"],
                ["Discipline / track", _discipline_and_track(framework, p.level)],
                ["Current level", f"{p.level} {packet.current_title}"],
                ["Path", path_name],
                [
                    "Target level",
                    f"{packet.target_level} {packet.target_title} @ {packet.target_grade}",
                ],
                ["Time in level", "unknown" if months is None else f"{months} months"],
                ["Team", p.team or "—"],
            ],
        ),
    )
    tone: Tone = "good" if readiness.ready else "warning"
    verdict = "Ready" if readiness.ready else "Not yet ready"
    rule = (
        "every expectation met"
        if readiness.rule == "all-expectations"
        else f"weighted threshold {readiness.threshold or 1:.0%}"
    )
    doc.add(
        Heading("Readiness"),
        Paragraph(f"{verdict} by the framework's promotion rule ({rule}).", tone=tone),
        Bullets(list(readiness.reasons)),
    )
    if target is not None:
        if target.note:
            doc.add(Paragraph(target.note, tone="note"))
        doc.add(
            Heading(f"Expectations of {packet.target_level} on the {path_name} path"),
            Paragraph(
                "Only the expectations of the target level on this person's path are listed; "
                "competencies weighted 0 on the path are not asked for. "
                + _sentence(next_level_met_words(framework.promotion))
                + ".",
                tone="note",
            ),
            Table(
                ["Competency", "Weight", "Expectation", "Self", "Manager", "Met", "Evidence"],
                [
                    [
                        i.name,
                        f"{i.weight:g}",
                        i.expectation,
                        _rating(i.self_rating.rating if i.self_rating else None, scale),
                        _rating(i.manager_rating.rating if i.manager_rating else None, scale),
                        ("yes" if i.met else "no") + (" (self only)" if i.self_only else ""),
                        "; ".join(i.evidence) or "—",
                    ]
                    for i in target.items
                ],
                numeric=[False, True],
            ),
        )
    current = readiness.current
    if current.gaps:
        doc.add(
            Heading(f"Gaps at the current level ({current.level})"),
            Bullets([f"{g.name}: {g.expectation} (short by {g.gap})" for g in current.gaps]),
        )
    doc.add(Heading("Impact"))
    if packet.statements:
        for category, name in CATEGORY_NAMES.items():
            mine = [s for s in packet.statements if s.record.category == category]
            if not mine:
                continue
            doc.add(Heading(name, level=3))
            items = []
            for s in mine:
                line = f"{s.record.date.isoformat()}: {s.text}"
                if s.own_words:
                    line += f" (Framed: {s.framed})"
                if s.record.evidence:
                    line += f" [evidence: {s.record.evidence}]"
                items.append(line)
            doc.add(Bullets(items))
        summary = packet.impact_summary
        doc.add(
            Table(
                ["Category", "Records", "Totals"],
                [
                    [c.name, str(c.records), ", ".join(t.formatted() for t in c.totals) or "—"]
                    for c in summary.categories
                ],
                caption="Impact by category",
                numeric=[False, True, False],
            ),
            BarChart(
                "Impact records by year and category",
                categories=[label for label, _ in summary.by_period],
                series={
                    CATEGORY_NAMES[c]: [float(counts[c]) for _, counts in summary.by_period]
                    for c in CATEGORY_NAMES
                },
                y_label="records",
            ),
        )
    else:
        doc.add(Paragraph("No impact records yet.", tone="note"))
    doc.add(Heading("Leadership roles"))
    if packet.roles:
        doc.add(
            Table(
                ["Role", "Scope", "From", "To"],
                [
                    [
                        r.name,
                        r.scope or "—",
                        r.start_date.isoformat(),
                        r.end_date.isoformat() if r.end_date else "ongoing",
                    ]
                    for r in packet.roles
                ],
            )
        )
    else:
        doc.add(Paragraph("No project-based leadership roles recorded.", tone="note"))
    doc.add(Heading("Forum participation"))
    if packet.forums:
        doc.add(
            Table(
                ["Forum", "Meetings", "Roles", "First", "Last", "Decision authority"],
                [
                    [
                        f.name,
                        str(f.meetings),
                        ", ".join(f"{role} × {n}" for role, n in f.roles),
                        f.first.isoformat(),
                        f.last.isoformat(),
                        "yes" if f.decision_authority else "no",
                    ]
                    for f in packet.forums
                ],
                numeric=[False, True],
            )
        )
    else:
        doc.add(Paragraph("No forum participation recorded.", tone="note"))
    doc.add(Heading(f"Equivalent levels at {packet.target_grade}"))
    if packet.equivalents:
        doc.add(
            Paragraph(
                f"{packet.target_level} {packet.target_title} sits at the same grade, band and "
                "standing as:"
            ),
            Bullets([f"{e.level} {e.title} ({e.track})" for e in packet.equivalents]),
        )
    else:
        doc.add(Paragraph("No other track has a level at this grade.", tone="note"))
    return doc


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _discipline_and_track(framework: Framework, level_id: str) -> str:
    if not framework.has_level(level_id):
        return "not in the framework"
    placement = framework.placement(level_id)
    return f"{placement.discipline.name} / {placement.track.name}"
