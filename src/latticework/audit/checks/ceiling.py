"""Ceiling: does the IC track reach the top in practice? (DESIGN §5.4)

Headcount by grade and track, the share of each top grade held by ICs, and
the highest grade any IC holds against the highest a manager holds, per
discipline. Descriptive: these are facts about the organisation, not samples.
"""

from __future__ import annotations

from latticework.audit.context import AuditContext
from latticework.audit.frames import records
from latticework.audit.model import (
    AuditSection,
    Chart,
    ChartSeries,
    Finding,
    ResultTable,
    SectionStatus,
    Severity,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit
from latticework.audit.suppression import SUPPRESSED_TEXT, is_small_group


@audit(
    "ceiling",
    order=40,
    title="Ceiling",
    summary="Headcount by grade and track, IC share of the top grades, highest grade held "
    "by an IC versus by a manager.",
)
def ceiling(ctx: AuditContext) -> AuditSection:
    people = ctx.population.active
    people = people[people["track_kind"].isin(["ic", "management"])]
    title, description = ceiling.title, ceiling.summary
    if people.empty:
        return AuditSection(
            id="ceiling",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No active people on an IC or management track.",
        )
    counts = (
        people.groupby(["grade_rank", "grade", "track_kind"], observed=True)
        .size()
        .unstack("track_kind", fill_value=0)
        .reindex(columns=["ic", "management"], fill_value=0)
        .sort_index()
    )
    counts = counts.reset_index()
    managed = counts.loc[counts["management"] > 0, "grade_rank"]
    lowest_management = float(managed.min()) if not managed.empty else None
    rows: list[TableRow] = []
    chart_ic: list[float | None] = []
    chart_mgmt: list[float | None] = []
    for r in records(counts):
        rank, grade_id, ic, mgmt = float(r.grade_rank), str(r.grade), int(r.ic), int(r.management)
        # A zero is not a group; a group of 1 to min-1 people hides the whole row.
        small = any(is_small_group(n, ctx.min_group) for n in (ic, mgmt))
        top = lowest_management is not None and rank >= lowest_management
        share = ic / (ic + mgmt) if top and ic + mgmt > 0 else None
        if small:
            rows.append(TableRow(cells=[grade_id, None, None, None], suppressed=True))
            chart_ic.append(None)
            chart_mgmt.append(None)
        else:
            rows.append(TableRow(cells=[grade_id, ic, mgmt, share]))
            chart_ic.append(float(ic))
            chart_mgmt.append(float(mgmt))
    findings, highest_rows = _highest_grades(ctx, people)
    suppressed = any(r.suppressed for r in rows)
    return AuditSection(
        id="ceiling",
        title=title,
        description=description,
        methods=["Headcount of active people (descriptive)"],
        findings=findings,
        tables=[
            ResultTable(
                id="ceiling.headcount",
                title="Active headcount by grade and track",
                columns=[
                    TableColumn(name="Grade"),
                    TableColumn(name="IC", kind="int"),
                    TableColumn(name="Management", kind="int"),
                    TableColumn(name="IC share", kind="percent"),
                ],
                rows=rows,
                note="IC share is shown for the grades where management exists. "
                f"'{SUPPRESSED_TEXT}': a group in the row is below the minimum size.",
            ),
            ResultTable(
                id="ceiling.highest",
                title="Highest grade held, per discipline",
                columns=[
                    TableColumn(name="Discipline"),
                    TableColumn(name="Highest IC grade held"),
                    TableColumn(name="Highest manager grade held"),
                    TableColumn(name="Top IC grade in the framework"),
                ],
                rows=highest_rows,
            ),
        ],
        charts=[
            Chart(
                id="ceiling.headcount",
                kind="bar",
                title="Active headcount by grade and track",
                categories=[str(g) for g in counts["grade"]],
                series=[
                    ChartSeries(name="IC", values=chart_ic),
                    ChartSeries(name="Management", values=chart_mgmt),
                ],
                y_label="people",
                y_integer=True,
            )
        ],
        suppressed=suppressed,
    )


def _highest_grades(ctx: AuditContext, people) -> tuple[list[Finding], list[TableRow]]:  # type: ignore[no-untyped-def]
    findings: list[Finding] = []
    rows: list[TableRow] = []
    fw = ctx.framework
    for discipline in fw.disciplines:
        here = people[people["level_discipline"] == discipline.id]
        if here.empty:
            continue
        top = here.groupby("track_kind")["grade_rank"].max()
        ic_rank = top.get("ic")
        mgmt_rank = top.get("management")
        ic_levels = [lv for t in discipline.tracks if t.kind.value == "ic" for lv in t.levels]
        framework_top = max(
            (lv.grade for lv in ic_levels if lv.grade in {g.id for g in fw.grades}),
            key=fw.grade_rank,
            default="",
        )
        ic_grade = _grade_of_rank(ctx, ic_rank)
        mgmt_grade = _grade_of_rank(ctx, mgmt_rank)
        rows.append(
            TableRow(
                cells=[discipline.name, ic_grade or "none", mgmt_grade or "none", framework_top]
            )
        )
        # A discipline whose framework has no IC track has no IC ceiling to speak of.
        has_ic_track = bool(ic_levels)
        if has_ic_track and mgmt_rank is not None and (ic_rank is None or ic_rank < mgmt_rank):
            findings.append(
                Finding(
                    audit="ceiling",
                    severity=Severity.MEDIUM,
                    kind="structure",
                    sentence=f"{discipline.name}: no IC holds a grade as high as the highest "
                    f"manager ({mgmt_grade}); the highest IC grade held is "
                    f"{ic_grade or 'none'} — a ceiling in practice.",
                )
            )
    return findings, rows


def _grade_of_rank(ctx: AuditContext, rank: object) -> str | None:
    if rank is None or rank != rank:
        return None
    return next((g.id for g in ctx.framework.grades if g.rank == rank), None)
