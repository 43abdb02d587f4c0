"""One promotion cycle's records as plain values: what storage returns and the committee reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Cycle:
    cycle_id: str
    name: str
    opens_on: date
    closes_on: date
    min_months_in_level: int | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """The facts about a person the committee page and its parity panel group by."""

    employee_id: str
    name: str | None
    discipline: str
    track: str
    level: str
    path: str | None
    team: str | None
    gender: str | None
    ethnicity: str | None


@dataclass(frozen=True, slots=True)
class Calibration:
    employee_id: str
    level: str | None
    pre_rating: float
    post_rating: float
    potential: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Nomination:
    employee_id: str
    nominator_id: str | None
    move: str
    from_level: str | None
    to_level: str
    to_path: str | None
    nominated_on: date | None
    packet: str | None
    """The packet as nominated: JSON from the web form, or whatever text an import carried."""


@dataclass(frozen=True, slots=True)
class Decision:
    employee_id: str
    outcome: str
    reason: str
    decided_on: date | None
    decided_by: str | None


@dataclass(frozen=True)
class CycleRecords:
    """A cycle with the calibrations, nominations and decisions of the people in scope."""

    cycle: Cycle
    people: dict[str, Participant] = field(default_factory=dict)
    calibrations: dict[str, Calibration] = field(default_factory=dict)
    nominations: dict[str, Nomination] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
