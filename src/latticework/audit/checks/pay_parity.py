"""Pay parity between tracks at equal grade.

Descriptive pay is compared within a zone (one currency); compa-ratio and
range penetration, being ratios to the zone's band, compare across zones.
The adjusted gap is exp(β) − 1 of the IC indicator in an OLS of ln(annual
FTE pay) with HC2 errors and Bell–McCaffrey degrees of freedom; the
Oaxaca–Blinder decomposition splits the raw gap into the part the controls
explain and the part they do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.frames import records
from latticework.audit.labels import (
    after_controlling_for,
    control_words,
    controls_text,
    track_group,
)
from latticework.audit.model import (
    AuditSection,
    Cell,
    Chart,
    ChartSeries,
    Comparison,
    ResultTable,
    SectionStatus,
    TableColumn,
    TableRow,
)
from latticework.audit.oaxaca import bootstrap_method, oaxaca_blinder_ci
from latticework.audit.registry import audit
from latticework.audit.sensitivity import GapModel, sensitivity_table
from latticework.audit.stats import (
    OAXACA_METHOD,
    OLS_METHOD,
    finite,
    log_pay_gaps,
)
from latticework.audit.suppression import group, hide_total_sizes, is_small, reportable, row
from latticework.audit.wording import more_or_less, percent
from latticework.framework.model import TrackKind

if TYPE_CHECKING:
    import pandas as pd

PAY_MEASURES = (("base", "base_annual_fte", "base pay"), ("total", "total_annual_fte", "total pay"))


@audit(
    "pay-parity",
    order=20,
    title="Pay parity between tracks at equal grade",
    summary="ICs and managers at the same grade: pay, compa-ratio, range penetration, "
    "adjusted gap (OLS, HC2, small-sample t) and Oaxaca–Blinder decomposition.",
)
def pay_parity(ctx: AuditContext) -> AuditSection:
    people = ctx.population.active
    grades = ctx.parallel_grades()
    data = people[people["grade"].isin(grades) & people["track_kind"].isin(["ic", "management"])]
    title, description = pay_parity.title, pay_parity.summary
    if data.empty:
        return AuditSection(
            id="pay-parity",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No active people at a grade where both an IC and a management level exist.",
        )
    data = data.assign(is_ic=(data["track_kind"] == "ic").astype(float))
    categorical, numeric, controls = _controls(data)
    comparisons: list[Comparison] = []
    models: list[GapModel] = []
    for measure, column, words in PAY_MEASURES:
        overall = _overall_gap(
            ctx, data, measure, column, words, ["grade", *categorical], numeric, controls
        )
        per_grade = [
            _grade_gap(ctx, at_grade, g, measure, column, words, categorical, numeric, controls)
            for g in grades
            if not (at_grade := data[data["grade"] == g]).empty
        ]
        comparisons += [hide_total_sizes(overall, per_grade), *per_grade]
        models.append(
            GapModel(
                _prepare(data, numeric),
                column,
                ["grade", *categorical],
                numeric,
                [(f"{words.capitalize()}, all parallel grades", "is_ic", overall)],
            )
        )
        models += [
            GapModel(
                _prepare(data[data["grade"] == c.id.rsplit(".", 1)[1]], numeric),
                column,
                categorical,
                numeric,
                [(f"{words.capitalize()}, grade {c.id.rsplit('.', 1)[1]}", "is_ic", c)],
            )
            for c in per_grade
        ]
    tables = [
        _band_position_table(ctx, people),
        _zone_pay_table(ctx, people),
        _oaxaca_table(ctx, data, ["grade", *categorical], numeric),
        sensitivity_table(
            "pay-parity.sensitivity",
            "Sensitivity of the adjusted IC–manager gaps to each control",
            models,
        ),
    ]
    suppressed = any(c.suppressed for c in comparisons) or any(
        r.suppressed for t in tables for r in t.rows
    )
    return AuditSection(
        id="pay-parity",
        title=title,
        description=description,
        methods=[
            OLS_METHOD,
            bootstrap_method(ctx.options.bootstrap_draws)
            if ctx.options.bootstrap_draws > 0
            else OAXACA_METHOD,
            "Medians and means within a zone (one currency)",
        ],
        comparisons=comparisons,
        tables=tables,
        charts=[_compa_chart(ctx, people)],
        notes=[
            "Pay amounts are compared within a zone, in its currency; compa-ratio (pay / band "
            "mid) and range penetration ((pay − min) / (max − min)) compare across zones.",
            "The adjusted gap is exp(β) − 1 for the IC indicator in an OLS of ln(annual "
            f"full-time pay) on track and those of {controls_text(['grade', *controls])} "
            "that vary among the people compared (each result lists its own); a negative "
            "gap means ICs are paid less.",
        ],
        suppressed=suppressed,
    )


def _controls(data: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Controls that vary in the data: zone, discipline, tenure, performance when present."""
    categorical = [c for c in ("zone", "level_discipline") if data[c].nunique() > 1]
    numeric = ["tenure_years"]
    words = [{"zone": "zone", "level_discipline": "discipline"}[c] for c in categorical]
    words.append("tenure")
    if "performance_rating" in data and data["performance_rating"].notna().mean() > 0.5:
        numeric.append("performance_rating")
        words.append("performance rating")
    return categorical, numeric, words


