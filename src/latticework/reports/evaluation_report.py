"""`latticework evaluate` as text, Markdown and HTML: points per level and factor, by grade.

One `Document` drives Markdown and HTML; the text table is the same rows in
fixed-width columns for a terminal.
"""

from __future__ import annotations

from latticework.framework.evaluation_points import (
    LevelValue,
    level_values,
    suggested_grades,
)
from latticework.framework.model import Framework
from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table


def _columns(fw: Framework) -> list[str]:
    assert fw.evaluation is not None
    return [
        "Grade",
        "Level",
        "Track",
        *[f.name for f in fw.evaluation.factors],
        "Points",
        "Suggested grade",
    ]


def _rows(fw: Framework) -> tuple[list[list[str]], list[str]]:
    """Table rows (most senior grade first) and one sentence per disagreeing level."""
    assert fw.evaluation is not None
    values = level_values(fw)
    suggestions = suggested_grades(fw, values)
    rows: list[list[str]] = []
    disagreements: list[str] = []
    order = {g.id: g.rank for g in fw.grades}
    for v in sorted(values, key=lambda v: (-order[v.grade], v.discipline, v.track, v.level)):
        suggested = suggestions.get(v.level, "—")
        mark = "" if suggested == v.grade else " ≠"
        rows.append(
            [
                v.grade,
                f"{v.level} {v.title}",
                f"{v.discipline}/{v.track}",
                *[f"{v.factors.get(f.id, 0.0):g}" for f in fw.evaluation.factors],
                f"{v.total:g}",
                suggested + mark,
            ]
        )
        if suggested != v.grade:
            disagreements.append(_disagreement(v, suggested))
    return rows, disagreements


def _disagreement(v: LevelValue, suggested: str) -> str:
    return (
        f"{v.level} {v.title} is declared at {v.grade}, but its {v.total:g} points fall in "
        f"the value band of {suggested}."
    )


def _plan_bullets(fw: Framework) -> list[str]:
    plan = fw.evaluation
    assert plan is not None
    items = []
    for f in plan.factors:
        subs = ", ".join(
            f"{s.name} {s.weight:g} %{' (soft skill)' if s.soft_skill else ''}"
            for s in f.subfactors
        )
        items.append(
            f"{f.name} {f.weight:g} % ({plan.total_points * f.weight / 100:g} points): {subs}"
        )
    return items


def evaluation_document(fw: Framework) -> Document:
    """The evaluation as a document (Markdown, HTML)."""
    doc = Document(
        title=f"Job evaluation: {fw.organisation}",
        subtitle=f"Framework version {fw.version}",
    )
    plan = fw.evaluation
    if plan is None:
        return doc.add(Paragraph(NO_EVALUATION, tone="warning"))
    rows, disagreements = _rows(fw)
    doc.add(
        Paragraph(
            f"{plan.method}. A subfactor's points at degree k of n are total × weight × k / n; "
            f"the plan has {plan.total_points} points."
        ),
        Heading("Factor plan"),
        Bullets(_plan_bullets(fw)),
        Heading("Points per level and factor"),
        Table(
            columns=_columns(fw),
            rows=rows,
            numeric=[False, False, False, *[True] * len(plan.factors), True, False],
            caption="The suggested grade is the grade whose value band holds the level's points "
            "(≠ where it differs from the declared grade).",
        ),
    )
    if disagreements:
        doc.add(Heading("Where points and grades disagree"), Bullets(disagreements))
    else:
        doc.add(Paragraph("Every evaluated level's points agree with its grade.", tone="good"))
    return doc


NO_EVALUATION = (
    "This framework declares no `evaluation:` section, so equivalence by grade is asserted, "
    "not evaluated. See docs/framework-format.md (Job evaluation)."
)


def evaluation_text(fw: Framework) -> str:
    """A fixed-width table for a terminal."""
    if fw.evaluation is None:
        return NO_EVALUATION + "\n"
    rows, disagreements = _rows(fw)
    header = _columns(fw)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    numeric = set(range(3, len(header) - 1))

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    out = [f"Job evaluation: {fw.organisation} {fw.version} ({fw.evaluation.method})", ""]
    out += [line(header), line(["-" * w for w in widths])]
    previous = None
    for r in rows:
        if previous is not None and r[0] != previous:
            out.append("")
        out.append(line(r))
        previous = r[0]
    out.append("")
    if disagreements:
        out += ["Where points and grades disagree:", *[f"  - {d}" for d in disagreements]]
    else:
        out.append("Every evaluated level's points agree with its grade.")
    return "\n".join(out) + "\n"
