"""Each gap as a linear function of the raises, for the design the audit fits.

Adjusted gaps (track at a grade, demographic) are exp(β) − 1 of an indicator in
an OLS of ln(pay) on a design X that does not depend on pay (track, grade,
zone, discipline, tenure, performance). So β = c·y with c the indicator's row
of X⁺ (the pseudo-inverse), and raising person i's log pay by δᵢ moves β by
exactly cᵢ·δᵢ: the gap is linear in log pay for a fixed design. EU category
gaps are (mean men − mean women) / mean men: linear in the raises themselves.

The designs below follow the audit's own (audit/checks/pay_parity.py and
demographic.py, through `audit.stats.design_matrix`); the plan is always
checked by re-running the real audit, so a drift would show, not hide.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from latticework.audit.checks.eu_pay_transparency import GENDER_CODES, MEN, WOMEN
from latticework.audit.stats import design_matrix, drop_rare_categories
from latticework.audit.suppression import is_small, reportable
from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework, TrackKind
from latticework.remediation.targets import Target, TargetKind

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

PAY = "base_annual_fte"
PEOPLE_COLUMNS = ("employee_id", "zone", "currency", "pay", "band_max", "gain", "in_group")


class GapScale(StrEnum):
    LOG = "log"
    """Gain is per unit of ln(new pay / old pay): an adjusted (regression) gap."""
    MONEY = "money"
    """Gain is per unit of money raised: a gap in mean pay."""


@dataclass(frozen=True)
class LinearGap:
    """A gap written as `statistic + Σ gainᵢ·xᵢ`, and how far it must move to meet the goal.

    `people` holds everyone whose raise would move the gap the right way, with
    the columns of PEOPLE_COLUMNS; `in_group` marks the lower-paid group that the
    naive alternative (a uniform raise) would raise.
    """

    target: Target
    what: str
    scale: GapScale
    gap: float
    """The gap now, as the audit reports it (negative: the group is paid less)."""
    needed: float
    """How much Σ gainᵢ·xᵢ must grow for the goal (≤ 0: already met)."""
    people: pd.DataFrame
    raised_group: str
    """Who is raised, in words ("ICs at G8", "women")."""
    method: str
    audit_ids: tuple[str, ...]
    """Comparison ids of the audit numbers this gap is (for the before/after table)."""
    group_n: int
    other_n: int
    predict: Callable[[np.ndarray], float]
    """The gap after raising `people` by these amounts (money, in their order), exactly."""
    group: pd.DataFrame
    """The whole lower-paid group (zone, currency, pay): what a uniform raise would cover."""


def gap_model(
    people: pd.DataFrame,
    framework: Framework,
    target: Target,
    *,
    min_group: int,
    categories: dict[str, str] | None = None,
) -> LinearGap:
    """The linear model of one target gap on the audit's active people."""
    if target.kind is TargetKind.TRACK:
        return _track_gap(people, framework, target, min_group)
    if target.kind is TargetKind.DEMOGRAPHIC:
        return _demographic_gap(people, target, min_group)
    return _eu_gap(people, target, min_group, categories)


def _problem(message: str, fix: str) -> LatticeworkError:
    return LatticeworkError(Problem(message, fix=fix, code="remediation-target"))


def _controls(data: pd.DataFrame, candidates: tuple[str, ...]) -> tuple[list[str], list[str]]:
    categorical = [c for c in candidates if data[c].nunique() > 1]
    numeric = ["tenure_years"]
    if "performance_rating" in data and data["performance_rating"].notna().mean() > 0.5:
        numeric.append("performance_rating")
    return categorical, numeric


