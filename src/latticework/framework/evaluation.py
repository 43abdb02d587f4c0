"""Job evaluation: the factor plan that says *why* levels sharing a grade are work of equal value.

Article 4 of the EU Pay Transparency Directive (2023/970) asks that work of
equal value be established by objective, gender-neutral criteria: skills,
effort, responsibility and working conditions. A framework may declare an
`evaluation:` section: a point-factor plan (factors, subfactors, an anchored
scale per subfactor, weights) and, per level, the score on every subfactor with
a rationale and who evaluated it when. A subfactor's points at scale level `k`
of `n` are `total_points × weight / 100 × k / n` (evenly spaced degrees, the
usual point-factor convention), so a level's total is a sum anyone can check.

This module only holds the format; `evaluation_points` computes with it and
the `evaluation-*` lint rules check it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The same identifier rule as the rest of the format (framework/model.py), repeated here
# because model.py imports this module.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$", min_length=1, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]

DEFAULT_TOTAL_POINTS = 1000
DEFAULT_PARITY_TOLERANCE = 0.02


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ScaleLevel(_Model):
    """One degree of a subfactor's scale, with the description evaluators score against."""

    level: int = Field(ge=1, le=20, description="The degree, 1 = least; degrees run 1, 2, … n.")
    anchor: Text = Field(description="What work at this degree looks like (the anchor).")


class Subfactor(_Model):
    """A criterion scored on its own scale, e.g. knowledge, responsibility for people."""

    id: Id
    name: Text
    weight: float = Field(gt=0, le=100, description="Share of the plan's total points, in percent.")
    soft_skill: bool = Field(
        default=False,
        description="A soft skill (interpersonal, emotional effort): the "
        "`soft-skill-undervalued` rule guards it for IC and specialist levels.",
    )
    description: Text = ""
    scale: list[ScaleLevel] = Field(description="The degrees, lowest first, each with an anchor.")

    @property
    def degrees(self) -> int:
        return max((s.level for s in self.scale), default=0)


class Factor(_Model):
    """One of the Directive's four criteria: skills, responsibility, effort, working conditions."""

    id: Id
    name: Text
    weight: float = Field(
        gt=0, le=100, description="Share of the total points, in percent; its subfactors' sum."
    )
    description: Text = ""
    subfactors: list[Subfactor]


class LevelScores(_Model):
    """One level's evaluation: a degree per subfactor, the reasons, and who decided when."""

    level: Id
    scores: dict[Id, int] = Field(description="Subfactor id → degree on its scale.")
    rationale: dict[Id, Text] = Field(
        default_factory=dict, description="Subfactor id → why this degree (one sentence)."
    )
    evaluated_by: Text = Field(description="Who evaluated it: the committee or evaluator.")
    evaluated_on: dt.date = Field(description="When it was evaluated (YYYY-MM-DD).")


class Evaluation(_Model):
    """A point-factor job-evaluation plan and the scores of the framework's levels."""

    method: Text = Field(
        default="Point-factor job evaluation, gender-neutral (EU Directive 2023/970 Art. 4)",
        description="The method's name, shown in reports.",
    )
    total_points: int = Field(
        default=DEFAULT_TOTAL_POINTS,
        ge=10,
        le=100000,
        description="Points of a level at the top degree of every subfactor.",
    )
    parity_tolerance: float = Field(
        default=DEFAULT_PARITY_TOLERANCE,
        ge=0,
        le=0.5,
        description="Levels sharing a grade may differ in total points by this share of the "
        "larger total before `evaluation-parity` fires.",
    )
    factors: list[Factor]
    levels: list[LevelScores] = Field(default_factory=list)

    def subfactors(self) -> list[tuple[Factor, Subfactor]]:
        """Every subfactor with its factor, in plan order."""
        return [(f, s) for f in self.factors for s in f.subfactors]

    def subfactor(self, subfactor_id: str) -> Subfactor | None:
        return next((s for _, s in self.subfactors() if s.id == subfactor_id), None)

    def scores_for(self, level_id: str) -> LevelScores | None:
        """The first evaluation of a level (a repeat is a lint finding)."""
        return next((s for s in self.levels if s.level == level_id), None)

    def points(self, subfactor: Subfactor, degree: int) -> float:
        """Points of one degree: total × weight / 100 × degree / degrees (evenly spaced)."""
        if subfactor.degrees <= 0:
            return 0.0
        return self.total_points * subfactor.weight / 100 * degree / subfactor.degrees