def _prepare(frame: pd.DataFrame, numeric: list[str]) -> pd.DataFrame:
    """Rows with every numeric control present (performance is missing for some people)."""
    return frame.dropna(subset=numeric)


def _overall_gap(
    ctx: AuditContext,
    data: pd.DataFrame,
    measure: str,
    column: str,
    words: str,
    categorical: list[str],
    numeric: list[str],
    controls: list[str],
) -> Comparison:
    rows = _prepare(data, numeric)
    n_ic, n_mgmt = int(rows["is_ic"].sum()), int((1 - rows["is_ic"]).sum())
    spec = Compare(
        id=f"pay-parity.{measure}.all",
        audit="pay-parity",
        what=f"Adjusted gap in {words}, ICs vs managers at the same grade (all parallel grades)",
        groups=[
            group("ICs at parallel grades", n_ic, ctx.min_group),
            group("managers at parallel grades", n_mgmt, ctx.min_group),
        ],
        unit="percent",
        method=OLS_METHOD,
        flag_unconfirmed=True,
        controls=["grade", *controls],
    )
    return _estimate(
        ctx,
        spec,
        rows,
        column,
        categorical,
        numeric,
        "ICs",
        "managers",
        words,
        "at the same grade",
    )


def _grade_gap(
    ctx: AuditContext,
    at_grade: pd.DataFrame,
    grade_id: str,
    measure: str,
    column: str,
    words: str,
    categorical: list[str],
    numeric: list[str],
    controls: list[str],
) -> Comparison:
    rows = _prepare(at_grade, numeric)
    n_ic, n_mgmt = int(rows["is_ic"].sum()), int((1 - rows["is_ic"]).sum())
    ic_label = track_group(ctx, grade_id, TrackKind.IC)
    mgmt_label = track_group(ctx, grade_id, TrackKind.MANAGEMENT)
    spec = Compare(
        id=f"pay-parity.{measure}.{grade_id}",
        audit="pay-parity",
        what=f"Adjusted gap in {words}, ICs vs managers at grade {grade_id}",
        groups=[group(ic_label, n_ic, ctx.min_group), group(mgmt_label, n_mgmt, ctx.min_group)],
        unit="percent",
        method=OLS_METHOD,
        flag_unconfirmed=True,
        controls=controls,
    )
    return _estimate(
        ctx,
        spec,
        rows,
        column,
        categorical,
        numeric,
        ic_label,
        mgmt_label,
        words,
        f"at grade {grade_id}",
    )


def _estimate(
    ctx: AuditContext,
    spec: Compare,
    rows: pd.DataFrame,
    column: str,
    categorical: list[str],
    numeric: list[str],
    ic_label: str,
    mgmt_label: str,
    words: str,
    where: str,
) -> Comparison:
    if spec.small:
        return spec.suppressed()
    fit = log_pay_gaps(rows, column, ["is_ic"], categorical, numeric, ctx.options.tolerance)
    # The sizes and controls shown are the model's: rows in a one-person control category
    # leave it, and a control that does not vary is not in it.
    controls = control_words(fit.controls)
    spec = spec.with_groups(
        [
            group(spec.groups[0].label, fit.sizes["is_ic"], ctx.min_group),
            group(spec.groups[1].label, fit.reference_size(), ctx.min_group),
        ],
        controls,
    )
    if spec.small:
        return spec.suppressed()
    est = fit.estimates.get("is_ic")
    if est is None:
        return spec.not_estimable(fit.reasons["is_ic"])
    statement = (
        f"{ic_label} are paid {percent(abs(est.value))} {more_or_less(est.value)} {words} than "
        f"{mgmt_label} {where}{after_controlling_for(controls)}"
    )
    return spec.result(est, statement, material=abs(est.value) >= ctx.options.materiality)


def _band_position_table(ctx: AuditContext, people: pd.DataFrame) -> ResultTable:
    stats = (
        people.groupby(["grade_rank", "grade", "track_kind"], observed=True)
        .agg(
            n=("employee_id", "size"),
            compa_median=("compa_ratio", "median"),
            compa_mean=("compa_ratio", "mean"),
            penetration_mean=("range_penetration", "mean"),
        )
        .reset_index()
        .sort_values(["grade_rank", "track_kind"])
    )
    rows = [
        row(
            [r.grade, r.track_kind],
            [int(r.n), finite(r.compa_median), finite(r.compa_mean), finite(r.penetration_mean)],
            int(r.n),
            min_group=ctx.min_group,
        )
        for r in records(stats)
    ]
    return ResultTable(
        id="pay-parity.band-position",
        title="Position in the band by grade and track (all zones)",
        columns=[
            TableColumn(name="Grade"),
            TableColumn(name="Track"),
            TableColumn(name="n", kind="int"),
            TableColumn(name="Median compa-ratio", kind="ratio"),
            TableColumn(name="Mean compa-ratio", kind="ratio"),
            TableColumn(name="Mean range penetration", kind="percent"),
        ],
        rows=rows,
        note="Compa-ratio = annual full-time base pay / band mid for the person's level and zone.",
    )


