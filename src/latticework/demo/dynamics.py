"""The rates that drive the demo organisation's history: growth, hiring, promotion, moves, pay.

They are chosen so that the default organisation looks like a growing
product company: a pyramid by grade, about one manager for every six or seven
people, ~11 % attrition a year and ~3 % annual raises. Rates are given per
grade index of the default framework (G4 … G9); frameworks with another
number of grades get them stretched over their grades.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from latticework.demo.catalogue import FloatArray


@dataclass(frozen=True, slots=True)
class Dynamics:
    """How the organisation moves through time (per year unless said otherwise)."""

    growth: float = 0.08
    attrition: float = 0.11
    initial_pyramid: tuple[float, ...] = (0.28, 0.27, 0.20, 0.12, 0.085, 0.045)
    hire_grades: tuple[float, ...] = (0.59, 0.15, 0.12, 0.095, 0.03, 0.015)
    promotion: tuple[float, ...] = (0.30, 0.18, 0.14, 0.30, 0.07, 0.0)
    """Chance of promotion from each grade in a year, for people past the minimum time in level.

    About 70 % of a grade is past the minimum time, so the realised rates are
    about 0.7 times these; with the hiring mix they keep the pyramid steady."""
    management_share: tuple[float, ...] = (0.0, 0.0, 0.19, 0.38, 0.50, 0.55)
    """Target share of each grade on the management track (where the track has a level)."""
    management_to_ic: float = 0.04
    demotion: float = 0.004
    path_change: float = 0.05
    discipline_mix: tuple[tuple[str, float], ...] = (
        ("engineering", 0.60),
        ("design", 0.15),
        ("product", 0.25),
    )
    zone_mix: tuple[tuple[str, float], ...] = (("us", 0.55), ("eu", 0.25), ("uk", 0.20))
    market_movement: float = 0.03
    """Yearly rise of the market (and so of pay); today's bands are the bands of `as_of`."""
    compa_floor: float = 0.91
    compa_ceiling: float = 1.17
    """Pay stays between these fractions of band mid (before disparities), inside the band."""
    part_time_share: float = 0.06
    hourly_share: float = 0.02
    female_share: tuple[tuple[str, float], ...] = (
        ("engineering", 0.25),
        ("design", 0.55),
        ("product", 0.45),
    )
    non_binary_share: float = 0.02
    role_uptake: float = 0.10
    """Chance in a year that an eligible IC without a leadership role takes one."""
    forum_membership: float = 0.85
    forum_attendance: float = 0.8
    impact_per_year: float = 1.0
    """Impact records a year at the lowest grade; +25 % per grade above it."""


def per_grade(values: tuple[float, ...], n_grades: int) -> FloatArray:
    """Rates given for six grades, stretched (linearly) over a framework's grades."""
    given = np.asarray(values, dtype=np.float64)
    if n_grades == given.size:
        return given
    stretched: FloatArray = np.interp(
        np.linspace(0, 1, n_grades), np.linspace(0, 1, given.size), given
    )
    return stretched


def mix(pairs: tuple[tuple[str, float], ...], ids: tuple[str, ...]) -> FloatArray:
    """Shares over the framework's ids: named ones as given, unnamed ones the mean share."""
    named = dict(pairs)
    fallback = float(np.mean(list(named.values()))) if named else 1.0
    shares: FloatArray = np.array([named.get(i, fallback) for i in ids], dtype=np.float64)
    return shares / float(shares.sum())
