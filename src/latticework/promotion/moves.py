"""Which nominations are legal: up the track, a lateral path change, or a track switch.

A nomination names where the person stands (`from_level`) and where the
committee is asked to put them (`to_level`, and `to_path` for a lateral
move). The three moves are those of the lattice: a higher grade on the same
track, the same level on another path, or the same grade on another track.
A lower level is never a nomination: demotions are not decided by a
promotion committee.
"""

from __future__ import annotations

from latticework.framework.model import Framework

MOVE_NAMES = {
    "up": "promotion to a higher level",
    "lateral": "lateral change of path at the same level",
    "track_switch": "switch of track at the same grade",
}


def move_problem(
    framework: Framework,
    move: str,
    from_level: str,
    to_level: str,
    to_path: str | None,
) -> str | None:
    """Why this move from `from_level` to `to_level` is not legal, or None when it is."""
    source = framework.placement(from_level)
    target = framework.placement(to_level)
    source_rank = framework.grade_rank(source.level.grade)
    target_rank = framework.grade_rank(target.level.grade)
    same_track = (source.discipline.id, source.track.id) == (target.discipline.id, target.track.id)
    if target_rank < source_rank:
        return (
            f"{to_level} is below {from_level}: a lower level is not a nomination "
            "(a demotion is a level change, not a committee decision)."
        )
    if move == "up":
        if not same_track:
            return f"An 'up' nomination stays on the track of {from_level}; {to_level} is not."
        if target_rank == source_rank:
            return f"{to_level} is at the same grade as {from_level}: that is not a step up."
        return None
    if move == "lateral":
        if to_level != from_level:
            return "A lateral nomination keeps the level: to_level must equal from_level."
        if not to_path:
            return "A lateral nomination names the path it moves to (to_path)."
        if to_path not in {p.id for p in framework.paths_for_level(to_level)}:
            return f"Path {to_path!r} is not open at {to_level}."
        return None
    if same_track or target_rank != source_rank:
        return (
            "A track switch moves to another track at the same grade; "
            f"{to_level} is {'on the same track' if same_track else 'at another grade'}."
        )
    return None
