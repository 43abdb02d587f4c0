"""Which levels a packet or a readiness check may aim at: the legal moves, never a lower level.

A packet is built for one move of the lattice: up the track, a lateral
change of path at the same level, or a switch of track at the same grade.
At the top of a track there is no "up", and the lateral and track moves are
what is left, so a person is never told there is nowhere to go.
"""

from __future__ import annotations

from dataclasses import dataclass

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.growth.moves import MoveKind, Position, legal_moves

KIND_WORDS: dict[MoveKind, str] = {
    "promotion": "promotion",
    "path_change": "lateral move to another path",
    "track_change": "switch of track at the same grade",
}


@dataclass(frozen=True, slots=True)
class PacketTarget:
    kind: MoveKind
    level: str
    path: str | None
    label: str
    """In words, for people: 'Staff Engineer, Security specialist path (promotion)'."""


def packet_targets(framework: Framework, level: str, path: str | None) -> list[PacketTarget]:
    """Every move a packet can be built for from this position, promotions first."""
    order = {"promotion": 0, "path_change": 1, "track_change": 2}
    moves = sorted(legal_moves(framework, Position(level, path)), key=lambda m: order[m.kind])
    targets = []
    for move in moves:
        t = move.target
        title = framework.level(t.level).title
        on = (
            f", {framework.path(t.path).name} path" if t.path and framework.has_path(t.path) else ""
        )
        targets.append(
            PacketTarget(move.kind, t.level, t.path, f"{title}{on} ({KIND_WORDS[move.kind]})")
        )
    return targets


def choose_target(
    framework: Framework,
    level: str,
    path: str | None,
    target_level: str | None,
    target_path: str | None = None,
) -> PacketTarget | None:
    """The move asked for, checked against the legal ones; None asks for the next level.

    A lower level is refused; so is a level no single move reaches. Without a
    target, the promotion up the track is chosen; at the top of a track there
    is none and the error lists the lateral and track moves to choose from.
    """
    targets = packet_targets(framework, level, path)
    choices = "; ".join(t.label for t in targets) or "none"
    if target_level is None:
        up = next((t for t in targets if t.kind == "promotion"), None)
        if up is None:
            title = framework.level(level).title
            track = framework.placement(level).track.name
            raise LatticeworkError(
                Problem(
                    f"{title} is the top of the {track} track: there is no promotion from it.",
                    Location(field="target"),
                    fix=f"Choose a lateral move or a track switch instead: {choices}.",
                    code="top-of-track",
                )
            )
        return None
    if not framework.has_level(target_level):
        raise LatticeworkError(
            Problem(
                f"There is no level {target_level!r} in the framework.",
                Location(field="target"),
                fix=f"Choose one of the moves open from here: {choices}.",
                code="unknown-target",
            )
        )
    here = framework.grade_rank(framework.level(level).grade)
    there = framework.grade_rank(framework.level(target_level).grade)
    if there < here:
        raise LatticeworkError(
            Problem(
                f"{framework.level(target_level).title} is below "
                f"{framework.level(level).title}: a packet is for a move up or across, "
                "not to a lower level.",
                Location(field="target"),
                fix=f"Choose one of the moves open from here: {choices}.",
                code="lower-level",
            )
        )
    matching = [t for t in targets if t.level == target_level]
    if target_path is not None:
        matching = [t for t in matching if t.path == target_path]
    if not matching:
        raise LatticeworkError(
            Problem(
                f"{framework.level(target_level).title} is not one move away from "
                f"{framework.level(level).title}.",
                Location(field="target"),
                fix=f"Choose one of the moves open from here: {choices}.",
                code="not-a-move",
            )
        )
    return matching[0]
