"""What a team page and the teams list say about a team's composition, in words.

The verdict never contradicts the table below it: "every capability is present"
is said only when each capability has someone; a target met by domain
specialists alone (they count towards technical depth) says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from latticework.framework.model import Capability, Framework
from latticework.teams.composition import CAPABILITY_NAMES, TeamComposition


@dataclass(frozen=True, slots=True)
class Verdict:
    tone: str
    """'warning' (flagged), 'good' (meets the targets) or 'note' (too small to judge)."""
    summary: str
    details: tuple[str, ...] = ()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def verdict(fw: Framework, team: TeamComposition) -> Verdict:
    targets = fw.team_targets
    if not team.judged:
        return Verdict(
            "note", f"Not judged: teams under {targets.min_team_size} people are not flagged."
        )
    if team.flags:
        return Verdict("warning", "Flagged", tuple(_sentence(f.message) for f in team.flags))
    absent = [c for c in Capability if team.holders.get(c, 0) == 0]
    if not absent:
        return Verdict("good", "Every capability is present and the team meets every target.")
    details = []
    for c in absent:
        name = CAPABILITY_NAMES[c]
        if c is Capability.TECHNICAL and team.holders.get(Capability.SPECIALIST, 0):
            details.append(
                f"{name}: nobody is on the technical depth path; the team's domain specialists "
                "count towards this target."
            )
        elif c in targets.min_people:
            details.append(f"{name}: nobody brings it.")
        else:
            details.append(f"{name}: nobody brings it (the framework sets no minimum for it).")
    return Verdict("good", "Meets every target the framework sets for teams.", tuple(details))
