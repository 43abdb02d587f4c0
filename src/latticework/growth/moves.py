"""Lattice moves: where a person can go from their level and path, and the shortest route there.

A position is a (level, path) pair. Three kinds of move are legal: promotion
to the next level of the same track (keeping the path where it is open there),
a lateral change of path at the same level, and a switch of track at the same
grade (Principal Engineer ↔ Director). A route to a target is a breadth-first
search over those moves, so it has the fewest steps; each step says what it
requires: the expectations of the position it arrives at that differ from
those of the position it leaves.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework

MoveKind = Literal["promotion", "path_change", "track_change"]


@dataclass(frozen=True, slots=True)
class Position:
    level: str
    path: str | None

    def label(self, framework: Framework) -> str:
        title = framework.level(self.level).title
        path = framework.path(self.path).name if self.path else "no path"
        return f"{self.level} {title} ({path})"

    def to_dict(self, framework: Framework) -> dict[str, object]:
        placement = framework.placement(self.level)
        return {
            "level": self.level,
            "title": placement.level.title,
            "grade": placement.level.grade,
            "track": placement.track.id,
            "path": self.path,
        }


@dataclass(frozen=True, slots=True)
class Requirement:
    competency: str
    name: str
    expectation: str

    def to_dict(self) -> dict[str, str]:
        return {"competency": self.competency, "name": self.name, "expectation": self.expectation}


@dataclass(frozen=True, slots=True)
class Move:
    kind: MoveKind
    source: Position
    target: Position
    requires: tuple[Requirement, ...]
    note: str = ""
    """What else the move means: the promotion rule, or that pay and standing stay equal."""

    def to_dict(self, framework: Framework) -> dict[str, object]:
        return {
            "kind": self.kind,
            "from": self.source.to_dict(framework),
            "to": self.target.to_dict(framework),
            "requires": [r.to_dict() for r in self.requires],
            "note": self.note,
        }


def _note(framework: Framework, kind: MoveKind) -> str:
    if kind == "promotion":
        rule = framework.promotion
        judged = (
            "every expectation met"
            if rule.rule == "all-expectations"
            else f"{rule.threshold or 1:.0%} of weighted expectations met"
        )
        months = (
            f", after at least {rule.min_months_in_level} months in level"
            if rule.min_months_in_level
            else ""
        )
        return f"by the promotion rule: {judged}{months}"
    if kind == "path_change":
        return "same level, title and pay; different expectations"
    return "same grade: same band and standing"


def _paths_at(framework: Framework, level_id: str) -> list[str]:
    return [p.id for p in framework.paths_for_level(level_id)]


def requirements(framework: Framework, source: Position, target: Position) -> list[Requirement]:
    """Expectations at the target that the source position does not already hold one to."""
    before = {
        (e.competency.id, e.expectation.text)
        for e in framework.expectations_for(source.level, source.path)
    }
    return [
        Requirement(e.competency.id, e.competency.name, e.expectation.text)
        for e in framework.expectations_for(target.level, target.path)
        if (e.competency.id, e.expectation.text) not in before
    ]


def _arrivals(framework: Framework, level_id: str, preferred: str | None) -> list[str | None]:
    """Paths held on arrival at a level: the current one if open there, else each open one."""
    open_paths = _paths_at(framework, level_id)
    if preferred in open_paths:
        return [preferred]
    return list(open_paths) or [None]


def legal_moves(framework: Framework, here: Position) -> list[Move]:
    """Every single move from a position: up, sideways to another path, across to another track."""
    targets: list[tuple[MoveKind, Position]] = []
    following = framework.next_level(here.level)
    if following is not None:
        for path in _arrivals(framework, following.id, here.path):
            targets.append(("promotion", Position(following.id, path)))
    for path in _paths_at(framework, here.level):
        if path != here.path:
            targets.append(("path_change", Position(here.level, path)))
    for other in framework.equivalent_levels(here.level):
        if other.track.id == framework.placement(here.level).track.id:
            continue
        for path in _arrivals(framework, other.level.id, here.path):
            targets.append(("track_change", Position(other.level.id, path)))
    return [
        Move(
            kind, here, target, tuple(requirements(framework, here, target)), _note(framework, kind)
        )
        for kind, target in targets
    ]


@dataclass(frozen=True, slots=True)
class Route:
    start: Position
    goal: str
    steps: tuple[Move, ...]

    def to_dict(self, framework: Framework) -> dict[str, object]:
        return {
            "from": self.start.to_dict(framework),
            "to": self.goal,
            "steps": [m.to_dict(framework) for m in self.steps],
        }


def _goal_test(framework: Framework, goal: str, goal_path: str | None) -> tuple[str, object]:
    if framework.has_level(goal):
        return "level", goal
    if framework.has_path(goal):
        return "path", goal
    levels = ", ".join(p.level.id for p in framework.placements())
    raise LatticeworkError(
        Problem(
            f"{goal!r} is neither a level nor a path of the framework",
            fix=f"Give a level ({levels}) or a path id.",
            code="unknown-target",
        )
    )


def shortest_route(
    framework: Framework, start: Position, goal: str, goal_path: str | None = None
) -> Route | None:
    """The fewest moves from `start` to a level (optionally on `goal_path`) or to a path.

    None when the goal cannot be reached by legal moves (e.g. a level below the
    person's grade: demotions are not routes).
    """
    kind, _ = _goal_test(framework, goal, goal_path)
    if goal_path is not None and not framework.has_path(goal_path):
        raise LatticeworkError(Problem(f"unknown path {goal_path!r}", code="unknown-path"))

    def reached(p: Position) -> bool:
        if kind == "level":
            return p.level == goal and (goal_path is None or p.path == goal_path)
        return p.path == goal

    previous: dict[Position, Move | None] = {start: None}
    queue: deque[Position] = deque([start])
    while queue:
        here = queue.popleft()
        if reached(here):
            steps: list[Move] = []
            node = here
            while (move := previous[node]) is not None:
                steps.append(move)
                node = move.source
            label = goal if goal_path is None else f"{goal} on {goal_path}"
            return Route(start, label, tuple(reversed(steps)))
        for move in sorted(
            legal_moves(framework, here),
            key=lambda m: (m.kind, m.target.level, m.target.path or ""),
        ):
            if move.target not in previous:
                previous[move.target] = move
                queue.append(move.target)
    return None
