"""Documents for the person-level growth commands: impact, classification, readiness, plan, moves.

Each function lays a domain value out as a `Document`, so text, Markdown and
HTML all show the same content; JSON comes from the values' own `to_dict`.
"""

from __future__ import annotations

from collections.abc import Sequence

from latticework.framework.model import Framework
from latticework.growth.classify import ClassifiedAccomplishment
from latticework.growth.impact import CATEGORY_NAMES, ImpactStatement
from latticework.growth.impact_summary import ImpactSummary
from latticework.growth.moves import Move, Position, Route
from latticework.growth.person_data import Person
from latticework.growth.plan import STATUS_WORDS, DevelopmentPlan
from latticework.growth.readiness import LevelAssessment, Readiness
from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table


def _who(person: Person, framework: Framework) -> str:
    title = framework.level(person.level).title if framework.has_level(person.level) else "?"
    path = (
        f"{framework.path(person.path).name} path"
        if person.path and framework.has_path(person.path)
        else "no path"
    )
    return f"{person.display_name} ({person.employee_id}), {person.level} {title}, {path}"


def impact_document(
    person: Person,
    statements: Sequence[ImpactStatement],
    summary: ImpactSummary,
    framework: Framework,
) -> Document:
    doc = Document(f"Impact: {person.display_name}", subtitle=_who(person, framework))
    if not statements:
        return doc.add(Paragraph("No impact records yet.", tone="note"))
    for category, name in CATEGORY_NAMES.items():
        mine = [s for s in statements if s.record.category == category]
        if not mine:
            continue
        doc.add(Heading(name))
        doc.add(
            Bullets(
                [
                    f"{s.record.date.isoformat()}  {s.text}"
                    + (f" (Framed: {s.framed})" if s.own_words else "")
                    + (f"  [{s.record.evidence}]" if s.record.evidence else "")
                    for s in mine
                ]
            )
        )
    doc.add(
        Heading(f"Summary by {summary.period}"),
        Table(
            ["Category", "Records", "Totals"],
            [
                [c.name, str(c.records), ", ".join(t.formatted() for t in c.totals) or "—"]
                for c in summary.categories
            ],
            numeric=[False, True, False],
        ),
        Table(
            ["Period", *CATEGORY_NAMES.values()],
            [
                [label, *(str(counts[c]) for c in CATEGORY_NAMES)]
                for label, counts in summary.by_period
            ],
            caption="Records per period",
            numeric=[False, True, True, True, True],
        ),
    )
    return doc


def classification_document(results: Sequence[ClassifiedAccomplishment]) -> Document:
    doc = Document(
        "Accomplishments classified",
        subtitle="Weighted keywords and TF-IDF, run locally: nothing leaves the machine.",
    )
    rows = []
    for r in results:
        category = CATEGORY_NAMES.get(r.category, "unclassified") if r.category else "unclassified"
        competencies = ", ".join(f"{c.name} {c.confidence:.0%}" for c in r.competencies[:2])
        rows.append(
            [
                r.text,
                f"{category} {r.confidence:.0%}" if r.category else category,
                competencies or "—",
                ", ".join(str(q) for q in r.quantities) or "—",
                ", ".join(r.terms) or "—",
            ]
        )
    return doc.add(
        Table(["Accomplishment", "Category", "Competencies", "Quantities", "Because of"], rows)
    )


def _level_table(level: LevelAssessment, scale: dict[int, str]) -> Table:
    def rating(value: int | None) -> str:
        return "—" if value is None else f"{value} {scale.get(value, '')}".strip()

    return Table(
        ["Competency", "Weight", "Expectation", "Self", "Manager", "Needed", "Met"],
        [
            [
                i.name,
                f"{i.weight:g}",
                i.expectation,
                rating(i.self_rating.rating if i.self_rating else None),
                rating(i.manager_rating.rating if i.manager_rating else None),
                str(i.required),
                ("yes" if i.met else f"no (-{i.gap})") + (" self only" if i.self_only else ""),
            ]
            for i in level.items
        ],
        numeric=[False, True, False, False, False, True, False],
    )


def readiness_document(readiness: Readiness, framework: Framework) -> Document:
    person = readiness.person
    scale = framework.promotion.rating_scale
    doc = Document(f"Readiness: {person.display_name}", subtitle=_who(person, framework))
    verdict = "Ready for promotion" if readiness.ready else "Not yet ready for promotion"
    doc.add(
        Paragraph(verdict, tone="good" if readiness.ready else "warning"),
        Bullets(list(readiness.reasons)),
    )
    current = readiness.current
    doc.add(Heading(f"Current level: {current.level} {current.title}"))
    if current.note:
        doc.add(Paragraph(current.note, tone="note"))
    doc.add(_level_table(current, scale))
    if readiness.next is not None:
        following = readiness.next
        doc.add(
            Heading(f"Next level: {following.level} {following.title}"),
            Paragraph(
                f"{following.weighted_share_met:.0%} of weighted expectations met.", tone="note"
            ),
        )
        if following.note:
            doc.add(Paragraph(following.note, tone="note"))
        doc.add(_level_table(following, scale))
    return doc


def plan_document(plan: DevelopmentPlan, person: Person, framework: Framework) -> Document:
    path = framework.path(plan.path).name if plan.path and framework.has_path(plan.path) else "—"
    doc = Document(
        f"Development plan: {person.display_name}",
        subtitle=f"{_who(person, framework)}; developing for the {path} path"
        + (f" towards {plan.target_level}" if plan.target_level else ""),
    )
    for note in plan.notes:
        doc.add(Paragraph(note, tone="note"))
    if not plan.items:
        return doc.add(Paragraph("No development opportunities to suggest.", tone="note"))
    return doc.add(
        Table(
            ["Item", "Opportunity", "Goal", "Due", "Status"],
            [
                [
                    str(i.item_id) if i.item_id is not None else "—",
                    i.name,
                    i.goal,
                    i.due_date.isoformat() if i.due_date else "—",
                    STATUS_WORDS.get(i.status, i.status),
                ]
                for i in plan.items
            ],
        )
    )


_MOVE_NAMES = {
    "promotion": "Promotion",
    "path_change": "Path change",
    "track_change": "Track change",
}


def _move_row(move: Move, framework: Framework) -> list[str]:
    needs = (
        "; ".join(f"{r.name}: {r.expectation.rstrip('.')}" for r in move.requires) or "nothing new"
    )
    return [_MOVE_NAMES[move.kind], move.target.label(framework), needs, move.note]


def moves_document(
    person: Person,
    here: Position,
    moves: Sequence[Move],
    route: Route | None,
    goal: str | None,
    framework: Framework,
) -> Document:
    doc = Document(f"Lattice moves: {person.display_name}", subtitle=_who(person, framework))
    doc.add(
        Heading(f"From {here.label(framework)}"),
        Table(["Move", "To", "Requires", "Note"], [_move_row(m, framework) for m in moves]),
    )
    if goal is not None:
        doc.add(Heading(f"Shortest route to {goal}"))
        if route is None:
            doc.add(
                Paragraph(
                    f"{goal} cannot be reached by promotions, path changes and track changes "
                    "(moves down are not routes).",
                    tone="warning",
                )
            )
        elif not route.steps:
            doc.add(Paragraph("Already there.", tone="good"))
        else:
            doc.add(
                Table(
                    ["Step", "Move", "To", "Requires", "Note"],
                    [[str(n), *_move_row(m, framework)] for n, m in enumerate(route.steps, 1)],
                    numeric=[True],
                )
            )
    return doc
