"""A person as the web shows them: profile, people lists and impact, built from what
`services.people` returns. Pay and protected attributes are filled in only when the
`PersonAccess` says the reader may see them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ConfigDict

from latticework.framework.model import Framework
from latticework.services.access import PersonAccess
from latticework.web.views.framework import LevelRef, PathRef

if TYPE_CHECKING:
    from latticework.growth.person_data import ImpactRecord
    from latticework.services.people import PersonRead
    from latticework.storage import EventRow, PersonListRow, PersonRecord, RatingRow, StoredPlan

T = TypeVar("T")


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class PayView(_View):
    base_salary: float
    currency: str
    pay_period: str
    fte: float
    base_annual_fte: float
    total_annual_fte: float
    variable_pay: float | None
    equity_annual: float | None
    band_min: float | None
    band_mid: float | None
    band_max: float | None
    compa_ratio: float | None
    """Annual FTE base pay / band mid."""


class ProtectedView(_View):
    gender: str | None
    ethnicity: str | None


class ImpactView(_View):
    impact_id: str
    date: date
    category: str
    title: str
    statement: str
    metric: str | None
    value: float | None
    unit: str | None
    beneficiary: str | None
    evidence: str | None


class RatingView(_View):
    cycle: str
    competency: str
    competency_name: str
    rater: str
    rating: int
    evidence: str | None


class PlanItemView(_View):
    goal: str
    opportunity_id: str | None
    competency: str | None
    due_date: date | None
    status: str


class PlanView(_View):
    id: int
    title: str | None
    path: str | None
    status: str
    items: list[PlanItemView]


class MoveView(_View):
    kind: str
    """promotion, path_change (same level, another path) or track_change (same grade)."""
    to_level: LevelRef
    to_path: PathRef | None = None
    requires: list[str] = []
    """Competencies whose expectations change with the move."""


class EventView(_View):
    date: date
    type: str
    summary: str


class PersonSummary(_View):
    employee_id: str
    name: str | None
    level: str
    level_title: str | None
    grade: str | None
    track: str
    path: str | None
    team: str | None


class TeamSummary(_View):
    team: str
    size: int


class PersonProfile(_View):
    employee_id: str
    name: str | None
    email: str | None
    discipline: str
    level: LevelRef | None
    path: PathRef | None
    team: str | None
    manager_id: str | None
    manager_name: str | None
    hire_date: date
    level_start_date: date | None
    status: str
    equivalent_levels: list[LevelRef]
    pay: PayView | None
    protected: ProtectedView | None
    impact: list[ImpactView]
    ratings: list[RatingView]
    plans: list[PlanView]
    moves: list[MoveView]
    history: list[EventView]
    relation: str
    """How the reader relates to this person: self, report, hr."""


class _PerFramework:
    """Views that depend only on the framework (the moves from a level and path, a level's
    equivalents), built once per framework version instead of once per page.

    Keeps the one framework it was built for (a new version starts afresh), so an
    id is never reused for another framework; holds no data about people.
    """

    def __init__(self) -> None:
        self._framework: Framework | None = None
        self._views: dict[tuple[str, ...], object] = {}

    def get(self, fw: Framework, key: tuple[str, ...], build: Callable[[], T]) -> T:
        if fw is not self._framework or len(self._views) > 5000:
            self._views = {}
            self._framework = fw
        views = self._views
        found = views.get(key)
        if found is None:
            found = views[key] = build()
        return found  # type: ignore[return-value]


_per_framework = _PerFramework()


def _level_ref(fw: Framework, level_id: str) -> LevelRef | None:
    if not fw.has_level(level_id):
        return None
    p = fw.placement(level_id)
    return LevelRef(
        id=p.level.id,
        title=p.level.title,
        grade=p.level.grade,
        track=p.track.id,
        track_name=p.track.name,
        discipline=p.discipline.id,
    )


def _path_ref(fw: Framework, path_id: str | None) -> PathRef | None:
    if path_id is None or not fw.has_path(path_id):
        return None
    p = fw.path(path_id)
    return PathRef(id=p.id, name=p.name, kind=p.kind.value, domain=p.domain)


def _pay(fw: Framework, person: PersonRecord) -> PayView:
    band = (
        fw.band_for(person.level, person.zone)
        if person.zone and fw.has_level(person.level)
        else None
    )
    return PayView(
        base_salary=person.base_salary,
        currency=person.currency,
        pay_period=person.pay_period or "year",
        fte=person.fte if person.fte is not None else 1.0,
        base_annual_fte=person.base_annual_fte,
        total_annual_fte=person.total_annual_fte,
        variable_pay=person.variable_pay,
        equity_annual=person.equity_annual,
        band_min=band.min if band else None,
        band_mid=band.mid if band else None,
        band_max=band.max if band else None,
        compa_ratio=round(person.base_annual_fte / band.mid, 3) if band else None,
    )


def _moves(fw: Framework, person: PersonRecord) -> list[MoveView]:
    """The legal single moves from where the person is (growth's lattice moves)."""
    if not fw.has_level(person.level):
        return []
    path = person.path if person.path and fw.has_path(person.path) else None
    return _per_framework.get(
        fw, ("moves", person.level, path or ""), lambda: _moves_from(fw, person.level, path)
    )


def _moves_from(fw: Framework, level: str, path: str | None) -> list[MoveView]:
    from latticework.growth.moves import Position, legal_moves

    moves = []
    for move in legal_moves(fw, Position(level, path)):
        target = _level_ref(fw, move.target.level)
        assert target is not None
        moves.append(
            MoveView(
                kind=move.kind,
                to_level=target,
                to_path=_path_ref(fw, move.target.path),
                requires=[r.name for r in move.requires],
            )
        )
    return moves


def _path_words(fw: Framework, path_id: str | None) -> str:
    if not path_id:
        return "—"
    return fw.path(path_id).name if fw.has_path(path_id) else "a path not in the framework"


def _track_words(fw: Framework, track_id: str | None, level_id: str | None) -> str:
    """A track by its name: the one of the level's discipline, else any track with the id."""
    if not track_id:
        return "—"
    if level_id and fw.has_level(level_id) and fw.placement(level_id).track.id == track_id:
        return fw.placement(level_id).track.name
    names = [t.name for d in fw.disciplines for t in d.tracks if t.id == track_id]
    return names[0] if names else "a track not in the framework"


def _event_summary(fw: Framework, row: EventRow) -> str:
    """What changed, in the framework's words (changes of path or track only when they
    changed: a promotion keeps both)."""
    parts = []
    if row.from_level or row.to_level:
        parts.append(f"{row.from_level or '—'} → {row.to_level or '—'}")
    if (row.from_path or row.to_path) and row.from_path != row.to_path:
        parts.append(f"path {_path_words(fw, row.from_path)} → {_path_words(fw, row.to_path)}")
    if (row.from_track or row.to_track) and row.from_track != row.to_track:
        before = _track_words(fw, row.from_track, row.from_level)
        parts.append(f"track {before} → {_track_words(fw, row.to_track, row.to_level)}")
    return "; ".join(parts)


def profile_view(fw: Framework, read: PersonRead, access: PersonAccess) -> PersonProfile:
    """Everything the reader may see of one person (pay and protected only when allowed)."""
    person = read.person
    return PersonProfile(
        employee_id=person.employee_id,
        name=person.name,
        email=person.email,
        discipline=person.discipline,
        level=_level_ref(fw, person.level),
        path=_path_ref(fw, person.path),
        team=person.team,
        manager_id=person.manager_id,
        manager_name=read.manager_name,
        hire_date=person.hire_date,
        level_start_date=person.level_start_date,
        status=person.status or "active",
        equivalent_levels=_per_framework.get(
            fw, ("equivalent", person.level), lambda: _equivalent_levels(fw, person.level)
        ),
        pay=_pay(fw, person) if access.pay else None,
        protected=ProtectedView(gender=person.gender, ethnicity=person.ethnicity)
        if access.protected
        else None,
        impact=impact_views(read.impact),
        ratings=_ratings(fw, read.ratings),
        plans=_plans(read.plan),
        moves=_moves(fw, person),
        # Pay changes are events too, but their amounts are pay: only the type is shown here.
        history=[
            EventView(date=e.date, type=e.type, summary=_event_summary(fw, e)) for e in read.events
        ],
        relation=access.relation.value,
    )


def _equivalent_levels(fw: Framework, level_id: str) -> list[LevelRef]:
    return [
        ref
        for e in (fw.equivalent_levels(level_id) if fw.has_level(level_id) else [])
        if (ref := _level_ref(fw, e.level.id)) is not None
    ]


def impact_view(record: ImpactRecord) -> ImpactView:
    """An impact record with its business-framed statement (the person's own words win)."""
    from latticework.services.impact import statement_of

    return ImpactView(
        impact_id=record.impact_id,
        date=record.date,
        category=record.category,
        title=record.title,
        statement=statement_of(record),
        metric=record.metric,
        value=record.value,
        unit=record.unit,
        beneficiary=record.beneficiary,
        evidence=record.evidence,
    )


def impact_views(records: list[ImpactRecord]) -> list[ImpactView]:
    return [impact_view(r) for r in records]


def _ratings(fw: Framework, rows: list[RatingRow]) -> list[RatingView]:
    names = {c.id: c.name for c in fw.competencies}
    return [
        RatingView(
            cycle=r.cycle,
            competency=r.competency,
            competency_name=names.get(r.competency, r.competency),
            rater=r.rater,
            rating=r.rating,
            evidence=r.evidence,
        )
        for r in rows
    ]


def _plans(plan: StoredPlan | None) -> list[PlanView]:
    if plan is None:
        return []
    items = [
        PlanItemView(
            goal=i.goal,
            opportunity_id=i.opportunity_id,
            competency=i.competency,
            due_date=i.due_date,
            status=i.status,
        )
        for i in plan.items
    ]
    return [PlanView(id=plan.id, title=plan.title, path=plan.path, status=plan.status, items=items)]


def summary_views(fw: Framework, rows: list[PersonListRow]) -> list[PersonSummary]:
    return [
        PersonSummary(
            employee_id=r.employee_id,
            name=r.name,
            level=r.level,
            level_title=fw.level(r.level).title if fw.has_level(r.level) else None,
            grade=r.grade,
            track=r.track,
            path=r.path,
            team=r.team,
        )
        for r in rows
    ]


class PersonListEntry(_View):
    """One row of the people page, in words (no ids of the framework)."""

    employee_id: str
    name: str
    level: str
    grade: str | None
    discipline: str
    track: str
    path: str | None
    team: str | None
    status: str
    left: bool


def _track_name(fw: Framework, row: PersonListRow) -> str:
    if fw.has_level(row.level):
        return fw.placement(row.level).track.name
    return "Not in the framework"


def list_entries(fw: Framework, rows: list[PersonListRow]) -> list[PersonListEntry]:
    disciplines = {d.id: d.name for d in fw.disciplines}
    entries = []
    for r in rows:
        left = r.status == "exited"
        path = _path_ref(fw, r.path)
        entries.append(
            PersonListEntry(
                employee_id=r.employee_id,
                name=r.name or r.employee_id,
                level=(
                    f"{r.level} {fw.level(r.level).title}"
                    if fw.has_level(r.level)
                    else "Not in the framework"
                ),
                grade=r.grade,
                discipline=disciplines.get(r.discipline or "", "Not in the framework"),
                track=_track_name(fw, r),
                path=path.name if path else None,
                team=r.team,
                status=(f"Left on {r.exit_date}" if r.exit_date else "Left") if left else "Active",
                left=left,
            )
        )
    return entries


def filter_options(fw: Framework, teams: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The choices of each filter of the people page: (value, words)."""
    tracks: dict[str, str] = {}
    for d in fw.disciplines:
        for t in d.tracks:
            tracks.setdefault(t.id, t.name)
    return {
        "discipline": [(d.id, d.name) for d in fw.disciplines],
        "track": sorted(tracks.items(), key=lambda kv: kv[1]),
        "grade": [(g.id, f"{g.id} {g.name}") for g in fw.grades],
        "team": [(t, t) for t in teams],
        "status": [("active", "Current staff"), ("exited", "People who left"), ("all", "Everyone")],
    }