def _indicator_row(
    rows: pd.DataFrame,
    categorical: list[str],
    numeric: list[str],
    indicators: list[str],
    indicator: str,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows the OLS keeps and the indicator's row of the design's pseudo-inverse."""
    import numpy as np

    data = rows[rows[PAY] > 0]
    data = drop_rare_categories(data, categorical, 2)
    categorical = [c for c in categorical if data[c].nunique() > 1]
    numeric = [c for c in numeric if data[c].nunique() > 1]
    indicators = [i for i in indicators if data[i].nunique() > 1]
    if indicator not in indicators:
        raise _problem("Both groups are needed to estimate this gap.", "Choose another target.")
    x = design_matrix(data, categorical, [*indicators, *numeric]).to_numpy(dtype=float)
    column = 1 + indicators.index(indicator)  # the constant comes first, then the indicators
    # c = X (XᵀX)⁻¹ e_j: the indicator's row of X⁺, from the small k × k system.
    gram = x.T @ x
    unit = np.zeros(x.shape[1])
    unit[column] = 1.0
    c = x @ np.linalg.lstsq(gram, unit, rcond=None)[0]
    return data, c


def _with_gain(data: pd.DataFrame, c: np.ndarray, in_group: pd.Series, sign: float) -> pd.DataFrame:
    frame = data.assign(
        pay=data[PAY].astype(float),
        gain=sign * c,
        in_group=in_group.to_numpy(),
        currency=data["band_currency"].astype(object),
    )
    keep = frame[frame["gain"] > 0]
    return keep[list(PEOPLE_COLUMNS)].reset_index(drop=True)


def _log_needed(beta: float, goal: float) -> tuple[float, float]:
    """(sign, needed): raise the indicator group when β < 0, the others when β > 0."""
    if beta < 0:
        return 1.0, math.log(1 - goal) - beta
    return -1.0, beta - math.log(1 + goal)


def _track_gap(people: pd.DataFrame, fw: Framework, target: Target, min_group: int) -> LinearGap:
    grade = str(target.grade)
    kinds = (
        {p.track.kind for p in fw.levels_at_grade(grade)}
        if grade in {g.id for g in fw.grades}
        else set()
    )
    if not {TrackKind.IC, TrackKind.MANAGEMENT} <= kinds:
        raise _problem(
            f"Grade {grade} has no IC and management levels to compare.",
            "Name a grade where both tracks have a level (track:G8).",
        )
    parallel = {p.level.grade for p in fw.placements() if p.track.kind is TrackKind.IC} & {
        p.level.grade for p in fw.placements() if p.track.kind is TrackKind.MANAGEMENT
    }
    data = people[people["grade"].isin(parallel) & people["track_kind"].isin(["ic", "management"])]
    categorical, numeric = _controls(data, ("zone", "level_discipline"))
    rows = data[data["grade"] == grade].dropna(subset=numeric)
    rows = rows.assign(is_ic=(rows["track_kind"] == "ic").astype(float))
    n_ic, n_m = int(rows["is_ic"].sum()), int((1 - rows["is_ic"]).sum())
    if is_small(n_ic, n_m, min_group=min_group):
        raise _problem(
            f"At {grade} one track has fewer than {min_group} people: the audit suppresses "
            "this gap, so there is nothing it can show closed.",
            "Choose a grade with at least the minimum group on both tracks.",
        )
    kept, c = _indicator_row(rows, categorical, numeric, ["is_ic"], "is_ic")
    import numpy as np

    beta = float(c @ np.log(kept[PAY].to_numpy(dtype=float)))
    sign, needed = _log_needed(beta, target.goal)
    in_group = kept["is_ic"] == (1.0 if sign > 0 else 0.0)
    gained = _with_gain(kept, c, in_group, sign)
    return LinearGap(
        target=target,
        what=f"Adjusted gap in base pay, ICs vs managers at grade {grade}",
        scale=GapScale.LOG,
        gap=math.expm1(beta),
        needed=needed,
        people=gained,
        raised_group=f"{'ICs' if sign > 0 else 'managers'} at {grade}",
        method="OLS of log base pay at the grade (the pay-parity audit's design); "
        "β is linear in log pay for a fixed design",
        audit_ids=(f"pay-parity.base.{grade}", f"pay-parity.total.{grade}", "pay-parity.base.all"),
        group_n=n_ic,
        other_n=n_m,
        predict=_log_predictor(beta, sign, gained),
        group=_group(kept[in_group.to_numpy()]),
    )


def _reference(values: pd.Series) -> str:
    counts = values.value_counts()
    for preferred in ("male", "man", "men", "m"):
        if preferred in counts.index:
            return preferred
    return str(counts.index[0])


def _demographic_gap(people: pd.DataFrame, target: Target, min_group: int) -> LinearGap:
    attribute = str(target.attribute)
    if attribute not in people or not people[attribute].notna().any():
        raise _problem(
            f"The data has no {attribute!r} values.",
            "Name a protected attribute present in the data (gender, ethnicity).",
        )
    data = people[people[attribute].notna()]
    data = data.assign(**{attribute: data[attribute].astype(str).str.strip().str.lower()})
    reference = _reference(data[attribute])
    categorical, numeric = _controls(data, ("grade", "track_kind", "zone", "level_discipline"))
    data = data.dropna(subset=numeric)
    sizes = data[attribute].value_counts()
    others = [str(v) for v in sizes.index if v != reference]
    value = target.value or (others[0] if others else None)
    if value is None or value == reference or value not in sizes.index:
        raise _problem(
            f"No group {target.value!r} of {attribute} to compare with {reference!r}.",
            f"Use {attribute}:GROUP with one of: {', '.join(others) or 'none'}.",
        )
    if is_small(int(sizes[value]), int(sizes[reference]), min_group=min_group):
        raise _problem(
            f"The {value!r} or {reference!r} group has fewer than {min_group} people: the audit "
            "suppresses this gap.",
            "Choose a larger group.",
        )
    large = [v for v in others if reportable(int(sizes.get(v, 0)), min_group)]
    modelled = data[data[attribute].isin([reference, *large])]
    indicators = {v: f"_is_{i}" for i, v in enumerate(large)}
    modelled = modelled.assign(
        **{col: (modelled[attribute] == v).astype(float) for v, col in indicators.items()}
    )
    kept, c = _indicator_row(
        modelled, categorical, numeric, list(indicators.values()), indicators[value]
    )
    import numpy as np

    beta = float(c @ np.log(kept[PAY].to_numpy(dtype=float)))
    sign, needed = _log_needed(beta, target.goal)
    in_group = kept[attribute] == (value if sign > 0 else reference)
    gained = _with_gain(kept, c, in_group, sign)
    target = Target(target.kind, attribute=attribute, value=value, goal=target.goal)
    return LinearGap(
        target=target,
        what=f"Adjusted gap in base pay, {attribute} '{value}' vs '{reference}'",
        scale=GapScale.LOG,
        gap=math.expm1(beta),
        needed=needed,
        people=gained,
        raised_group=f"{attribute} '{value if sign > 0 else reference}'",
        method="OLS of log base pay on the group and grade, track, zone, discipline, tenure "
        "(and performance): the demographic audit's design; β is linear in log pay",
        audit_ids=(f"demographic.{attribute}.pay.all.{value}",),
        group_n=int(sizes[value]),
        other_n=int(sizes[reference]),
        predict=_log_predictor(beta, sign, gained),
        group=_group(kept[in_group.to_numpy()]),
    )


def _eu_gap(
    people: pd.DataFrame, target: Target, min_group: int, categories: dict[str, str] | None
) -> LinearGap:
    if "gender" not in people or not people["gender"].notna().any():
        raise _problem("The data has no gender values.", "The EU report needs gender.")
    data = people.assign(
        gender_eu=people["gender"].astype(str).str.strip().str.lower().map(GENDER_CODES)
    )
    category = (
        data["grade"].astype(object)
        if categories is None
        else data["level"].astype(object).map(categories)
    )
    here = data[
        (data["zone"] == target.zone) & (category == target.category) & data["gender_eu"].notna()
    ]
    women, men = here[here["gender_eu"] == WOMEN], here[here["gender_eu"] == MEN]
    if is_small(len(women), len(men), min_group=min_group):
        raise _problem(
            f"In zone {target.zone}, category {target.category} has fewer than {min_group} "
            "women or men: the report suppresses this gap.",
            "Choose a zone and category the EU report shows (eu:ZONE:GRADE).",
        )
    gaps = {}
    for column in (PAY, "total_annual_fte"):
        m, w = float(men[column].mean()), float(women[column].mean())
        gaps[column] = (m - w) / m
    worst = max(gaps.values(), key=abs)
    lower = women if worst > 0 else men
    # Gap = (men − women) / men. Raising women's pay by R in total: (M − W − R/n) / M ≤ goal
    # ⇔ R ≥ n ((1 − goal) M − W); raising men's: (W − M − R/n) / (M + R/n) ≤ goal
    # ⇔ R ≥ n (W / (1 + goal) − M). A raise in base pay raises total pay by the same amount,
    # so one R serves both measures.
    g = target.goal
    needed = max(
        len(lower) * ((1 - g) * float(men[c].mean()) - float(women[c].mean()))
        if worst > 0
        else len(lower) * (float(women[c].mean()) / (1 + g) - float(men[c].mean()))
        for c in (PAY, "total_annual_fte")
    )
    frame = lower.assign(
        pay=lower[PAY].astype(float),
        gain=1.0,
        in_group=True,
        currency=lower["band_currency"].astype(object),
    )[list(PEOPLE_COLUMNS)].reset_index(drop=True)
    return LinearGap(
        target=target,
        what=f"Mean gender gap in zone {target.zone}, category {target.category} (base and total)",
        scale=GapScale.MONEY,
        gap=worst,
        needed=needed,
        people=frame,
        raised_group=f"{'women' if worst > 0 else 'men'} in {target.zone} {target.category}",
        method="(mean men − mean women) / mean men, Directive (EU) 2023/970 Art. 9: linear in "
        "the raises",
        audit_ids=("eu-pay-transparency.by-grade",),
        group_n=len(women),
        other_n=len(men),
        predict=_mean_predictor(women, men, worst > 0),
        group=_group(lower),
    )


def _group(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        pay=frame[PAY].astype(float), currency=frame["band_currency"].astype(object)
    )[["zone", "currency", "pay"]].reset_index(drop=True)


def _log_predictor(beta: float, sign: float, people: pd.DataFrame) -> Callable[[np.ndarray], float]:
    import numpy as np

    pay = people["pay"].to_numpy(dtype=float)
    c = sign * people["gain"].to_numpy(dtype=float)

    def predict(raises: np.ndarray) -> float:
        return math.expm1(beta + float(c @ np.log1p(raises / pay)))

    return predict


def _mean_predictor(
    women: pd.DataFrame, men: pd.DataFrame, women_lower: bool
) -> Callable[[np.ndarray], float]:
    """The more adverse of the base and total gaps, (men − women) / men, after raising the
    lower-paid group by `raises` in total."""
    import numpy as np

    n = len(women) if women_lower else len(men)
    means = [(float(men[c].mean()), float(women[c].mean())) for c in (PAY, "total_annual_fte")]

    def predict(raises: np.ndarray) -> float:
        extra = float(np.sum(raises)) / n
        gaps = [
            (m - (w + extra)) / m if women_lower else ((m + extra) - w) / (m + extra)
            for m, w in means
        ]
        # The goal holds for both measures: report the one still most adverse.
        return max(gaps) if women_lower else min(gaps)

    return predict
