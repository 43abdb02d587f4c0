"""Assessments against a person's own level *and path*, gaps, and readiness for the next grade.

Only `Framework.expectations_for(level, path)` decides what a person is held
to: expectations written for other paths, and competencies weighted 0 on
their path, never appear here, so a technical-depth engineer is never marked
down for strategy.

Ratings are made against the expectations of the person's *current* level
(the framework's rating scale, "Meets" = `meets_rating`). Operating at the
next level is read as rating one step above that ("Exceeds") on the next
level's expectations: the usual practice of promoting people who already
work at the next level. The manager's rating is the one judged; a self
rating alone counts, flagged as such, because it is all the evidence there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.framework.promotion_terms import (
    min_months_for,
    min_points_for,
    next_level_met_rating,
    threshold_for,
)
from latticework.growth.person_data import Person, Rating


@dataclass(frozen=True, slots=True)
class ExpectationAssessment:
    """One competency's expectation for a level on a path, with the ratings against it."""

    competency: str
    name: str
    category: str
    expectation: str
    weight: float
    required: int
    """The rating at or above which this expectation counts as met."""
    self_rating: Rating | None
    manager_rating: Rating | None
    bullet: str | None = None
    """For an expectation rated bullet by bullet: this bullet's id (ratings name `comp#id`)."""
    proficiency: str | None = None
    """The name of the proficiency step required, when the expectation names one."""

    @property
    def judged(self) -> int | None:
        """The manager's rating when there is one, else the self rating."""
        if self.manager_rating is not None:
            return self.manager_rating.rating
        return self.self_rating.rating if self.self_rating is not None else None

    @property
    def self_only(self) -> bool:
        return self.manager_rating is None and self.self_rating is not None

    @property
    def met(self) -> bool:
        return self.judged is not None and self.judged >= self.required

    @property
    def gap(self) -> int:
        """Rating steps short of the requirement (an unrated expectation is short by all of it)."""
        return max(0, self.required - (self.judged or 0))

    @property
    def evidence(self) -> tuple[str, ...]:
        found = [r.evidence for r in (self.manager_rating, self.self_rating) if r and r.evidence]
        return tuple(dict.fromkeys(found))

    def to_dict(self) -> dict[str, object]:
        return {
            "competency": self.competency,
            "name": self.name,
            "category": self.category,
            "expectation": self.expectation,
            "weight": self.weight,
            "required": self.required,
            "bullet": self.bullet,
            "proficiency": self.proficiency,
            "self": self.self_rating.rating if self.self_rating else None,
            "manager": self.manager_rating.rating if self.manager_rating else None,
            "judged": self.judged,
            "self_only": self.self_only,
            "met": self.met,
            "gap": self.gap,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class LevelAssessment:
    """Every expectation of one level on one path, assessed."""

    level: str
    title: str
    grade: str
    path: str | None
    items: tuple[ExpectationAssessment, ...]
    note: str = ""

    @property
    def weighted_share_met(self) -> float:
        total = sum(i.weight for i in self.items)
        return sum(i.weight for i in self.items if i.met) / total if total else 0.0

    @property
    def gaps(self) -> list[ExpectationAssessment]:
        """Unmet expectations, largest weighted gap first."""
        short = [i for i in self.items if not i.met]
        return sorted(short, key=lambda i: (-i.gap * i.weight, i.competency))

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "title": self.title,
            "grade": self.grade,
            "path": self.path,
            "note": self.note,
            "weighted_share_met": round(self.weighted_share_met, 3),
            "expectations": [i.to_dict() for i in self.items],
            "gaps": [i.competency for i in self.gaps],
        }


