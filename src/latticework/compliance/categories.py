"""Categories of workers doing the same work or work of equal value (Art. 9(1)(g), Art. 4).

The one place the Directive's categorisation is chosen. By default the
framework grade, since levels sharing a grade are declared equivalent across
tracks and disciplines. When the framework carries a job evaluation, its
value bands can be the categories instead (`--categories value`): the
Directive asks for a gender-neutral evaluation of skills, effort,
responsibility and working conditions, which is what the evaluation scores.
The rule is the audit's (`audit.categories`), so both compare the same groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.categories import CategoryBasis, level_categories

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework

CATEGORY_BASIS = "framework grade (levels at one grade are work of equal value)"
VALUE_BASIS = (
    "evaluated value band (the framework's job evaluation of skills, effort, responsibility "
    "and working conditions; a category is named by the grade its points fall in, and a "
    "level without a complete evaluation keeps its grade)"
)


def basis_text(basis: CategoryBasis) -> str:
    """How the categories were formed, as every report and letter says it."""
    return VALUE_BASIS if basis is CategoryBasis.VALUE else CATEGORY_BASIS


def categorise(
    people: pd.DataFrame, framework: Framework, basis: CategoryBasis = CategoryBasis.GRADE
) -> tuple[pd.Series, pd.Series]:
    """Each person's category of workers and its rank (for ordering), from the framework."""
    import pandas as pd

    mapping = level_categories(framework, basis)
    ranks = {g.id: g.rank for g in framework.grades}
    category = people["level"].map(mapping)
    rank = category.map(ranks)
    return category.astype(object), pd.to_numeric(rank).astype("float64")
