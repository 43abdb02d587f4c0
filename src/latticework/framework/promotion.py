"""Promotion details a framework may state per level or track, beyond the one global rule.

Published frameworks set a different bar at different levels (a higher share
at senior levels), a minimum time per track or level, or count points earned
on each competency's proficiency scale towards a level.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictFloat

from latticework.framework.base import FrameworkModel, Whole

Months = Annotated[Whole, Field(ge=0, le=120)]


class LevelPromotion(FrameworkModel):
    """What it takes to be promoted *to* this level (threshold, points) or *out of* it (months)."""

    threshold: Annotated[StrictFloat, Field(gt=0, le=1)] | None = None
    """The weighted share of this level's expectations that must be met; overrides the rule's."""
    min_points: Annotated[Whole, Field(ge=0, le=100_000)] | None = None
    """For `rule: points`: the points, summed across competencies, that reach this level."""
    min_months: Months | None = None
    """Months in this level before promotion out of it is considered; overrides the track's."""


class TrackPromotion(FrameworkModel):
    """Promotion details that hold for every level of one track."""

    min_months: Months | None = None
    """Months in a level of this track before promotion is considered; overrides the rule's."""