@dataclass(frozen=True, slots=True)
class Readiness:
    """Where a person stands against their level and the next one on their path."""

    person: Person
    current: LevelAssessment
    next: LevelAssessment | None
    rule: str
    threshold: float | None
    months_in_level: int | None
    min_months_in_level: int
    ready: bool
    reasons: tuple[str, ...]
    points: int | None = None
    """For `rule: points`: the points earned across competencies."""
    min_points: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "employee_id": self.person.employee_id,
            "level": self.person.level,
            "path": self.person.path,
            "rule": self.rule,
            "threshold": self.threshold,
            "months_in_level": self.months_in_level,
            "min_months_in_level": self.min_months_in_level,
            "ready": self.ready,
            "reasons": list(self.reasons),
            "points": self.points,
            "min_points": self.min_points,
            "current": self.current.to_dict(),
            "next": self.next.to_dict() if self.next else None,
        }


def latest_ratings(ratings: Sequence[Rating]) -> dict[tuple[str, str], Rating]:
    """The most recent rating per (competency, rater): latest cycle, then latest date."""
    latest: dict[tuple[str, str], Rating] = {}
    for r in sorted(ratings, key=lambda r: (r.cycle, r.date or date.min)):
        latest[(r.competency, r.rater)] = r
    return latest


def require_level(framework: Framework, person: Person) -> None:
    if not framework.has_level(person.level):
        raise LatticeworkError(
            Problem(
                f"person {person.employee_id} has level {person.level!r}, "
                "which the framework does not define",
                fix="Correct the person's level or add the level to the framework.",
                code="unknown-level",
            )
        )


def path_at(framework: Framework, level_id: str, path_id: str | None) -> str | None:
    """The path if it is open at this level, else None (general expectations only)."""
    if path_id is None or not framework.has_path(path_id):
        return None
    open_paths = {p.id for p in framework.paths_for_level(level_id)}
    return path_id if path_id in open_paths else None


def assess_level(
    framework: Framework,
    level_id: str,
    path_id: str | None,
    ratings: Sequence[Rating],
    required: int,
) -> LevelAssessment:
    """Assess the ratings against one level's expectations on one path.

    `required` is the rating that meets a plain expectation; one that names a
    proficiency step is met by reaching that step, at this level or the next.
    Bullets rated separately share their expectation's weight.
    """
    placement = framework.placement(level_id)
    effective = path_at(framework, level_id, path_id)
    note = ""
    if path_id is not None and effective is None:
        note = f"path {path_id!r} is not open at {level_id}; the level's general expectations apply"
    latest = latest_ratings(ratings)
    items: list[ExpectationAssessment] = []
    for e in framework.expectations_for(level_id, effective):
        comp = e.competency
        position = framework.required_position(comp, e.expectation)
        scale = framework.scale_for(comp)
        step = scale.step_at(position) if scale is not None and position is not None else None
        parts: list[tuple[str | None, str]] = [(b.id, b.text) for b in e.expectation.bullets]
        parts = parts or [(None, e.expectation.text)]
        for bullet, text in parts:
            key = f"{comp.id}#{bullet}" if bullet else comp.id
            items.append(
                ExpectationAssessment(
                    competency=comp.id,
                    name=comp.name,
                    category=comp.category.value,
                    expectation=text,
                    weight=e.weight / len(parts),
                    required=position if position is not None else required,
                    self_rating=latest.get((key, "self")) or latest.get((comp.id, "self")),
                    manager_rating=latest.get((key, "manager")) or latest.get((comp.id, "manager")),
                    bullet=bullet,
                    proficiency=step.name if step is not None else None,
                )
            )
    return LevelAssessment(
        level=level_id,
        title=placement.level.title,
        grade=placement.level.grade,
        path=effective,
        items=tuple(items),
        note=note,
    )


def points_earned(framework: Framework, person: Person, ratings: Sequence[Rating]) -> int:
    """Points of the proficiency step reached on each competency, summed (`rule: points`).

    The manager's rating is judged when there is one, else the self rating, as
    for expectations.
    """
    latest = latest_ratings(ratings)
    discipline = framework.placement(person.level).discipline.id
    total = 0
    for comp in framework.competencies_for(discipline):
        scale = framework.scale_for(comp)
        rating = latest.get((comp.id, "manager")) or latest.get((comp.id, "self"))
        if scale is None or rating is None:
            continue
        step = scale.step_at(rating.rating)
        if step is not None:
            total += step.points or 0
    return total


