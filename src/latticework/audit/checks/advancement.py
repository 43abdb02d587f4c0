"""Advancement parity: promotion rates per grade, track and path over a period.

Rate = people at the grade on the period's first day who were promoted during
the period / people at the grade on its first day. The impact ratio divides a
group's rate by the highest rate at that grade; below 0.8 is the four-fifths
flag. Between paths, Fisher's exact test on the period says whether the
difference is more than chance, so a four-fifths flag on a handful of people
does not raise an alarm. Between the tracks at a grade, the test pools the
period with the earlier periods of the same length (`cohorts`: a stratified
test of the same hypothesis, with several times the promotions of one year).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from latticework.audit.cohorts import (
    Cohort,
    build_cohort,
    earlier_cohorts,
    grade_tables,
)
from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.frames import records
from latticework.audit.labels import TRACK_NAMES, plural, track_group
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
    CMH_PERIODS_METHOD,
    FISHER_METHOD,
    FISHER_ODDS_METHOD,
    Estimate,
    fisher_rates,
    stratified_odds,
)
from latticework.audit.suppression import group, hide_sizes, reportable_sizes, row
from latticework.audit.wording import number, percent
from latticework.framework.model import TrackKind

if TYPE_CHECKING:
    import pandas as pd


@audit(
    "advancement",
    order=30,
    title="Advancement parity: promotion rates",
    summary="Promotion rate per grade, track and path over the period; four-fifths impact "
    "ratio; ICs vs managers tested over the period and earlier ones (stratified), paths "
    "with Fisher's exact test.",
)
def advancement(ctx: AuditContext) -> AuditSection:
    start, end = ctx.period
    cohort = promotion_cohort(ctx)
    title, description = advancement.title, advancement.summary
    if cohort.empty:
        return AuditSection(
            id="advancement",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason=f"Nobody was employed at a promotable level on {start}.",
        )
    comparisons: list[Comparison] = []
    track_rows: list[TableRow] = []
    path_rows: list[TableRow] = []
    parallel = set(ctx.parallel_grades())
    by_track = _rates(cohort, ["grade_rank", "grade", "track_kind"])
    impact: dict[str, float | None] = {}
    for grade_id, at_grade in _by_grade(by_track):
        best = at_grade.loc[reportable_sizes(at_grade["n"], ctx.min_group), "rate"].max()
        for r in records(at_grade):
            ratio = r.rate / best if best and best > 0 else None
            track_rows.append(
                row(
                    [grade_id, r.track_kind],
                    [int(r.n), int(r.promoted), float(r.rate), ratio],
                    int(r.n),
                    min_group=ctx.min_group,
                )
            )
        if grade_id in parallel and set(at_grade["track_kind"]) >= {"ic", "management"}:
            comparison = _track_comparison(ctx, at_grade, str(grade_id))
            comparisons.append(comparison)
            rates = at_grade.set_index("track_kind")["rate"]
            # The chart shows the period's rates, as the table does; the test pools periods.
            impact[str(grade_id)] = (
                None
                if comparison.suppressed or not rates["management"] > 0
                else float(rates["ic"] / rates["management"])
            )
    if cohort["path"].notna().any():
        # The lattice: paths leading to the same level are compared with each other.
        on_paths = cohort[cohort["path"].notna()]
        by_path = _rates(on_paths, ["grade_rank", "grade", "level", "path"])
        for level in by_path.sort_values(["grade_rank", "level"])["level"].unique():
            at_level = by_path[by_path["level"] == level]
            shown = at_level[reportable_sizes(at_level["n"], ctx.min_group)]
            best = shown["rate"].max()
            for r in records(at_level):
                ratio = r.rate / best if best and best > 0 else None
                path_rows.append(
                    row(
                        [r.grade, level, _path_name(ctx, str(r.path))],
                        [float(r.rate), ratio],
                        int(r.n),
                        min_group=ctx.min_group,
                    )
                )
            if len(shown) >= 2:
                level_cohort = on_paths[on_paths["level"] == level]
                by_level = [
                    _path_comparison(ctx, level_cohort, str(level), str(p)) for p in shown["path"]
                ]
                # "Other paths" would give a suppressed path's size by subtraction.
                if len(shown) < len(at_level):
                    by_level = [hide_sizes(c) for c in by_level]
                comparisons += by_level
    columns = [
        TableColumn(name="Grade"),
        TableColumn(name="Track"),
        TableColumn(name="At grade on first day", kind="int"),
        TableColumn(name="Promoted", kind="int"),
        TableColumn(name="Promotion rate", kind="percent"),
        TableColumn(name="Impact ratio", kind="ratio"),
    ]
    tables = [
        ResultTable(
            id="advancement.by-track",
            title=f"Promotion rates by grade and track, {start} to {end}",
            columns=columns,
            rows=track_rows,
            note="Impact ratio = the group's rate / the highest rate at that grade; below 0.8 "
            "fails the four-fifths rule.",
        )
    ]
    if path_rows:
        tables.append(
            ResultTable(
                id="advancement.by-path",
                title=f"Promotion rates by level and path, {start} to {end}",
                columns=[
                    columns[0],
                    TableColumn(name="Level"),
                    TableColumn(name="Path"),
                    *columns[4:],
                ],
                rows=path_rows,
                note="Head counts are given by grade and track above; per path they could "
                "reveal a suppressed path's size by subtraction.",
            )
        )
    suppressed = any(c.suppressed for c in comparisons) or any(
        r.suppressed for t in tables for r in t.rows
    )
    return AuditSection(
        id="advancement",
        title=title,
        description=description,
        methods=[
            CMH_PERIODS_METHOD,
            FISHER_ODDS_METHOD,
            FISHER_METHOD,
            "Four-fifths rule (impact ratio < 0.8)",
        ],
        comparisons=comparisons,
        tables=tables,
        charts=[_impact_chart(ctx, impact)],
        notes=[
            f"Period {start} to {end}. People are counted at the level they held on {start} "
            "(reconstructed from events); the top level of each track is left out, since no "
            "promotion is possible from it.",
        ],
        suppressed=suppressed,
    )


def promotion_cohort(ctx: AuditContext) -> pd.DataFrame:
    """Everyone at a promotable level on the period's first day, with a `promoted` flag."""
    return ctx.shared("promotion-cohort", lambda: _build_cohort(ctx))


