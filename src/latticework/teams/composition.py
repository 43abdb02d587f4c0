"""Team composition: which capabilities each team has, against the framework's targets.

Individuals specialise; teams need balance, so capability is judged per team. A person brings a
capability through:

- their **path**: strategic leadership, technical depth, a domain specialism
  (reported by domain), product partnership or people leadership;
- their **track**: everyone on a management track leads people;
- their **assessments**: a manager rating above "Meets" in a strategic or
  product competency shows that capability even off that path.

With no path recorded, the discipline decides: product people bring product
partnership, everyone else technical depth. Domain specialists count towards
the technical target (they are deep technical specialists). Teams smaller than
`min_team_size` are reported but never flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from latticework.framework.model import (
    PATH_KIND_CAPABILITY,
    Capability,
    CompetencyCategory,
    Framework,
    TrackKind,
)
from latticework.growth.person_data import Rating
from latticework.growth.readiness import latest_ratings

CAPABILITY_NAMES: dict[Capability, str] = {
    Capability.STRATEGIC: "Strategic leadership",
    Capability.TECHNICAL: "Technical depth",
    Capability.SPECIALIST: "Domain specialists",
    Capability.PRODUCT: "Product partnership",
    Capability.PEOPLE: "People leadership",
}
_EVIDENCED_BY_CATEGORY: dict[CompetencyCategory, Capability] = {
    CompetencyCategory.STRATEGIC: Capability.STRATEGIC,
    CompetencyCategory.BUSINESS: Capability.STRATEGIC,
    CompetencyCategory.PRODUCT: Capability.PRODUCT,
}

EVIDENCING_CATEGORIES = frozenset(_EVIDENCED_BY_CATEGORY)
"""Competency categories whose manager ratings can show a capability off its path."""

FlagKind = Literal["missing", "concentrated"]


@dataclass(frozen=True, slots=True)
class Member:
    """A person as a team sees them: their main capability and everything else they bring."""

    employee_id: str
    level: str
    grade: str
    path: str | None
    primary: Capability
    capabilities: frozenset[Capability]
    domain: str | None
    evidence: tuple[str, ...]
    """How each capability beyond the primary one was established."""


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    capability: Capability
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "capability": self.capability.value, "message": self.message}


@dataclass(frozen=True, slots=True)
class TeamComposition:
    team: str
    size: int
    holders: Mapping[Capability, int]
    """People bringing each capability (a person may bring several)."""
    primary: Mapping[Capability, int]
    """People whose main capability it is (sums to size)."""
    specialists: Mapping[str, int]
    """Domain specialists by domain."""
    top_grade: Mapping[Capability, str]
    """The most senior grade holding each capability."""
    judged: bool
    """False when the team is below the minimum size to flag."""
    flags: tuple[Flag, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "team": self.team,
            "size": self.size,
            "judged": self.judged,
            "capabilities": {
                c.value: {
                    "people": self.holders.get(c, 0),
                    "primary": self.primary.get(c, 0),
                    "top_grade": self.top_grade.get(c),
                }
                for c in Capability
            },
            "specialists": dict(self.specialists),
            "flags": [f.to_dict() for f in self.flags],
        }


@dataclass(frozen=True, slots=True)
class OrgComposition:
    teams: tuple[TeamComposition, ...]

    @property
    def flagged(self) -> list[TeamComposition]:
        return [t for t in self.teams if t.flags]

    def missing(self, capability: Capability) -> list[str]:
        return [
            t.team
            for t in self.teams
            if any(f.kind == "missing" and f.capability is capability for f in t.flags)
        ]

    def to_dict(self) -> dict[str, object]:
        holders: Counter[str] = Counter()
        specialists: Counter[str] = Counter()
        for t in self.teams:
            holders.update({c.value: n for c, n in t.holders.items()})
            specialists.update(t.specialists)
        return {
            "teams": len(self.teams),
            "people": sum(t.size for t in self.teams),
            "teams_judged": sum(t.judged for t in self.teams),
            "teams_flagged": len(self.flagged),
            "capabilities": {c.value: holders.get(c.value, 0) for c in Capability},
            "teams_missing": {c.value: self.missing(c) for c in Capability},
            "teams_concentrated": [
                t.team for t in self.teams if any(f.kind == "concentrated" for f in t.flags)
            ],
            "specialists": dict(sorted(specialists.items())),
            "by_team": [t.to_dict() for t in self.teams],
        }


class Placed(Protocol):
    """Who someone is in a team, as composition reads it (a `Person` is one)."""

    @property
    def employee_id(self) -> str: ...
    @property
    def discipline(self) -> str: ...
    @property
    def track(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def path(self) -> str | None: ...
    @property
    def team(self) -> str | None: ...


def member_of(framework: Framework, person: Placed, ratings: Sequence[Rating] = ()) -> Member:
    """What one person brings to a team."""
    placement = framework.placement(person.level) if framework.has_level(person.level) else None
    grade = placement.level.grade if placement else ""
    domain: str | None = None
    caps: set[Capability] = set()
    evidence: list[str] = []
    path = framework.path(person.path) if person.path and framework.has_path(person.path) else None
    if path is not None:
        primary = PATH_KIND_CAPABILITY[path.kind]
        domain = path.domain if primary is Capability.SPECIALIST else None
    elif placement is not None and placement.track.kind is TrackKind.MANAGEMENT:
        primary = Capability.PEOPLE
    else:
        primary = Capability.PRODUCT if person.discipline == "product" else Capability.TECHNICAL
    caps.add(primary)
    if placement is not None and placement.track.kind is TrackKind.MANAGEMENT:
        if Capability.PEOPLE not in caps:
            evidence.append("people leadership: manages a team")
        caps.add(Capability.PEOPLE)
    member = Member(
        person.employee_id,
        person.level,
        grade,
        person.path,
        primary,
        frozenset(caps),
        domain,
        tuple(evidence),
    )
    if not ratings:
        return member
    categories = {c.id: c.category for c in framework.competencies}
    return _with_ratings(member, ratings, categories, framework.promotion.meets_rating + 1)


def _with_ratings(
    member: Member,
    ratings: Sequence[Rating],
    categories: Mapping[str, CompetencyCategory],
    exceeds: int,
) -> Member:
    """Add the capabilities a manager rating above "Meets" shows (latest rating per competency)."""
    caps = set(member.capabilities)
    evidence = list(member.evidence)
    for (competency_id, rater), rating in latest_ratings(ratings).items():
        if rater != "manager" or rating.rating < exceeds or competency_id not in categories:
            continue
        capability = _EVIDENCED_BY_CATEGORY.get(categories[competency_id])
        if capability is not None and capability not in caps:
            caps.add(capability)
            evidence.append(
                f"{CAPABILITY_NAMES[capability].lower()}: rated {rating.rating} "
                f"in {competency_id} ({rating.cycle})"
            )
    return Member(
        member.employee_id,
        member.level,
        member.grade,
        member.path,
        member.primary,
        frozenset(caps),
        member.domain,
        tuple(evidence),
    )


def compose_team(framework: Framework, team: str, members: Sequence[Member]) -> TeamComposition:
    """Count capabilities in one team and flag what is missing or over-concentrated."""
    targets = framework.team_targets
    ranks = {g.id: g.rank for g in framework.grades}
    # Plain dicts rather than Counters: this runs once per team, 15,000 times at 100,000 people.
    holders: dict[Capability, int] = {}
    primary: dict[Capability, int] = {}
    specialists: dict[str, int] = {}
    top: dict[Capability, str] = {}
    for m in members:
        primary[m.primary] = primary.get(m.primary, 0) + 1
        rank = ranks.get(m.grade)
        for c in m.capabilities:
            holders[c] = holders.get(c, 0) + 1
            if rank is not None:
                current = top.get(c)
                if current is None or rank > ranks[current]:
                    top[c] = m.grade
        if m.domain:
            specialists[m.domain] = specialists.get(m.domain, 0) + 1
    # Targets nobody wrote are not applied: a framework without `team_targets` gets its
    # teams described, not judged.
    declared = "team_targets" in framework.model_fields_set
    judged = declared and len(members) >= targets.min_team_size
    flags: list[Flag] = []
    if judged:
        for capability, minimum in targets.min_people.items():
            have = holders.get(capability, 0)
            if capability is Capability.TECHNICAL:
                # Domain specialists are deep technical specialists too.
                have += holders.get(Capability.SPECIALIST, 0)
            if have < minimum:
                flags.append(
                    Flag(
                        "missing",
                        capability,
                        f"{CAPABILITY_NAMES[capability].lower()}: {have} of {minimum} needed",
                    )
                )
        if members:
            capability, count = max(primary.items(), key=lambda kv: kv[1])
            share = count / len(members)
            if share > targets.max_share:
                flags.append(
                    Flag(
                        "concentrated",
                        capability,
                        f"{share:.0%} of the team is {CAPABILITY_NAMES[capability].lower()} "
                        f"(more than {targets.max_share:.0%})",
                    )
                )
    return TeamComposition(
        team=team,
        size=len(members),
        holders=dict(holders),
        primary=dict(primary),
        specialists=dict(sorted(specialists.items())),
        top_grade=top,
        judged=judged,
        flags=tuple(flags),
    )


def compose_organisation(
    framework: Framework,
    people: Iterable[Placed],
    ratings: Mapping[str, Sequence[Rating]] | None = None,
) -> OrgComposition:
    """Every team's composition (people without a team are left out), sorted by team name."""
    ratings = ratings or {}
    categories = {c.id: c.category for c in framework.competencies}
    exceeds = framework.promotion.meets_rating + 1
    by_team: dict[str, list[Member]] = {}
    # People at the same placement bring the same capabilities until their ratings
    # say more: work each placement out once (this is what keeps 100,000 people fast).
    templates: dict[tuple[str, str, str, str | None], Member] = {}
    for person in people:
        if not person.team:
            continue
        key = (person.discipline, person.track, person.level, person.path)
        template = templates.get(key)
        if template is None:
            template = templates[key] = member_of(framework, person)
        member = Member(
            person.employee_id,
            template.level,
            template.grade,
            template.path,
            template.primary,
            template.capabilities,
            template.domain,
            template.evidence,
        )
        mine = ratings.get(person.employee_id)
        if mine:
            member = _with_ratings(member, mine, categories, exceeds)
        by_team.setdefault(person.team, []).append(member)
    return OrgComposition(
        tuple(compose_team(framework, team, by_team[team]) for team in sorted(by_team))
    )