def _zone_pay_table(ctx: AuditContext, people: pd.DataFrame) -> ResultTable:
    stats = (
        people.groupby(["grade_rank", "grade", "zone", "track_kind"], observed=True)
        .agg(
            currency=("band_currency", "first"),
            n=("employee_id", "size"),
            base_median=("base_annual_fte", "median"),
            base_mean=("base_annual_fte", "mean"),
            total_median=("total_annual_fte", "median"),
            total_mean=("total_annual_fte", "mean"),
        )
        .reset_index()
        .sort_values(["grade_rank", "zone", "track_kind"])
    )
    rows = [
        row(
            [r.grade, r.zone, r.currency if isinstance(r.currency, str) else "", r.track_kind],
            [
                finite(r.base_median),
                finite(r.base_mean),
                finite(r.total_median),
                finite(r.total_mean),
            ],
            int(r.n),
            min_group=ctx.min_group,
        )
        for r in records(stats)
    ]
    return ResultTable(
        id="pay-parity.zone-pay",
        title="Annual full-time pay by grade, zone and track (in the zone's currency)",
        columns=[
            TableColumn(name="Grade"),
            TableColumn(name="Zone"),
            TableColumn(name="Currency"),
            TableColumn(name="Track"),
            TableColumn(name="Median base", kind="money"),
            TableColumn(name="Mean base", kind="money"),
            TableColumn(name="Median total", kind="money"),
            TableColumn(name="Mean total", kind="money"),
        ],
        rows=rows,
        note="Group sizes are in the table above (per grade and track): per zone they could "
        "reveal a suppressed group by subtraction.",
    )


def _oaxaca_table(
    ctx: AuditContext, data: pd.DataFrame, categorical: list[str], numeric: list[str]
) -> ResultTable:
    rows: list[TableRow] = []
    prepared = _prepare(data, numeric)
    n_ic, n_mgmt = int(prepared["is_ic"].sum()), int((1 - prepared["is_ic"]).sum())
    draws = ctx.options.bootstrap_draws
    for _, column, words in PAY_MEASURES[:1]:  # base pay: what bands govern
        parts = (
            None
            if is_small(n_ic, n_mgmt, min_group=ctx.min_group)
            else oaxaca_blinder_ci(prepared, column, "is_ic", categorical, numeric, draws)
        )
        numbers: list[Cell] = [None] * 7
        if parts is not None:
            numbers = [
                parts.point.gap,
                parts.point.explained,
                parts.explained_low,
                parts.explained_high,
                parts.point.unexplained,
                parts.unexplained_low,
                parts.unexplained_high,
            ]
        rows.append(row([words], numbers, n_ic, n_mgmt, min_group=ctx.min_group))
    return ResultTable(
        id="pay-parity.oaxaca",
        title="Oaxaca–Blinder decomposition of the raw gap (managers minus ICs, log points)",
        columns=[
            TableColumn(name="Pay"),
            TableColumn(name="Raw gap", kind="number"),
            TableColumn(name="Explained by controls", kind="number"),
            TableColumn(name="Explained, 95 % CI low", kind="number"),
            TableColumn(name="Explained, 95 % CI high", kind="number"),
            TableColumn(name="Unexplained", kind="number"),
            TableColumn(name="Unexplained, 95 % CI low", kind="number"),
            TableColumn(name="Unexplained, 95 % CI high", kind="number"),
        ],
        rows=rows,
        note="Difference in mean ln(pay), managers minus ICs, at parallel grades; pooled "
        "coefficients. The explained part comes from differences in grade, zone, discipline and "
        "tenure; the unexplained part is what equal characteristics would not account for. "
        + (
            f"Intervals: {draws} bootstrap draws resampling each track's people separately, "
            "percentile method (SciPy), seeded. "
            if draws > 0
            else "No intervals (bootstrap draws set to 0). "
        )
        + "Descriptive: the adjusted gap above carries the test.",
    )


def _compa_chart(ctx: AuditContext, people: pd.DataFrame) -> Chart:
    grades = ctx.parallel_grades()
    stats = (
        people[people["grade"].isin(grades)]
        .groupby(["grade", "track_kind"], observed=True)["compa_ratio"]
        .agg(["median", "size"])
    )
    series = []
    for kind, name in (("ic", "IC"), ("management", "Management")):
        values: list[float | None] = []
        for grade_id in grades:
            key = (grade_id, kind)
            shown = (key in stats.index and finite(stats.loc[key, "size"])) or 0
            values.append(
                finite(stats.loc[key, "median"]) if reportable(int(shown), ctx.min_group) else None
            )
        series.append(ChartSeries(name=name, values=values))
    return Chart(
        id="pay-parity.compa-ratio",
        kind="bar",
        title="Median compa-ratio by grade and track",
        categories=grades,
        series=series,
        y_label="pay / band mid",
        reference_line=1.0,
        y_from_zero=False,
    )
