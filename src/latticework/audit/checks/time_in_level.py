"""Time in level: Kaplan–Meier time to promotion per track at each grade.

Each stay in a level is a spell; it ends in a promotion (an event) or is
censored by a lateral move, a track change, an exit or the end of the data.
The median time in level per track comes from the Kaplan–Meier curve; the
log-rank test compares the curves; the ratio of promotions per month at
risk (ICs vs managers, a Poisson model with exposure) gives the size of the
difference with its interval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.cohorts import promotable_levels
from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.labels import track_group
from latticework.audit.model import (
    AuditSection,
    Chart,
    ChartSeries,
    Comparison,
    ResultTable,
    SectionStatus,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit
from latticework.audit.stats import (
    KM_METHOD,
    RATE_RATIO_METHOD,
    Estimate,
    Survival,
    kaplan_meier,
    log_rank,
    promotion_rate_ratio,
)
from latticework.audit.suppression import group, reportable, row
from latticework.audit.wording import number, percent
from latticework.framework.model import TrackKind

if TYPE_CHECKING:
    import pandas as pd

CURVE_POINTS = 120
METHOD = f"{KM_METHOD}; {RATE_RATIO_METHOD}"


@audit(
    "time-in-level",
    order=35,
    title="Advancement parity: time in level",
    summary="Kaplan–Meier time to promotion per track at each grade, with censoring, "
    "log-rank test and promotion rate ratio.",
)
def time_in_level(ctx: AuditContext) -> AuditSection:
    title, description = time_in_level.title, time_in_level.summary
    spells = ctx.history.spells(ctx.as_of)
    spells = spells[spells["level"].isin(promotable_levels(ctx.framework))]
    present = set(spells["grade"].unique())
    grades = [g for g in ctx.parallel_grades() if g in present]
    if spells.empty or not grades:
        return AuditSection(
            id="time-in-level",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No stays in a promotable level at a grade shared by both tracks.",
        )
    comparisons: list[Comparison] = []
    rows: list[TableRow] = []
    charts: list[Chart] = []
    for grade_id in grades:
        at_grade = spells[
            (spells["grade"] == grade_id) & spells["track_kind"].isin(["ic", "management"])
        ]
        curves: dict[str, Survival] = {}
        sizes: dict[str, int] = {}
        for kind in ("ic", "management"):
            part = at_grade[at_grade["track_kind"] == kind]
            sizes[kind] = len(part)
            if reportable(len(part), ctx.min_group):
                curve = kaplan_meier(part["months"].to_numpy(), part["promoted"].to_numpy())
                curves[kind] = curve
                rows.append(_median_row(grade_id, kind, part, curve, ctx.min_group))
            else:
                rows.append(row([grade_id, kind], [None] * 5, len(part), min_group=ctx.min_group))
        comparisons.append(_compare(ctx, at_grade, grade_id, sizes))
        if curves:
            charts.append(_curve_chart(ctx, grade_id, curves))
    suppressed = any(r.suppressed for r in rows) or any(c.suppressed for c in comparisons)
    return AuditSection(
        id="time-in-level",
        title=title,
        description=description,
        methods=[KM_METHOD, RATE_RATIO_METHOD],
        comparisons=comparisons,
        tables=[
            ResultTable(
                id="time-in-level.medians",
                title="Months in level before promotion (Kaplan–Meier)",
                columns=[
                    TableColumn(name="Grade"),
                    TableColumn(name="Track"),
                    TableColumn(name="Stays", kind="int"),
                    TableColumn(name="Promoted", kind="int"),
                    TableColumn(name="Median months", kind="months"),
                    TableColumn(name="95 % CI low", kind="months"),
                    TableColumn(name="95 % CI high", kind="months"),
                ],
                rows=rows,
                note="A stay is censored (not counted as a promotion) when it ends in a lateral "
                "move, a track change, an exit, or is still going. An empty median means fewer "
                "than half were promoted within the data.",
            )
        ],
        charts=charts,
        notes=["Every stay in a level in the history counts, not only those in the period."],
        suppressed=suppressed,
    )


def _median_row(
    grade_id: str, kind: str, part: pd.DataFrame, curve: Survival, min_group: int
) -> TableRow:
    return row(
        [grade_id, kind],
        [len(part), int(part["promoted"].sum()), curve.median, curve.median_low, curve.median_high],
        len(part),
        min_group=min_group,
    )


def _compare(
    ctx: AuditContext, at_grade: pd.DataFrame, grade_id: str, sizes: dict[str, int]
) -> Comparison:
    ic_label = track_group(ctx, grade_id, TrackKind.IC)
    mgmt_label = track_group(ctx, grade_id, TrackKind.MANAGEMENT)
    spec = Compare(
        id=f"time-in-level.{grade_id}",
        audit="time-in-level",
        what=f"Time to promotion from grade {grade_id}, ICs vs managers (promotion rate ratio)",
        groups=[
            group(f"{ic_label} (stays)", sizes["ic"], ctx.min_group),
            group(f"{mgmt_label} (stays)", sizes["management"], ctx.min_group),
        ],
        unit="ratio",
        method=METHOD,
        flag_unconfirmed=True,
    )
    if spec.small:
        return spec.suppressed()
    months = at_grade["months"].to_numpy()
    promoted = at_grade["promoted"].to_numpy()
    is_ic = (at_grade["track_kind"] == "ic").to_numpy()
    if promoted.sum() == 0:
        return spec.not_estimable("no one was promoted from this grade in the data")
    rate = promotion_rate_ratio(months, promoted, is_ic)
    p = log_rank(months, promoted, is_ic.astype(int))
    if rate is None:
        return spec.not_estimable("one of the groups had no promotion: no rate ratio", p)
    pace = "more slowly" if rate.value < 1 else "faster"
    statement = (
        f"{ic_label} at grade {grade_id} are promoted {pace} than {mgmt_label}: their monthly "
        f"chance of promotion is {number(rate.value)} times the managers'"
        f" ({percent(abs(1 - rate.value), 0)} {'lower' if rate.value < 1 else 'higher'})"
    )
    excludes_one = (
        rate.ci_low is not None
        and rate.ci_high is not None
        and not (rate.ci_low <= 1.0 <= rate.ci_high)
    )
    if (p < 0.05) != excludes_one:
        statement += (
            "; the log-rank test compares the whole time-to-promotion curves while the rate "
            "ratio's interval assumes a constant monthly chance, and here they disagree"
        )
    with_log_rank = Estimate(rate.value, rate.ci_low, rate.ci_high, p)
    material = min(rate.value, 1 / rate.value) < ctx.options.four_fifths
    result = spec.result(with_log_rank, statement, material=material)
    return result.model_copy(update={"note": LOG_RANK_NOTE})


LOG_RANK_NOTE = (
    "The p-value is the log-rank test's, which compares the whole time-to-promotion curves; "
    "the interval is the promotion rate ratio's, which assumes a constant monthly chance of "
    "promotion. When promotions are bunched in time they can disagree: the sentence says so."
)


def _curve_chart(ctx: AuditContext, grade_id: str, curves: dict[str, Survival]) -> Chart:
    import numpy as np

    horizon = max(max(c.times) for c in curves.values())
    grid = np.linspace(0.0, horizon, CURVE_POINTS)
    series = []
    for kind, curve in curves.items():
        # The step function evaluated on a fixed grid keeps the chart small at any size.
        idx = np.searchsorted(np.asarray(curve.times), grid, side="right") - 1
        values = np.asarray(curve.survival)[np.clip(idx, 0, None)]
        series.append(
            ChartSeries(
                name="IC" if kind == "ic" else "Management",
                values=[round(float(v), 4) for v in values],
                x=[round(float(x), 2) for x in grid],
            )
        )
    return Chart(
        id=f"time-in-level.curve.{grade_id}",
        kind="line",
        title=f"Share not yet promoted from grade {grade_id}, by months in level",
        series=series,
        x_label="months in level",
        y_label="not yet promoted",
        step=True,
    )
