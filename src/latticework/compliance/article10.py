"""Article 10: when a joint pay assessment is due, and what it must contain (Art. 10(2)).

The trigger: a category whose gap in total pay is 5 % or more, that the
justifications do not explain (the gap left unexplained by the declared
factors stays at 5 % or more), and that is not remedied (its gap on today's
data is still 5 % or more) six months after the report was submitted.
Justifications the workers' representatives disagreed with do not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from latticework.audit.suppression import is_small
from latticework.compliance.decomposition import BOOTSTRAP_DRAWS, Decomposition, decompose
from latticework.compliance.gaps import SEXES, THRESHOLD, counts, mean_gap, too_small
from latticework.compliance.requests import add_months

if TYPE_CHECKING:
    import pandas as pd

REMEDY_MONTHS = 6
Status = Literal[
    "below threshold",
    "too small to assess",
    "justified",
    "remedied",
    "within six months",
    "not submitted",
    "assessment due",
]


@dataclass(frozen=True)
class Justification:
    category: str
    factor: str
    explanation: str
    evidence: str | None = None
    agreement: str | None = None
    """"agreed" or "disagreed" by the workers' representatives, or None (not yet)."""
    agreed_by: str | None = None
    agreed_on: date | None = None


@dataclass(frozen=True)
class CategoryAssessment:
    category: str
    women: int
    men: int
    suppressed: bool
    reported_gap: float | None
    """Mean gap in total annual pay as reported (the submitted report), else as now."""
    current_gap: float | None
    basic_gap: float | None
    complementary_gap: float | None
    averages: dict[str, dict[str, float]] | None
    """Per sex: mean basic and complementary annual pay (None when suppressed)."""
    decomposition: Decomposition | None
    justifications: list[Justification]
    status: Status


@dataclass(frozen=True)
class LeaveReturn:
    """Art. 10(2)(e): of those back from leave, the share whose pay then improved."""

    returned: dict[str, int]
    improved: dict[str, float | None]
    suppressed: bool


@dataclass(frozen=True)
class JointAssessment:
    legal_entity: str
    year: int
    as_of: date
    submitted_on: date | None
    currency: str
    min_group: int
    categories: list[CategoryAssessment] = field(default_factory=list)
    leave: LeaveReturn | None = None

    @property
    def triggered(self) -> list[str]:
        return [c.category for c in self.categories if c.status == "assessment due"]


def category_status(
    *,
    reported_gap: float | None,
    current_gap: float | None,
    unexplained_gap: float | None,
    suppressed: bool,
    submitted_on: date | None,
    as_of: date,
) -> Status:
    """The trigger rule of Art. 10(1), one category at a time."""
    if suppressed:
        return "too small to assess"
    if reported_gap is None or abs(reported_gap) < THRESHOLD:
        return "below threshold"
    if current_gap is not None and abs(current_gap) < THRESHOLD:
        return "remedied"
    if unexplained_gap is not None and abs(unexplained_gap) < THRESHOLD:
        return "justified"
    if submitted_on is None:
        return "not submitted"
    if as_of < add_months(submitted_on, REMEDY_MONTHS):
        return "within six months"
    return "assessment due"


def joint_assessment(
    pay: pd.DataFrame,
    *,
    legal_entity: str,
    year: int,
    as_of: date,
    currency: str,
    min_group: int,
    justifications: list[Justification],
    reported_gaps: dict[str, float | None],
    submitted_on: date | None,
    leave: LeaveReturn | None = None,
) -> JointAssessment:
    """`pay` is the employer's `directive_pay` frame with the factor columns of FACTORS added."""
    data = pay[pay["sex"].isin(SEXES)]
    out: list[CategoryAssessment] = []
    ordered = data.sort_values(["category_rank", "category"], kind="stable")
    for category, here in ordered.groupby("category", sort=False):
        category = str(category)
        women, men = counts(here)
        small = too_small(here, min_group)
        current = None if small else mean_gap(here, "total_annual")
        reported = reported_gaps.get(category, current) if not small else None
        mine = [j for j in justifications if j.category == category]
        factors = sorted({j.factor for j in mine if j.agreement != "disagreed"})
        decomposition = (
            decompose(here, factors, draws=BOOTSTRAP_DRAWS) if factors and not small else None
        )
        averages = (
            None
            if small
            else {
                sex: {
                    "basic_annual": float(here.loc[here["sex"] == sex, "basic_annual"].mean()),
                    "complementary_annual": float(
                        here.loc[here["sex"] == sex, "complementary_annual"].mean()
                    ),
                }
                for sex in SEXES
            }
        )
        out.append(
            CategoryAssessment(
                category=category,
                women=women,
                men=men,
                suppressed=small,
                reported_gap=reported,
                current_gap=current,
                basic_gap=None if small else mean_gap(here, "basic_annual"),
                complementary_gap=None if small else mean_gap(here, "complementary_annual"),
                averages=averages,
                decomposition=decomposition,
                justifications=mine,
                status=category_status(
                    reported_gap=reported,
                    current_gap=current,
                    unexplained_gap=None
                    if decomposition is None
                    else decomposition.unexplained_gap,
                    suppressed=small,
                    submitted_on=submitted_on,
                    as_of=as_of,
                ),
            )
        )
    return JointAssessment(
        legal_entity=legal_entity,
        year=year,
        as_of=as_of,
        submitted_on=submitted_on,
        currency=currency,
        min_group=min_group,
        categories=out,
        leave=leave,
    )


IMPROVEMENT_WINDOW_MONTHS = 12
IMPROVING_EVENTS = ("pay_change", "promotion")


def leave_returns(
    pay: pd.DataFrame, events: pd.DataFrame, *, as_of: date, min_group: int
) -> LeaveReturn:
    """Workers back from leave in the last year; the share with a pay rise within a year of it.

    A pay improvement is a pay change or promotion that raised base pay
    (new_base > old_base, or a promotion without amounts) after the leave ended.
    """
    import pandas as pd

    from latticework.org.columns import LEAVE_TYPES

    today = pd.Timestamp(as_of)
    start = pd.Timestamp(add_months(as_of, -2 * IMPROVEMENT_WINDOW_MONTHS))
    leave = events[
        events["type"].isin(LEAVE_TYPES)
        & events["end_date"].notna()
        & (events["end_date"] <= today)
        & (events["end_date"] >= start)
    ]
    last = leave.groupby("employee_id")["end_date"].max()
    sexes = pay.set_index("employee_id")["sex"]
    last = last[last.index.isin(sexes.index)]
    raises = events[events["type"].isin(IMPROVING_EVENTS)]
    rose = raises["type"].eq("promotion") & raises["new_base"].isna()
    rose |= raises["new_base"] > raises["old_base"]
    raises = raises[rose]
    improved_ids: set[str] = set()
    for person, ended in last.items():
        mine = raises[raises["employee_id"] == person]["date"]
        window_end = pd.Timestamp(add_months(ended.date(), IMPROVEMENT_WINDOW_MONTHS))
        if ((mine > ended) & (mine <= window_end)).any():
            improved_ids.add(str(person))
    returned: dict[str, int] = {}
    improved: dict[str, float | None] = {}
    for sex in SEXES:
        ids = [str(p) for p in last.index if sexes.get(p) == sex]
        returned[sex] = len(ids)
        improved[sex] = sum(p in improved_ids for p in ids) / len(ids) if ids else None
    small = is_small(*returned.values(), min_group=min_group)
    if small:
        improved = dict.fromkeys(SEXES)
    return LeaveReturn(returned=returned, improved=improved, suppressed=small)
