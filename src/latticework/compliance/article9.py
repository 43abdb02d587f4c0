"""The Article 9 report of one employer for one year: indicators (a)–(g), annual and hourly.

Every indicator is a small table (one CSV each). A table row whose women or
men are fewer than the minimum group size shows its labels and no number;
when any category is suppressed, the employer's head counts are not shown
either, since the total minus the shown categories would give the
suppressed one's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from latticework.audit.checks.eu_pay_transparency import MEN, WOMEN, quartile_shares
from latticework.audit.suppression import is_small_group
from latticework.compliance.categories import CATEGORY_BASIS
from latticework.compliance.gaps import (
    GAP_DEFINITION,
    THRESHOLD,
    counts,
    mean_gap,
    median_gap,
    too_small,
)

if TYPE_CHECKING:
    import pandas as pd

Cell = str | int | float | None
Kind = Literal["text", "int", "percent"]
BASES = (("gross annual", "annual"), ("gross hourly", "hourly"))
SUPPRESSED_MEANING = (
    "A row marked suppressed had fewer than {n} women or fewer than {n} men: it shows its "
    "labels and no figure, in every format. Its figures can be made available to the labour "
    "inspectorate or equality body on request (Art. 12(3))."
)


@dataclass(frozen=True)
class Indicator:
    """One item of Art. 9(1) as a table; `rows` hold None where a row is suppressed."""

    item: str
    title: str
    columns: tuple[str, ...]
    kinds: tuple[Kind, ...]
    rows: list[list[Cell]]
    suppressed: list[bool]
    note: str = ""

    @property
    def article(self) -> str:
        return f"Art. 9(1)({self.item})"


@dataclass(frozen=True)
class Article9Report:
    legal_entity: str
    year: int
    submitted_on: date | None
    min_group: int
    currency: str
    women: int | None
    men: int | None
    """Head counts; None when showing them would reveal a suppressed category."""
    hours_assumed: int
    """People without contractual hours, whose hourly pay assumes a 2,080-hour year."""
    indicators: list[Indicator] = field(default_factory=list)
    category_basis: str = CATEGORY_BASIS
    definition: str = GAP_DEFINITION
    pay_date: date | None = None
    """The day the pay is of: 31 December of the reference year."""
    notes: list[str] = field(default_factory=list)
    """How the pay of the reference year was found (see `compliance.pay.year_end`)."""

    @property
    def suppressed(self) -> bool:
        return any(any(i.suppressed) for i in self.indicators)

    def indicator(self, item: str) -> Indicator:
        return next(i for i in self.indicators if i.item == item)

    def flagged_categories(self) -> list[str]:
        """Categories whose mean gap in total pay (annual or hourly) is 5 % or more."""
        g = self.indicator("g")
        flag = g.columns.index("5 % or more")
        return sorted({str(r[0]) for r in g.rows if r[flag] == "yes"})


def article9_report(
    pay: pd.DataFrame,
    *,
    legal_entity: str,
    year: int,
    currency: str,
    min_group: int,
    submitted_on: date | None = None,
    category_basis: str = CATEGORY_BASIS,
    notes: list[str] | None = None,
) -> Article9Report:
    """The report on `pay` (the `directive_pay` frame of the employer's workers, as of
    31 December of `year`)."""
    data = pay[pay["sex"].isin([WOMEN, MEN])]
    whole_small = too_small(data, min_group)
    indicators = [
        _gap_indicator("a", "Gender pay gap, mean (total pay)", data, "total", mean_gap),
        _gap_indicator(
            "b", "Gender pay gap in complementary or variable pay, mean", data, "complementary",
            mean_gap,
        ),
        _gap_indicator("c", "Gender pay gap, median (total pay)", data, "total", median_gap),
        _gap_indicator(
            "d", "Gender pay gap in complementary or variable pay, median", data,
            "complementary", median_gap,
        ),
        _receiving(data, whole_small),
        _quartiles(data, min_group, whole_small),
        _categories(data, min_group, category_basis),
    ]  # fmt: skip
    if whole_small:
        indicators = [_suppress_all(i) for i in indicators]
    women, men = counts(data)
    hidden = whole_small or any(indicators[-1].suppressed)
    return Article9Report(
        legal_entity=legal_entity,
        year=year,
        submitted_on=submitted_on,
        min_group=min_group,
        currency=currency,
        women=None if hidden else women,
        men=None if hidden else men,
        hours_assumed=int((~data["hours_known"].astype(bool)).sum()),
        indicators=indicators,
        category_basis=category_basis,
        pay_date=date(year, 12, 31),
        notes=list(notes or []),
    )


def _suppress_all(indicator: Indicator) -> Indicator:
    labels = sum(1 for k in indicator.kinds if k == "text")
    rows = [[*r[:labels], *([None] * (len(r) - labels))] for r in indicator.rows]
    return Indicator(
        indicator.item,
        indicator.title,
        indicator.columns,
        indicator.kinds,
        rows,
        [True] * len(rows),
        indicator.note,
    )


def _gap_indicator(
    item: str,
    title: str,
    data: pd.DataFrame,
    measure: str,
    statistic: Callable[[pd.DataFrame, str], float | None],
) -> Indicator:
    rows: list[list[Cell]] = [
        [label, statistic(data, f"{measure}_{basis}")] for label, basis in BASES
    ]
    return Indicator(
        item,
        title,
        ("Pay basis", "Gap"),
        ("text", "percent"),
        rows,
        [False] * len(rows),
        "Gap = (men − women) / men; positive means women are paid less.",
    )


def _receiving(data: pd.DataFrame, whole_small: bool) -> Indicator:
    rows: list[list[Cell]] = []
    for sex in (WOMEN, MEN):
        group = data[data["sex"] == sex]
        share = float((group["complementary_annual"] > 0).mean()) if len(group) else None
        rows.append([sex, share])
    return Indicator(
        "e",
        "Women and men receiving complementary or variable pay",
        ("Sex", "Share receiving"),
        ("text", "percent"),
        rows,
        [whole_small] * len(rows),
    )


def _quartiles(data: pd.DataFrame, min_group: int, whole_small: bool) -> Indicator:
    """The audit's quartile rule: a block of equal pay straddling a boundary is split across
    it in proportion, so the result does not depend on the order of employee ids."""
    rows: list[list[Cell]] = []
    suppressed: list[bool] = []
    is_woman = (data["sex"] == WOMEN).to_numpy()
    for label, basis in BASES:
        shares = quartile_shares(data[f"total_{basis}"]) if len(data) >= 4 else None
        for q in (1, 2, 3, 4):
            small = shares is None
            women_share = men_share = None
            if shares is not None:
                column = shares[q].to_numpy()
                women_mass, men_mass = float(column[is_woman].sum()), float(column[~is_woman].sum())
                # Those with any part in the quartile are the people a share could reveal;
                # a sex absent from it (0 %) reveals nobody.
                women, men = int((column[is_woman] > 0).sum()), int((column[~is_woman] > 0).sum())
                small = any(is_small_group(n, min_group) for n in (women, men))
                total = women_mass + men_mass
                if not small and total:
                    women_share, men_share = women_mass / total, men_mass / total
            rows.append([label, f"Q{q}", women_share, men_share])
            suppressed.append(small or whole_small)
    return Indicator(
        "f",
        "Women and men in each pay quartile",
        ("Pay basis", "Quartile", "Women", "Men"),
        ("text", "text", "percent", "percent"),
        rows,
        suppressed,
        "Quartile 1 is the lowest-paid quarter of the employer's workers, by total pay; people "
        "with equal pay across a boundary are split between the quartiles in proportion.",
    )


def _categories(data: pd.DataFrame, min_group: int, basis: str) -> Indicator:
    rows: list[list[Cell]] = []
    suppressed: list[bool] = []
    ordered = data.sort_values(["category_rank", "category"], kind="stable")
    for category, here in ordered.groupby("category", sort=False):
        small = too_small(here, min_group)
        women, men = counts(here)
        for label, basis in BASES:
            basic = mean_gap(here, f"basic_{basis}")
            complementary = mean_gap(here, f"complementary_{basis}")
            total = mean_gap(here, f"total_{basis}")
            flagged = total is not None and abs(total) >= THRESHOLD
            numbers: list[Cell] = [women, men, basic, complementary, total,
                                   "yes" if flagged else "no"]  # fmt: skip
            rows.append([str(category), label, *([None] * len(numbers) if small else numbers)])
            suppressed.append(small)
    return Indicator(
        "g",
        "Gender pay gap per category of workers, basic and complementary pay",
        ("Category", "Pay basis", "Women", "Men", "Mean gap, basic", "Mean gap, complementary",
         "Mean gap, total", "5 % or more"),
        ("text", "text", "int", "int", "percent", "percent", "percent", "text"),
        rows,
        suppressed,
        f"Categories: {basis}. A gap of 5 % or more in total pay that objective, "
        "gender-neutral criteria do not justify and that is not remedied within six months "
        "calls for a joint pay assessment (Art. 10).",
    )  # fmt: skip
