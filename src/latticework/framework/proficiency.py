"""Named proficiency scales: the bar as "reach step N on this competency's own scale".

Many published frameworks state a level's bar per competency as a step on a
named scale (Aware, Practitioner, Expert, …) rather than as a rating against a
text. A scale is declared once for the framework (or one per competency);
an expectation names the step it requires. A rating against a competency
with a scale is the position of the step reached (1 = the first step), so
readiness compares ratings with the required step directly.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from latticework.framework.base import FrameworkModel, Id, Text, Whole


class ProficiencyStep(FrameworkModel):
    """One step of a proficiency scale, lowest first."""

    id: Id
    name: Text
    description: Text = ""
    points: Annotated[Whole, Field(ge=0, le=10_000)] | None = None
    """Points a person earns on a competency by reaching this step (for `rule: points`)."""


class ProficiencyScale(FrameworkModel):
    """An ordered list of named steps; a rating of n means the n-th step is reached."""

    id: Id
    name: Text
    description: Text = ""
    steps: list[ProficiencyStep] = Field(min_length=1)

    def position(self, step_id: str) -> int | None:
        """The rating that reaches this step (1-based), or None when the step is not on it."""
        for i, step in enumerate(self.steps, start=1):
            if step.id == step_id:
                return i
        return None

    def step_at(self, rating: int) -> ProficiencyStep | None:
        """The step a rating reaches, or None for 0 and ratings past the top."""
        return self.steps[rating - 1] if 1 <= rating <= len(self.steps) else None
