"""The committee's view of one cycle: candidates side by side, and parity by group.

A candidate is someone nominated in the cycle; their row holds the move asked
for, the packet as nominated (readiness at the time), the calibration and the
decision. The parity panel compares groups of everyone with a record in the
cycle (calibrated or nominated): the mean calibration change (post minus pre),
the share rated high potential, and how many were nominated and approved.
A group smaller than the minimum group size shows no numbers at all (the
audit's own rule, `audit.suppression`), and no table has a total row, so a
small group cannot be recovered by subtraction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from latticework.audit.suppression import reportable
from latticework.framework.model import Framework
from latticework.promotion.cycle_records import (
    Calibration,
    CycleRecords,
    Decision,
    Nomination,
    Participant,
)

MOVE_WORDS = {
    "up": "Promotion",
    "lateral": "Lateral change of path",
    "track_switch": "Track switch at the same grade",
}
OUTCOME_WORDS = {"approved": "Approved", "declined": "Declined", "deferred": "Deferred"}
POTENTIAL_WORDS = {"low": "Low", "medium": "Medium", "high": "High"}


@dataclass(frozen=True, slots=True)
class PacketSnapshot:
    """What the packet said when the person was nominated."""

    ready: bool | None
    share_met: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    employee_id: str
    name: str
    title: str
    path: str | None
    move: str
    target: str
    nomination: Nomination
    packet: PacketSnapshot | None
    calibration: Calibration | None
    decision: Decision | None


@dataclass(frozen=True, slots=True)
class ParityRow:
    label: str
    n: int | None
    """None when the group is below the minimum size (and then every number is None)."""
    mean_change: float | None
    high_potential_share: float | None
    nominated: int | None
    approved: int | None

    @property
    def suppressed(self) -> bool:
        return self.n is None


@dataclass(frozen=True, slots=True)
class ParityTable:
    title: str
    rows: tuple[ParityRow, ...]

    @property
    def any_suppressed(self) -> bool:
        return any(r.suppressed for r in self.rows)


def level_title(framework: Framework, level: str | None) -> str:
    if level and framework.has_level(level):
        return f"{framework.level(level).title}"
    return "a level not in the framework"


def path_name(framework: Framework, path: str | None) -> str | None:
    if path and framework.has_path(path):
        return framework.path(path).name
    return None


def track_name(framework: Framework, person: Participant) -> str:
    if framework.has_level(person.level):
        return framework.placement(person.level).track.name
    return "Level not in the framework"


def read_packet(text: str | None) -> PacketSnapshot | None:
    """The readiness part of a stored packet (JSON from the web form); None for other text."""
    if not text:
        return None
    try:
        data = json.loads(text)
        readiness = data["readiness"]
    except (ValueError, KeyError, TypeError):
        return None
    share = readiness.get("weighted_share_met")
    return PacketSnapshot(
        ready=readiness.get("ready"),
        share_met=float(share) if share is not None else None,
        reasons=tuple(str(r) for r in readiness.get("reasons") or ()),
    )


def candidates(framework: Framework, records: CycleRecords) -> list[Candidate]:
    """Everyone nominated in the cycle (and in scope), by name."""
    found = []
    for employee_id, nomination in records.nominations.items():
        person = records.people.get(employee_id)
        if person is None:
            continue
        target = level_title(framework, nomination.to_level)
        to_path = path_name(framework, nomination.to_path)
        held = nomination.from_level or person.level
        # The path is known for the level the person holds now; after a later move it is not
        # the path they were nominated from, so it is left out rather than mixed with it.
        found.append(
            Candidate(
                employee_id=employee_id,
                name=person.name or employee_id,
                title=level_title(framework, held),
                path=path_name(framework, person.path) if held == person.level else None,
                move=MOVE_WORDS.get(nomination.move, "Another move"),
                target=f"{target}, {to_path} path" if to_path else target,
                nomination=nomination,
                packet=read_packet(nomination.packet),
                calibration=records.calibrations.get(employee_id),
                decision=records.decisions.get(employee_id),
            )
        )
    return sorted(found, key=lambda c: (c.name.lower(), c.employee_id))


def _row(label: str, members: list[str], records: CycleRecords, min_group: int) -> ParityRow:
    if not reportable(len(members), min_group):
        return ParityRow(label, None, None, None, None, None)
    cals = [records.calibrations[m] for m in members if m in records.calibrations]
    rated = [c for c in cals if c.potential]
    return ParityRow(
        label=label,
        n=len(members),
        mean_change=(sum(c.post_rating - c.pre_rating for c in cals) / len(cals)) if cals else None,
        high_potential_share=(
            sum(c.potential == "high" for c in rated) / len(rated) if rated else None
        ),
        nominated=sum(m in records.nominations for m in members),
        approved=sum(
            m in records.decisions and records.decisions[m].outcome == "approved" for m in members
        ),
    )


def _table(
    title: str,
    records: CycleRecords,
    key: Callable[[Participant], str | None],
    min_group: int,
) -> ParityTable:
    groups: dict[str, list[str]] = {}
    for person in records.people.values():
        groups.setdefault(key(person) or "Not recorded", []).append(person.employee_id)
    rows = [_row(label, members, records, min_group) for label, members in sorted(groups.items())]
    return ParityTable(title, tuple(rows))


def parity(
    framework: Framework, records: CycleRecords, *, protected: bool, min_group: int
) -> list[ParityTable]:
    """Parity tables by track and by path; by gender and ethnicity only when `protected`."""
    # Names looked up once per level and path, not once per person (a cycle has thousands).
    tracks: dict[str, str] = {}
    paths: dict[str | None, str] = {}

    def track(p: Participant) -> str:
        if p.level not in tracks:
            tracks[p.level] = track_name(framework, p)
        return tracks[p.level]

    def path(p: Participant) -> str:
        if p.path not in paths:
            paths[p.path] = path_name(framework, p.path) or "No path"
        return paths[p.path]

    tables = [
        _table("By track", records, track, min_group),
        _table("By path", records, path, min_group),
    ]
    if protected:
        tables.append(_table("By gender", records, lambda p: _words(p.gender), min_group))
        tables.append(_table("By ethnicity", records, lambda p: _words(p.ethnicity), min_group))
    return tables


def _words(value: str | None) -> str | None:
    return value.replace("_", " ").capitalize() if value else None
