"""Which gap to close: a track gap at a grade, an adjusted demographic gap, an EU category gap."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from latticework.errors import LatticeworkError, Problem


class TargetKind(StrEnum):
    TRACK = "track"
    """The adjusted IC-vs-management gap in base pay at one grade (pay-parity audit)."""
    DEMOGRAPHIC = "demographic"
    """The adjusted gap in base pay of one group of a protected attribute (demographic audit)."""
    EU_CATEGORY = "eu"
    """The mean gender pay gap in one zone and category of work of equal value (EU report)."""


@dataclass(frozen=True)
class Target:
    """A gap to close and the value to close it to (a share: 0.0 = no gap)."""

    kind: TargetKind
    grade: str | None = None
    attribute: str | None = None
    value: str | None = None
    zone: str | None = None
    category: str | None = None
    goal: float = 0.0
    """Close the gap until it is at most this share (0.02 = 2 %), in the adverse direction."""

    def label(self) -> str:
        if self.kind is TargetKind.TRACK:
            return f"track:{self.grade}"
        if self.kind is TargetKind.DEMOGRAPHIC:
            return f"{self.attribute}:{self.value}" if self.value else str(self.attribute)
        return f"eu:{self.zone}:{self.category}"


TARGET_HELP = (
    "track:GRADE (the IC-vs-management gap at a grade), ATTRIBUTE[:GROUP] (e.g. gender, "
    "gender:female: an adjusted demographic gap), or eu:ZONE:CATEGORY (an EU category gap, "
    "e.g. eu:us:G8)"
)


EU_DEFAULT_GOAL = 0.0499
"""Just under the Directive's 5 % flag: closing a category gap to zero in both base and total
pay at once is usually impossible (their money gaps differ), and 5 % is what the report flags."""


def parse_target(text: str, goal: float | None = None) -> Target:
    """`track:G8`, `gender`, `gender:female`, `eu:us:G8` → a Target; a usage error otherwise.

    The goal defaults to 0 (the gap closed), and for EU categories to just under 5 %.
    """
    parts = [p.strip() for p in text.strip().split(":")]
    if goal is None:
        goal = EU_DEFAULT_GOAL if parts[0] == "eu" else 0.0
    if not 0 <= goal < 0.5:
        raise _usage(f"The goal {goal:.1%} is not a gap share between 0 % and 50 %.")
    if parts[0] == "track" and len(parts) == 2 and parts[1]:
        return Target(TargetKind.TRACK, grade=parts[1], goal=goal)
    if parts[0] == "eu" and len(parts) == 3 and all(parts[1:]):
        return Target(TargetKind.EU_CATEGORY, zone=parts[1], category=parts[2], goal=goal)
    if parts[0] not in ("track", "eu") and 1 <= len(parts) <= 2 and all(parts):
        value = parts[1].lower() if len(parts) == 2 else None
        return Target(TargetKind.DEMOGRAPHIC, attribute=parts[0], value=value, goal=goal)
    raise _usage(f"--target {text!r} is not a gap latticework can close.")


def _usage(message: str) -> LatticeworkError:
    return LatticeworkError(Problem(message, fix=f"Use {TARGET_HELP}.", code="remediation-usage"))


def target_for_comparison(comparison_id: str) -> Target | None:
    """The gap a finding's comparison names, when a plan can close it: the base-pay track gap
    at one grade (`pay-parity.base.G8`) or an adjusted demographic base-pay gap across the
    organisation (`demographic.gender.pay.all.female`). None for anything else."""
    parts = comparison_id.split(".")
    if len(parts) == 3 and parts[:2] == ["pay-parity", "base"] and parts[2] != "all":
        return Target(TargetKind.TRACK, grade=parts[2])
    if len(parts) == 5 and parts[0] == "demographic" and parts[2:4] == ["pay", "all"]:
        return Target(TargetKind.DEMOGRAPHIC, attribute=parts[1], value=parts[4].lower())
    return None
