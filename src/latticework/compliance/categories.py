"""Categories of workers doing the same work or work of equal value (Art. 9(1)(g), Art. 4).

The one place the categorisation is chosen: today the framework grade, since
levels sharing a grade are declared equivalent across tracks and disciplines.
When the framework carries a job evaluation, its value bands are the better
categories (the Directive asks for gender-neutral evaluation of skills,
effort, responsibility and working conditions); they plug in here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework

CATEGORY_BASIS = "framework grade (levels at one grade are work of equal value)"


def categorise(people: pd.DataFrame, framework: Framework) -> tuple[pd.Series, pd.Series]:
    """Each person's category of workers and its rank (for ordering), from the framework."""
    import pandas as pd

    grades = {p.level.id: p.level.grade for p in framework.placements()}
    ranks = {g.id: g.rank for g in framework.grades}
    category = people["level"].map(grades)
    rank = category.map(ranks)
    return category.astype(object), pd.to_numeric(rank).astype("float64")
