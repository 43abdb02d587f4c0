"""Opportunity flow: who comes in where, who leaves, and who crosses between the tracks.

Over the period: the grade people are hired at and their starting compa-ratio,
by protected attribute at equal track (and grade, for pay); the exit rate per
month employed of ICs against managers at each grade where both tracks exist
(a Poisson rate ratio with the months at risk as exposure); and the rate at
which people switch between the IC and management tracks, by protected
attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.labels import group_words
from latticework.audit.model import AuditSection, Comparison, SectionStatus
from latticework.audit.population import DAYS_PER_MONTH
from latticework.audit.process_stats import NOT_ESTIMABLE, OLS_POINTS_METHOD, adjusted_difference
from latticework.audit.registry import audit
from latticework.audit.stats import FISHER_METHOD, OLS_METHOD, fisher_rates, log_pay_gap
from latticework.audit.suppression import group, pair
from latticework.audit.wording import number, percent

if TYPE_CHECKING:
    import pandas as pd

EXIT_METHOD = "Poisson rate ratio of exits per month employed (statsmodels GLM)"
MATERIAL_GRADE_STEPS = 0.25
"""A quarter of a grade at hire, on average, is a material difference in where people start."""


@audit(
    "opportunity-flow",
    order=75,
    title="Opportunity flow: hiring, exits and track switches",
    summary="Grade at hire and starting compa-ratio by group; exit rate by track and grade "
    "(rate ratio per month employed); IC-management switch rates by group.",
)
def opportunity_flow(ctx: AuditContext) -> AuditSection:
    title, description = opportunity_flow.title, opportunity_flow.summary
    people = ctx.population.people
    if people.empty:
        return AuditSection(
            id="opportunity-flow",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No people in the data.",
        )
    start, end = ctx.period
    comparisons: list[Comparison] = []
    state = ctx.history.state_at(start)
    for grade_id in ctx.parallel_grades():
        comparisons.append(_exit_rates(ctx, people, state, grade_id))
    hires = _hires(ctx, people)
    switches = _switches(ctx, state)
    for attribute in ctx.attributes():
        reference, values = _groups(people, attribute)
        for value in values:
            comparisons += _hiring(ctx, hires, attribute, value, reference)
            comparisons.append(_switch_rate(ctx, switches, attribute, value, reference))
    return AuditSection(
        id="opportunity-flow",
        title=title,
        description=description,
        methods=[EXIT_METHOD, OLS_POINTS_METHOD, OLS_METHOD, FISHER_METHOD],
        comparisons=comparisons,
        notes=[
            f"Period {start} to {end}. Exits: people at the grade on {start}, followed to "
            f"their exit or {end}. Hires: people hired in the period at the level they still "
            "hold (their starting pay is their pay now). Switches: ICs or managers at a grade "
            "where both tracks exist who changed track in the period.",
        ],
        suppressed=any(c.suppressed for c in comparisons),
    )


def _groups(people: pd.DataFrame, attribute: str) -> tuple[str, list[str]]:
    values = people[attribute].dropna().astype(str).str.strip().str.lower()
    counts = values.value_counts()
    reference = next((v for v in ("male", "man", "men") if v in counts.index), str(counts.index[0]))
    return reference, [str(v) for v in counts.index if v != reference]


def _attribute(frame: pd.DataFrame, attribute: str) -> pd.Series:
    return frame[attribute].astype("object").str.strip().str.lower()


def _exit_rates(
    ctx: AuditContext, people: pd.DataFrame, state: pd.DataFrame, grade_id: str
) -> Comparison:
    import numpy as np
    import pandas as pd

    from latticework.audit.stats import promotion_rate_ratio

    start, end = (pd.Timestamp(d) for d in ctx.period)
    at = state[(state["grade"] == grade_id) & state["track_kind"].isin(["ic", "management"])]
    exits = people.set_index("employee_id")["exit_date"].reindex(at["employee_id"]).to_numpy()
    left = pd.notna(exits) & (exits <= end)
    stop = np.where(left, exits, np.datetime64(end)).astype("datetime64[ns]")
    months = (stop - np.datetime64(start)).astype("timedelta64[D]").astype(float) / DAYS_PER_MONTH
    is_ic = (at["track_kind"] == "ic").to_numpy()
    spec = Compare(
        id=f"opportunity-flow.exit.{grade_id}",
        audit="opportunity-flow",
        what=f"Exit rate per month employed, ICs vs managers at grade {grade_id}",
        groups=[
            group("ICs", int(is_ic.sum()), ctx.min_group),
            group("managers", int((~is_ic).sum()), ctx.min_group),
        ],
        unit="ratio",
        method=EXIT_METHOD,
    )
    if spec.small:
        return spec.suppressed()
    est = promotion_rate_ratio(np.maximum(months, 0.0), left.astype(float), is_ic.astype(int))
    if est is None:
        return spec.not_estimable(NOT_ESTIMABLE)
    statement = (
        f"ICs at grade {grade_id} left at {number(est.value)} times managers' rate per month "
        f"employed ({int(left[is_ic].sum())} and {int(left[~is_ic].sum())} exits)"
    )
    ratio = min(est.value, 1 / est.value) if est.value > 0 else 0.0
    return spec.result(est, statement, material=ratio < ctx.options.four_fifths)


def _hires(ctx: AuditContext, people: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    start, end = (pd.Timestamp(d) for d in ctx.period)
    hired = people[
        (people["hire_date"] > start)
        & (people["hire_date"] <= end)
        & people["grade_rank"].notna()
        & people["track_kind"].isin(["ic", "management"])
    ]
    if "level_start_date" in hired:
        # Still at the level they were hired at: their pay now is their starting pay.
        same = pd.to_datetime(hired["level_start_date"]).fillna(hired["hire_date"])
        hired = hired[same <= hired["hire_date"]]
    return hired.assign(
        grade_rank=hired["grade_rank"].astype(float),
        track_kind=hired["track_kind"].astype("object"),
        grade=hired["grade"].astype("object"),
    )


def _hiring(
    ctx: AuditContext, hires: pd.DataFrame, attribute: str, value: str, reference: str
) -> list[Comparison]:
    values = _attribute(hires, attribute)
    data = hires[values.isin([value, reference])].assign(indicator=(values == value).astype(float))
    n = int(data["indicator"].sum())
    who, ref = group_words(value), group_words(reference)
    groups = pair(f"{who} hired", n, f"{ref} hired", len(data) - n, ctx.min_group)
    grade = Compare(
        id=f"opportunity-flow.hire-grade.{attribute}.{value}",
        audit="opportunity-flow",
        what=f"Grade at hire (in grade steps), {who} vs {ref}, at equal track",
        groups=groups,
        unit="points",
        method=OLS_POINTS_METHOD,
        controls=["track", "discipline"],
    )
    pay = Compare(
        id=f"opportunity-flow.hire-pay.{attribute}.{value}",
        audit="opportunity-flow",
        what=f"Starting compa-ratio, {who} vs {ref}, at equal grade, track and zone",
        groups=groups,
        unit="percent",
        method=OLS_METHOD,
        controls=["grade", "track", "zone"],
    )
    if grade.small:
        return [grade.suppressed(), pay.suppressed()]
    data = data.assign(discipline=data["discipline"].astype("object"))
    result = []
    est = adjusted_difference(data, "grade_rank", "indicator", ["track_kind", "discipline"], [])
    if est is None:
        result.append(grade.not_estimable(NOT_ESTIMABLE))
    else:
        more = "lower" if est.value < 0 else "higher"
        statement = (
            f"{who.capitalize()} were hired {abs(est.value):.2f} grade steps {more} than {ref} "
            "on the same track"
        )
        result.append(grade.result(est, statement, material=abs(est.value) >= 0.25))
    priced = data[data["compa_ratio"].notna()].assign(zone=data["zone"].astype("object"))
    est = log_pay_gap(priced, "compa_ratio", "indicator", ["grade", "track_kind", "zone"], [])
    if est is None:
        result.append(pay.not_estimable(NOT_ESTIMABLE))
    else:
        more = "more" if est.value > 0 else "less"
        statement = (
            f"{who.capitalize()} started {percent(abs(est.value))} {more} against the band "
            f"mid-point than {ref} at the same grade, track and zone"
        )
        result.append(
            pay.result(est, statement, material=abs(est.value) >= ctx.options.materiality)
        )
    return result


def _switches(ctx: AuditContext, state: pd.DataFrame) -> pd.DataFrame:
    """People at a parallel grade on the first day, flagged when they changed track after."""
    import pandas as pd

    start, end = (pd.Timestamp(d) for d in ctx.period)
    events = ctx.dataset.events
    dates = pd.to_datetime(events["date"])
    moved = events.loc[
        (events["type"] == "track_change") & (dates > start) & (dates <= end), "employee_id"
    ]
    parallel = set(ctx.parallel_grades())
    base = state[state["grade"].isin(parallel) & state["track_kind"].isin(["ic", "management"])]
    people = ctx.population.people.set_index("employee_id")
    base = base.assign(switched=base["employee_id"].isin(set(moved)).astype(int))
    for attribute in ctx.attributes():
        base[attribute] = base["employee_id"].map(people[attribute].astype("object"))
    return base


def _switch_rate(
    ctx: AuditContext, base: pd.DataFrame, attribute: str, value: str, reference: str
) -> Comparison:
    values = _attribute(base, attribute)
    a, b = base[values == value], base[values == reference]
    who, ref = group_words(value), group_words(reference)
    spec = Compare(
        id=f"opportunity-flow.switch.{attribute}.{value}",
        audit="opportunity-flow",
        what=f"Rate of switching between the IC and management tracks, {who} vs {ref}",
        groups=pair(who, len(a), ref, len(b), ctx.min_group),
        unit="ratio",
        method=FISHER_METHOD,
    )
    if spec.small:
        return spec.suppressed()
    hits_a, hits_b = int(a["switched"].sum()), int(b["switched"].sum())
    if hits_a + hits_b == 0 or hits_b == 0:
        return spec.not_estimable(NOT_ESTIMABLE)
    est = fisher_rates(hits_a, len(a), hits_b, len(b))
    statement = (
        f"{who.capitalize()} switched track at {percent(est.value, 0)} of the rate of {ref} "
        f"({percent(hits_a / len(a))} vs {percent(hits_b / len(b))})"
    )
    low, high = sorted((hits_a / len(a), hits_b / len(b)))
    return spec.result(est, statement, material=low / high < ctx.options.four_fifths)
