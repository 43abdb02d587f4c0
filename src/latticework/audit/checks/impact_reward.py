"""Impact reward: is each kind of impact work rewarded with promotion alike?

Specialists' work is often risk reduction and enablement; managers' is more
often efficiency. For the people at a promotable level on the period's first
day, whether they were promoted in the period is modelled on whether they
have impact records of each category (in the two years up to the period's
end), holding grade equal. Each category is compared with efficiency work,
for everyone, for ICs and for managers; and each category's reward is
compared between women and men (the "non-promotable work" question).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.checks.advancement import promotion_cohort
from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.model import AuditSection, Comparison, SectionStatus
from latticework.audit.process_stats import LOGIT_METHOD, NOT_ESTIMABLE, logit_contrast
from latticework.audit.registry import audit
from latticework.audit.suppression import group
from latticework.audit.wording import number
from latticework.org.columns import IMPACT_CATEGORIES

if TYPE_CHECKING:
    import pandas as pd

REFERENCE = "efficiency"
CATEGORY_NAMES = {
    "risk_reduction": "risk reduction",
    "enablement": "enablement",
    "efficiency": "efficiency",
    "excellence": "excellence",
}
SUBSETS = {"all": "everyone", "ic": "ICs", "management": "managers"}
LOOKBACK_DAYS = 730


@audit(
    "impact-reward",
    order=38,
    title="Impact reward: does each kind of work lead to promotion alike?",
    summary="Promotion odds of people with risk-reduction, enablement and excellence impact "
    "records against efficiency records, at equal grade, by track and by gender.",
)
def impact_reward(ctx: AuditContext) -> AuditSection:
    title, description = impact_reward.title, impact_reward.summary
    impact = ctx.dataset.impact
    if impact.empty:
        return AuditSection(
            id="impact-reward",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No impact records in the data.",
        )
    cohort = _with_records(ctx, promotion_cohort(ctx), impact)
    comparisons: list[Comparison] = []
    for subset, who in SUBSETS.items():
        data = cohort if subset == "all" else cohort[cohort["track_kind"] == subset]
        for category in IMPACT_CATEGORIES:
            if category != REFERENCE:
                comparisons.append(_versus_efficiency(ctx, data, category, subset, who))
    if "gender" in ctx.attributes():
        people = ctx.population.people.set_index("employee_id")["gender"].astype("object")
        gender = cohort["employee_id"].map(people).str.strip().str.lower()
        data = cohort[gender.isin(["female", "male"])].assign(
            female=(gender == "female").astype(float)
        )
        for category in IMPACT_CATEGORIES:
            comparisons.append(_by_gender(ctx, data, category))
    start, end = ctx.period
    return AuditSection(
        id="impact-reward",
        title=title,
        description=description,
        methods=[LOGIT_METHOD],
        comparisons=comparisons,
        notes=[
            f"People at a promotable level on {start}; promoted means promoted by {end}. A "
            f"person 'has' a category with at least one impact record of it dated in the two "
            f"years up to {end}. Odds ratios below 1 mean that kind of work led to promotion "
            "less often.",
        ],
        suppressed=any(c.suppressed for c in comparisons),
    )


def _with_records(ctx: AuditContext, cohort: pd.DataFrame, impact: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    end = pd.Timestamp(ctx.period[1])
    dates = pd.to_datetime(impact["date"])
    recent = impact[(dates <= end) & (dates > end - pd.Timedelta(days=LOOKBACK_DAYS))]
    has = pd.crosstab(recent["employee_id"], recent["category"]).clip(upper=1)
    has = has.reindex(columns=list(IMPACT_CATEGORIES), fill_value=0)
    flags = has.reindex(cohort["employee_id"]).fillna(0).astype(float).to_numpy()
    out = cohort.assign(**{c: flags[:, i] for i, c in enumerate(IMPACT_CATEGORIES)})
    return out.assign(grade=out["grade"].astype("object"))


def _versus_efficiency(
    ctx: AuditContext, data: pd.DataFrame, category: str, subset: str, who: str
) -> Comparison:
    name = CATEGORY_NAMES[category]
    n, n_ref = int(data[category].sum()), int(data[REFERENCE].sum())
    spec = Compare(
        id=f"impact-reward.{category}.{subset}",
        audit="impact-reward",
        what=f"Promotion odds for {name} work vs efficiency work, {who}, at equal grade",
        groups=[
            group(f"with {name} records", n, ctx.min_group),
            group("with efficiency records", n_ref, ctx.min_group),
        ],
        unit="odds_ratio",
        method=LOGIT_METHOD,
        controls=["grade", "the other categories"],
    )
    if spec.small:
        return spec.suppressed()
    est = logit_contrast(
        data, "promoted", list(IMPACT_CATEGORIES), ["grade"], {category: 1.0, REFERENCE: -1.0}
    )
    if est is None:
        return spec.not_estimable(NOT_ESTIMABLE)
    statement = (
        f"For {who}, {name} work went with {number(est.value)} times the promotion odds of "
        "efficiency work at the same grade"
    )
    return spec.result(est, statement, material=_material(ctx, est.value))


def _by_gender(ctx: AuditContext, data: pd.DataFrame, category: str) -> Comparison:
    name = CATEGORY_NAMES[category]
    with_records = data[data[category] == 1]
    n_women = int(with_records["female"].sum())
    spec = Compare(
        id=f"impact-reward.{category}.gender.female",
        audit="impact-reward",
        what=f"Promotion reward of {name} work, women vs men, at equal grade",
        groups=[
            group(f"Women with {name} records", n_women, ctx.min_group),
            group(f"Men with {name} records", len(with_records) - n_women, ctx.min_group),
        ],
        unit="odds_ratio",
        method=LOGIT_METHOD,
        controls=["grade", "the other categories"],
    )
    if spec.small:
        return spec.suppressed()
    term = f"{category}_x_female"
    frame = data.assign(**{term: data[category] * data["female"]})
    est = logit_contrast(
        frame, "promoted", [*IMPACT_CATEGORIES, "female", term], ["grade"], {term: 1.0}
    )
    if est is None:
        return spec.not_estimable(NOT_ESTIMABLE)
    statement = (
        f"The promotion odds that {name} work went with were {number(est.value)} times as "
        "high for women as for men at the same grade"
    )
    return spec.result(est, statement, material=_material(ctx, est.value))


def _material(ctx: AuditContext, odds: float) -> bool:
    return odds < ctx.options.four_fifths or odds > 1 / ctx.options.four_fifths
