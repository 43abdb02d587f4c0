"""Everyone the demo organisation ever employed, as parallel numpy arrays, and its event log."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from latticework.demo.catalogue import BoolArray, FloatArray, IntArray

STILL_EMPLOYED = np.iinfo(np.int64).max // 4
"""exit_day of people who have not left."""

EVENT_CODES = {
    "hire": 0,
    "promotion": 1,
    "path_change": 2,
    "track_change": 3,
    "level_change": 4,
    "pay_change": 5,
    "exit": 6,
}

MALE, FEMALE, NON_BINARY = 0, 1, 2
YEAR, MONTH, HOUR = 0, 1, 2


@dataclass
class Workforce:
    """One entry per person; days are proleptic Gregorian ordinals (`date.toordinal()`)."""

    discipline: IntArray
    track: IntArray
    grade: IntArray
    level: IntArray
    path: IntArray
    zone: IntArray
    talent: FloatArray
    """A latent performance score (standard normal) behind ratings, merit and promotion."""
    fte: FloatArray
    pay_period: IntArray
    gender: IntArray
    ethnicity: IntArray
    """Index into the ethnicity categories, or -1 where not recorded (outside the US)."""
    hire_day: IntArray
    level_start: IntArray
    grade_start: IntArray
    """When the person reached their grade: a track change keeps the promotion clock running."""
    exit_day: IntArray
    annual: FloatArray
    """Nominal annual full-time base pay."""
    base: FloatArray
    """Current base pay in the person's pay_period units, as recorded (rounded)."""
    role_free_from: IntArray
    """The day the person's current leadership role ends (they take one at a time)."""

    @classmethod
    def empty(cls) -> Workforce:
        floats = {"talent", "fte", "annual", "base"}
        values: dict[str, npt.NDArray[np.generic]] = {
            f.name: np.zeros(0, dtype=np.float64 if f.name in floats else np.int64)
            for f in fields(cls)
        }
        return cls(**values)  # type: ignore[arg-type]

    @property
    def size(self) -> int:
        return int(self.discipline.size)

    def active_at(self, day: int) -> BoolArray:
        return (self.hire_day <= day) & (self.exit_day > day)

    def append(self, other: Workforce) -> None:
        for f in fields(self):
            setattr(self, f.name, np.concatenate([getattr(self, f.name), getattr(other, f.name)]))


class EventLog:
    """Events collected step by step as arrays of codes, assembled into one table at the end."""

    COLUMNS = (
        "person",
        "day",
        "type",
        "from_level",
        "to_level",
        "from_path",
        "to_path",
        "from_track",
        "to_track",
        "old_base",
        "new_base",
    )

    def __init__(self) -> None:
        self._parts: list[dict[str, npt.NDArray[np.generic]]] = []

    def add(
        self,
        kind: str,
        person: IntArray,
        day: IntArray,
        *,
        from_level: IntArray | None = None,
        to_level: IntArray | None = None,
        from_path: IntArray | None = None,
        to_path: IntArray | None = None,
        from_track: IntArray | None = None,
        to_track: IntArray | None = None,
        old_base: FloatArray | None = None,
        new_base: FloatArray | None = None,
    ) -> None:
        n = person.size
        if n == 0:
            return

        def codes(values: IntArray | None) -> IntArray:
            return np.full(n, -1, dtype=np.int64) if values is None else values.astype(np.int64)

        def amounts(values: FloatArray | None) -> FloatArray:
            return np.full(n, np.nan) if values is None else values.astype(np.float64)

        self._parts.append(
            {
                "person": person.astype(np.int64),
                "day": np.broadcast_to(day, (n,)).astype(np.int64),
                "type": np.full(n, EVENT_CODES[kind], dtype=np.int64),
                "from_level": codes(from_level),
                "to_level": codes(to_level),
                "from_path": codes(from_path),
                "to_path": codes(to_path),
                "from_track": codes(from_track),
                "to_track": codes(to_track),
                "old_base": amounts(old_base),
                "new_base": amounts(new_base),
            }
        )

    def clear(self) -> None:
        self._parts.clear()

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        if not self._parts:
            return {
                c: np.zeros(0, dtype=np.float64 if c.endswith("base") else np.int64)
                for c in self.COLUMNS
            }
        return {c: np.concatenate([p[c] for p in self._parts]) for c in self.COLUMNS}