def _build_cohort(ctx: AuditContext) -> pd.DataFrame:
    start, end = ctx.period
    return build_cohort(ctx.history, ctx.framework, start, end).people


def period_cohorts(ctx: AuditContext) -> list[Cohort]:
    """The period's cohort, then up to `promotion_cohorts − 1` earlier ones (see cohorts)."""

    def build() -> list[Cohort]:
        start, end = ctx.period
        earlier = earlier_cohorts(
            ctx.history, ctx.framework, start, end, ctx.options.promotion_cohorts
        )
        return [Cohort(start, end, promotion_cohort(ctx)), *earlier]

    return ctx.shared("promotion-cohorts", build)


def _by_grade(rates: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    ordered = rates.sort_values("grade_rank")
    return [(str(g), ordered[ordered["grade"] == g]) for g in ordered["grade"].unique()]


def _rates(cohort: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rates = (
        cohort.groupby(keys, observed=True)
        .agg(n=("employee_id", "size"), promoted=("promoted", "sum"))
        .reset_index()
    )
    return rates.assign(rate=rates["promoted"] / rates["n"])


def _track_comparison(ctx: AuditContext, at_grade: pd.DataFrame, grade_id: str) -> Comparison:
    """ICs vs managers at one grade: the period's groups, the test over its cohorts.

    The groups shown (and suppressed) are the period's; the test pools the
    period with earlier ones (`cohorts`): Fisher's exact test when one period
    carries information, else the CMH test stratified by period, so estimate,
    interval and p come from one method.
    """
    ic = at_grade[at_grade["track_kind"] == "ic"].iloc[0]
    mgmt = at_grade[at_grade["track_kind"] == "management"].iloc[0]
    ic_label = track_group(ctx, grade_id, TrackKind.IC)
    mgmt_label = track_group(ctx, grade_id, TrackKind.MANAGEMENT)
    cohorts = period_cohorts(ctx)
    spec = Compare(
        id=f"advancement.track.{grade_id}",
        audit="advancement",
        what=f"Promotion rate, ICs vs managers at grade {grade_id}, "
        + (
            f"{len(cohorts)} periods pooled, stratified by period"
            if len(cohorts) > 1
            else "over the period"
        ),
        groups=[
            group(ic_label, int(ic["n"]), ctx.min_group),
            group(mgmt_label, int(mgmt["n"]), ctx.min_group),
        ],
        unit="odds_ratio",
        method=CMH_PERIODS_METHOD,
        flag_unconfirmed=True,
    )
    if spec.small:
        return spec.suppressed()
    tables = grade_tables(cohorts, grade_id, "track_kind", "ic", "management")
    est, method = stratified_odds(tables)
    if method == FISHER_ODDS_METHOD:
        spec = replace(spec, method=method)
    (a_hits, a_n), (b_hits, b_n) = (
        (sum(t[i][0] for t in tables), sum(t[i][0] + t[i][1] for t in tables)) for i in (0, 1)
    )
    rate_a, rate_b = a_hits / a_n, b_hits / b_n
    low, high = sorted((rate_a, rate_b))
    impact = low / high if high > 0 else 1.0
    first, (start, end) = cohorts[-1].start, ctx.period
    per = "in the period"
    if len(cohorts) > 1:
        per = "a year" if (end - start).days in (365, 366) else "a period"
    statement = (
        f"{ic_label} at grade {grade_id} were promoted at {percent(rate_a)} {per} against "
        f"{percent(rate_b)} for {mgmt_label} between {first} and {end}"
    )
    if est is None:  # no period with a promotion and someone not promoted: p = 1 by construction
        return spec.result(
            Estimate(math.nan, None, None, None), statement, material=False, testable=False
        )
    statement += f" (odds ratio {number(est.value)})"
    return spec.result(est, statement, material=impact < ctx.options.four_fifths)


def _path_name(ctx: AuditContext, path: str) -> str:
    return ctx.framework.path(path).name if ctx.framework.has_path(path) else path


def _path_comparison(ctx: AuditContext, cohort: pd.DataFrame, level: str, path: str) -> Comparison:
    on_path = cohort["path"] == path
    hits, n = int(cohort.loc[on_path, "promoted"].sum()), int(on_path.sum())
    rest_hits, rest_n = int(cohort.loc[~on_path, "promoted"].sum()), int((~on_path).sum())
    name = _path_name(ctx, path)
    title = ctx.framework.level(level).title if ctx.framework.has_level(level) else level
    return _rate_comparison(
        ctx,
        comparison_id=f"advancement.path.{level}.{path}",
        what=f"Promotion rate of {plural(title)} on path {name} vs other paths",
        labels=(f"{name} path", "other paths"),
        counts=(hits, n, rest_hits, rest_n),
        subject=f"{plural(title)} on the {name} path",
        reference="other paths'",
        flag_unconfirmed=False,
    )


def _rate_comparison(
    ctx: AuditContext,
    *,
    comparison_id: str,
    what: str,
    labels: tuple[str, str],
    counts: tuple[int, int, int, int],
    subject: str,
    reference: str,
    flag_unconfirmed: bool,
) -> Comparison:
    a_hits, a_n, b_hits, b_n = counts
    spec = Compare(
        id=comparison_id,
        audit="advancement",
        what=what,
        groups=[group(labels[0], a_n, ctx.min_group), group(labels[1], b_n, ctx.min_group)],
        unit="ratio",
        method=FISHER_METHOD,
        flag_unconfirmed=flag_unconfirmed,
    )
    if spec.small:
        return spec.suppressed()
    est = fisher_rates(a_hits, a_n, b_hits, b_n)
    rate_a, rate_b = a_hits / a_n, b_hits / b_n
    low, high = sorted((rate_a, rate_b))
    impact = low / high if high > 0 else 1.0
    start, end = ctx.period
    if rate_b > 0:
        statement = (
            f"{subject} were promoted at {percent(est.value, 0)} of the {reference} rate "
            f"({percent(rate_a)} vs {percent(rate_b)}) between {start} and {end}"
        )
    else:
        statement = (
            f"{subject} were promoted at a rate of {percent(rate_a)} against none in the "
            f"comparison group between {start} and {end}"
        )
        est = Estimate(float("nan"), None, None, est.p_value)
    # With no promotion at all (or everyone promoted) every table is the observed one: p = 1.
    testable = 0 < a_hits + b_hits < a_n + b_n
    return spec.result(est, statement, material=impact < ctx.options.four_fifths, testable=testable)


def _impact_chart(ctx: AuditContext, impact: dict[str, float | None]) -> Chart:
    return Chart(
        id="advancement.impact-ratio",
        kind="bar",
        title="Promotion rate of ICs relative to managers, by grade (four-fifths line at 0.8)",
        categories=list(impact),
        series=[
            ChartSeries(
                name=f"{TRACK_NAMES['ic']} / {TRACK_NAMES['management']}",
                values=list(impact.values()),
            )
        ],
        y_label="rate ratio",
        reference_line=ctx.options.four_fifths,
    )
