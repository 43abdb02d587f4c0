"""The promotion packet: everything a promotion committee needs about one person, on their path.

The packet is assembled here as a value; `reports/growth_packet.py` lays it out
as a document (Markdown, HTML, PDF). The expectations in it are those of the
target level on the person's path only — a technical-depth Principal's packet
never lists strategic-path expectations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.growth.impact import ImpactStatement, impact_statements
from latticework.growth.impact_summary import ImpactSummary, summarise_impact
from latticework.growth.person_data import ImpactRecord, Participation, Person, Rating, RoleHeld
from latticework.growth.readiness import Readiness, assess_readiness


@dataclass(frozen=True, slots=True)
class RoleEntry:
    role: str
    name: str
    scope: str | None
    start_date: date
    end_date: date | None
    competencies: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "role": self.role,
            "name": self.name,
            "scope": self.scope,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "competencies": list(self.competencies),
        }


@dataclass(frozen=True, slots=True)
class ForumEntry:
    forum: str
    name: str
    meetings: int
    roles: tuple[tuple[str, int], ...]
    first: date
    last: date
    decision_authority: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "forum": self.forum,
            "name": self.name,
            "meetings": self.meetings,
            "roles": dict(self.roles),
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "decision_authority": self.decision_authority,
        }


@dataclass(frozen=True, slots=True)
class EquivalentLevel:
    level: str
    title: str
    track: str
    grade: str

    def to_dict(self) -> dict[str, str]:
        return {"level": self.level, "title": self.title, "track": self.track, "grade": self.grade}


@dataclass(frozen=True, slots=True)
class PromotionPacket:
    person: Person
    current_title: str
    target_level: str
    target_title: str
    target_grade: str
    readiness: Readiness
    statements: tuple[ImpactStatement, ...]
    impact_summary: ImpactSummary
    roles: tuple[RoleEntry, ...]
    forums: tuple[ForumEntry, ...]
    equivalents: tuple[EquivalentLevel, ...]
    as_of: date

    def to_dict(self) -> dict[str, object]:
        p = self.person
        target = self.readiness.next
        return {
            "employee_id": p.employee_id,
            "name": p.name,
            "discipline": p.discipline,
            "track": p.track,
            "level": p.level,
            "title": self.current_title,
            "path": p.path,
            "as_of": self.as_of.isoformat(),
            "months_in_level": self.readiness.months_in_level,
            "target": {
                "level": self.target_level,
                "title": self.target_title,
                "grade": self.target_grade,
                "path": target.path if target else None,
                "expectations": [i.to_dict() for i in target.items] if target else [],
            },
            "readiness": {
                "ready": self.readiness.ready,
                "rule": self.readiness.rule,
                "threshold": self.readiness.threshold,
                "weighted_share_met": round(target.weighted_share_met, 3) if target else None,
                "reasons": list(self.readiness.reasons),
            },
            "impact": [s.to_dict() for s in self.statements],
            "impact_summary": self.impact_summary.to_dict(),
            "leadership_roles": [r.to_dict() for r in self.roles],
            "forums": [f.to_dict() for f in self.forums],
            "equivalent_levels": [e.to_dict() for e in self.equivalents],
        }


def _roles(framework: Framework, held: Sequence[RoleHeld]) -> tuple[RoleEntry, ...]:
    known = {r.id: r for r in framework.leadership_roles}
    entries = []
    for r in held:
        role = known.get(r.role)
        entries.append(
            RoleEntry(
                role=r.role,
                name=role.name if role else r.role,
                scope=r.scope,
                start_date=r.start_date,
                end_date=r.end_date,
                competencies=tuple(role.competencies) if role else (),
            )
        )
    return tuple(entries)


def _forums(framework: Framework, attended: Sequence[Participation]) -> tuple[ForumEntry, ...]:
    known = {f.id: f for f in framework.forums}
    entries = []
    for forum_id in sorted({p.forum for p in attended}):
        mine = [p for p in attended if p.forum == forum_id]
        forum = known.get(forum_id)
        roles = Counter(p.role for p in mine)
        entries.append(
            ForumEntry(
                forum=forum_id,
                name=forum.name if forum else forum_id,
                meetings=len(mine),
                roles=tuple(sorted(roles.items())),
                first=min(p.date for p in mine),
                last=max(p.date for p in mine),
                decision_authority=bool(forum and forum.decision_authority),
            )
        )
    return tuple(entries)


def build_packet(
    framework: Framework,
    person: Person,
    ratings: Sequence[Rating],
    impact: Sequence[ImpactRecord],
    roles: Sequence[RoleHeld],
    participation: Sequence[Participation],
    as_of: date,
    target_level: str | None = None,
) -> PromotionPacket:
    """Assemble the packet for promotion to the next level on the person's track and path."""
    readiness = assess_readiness(framework, person, ratings, as_of, target_level)
    target = readiness.next
    if target is None:
        raise LatticeworkError(
            Problem(
                f"{person.employee_id} is at {person.level}, the top of the "
                f"{framework.placement(person.level).track.name} track: there is no promotion",
                fix="Pass --to LEVEL to build a packet for a specific level.",
                code="top-of-track",
            )
        )
    equivalents = tuple(
        EquivalentLevel(p.level.id, p.level.title, p.track.name, p.level.grade)
        for p in framework.equivalent_levels(target.level)
    )
    return PromotionPacket(
        person=person,
        current_title=framework.level(person.level).title,
        target_level=target.level,
        target_title=target.title,
        target_grade=target.grade,
        readiness=readiness,
        statements=tuple(impact_statements(impact)),
        impact_summary=summarise_impact(person.employee_id, impact),
        roles=_roles(framework, roles),
        forums=_forums(framework, participation),
        equivalents=equivalents,
        as_of=as_of,
    )
