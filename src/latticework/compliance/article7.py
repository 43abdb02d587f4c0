"""The Article 7 answer to a worker: their own pay and the average pay by sex in their category.

Averages of a category are withheld when either sex in it has fewer people
than the minimum group size: with one woman in the category, "the women's
average" would be her pay. The letter then says so and names who may
receive the figures (Art. 12(3): the labour inspectorate or equality body,
and the workers' representatives under national law).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from latticework.compliance.categories import CATEGORY_BASIS
from latticework.compliance.gaps import SEXES, too_small
from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework

WITHHELD = (
    "The average pay by sex in your category is withheld: fewer than {n} women or fewer than "
    "{n} men work in it, and an average of so few people would disclose their pay. Under "
    "Article 12(3) of the Directive these figures can be made available to the labour "
    "inspectorate or the equality body, and to the workers' representatives, who may "
    "advise you on a possible claim."
)


@dataclass(frozen=True)
class PayFigures:
    basic_annual: float
    complementary_annual: float
    basic_hourly: float
    complementary_hourly: float

    @property
    def total_annual(self) -> float:
        return self.basic_annual + self.complementary_annual

    @property
    def total_hourly(self) -> float:
        return self.basic_hourly + self.complementary_hourly


@dataclass(frozen=True)
class InformationLetter:
    employee_id: str
    name: str
    legal_entity: str
    category: str
    currency: str
    own: PayFigures
    averages: dict[str, PayFigures] | None
    """Average pay of women and of men in the category; None when withheld."""
    min_group: int
    criteria: list[str] = field(default_factory=list)
    """Art. 6: the criteria used to set pay and progression, from the framework."""
    category_basis: str = CATEGORY_BASIS

    @property
    def withheld_reason(self) -> str | None:
        return None if self.averages is not None else WITHHELD.format(n=self.min_group)


def _figures(rows: pd.DataFrame) -> PayFigures:
    return PayFigures(
        basic_annual=float(rows["basic_annual"].mean()),
        complementary_annual=float(rows["complementary_annual"].mean()),
        basic_hourly=float(rows["basic_hourly"].mean()),
        complementary_hourly=float(rows["complementary_hourly"].mean()),
    )


def information_letter(
    pay: pd.DataFrame,
    employee_id: str,
    framework: Framework,
    *,
    legal_entity: str,
    currency: str,
    min_group: int,
    people: pd.DataFrame,
) -> InformationLetter:
    """The letter for one worker of the employer whose `directive_pay` frame is `pay`.

    `people` is the employer's people frame (for the worker's level, zone and discipline).
    """
    mine = pay[pay["employee_id"] == employee_id]
    if mine.empty:
        raise LatticeworkError(
            Problem(
                f"{employee_id} is not an active worker of legal entity {legal_entity}.",
                fix="Check the employee id; Article 7 answers are for current workers.",
                code="eu-employee",
            )
        )
    me = mine.iloc[0]
    category = str(me["category"])
    colleagues = pay[(pay["category"] == category) & pay["sex"].isin(SEXES)]
    averages = (
        None
        if too_small(colleagues, min_group)
        else {sex: _figures(colleagues[colleagues["sex"] == sex]) for sex in SEXES}
    )
    person = people[people["employee_id"] == employee_id].iloc[0]
    return InformationLetter(
        employee_id=employee_id,
        name=str(me["name"]) if me["name"] and me["name"] != "nan" else "",
        legal_entity=legal_entity,
        category=category,
        currency=currency,
        own=_figures(mine),
        averages=averages,
        min_group=min_group,
        criteria=pay_criteria(framework, str(person["level"]), str(person["zone"])),
    )


def pay_criteria(framework: Framework, level_id: str, zone_id: str) -> list[str]:
    """Art. 6: the objective, gender-neutral criteria for pay, pay levels and progression."""
    placement = framework.placement(level_id)
    grade = framework.grade(placement.level.grade)
    grades = ", ".join(g.id for g in framework.grades_by_rank())
    equivalent = sorted(p.level.id for p in framework.levels_at_grade(grade.id))
    out = [
        f"Pay is set by grade. The framework has {len(framework.grades)} grades ({grades}); "
        f"your level {placement.level.id} ({placement.level.title}) on the "
        f"{placement.track.name} track is at grade {grade.id}. Levels at one grade are work of "
        f"equal value and share one pay band: {', '.join(equivalent)}.",
    ]
    band = framework.band_for(level_id, zone_id)
    if band is not None:
        extra = ""
        if band.variable_target_pct is not None:
            extra += f"; target variable pay {band.variable_target_pct:g} % of base"
        if band.equity_target is not None:
            extra += f"; target annual equity {band.equity_target:,.0f} {band.currency}"
        out.append(
            f"Your pay band (grade {grade.id}, zone {zone_id}): {band.min:,.0f}–{band.max:,.0f} "
            f"{band.currency} a year full time, midpoint {band.mid:,.0f}{extra}."
        )
    rule = framework.promotion
    how = (
        "meeting every expectation of the next level"
        if rule.rule == "all-expectations"
        else f"meeting a weighted {rule.threshold or 0:.0%} of the next level's expectations"
    )
    waiting = (
        f", after at least {rule.min_months_in_level} months in the level"
        if rule.min_months_in_level
        else ""
    )
    out.append(
        f"Progression: promotion to the next level is by {how} (an expectation is met at a "
        f"rating of {rule.meets_rating} or more on the scale "
        f"{', '.join(f'{k} {v}' for k, v in sorted(rule.rating_scale.items()))}){waiting}."
    )
    competencies = [c.name for c in framework.competencies_for(placement.discipline.id)]
    if competencies:
        out.append(
            "Expectations are assessed on the competencies of your discipline: "
            + ", ".join(competencies)
            + "."
        )
    return out