def months_between(start: date | None, end: date) -> int | None:
    if start is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def assess_readiness(
    framework: Framework,
    person: Person,
    ratings: Sequence[Rating],
    as_of: date,
    target_level: str | None = None,
    target_path: str | None = None,
) -> Readiness:
    """Gaps to the current level and readiness for the next one (or `target_level`) on the path
    (or `target_path`, for a lateral move or a track switch onto another path)."""
    require_level(framework, person)
    rule = framework.promotion
    current = assess_level(framework, person.level, person.path, ratings, rule.meets_rating)
    target = target_level
    if target is None:
        following = framework.next_level(person.level)
        target = following.id if following else None
    elif not framework.has_level(target):
        levels = ", ".join(p.level.id for p in framework.placements())
        raise LatticeworkError(
            Problem(
                f"target level {target!r} is not in the framework",
                fix=f"Give one of the framework's levels: {levels}.",
                code="unknown-target",
            )
        )
    next_assessment = (
        assess_level(
            framework, target, target_path or person.path, ratings, next_level_met_rating(rule)
        )
        if target
        else None
    )
    months = months_between(person.level_start_date or person.hire_date, as_of)
    min_months = min_months_for(framework, person.level)
    reasons: list[str] = []
    ready = next_assessment is not None
    points: int | None = None
    min_points: int | None = None
    if next_assessment is None or target is None:
        reasons.append(f"{person.level} is the top of its track; there is no next level")
    else:
        share = next_assessment.weighted_share_met
        unmet = [i.name for i in next_assessment.gaps]
        if rule.rule == "all-expectations":
            if unmet:
                ready = False
                reasons.append("not every expectation is met: " + ", ".join(unmet))
            else:
                reasons.append(f"every expectation of {target} is met")
        elif rule.rule == "points":
            points = points_earned(framework, person, ratings)
            min_points = min_points_for(rule, target)
            if min_points is None:
                ready = False
                reasons.append(f"{target} has no `min_points`, so the points rule cannot judge it")
            elif points < min_points:
                ready = False
                reasons.append(f"{points} points earned; {target} needs {min_points}")
            else:
                reasons.append(f"{points} points earned ({target} needs {min_points})")
        elif rule.rule == "holistic":
            met = sum(1 for i in next_assessment.items if i.met)
            reasons.append(
                f"{met} of {len(next_assessment.items)} expectations of {target} are rated met; "
                "the framework is not a checklist, so the promotion decision weighs them together"
            )
        else:
            threshold = threshold_for(rule, target)
            threshold = threshold if threshold is not None else 1.0
            if share < threshold:
                ready = False
                reasons.append(
                    f"{share:.0%} of weighted expectations met; the threshold is {threshold:.0%}"
                    + (" (not yet met: " + ", ".join(unmet) + ")" if unmet else "")
                )
            else:
                reasons.append(
                    f"{share:.0%} of weighted expectations of {target} met "
                    f"(threshold {threshold:.0%})"
                )
        if not next_assessment.items and rule.rule != "points":
            ready = False
            reasons.append(f"{target} has no expectations on this path to judge against")
    if min_months and (months is None or months < min_months):
        ready = False
        held = "unknown" if months is None else f"{months} months"
        reasons.append(f"time in level is {held}; at least {min_months} needed")
    elif min_months:
        reasons.append(f"{months} months in level (at least {min_months} needed)")
    return Readiness(
        person=person,
        current=current,
        next=next_assessment,
        rule=rule.rule,
        threshold=threshold_for(rule, target) if target else rule.threshold,
        months_in_level=months,
        min_months_in_level=min_months,
        ready=ready,
        reasons=tuple(reasons),
        points=points,
        min_points=min_points,
    )
