"""A person's impact summary: records by category, with money and counts added up, and by period.

Percentages and multipliers are never added (35 % + 20 % of different things
is not 55 % of anything); money is added per currency and period, counts per
noun and period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from latticework.growth.impact import CATEGORIES, CATEGORY_NAMES, record_quantity
from latticework.growth.person_data import ImpactRecord
from latticework.growth.quantities import Quantity, format_quantity

Period = Literal["year", "half", "quarter"]


def period_of(day: date, period: Period) -> str:
    """'2026', '2026-H1' or '2026-Q3'."""
    if period == "year":
        return str(day.year)
    if period == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True, slots=True)
class QuantityTotal:
    """The sum of like quantities (same kind, unit and period) within one category."""

    kind: str
    unit: str
    period: str | None
    total: float
    records: int

    def formatted(self) -> str:
        return format_quantity(Quantity(self.kind, self.total, self.unit, self.period))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "period": self.period,
            "total": self.total,
            "records": self.records,
            "formatted": self.formatted(),
        }


@dataclass(frozen=True, slots=True)
class CategorySummary:
    category: str
    records: int
    totals: tuple[QuantityTotal, ...]
    """Additive quantities only: money and counts. Percentages and multipliers are not summed."""

    @property
    def name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)

    def to_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "name": self.name,
            "records": self.records,
            "totals": [t.to_dict() for t in self.totals],
        }


@dataclass(frozen=True, slots=True)
class ImpactSummary:
    """A person's impact by category, and the number of records per period and category."""

    employee_id: str
    period: Period
    categories: tuple[CategorySummary, ...]
    by_period: tuple[tuple[str, dict[str, int]], ...] = field(default=())
    """(period label, {category: records}) oldest first."""

    @property
    def records(self) -> int:
        return sum(c.records for c in self.categories)

    def to_dict(self) -> dict[str, object]:
        return {
            "employee_id": self.employee_id,
            "period": self.period,
            "records": self.records,
            "categories": [c.to_dict() for c in self.categories],
            "by_period": [
                {"period": label, "counts": dict(counts)} for label, counts in self.by_period
            ],
        }


def summarise_impact(
    employee_id: str, records: Sequence[ImpactRecord], period: Period = "year"
) -> ImpactSummary:
    """Aggregate records by category (with summed money and counts) and by period."""
    categories: list[CategorySummary] = []
    for category in CATEGORIES:
        mine = [r for r in records if r.category == category]
        sums: dict[tuple[str, str, str | None], list[float]] = defaultdict(list)
        for r in mine:
            q = record_quantity(r)
            if q is not None and q.kind in ("money", "count"):
                sums[(q.kind, q.unit, q.period)].append(q.value)
        totals = tuple(
            QuantityTotal(kind, unit, per, sum(values), len(values))
            for (kind, unit, per), values in sorted(
                sums.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
            )
        )
        categories.append(CategorySummary(category, len(mine), totals))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CATEGORIES, 0))
    for r in records:
        if r.category in CATEGORY_NAMES:
            counts[period_of(r.date, period)][r.category] += 1
    by_period = tuple(sorted(counts.items()))
    return ImpactSummary(employee_id, period, tuple(categories), by_period)
