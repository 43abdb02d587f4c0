"""The categories of "work of equal value" the audits compare within: grades, or evaluated value.

The EU Pay Transparency Directive compares pay within categories of workers
doing the same work or work of equal value. By default a category is a grade
(equal grade is what the framework declares equal). With `--categories value`
it is the evaluated value band a level's job-evaluation points fall in
(framework/evaluation_points.py), so one category can hold levels of several
grades, tracks and disciplines. Every audit that groups by equal value calls
`equal_value_categories`, so the rule lives in one place.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework

if TYPE_CHECKING:
    import pandas as pd


class CategoryBasis(StrEnum):
    GRADE = "grade"
    """The declared grade of each level."""
    VALUE = "value"
    """The grade whose evaluated value band holds each level's job-evaluation points."""


def category_basis(text: str) -> CategoryBasis:
    """`grade` or `value`; anything else is a usage error."""
    try:
        return CategoryBasis(text)
    except ValueError:
        raise LatticeworkError(
            Problem(
                f"--categories {text!r} is not grade or value.",
                fix="Use --categories grade (the default) or --categories value.",
                code="audit-option",
            )
        ) from None


def level_categories(framework: Framework, basis: CategoryBasis) -> dict[str, str]:
    """Level id → its category of work of equal value, named by a grade id."""
    grades = {p.level.id: p.level.grade for p in framework.placements()}
    if basis is CategoryBasis.GRADE:
        return grades
    from latticework.framework.evaluation_points import value_categories

    if framework.evaluation is None:
        raise LatticeworkError(
            Problem(
                "--categories value needs a job evaluation, and the framework has none.",
                fix="Add an `evaluation:` section (docs/framework-format.md), or use "
                "--categories grade.",
                code="audit-option",
            )
        )
    # A level without a complete evaluation keeps its grade: it is reported, not dropped.
    return {**grades, **value_categories(framework)}


def equal_value_categories(
    people: pd.DataFrame, framework: Framework, basis: CategoryBasis
) -> tuple[pd.Series, pd.Series]:
    """Per person: the category (a grade id) and its rank, for grouping and ordering."""
    if basis is CategoryBasis.GRADE:
        return people["grade"].astype(object), people["grade_rank"]
    mapping = level_categories(framework, basis)
    ranks = {g.id: g.rank for g in framework.grades}
    category = people["level"].astype(object).map(mapping)
    return category, category.map(ranks)
