"""The career framework as typed, immutable objects (DESIGN §2).

A framework is what an organisation writes in YAML: disciplines with tracks and
levels, the grades that make levels on different tracks equivalent, the lattice
of paths, competencies with expectations per grade (and per path), pay bands,
development opportunities, project-based leadership roles, forums, the
promotion rule and team capability targets.

The model is deliberately lenient about *structure* (unknown references,
duplicate ids, grades out of order): those are lint findings with a file and a
line, reported all at once by `latticework check`, not exceptions on the first
one. Types, required keys and unknown keys are enforced here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StringConstraints,
)

from latticework.framework.base import FormatVersion, Whole, WholeKey
from latticework.framework.evaluation import Evaluation
from latticework.framework.expectation_parts import Bullet, Link
from latticework.framework.proficiency import ProficiencyScale
from latticework.framework.promotion import LevelPromotion, TrackPromotion
from latticework.framework.todo import Todo

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$", min_length=1, max_length=80),
]
"""An identifier: letters, digits and `_ . : / -`, starting with a letter or digit."""

Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
    )


class TrackKind(StrEnum):
    """What kind of ladder a track is; the audits compare IC against management."""

    IC = "ic"
    MANAGEMENT = "management"
    OTHER = "other"


class PathKind(StrEnum):
    """The family a path belongs to; decides which competencies are fair to ask for."""

    TECHNICAL = "technical"
    """Technical depth: deep expertise, architecture, hard problems."""
    SPECIALIST = "specialist"
    """Domain specialist: security, accessibility, payments, data architecture, …"""
    STRATEGIC = "strategic"
    """Strategic leadership: direction, business outcomes, cross-org alignment."""
    PEOPLE = "people"
    """People leadership: managing and growing people."""
    PRODUCT = "product"
    """Product partnership: customer and market insight, product judgement."""


class CompetencyCategory(StrEnum):
    """A competency's family. `strategic` and `business` are what 'strategic = senior' looks for."""

    TECHNICAL = "technical"
    CRAFT = "craft"
    EXECUTION = "execution"
    COMMUNICATION = "communication"
    COLLABORATION = "collaboration"
    PEOPLE = "people"
    PRODUCT = "product"
    STRATEGIC = "strategic"
    BUSINESS = "business"


STRATEGIC_CATEGORIES = frozenset({CompetencyCategory.STRATEGIC, CompetencyCategory.BUSINESS})
NON_STRATEGIC_PATH_KINDS = frozenset({PathKind.TECHNICAL, PathKind.SPECIALIST})


class Capability(StrEnum):
    """What a person brings to a team (DESIGN §6 team composition)."""

    STRATEGIC = "strategic"
    TECHNICAL = "technical"
    SPECIALIST = "specialist"
    PRODUCT = "product"
    PEOPLE = "people"


PATH_KIND_CAPABILITY: dict[PathKind, Capability] = {
    PathKind.TECHNICAL: Capability.TECHNICAL,
    PathKind.SPECIALIST: Capability.SPECIALIST,
    PathKind.STRATEGIC: Capability.STRATEGIC,
    PathKind.PEOPLE: Capability.PEOPLE,
    PathKind.PRODUCT: Capability.PRODUCT,
}


class Grade(_Model):
    """A rung of the organisation-wide scale; levels sharing a grade are equivalent."""

    id: Id
    rank: Whole = Field(ge=0, le=100)
    """Ordinal position; higher is more senior. Grades must have distinct ranks."""
    name: Text = ""
    description: Text = ""


class Level(_Model):
    """A rung of one track, e.g. `E8 Principal Engineer @ G8`."""

    id: Id
    title: Text
    grade: Id
    """The grade this level sits at; equal grade means equal band and standing."""
    description: Text = ""
    aliases: list[Text] = Field(default_factory=list)
    """Other job titles for this level, used when mapping HRIS titles."""


class Track(_Model):
    """A ladder within a discipline (IC, management, …)."""

    id: Id
    name: Text
    kind: TrackKind
    levels: list[Level]
    """Lowest first; grades must increase along the track."""
    parallel_to: list[Id] = Field(default_factory=list)
    """Ids of tracks in the same discipline that claim equal standing at equal grade."""
    description: Text = ""
    serves: list[Id] = Field(default_factory=list)
    """Other disciplines this track is the management track of (one manager ladder shared by
    several role ladders); equivalence and the IC ceiling are checked against each."""


class Discipline(_Model):
    """Engineering, design, product, …: each with its own tracks."""

    id: Id
    name: Text
    tracks: list[Track]
    description: Text = ""


class Path(_Model):
    """A way of performing at a level (the lattice): same title and pay, different expectations."""

    id: Id
    name: Text
    kind: PathKind
    domain: Text | None = None
    """For specialist paths: the domain (security, accessibility, payments, …)."""
    description: Text = ""
    tracks: list[Id]
    """Track ids this path is open on (e.g. `[ic]`), in every discipline it is open in."""
    disciplines: list[Id] = Field(default_factory=list)
    """Disciplines this path is open in; empty means all."""
    min_grade: Id | None = None
    max_grade: Id | None = None
    competency_weights: dict[Id, StrictFloat] = Field(default_factory=dict)
    """Weight of each competency on this path (default 1.0; 0 means it does not count)."""


class Expectation(_Model):
    """What a competency asks for at one grade, for everyone or for one path."""

    grade: Id
    text: Text
    path: Id | None = None
    """When set, this expectation applies only on that path and replaces the general one."""
    discipline: Id | None = None
    """When set, this expectation applies only in that discipline (engineering, design, …).

    The most specific expectation wins: path, then track, then discipline, then
    the general one."""
    track: Id | None = None
    """When set, this expectation applies only on that track (a track id, or a kind: `ic`)."""
    combine: Literal["replace", "add"] = "replace"
    """Whether this narrower expectation replaces the broader ones it overlaps, or adds to them."""
    id: Id | None = None
    """A stable id, so links, ratings and imports can name this expectation."""
    proficiency: Id | None = None
    """The step of the competency's proficiency scale this expectation requires."""
    examples: list[Text] = Field(default_factory=list)
    """Concrete examples of work that meets the expectation."""
    links: list[Link] = Field(default_factory=list)
    bullets: list[Bullet] = Field(default_factory=list)
    """Lines assessed separately; each is rated as `<competency>#<bullet id>`."""


class Competency(_Model):
    """A dimension of expectations with a category and expectations per grade."""

    id: Id
    name: Text
    category: CompetencyCategory
    description: Text = ""
    disciplines: list[Id] = Field(default_factory=list)
    """Disciplines this competency applies to; empty means all."""
    expectations: list[Expectation] = Field(default_factory=list)
    scale: Id | None = None
    """The proficiency scale of this competency; default: the framework's `proficiency_scale`."""


class Zone(_Model):
    """A location/pay zone with its currency."""

    id: Id
    name: Text
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    countries: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=list
    )


class Band(_Model):
    """Annual full-time base pay range for a grade (or one level) in a zone."""

    grade: Id | None = None
    level: Id | None = None
    """Set a level only when levels at one grade have their own bands (linted for parity)."""
    zone: Id
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    min: StrictFloat = Field(gt=0)
    mid: StrictFloat = Field(gt=0)
    max: StrictFloat = Field(gt=0)
    variable_target_pct: StrictFloat | None = Field(default=None, ge=0, le=500)
    """Target variable pay as a percentage of base."""
    equity_target: StrictFloat | None = Field(default=None, ge=0)
    """Target annual equity value in the band's currency."""


class DevelopmentOpportunity(_Model):
    """An activity that develops people on a path: conference talk, coaching, rotation, …"""

    id: Id
    name: Text
    kind: Text
    paths: list[Id]
    competencies: list[Id] = Field(default_factory=list)
    """Competencies this opportunity develops; development plans pick by gap."""
    description: Text = ""
    duration_weeks: Whole | None = Field(default=None, ge=1, le=260)


class LeadershipRole(_Model):
    """A project-based leadership assignment without people management."""

    id: Id
    name: Text
    description: Text = ""
    disciplines: list[Id] = Field(default_factory=list)
    open_to_tracks: list[Id] = Field(default_factory=lambda: ["ic"])
    min_grade: Id | None = None
    time_box_months: Whole = Field(ge=1, le=60)
    people_management: StrictBool = False
    competencies: list[Id] = Field(default_factory=list)
    """Competencies this role gives evidence for."""


class Forum(_Model):
    """A planning or decision body whose membership the influence audit compares across tracks."""

    id: Id
    name: Text
    kind: Literal["planning", "review", "other"] = "other"
    decision_authority: StrictBool = False
    min_grade: Id
    """Everyone at or above this grade on an eligible track is expected to take part."""
    tracks: list[Id] = Field(default_factory=list)
    """Eligible track ids; empty means every track."""
    description: Text = ""


class PromotionRule(_Model):
    """How readiness for the next level is judged: every expectation, or a weighted threshold."""

    rule: Literal["all-expectations", "weighted-threshold", "points", "holistic"] = (
        "all-expectations"
    )
    threshold: StrictFloat | None = Field(default=None, gt=0, le=1)
    """For `weighted-threshold`: the weighted share of expectations that must be met."""
    meets_rating: Whole = Field(default=3, ge=1)
    """The rating at or above which an expectation counts as met."""
    rating_scale: dict[WholeKey, Text] = Field(
        default_factory=lambda: {
            1: "Not yet",
            2: "Developing",
            3: "Meets",
            4: "Exceeds",
            5: "Role model",
        }
    )
    min_months_in_level: Whole = Field(default=0, ge=0, le=120)
    levels: dict[Id, LevelPromotion] = Field(default_factory=dict)
    """Per level id: the threshold or points that reach it, the months before leaving it."""
    tracks: dict[Id, TrackPromotion] = Field(default_factory=dict)
    """Per track id: the months in a level before promotion on that track."""


class TeamTargets(_Model):
    """What every team should have (DESIGN §6): minimum people per capability, and balance."""

    min_people: dict[Capability, Whole] = Field(
        default_factory=lambda: {
            Capability.STRATEGIC: 1,
            Capability.TECHNICAL: 1,
            Capability.PRODUCT: 1,
        }
    )
    max_share: StrictFloat = Field(default=0.8, gt=0, le=1)
    """Flag a team when one capability holds more than this share of its people."""
    min_team_size: Whole = Field(default=3, ge=1)
    """Teams smaller than this are reported but not flagged."""


class Framework(_Model):
    """One organisation's career framework (framework-as-code)."""

    latticework: FormatVersion = 1
    """Format version of this file."""
    organisation: Text
    version: Text = "1"
    description: Text = ""
    grades: list[Grade]
    disciplines: list[Discipline]
    paths: list[Path] = Field(default_factory=list)
    competencies: list[Competency] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    development: list[DevelopmentOpportunity] = Field(default_factory=list)
    leadership_roles: list[LeadershipRole] = Field(default_factory=list)
    forums: list[Forum] = Field(default_factory=list)
    proficiency_scales: list[ProficiencyScale] = Field(default_factory=list)
    """Named scales of proficiency steps that expectations require (`proficiency:`)."""
    proficiency_scale: Id | None = None
    """The scale of every competency that names none."""
    promotion: PromotionRule = Field(default_factory=PromotionRule)
    team_targets: TeamTargets = Field(default_factory=TeamTargets)
    todo: list[Todo] = Field(default_factory=list)
    """Values still to be filled in; the rules about latticework-only sections wait for them."""
    evaluation: Evaluation | None = None
    """The job-evaluation plan and level scores that justify equivalence by grade."""

    _index: _Index = PrivateAttr()

    def model_post_init(self, __context: object) -> None:
        self._index = _Index(self)

    def __eq__(self, other: object) -> bool:
        """Frameworks are equal when their content is; the lookup index is derived from it."""
        if not isinstance(other, Framework):
            return NotImplemented
        return self.__dict__ == other.__dict__

    # -- lookups -----------------------------------------------------------------

    def grade(self, grade_id: str) -> Grade:
        return self._index.grades[grade_id]

    def grade_rank(self, grade_id: str) -> int:
        return self._index.grades[grade_id].rank

    def level(self, level_id: str) -> Level:
        return self._index.levels[level_id].level

    def placement(self, level_id: str) -> LevelPlacement:
        """The level with the discipline and track it belongs to."""
        return self._index.levels[level_id]

    def has_level(self, level_id: str) -> bool:
        return level_id in self._index.levels

    def path(self, path_id: str) -> Path:
        return self._index.paths[path_id]

    def has_path(self, path_id: str) -> bool:
        return path_id in self._index.paths

    def competency(self, competency_id: str) -> Competency:
        return self._index.competencies[competency_id]

    def discipline(self, discipline_id: str) -> Discipline:
        return self._index.disciplines[discipline_id]

    def placements(self) -> list[LevelPlacement]:
        """Every level with its discipline and track, in file order."""
        return list(self._index.levels.values())

    def grades_by_rank(self) -> list[Grade]:
        return sorted(self.grades, key=lambda g: g.rank)

    # -- equivalence -------------------------------------------------------------

    def equivalent_levels(
        self,
        level_id: str,
        *,
        track_kind: TrackKind | None = None,
        same_discipline: bool = True,
    ) -> list[LevelPlacement]:
        """Levels on other tracks at the same grade ("what is the management equivalent of E8?")."""
        here = self.placement(level_id)
        return [
            p
            for p in self._index.levels.values()
            if p.level.grade == here.level.grade
            and p.level.id != level_id
            and (not same_discipline or _same_ladder(here, p))
            and (track_kind is None or p.track.kind == track_kind)
        ]

    def levels_at_grade(self, grade_id: str) -> list[LevelPlacement]:
        """Every level, on every track and discipline, at one grade."""
        return [p for p in self._index.levels.values() if p.level.grade == grade_id]

    def paths_for_level(self, level_id: str) -> list[Path]:
        """The lattice at a level: every path open on its track, discipline and grade."""
        here = self.placement(level_id)
        return [p for p in self.paths if self.path_applies(p, here)]

    def path_applies(self, path: Path, placement: LevelPlacement) -> bool:
        if placement.track.id not in path.tracks and placement.track.kind.value not in path.tracks:
            return False
        if path.disciplines and placement.discipline.id not in path.disciplines:
            return False
        grades = self._index.grades
        rank = grades[placement.level.grade].rank if placement.level.grade in grades else None
        if rank is None:
            return False
        if path.min_grade in grades and rank < grades[path.min_grade].rank:
            return False
        return not (path.max_grade in grades and rank > grades[path.max_grade].rank)

    def next_level(self, level_id: str) -> Level | None:
        """The next rung on the same track, or None at the top."""
        here = self.placement(level_id)
        levels = here.track.levels
        i = next(i for i, lv in enumerate(levels) if lv.id == level_id)
        return levels[i + 1] if i + 1 < len(levels) else None

    # -- expectations ------------------------------------------------------------

    def competencies_for(self, discipline_id: str) -> list[Competency]:
        return [c for c in self.competencies if not c.disciplines or discipline_id in c.disciplines]

    def expectations_for(self, level_id: str, path_id: str | None) -> list[ExpectationFor]:
        """What a person at this level on this path is held to, competency by competency.

        The most specific expectation of a competency applies; one marked
        `combine: add` applies together with the broader one below it.
        Expectations written for other paths, tracks or disciplines never apply.
        """
        here = self.placement(level_id)
        weights = self.path(path_id).competency_weights if path_id in self._index.paths else {}
        result: list[ExpectationFor] = []
        for comp in self.competencies_for(here.discipline.id):
            weight = weights.get(comp.id, 1.0)
            if weight <= 0:
                continue
            chosen = self.expectations_at(
                comp, here.level.grade, here.discipline.id, path_id, track=here.track
            )
            result += [ExpectationFor(comp, e, weight) for e in chosen]
        return result

    @staticmethod
    def expectation_at(
        competency: Competency,
        grade_id: str,
        discipline_id: str,
        path_id: str | None,
        *,
        track: Track | None = None,
    ) -> Expectation | None:
        """The most specific expectation of one competency at a grade (path, track, discipline).

        Expectations written for another path, track or discipline never apply.
        """
        found = Framework.expectations_at(competency, grade_id, discipline_id, path_id, track=track)
        return found[0] if found else None

    @staticmethod
    def expectations_at(
        competency: Competency,
        grade_id: str,
        discipline_id: str,
        path_id: str | None,
        *,
        track: Track | None = None,
    ) -> list[Expectation]:
        """The expectations of one competency that apply, most specific first.

        Specificity: path (4) + track (2) + discipline (1). The most specific
        applies; while it says `combine: add`, the next broader one applies too.
        """
        scored: list[tuple[int, Expectation]] = []
        for e in competency.expectations:
            if e.grade != grade_id:
                continue
            if e.path is not None and e.path != path_id:
                continue
            if e.discipline is not None and e.discipline != discipline_id:
                continue
            if e.track is not None and (
                track is None or e.track not in (track.id, track.kind.value)
            ):
                continue
            score = (
                4 * (e.path is not None) + 2 * (e.track is not None) + (e.discipline is not None)
            )
            scored.append((score, e))
        scored.sort(key=lambda item: -item[0])  # stable: the first written wins a tie
        chosen: list[Expectation] = []
        last_score = None
        for score, e in scored:
            if score == last_score:
                continue
            chosen.append(e)
            last_score = score
            if e.combine == "replace":
                break
        return chosen

    def scale_for(self, competency: Competency) -> ProficiencyScale | None:
        """The competency's proficiency scale, else the framework's, else None."""
        scale_id = competency.scale or self.proficiency_scale
        return self._index.scales.get(scale_id) if scale_id is not None else None

    def required_position(self, competency: Competency, expectation: Expectation) -> int | None:
        """The rating that reaches the expectation's required proficiency step, if it names one."""
        scale = self.scale_for(competency)
        if scale is None or expectation.proficiency is None:
            return None
        return scale.position(expectation.proficiency)

    # -- pay ---------------------------------------------------------------------

    def band_for(self, level_id: str, zone_id: str) -> Band | None:
        """The band for a level in a zone: a level-specific band wins over the grade band."""
        grade_id = self.placement(level_id).level.grade
        by_level = self._index.bands.get(("level", level_id, zone_id))
        return by_level or self._index.bands.get(("grade", grade_id, zone_id))


def _same_ladder(a: LevelPlacement, b: LevelPlacement) -> bool:
    """Same discipline, or one's track is shared by the other's discipline (`serves`)."""
    return (
        a.discipline.id == b.discipline.id
        or a.discipline.id in b.track.serves
        or b.discipline.id in a.track.serves
    )


class LevelPlacement:
    """A level together with the discipline and track it sits on."""

    __slots__ = ("discipline", "level", "track")

    def __init__(self, discipline: Discipline, track: Track, level: Level) -> None:
        self.discipline = discipline
        self.track = track
        self.level = level

    def __repr__(self) -> str:
        return f"<{self.discipline.id}/{self.track.id}/{self.level.id} @ {self.level.grade}>"


class ExpectationFor:
    """One competency's expectation for a person's level and path, with its path weight."""

    __slots__ = ("competency", "expectation", "weight")

    def __init__(self, competency: Competency, expectation: Expectation, weight: float) -> None:
        self.competency = competency
        self.expectation = expectation
        self.weight = weight


class _Index:
    """Lookups built once per framework. First definition wins; duplicates are lint errors."""

    def __init__(self, fw: Framework) -> None:
        self.grades: dict[str, Grade] = {}
        for g in fw.grades:
            self.grades.setdefault(g.id, g)
        self.disciplines: dict[str, Discipline] = {}
        self.levels: dict[str, LevelPlacement] = {}
        for d in fw.disciplines:
            self.disciplines.setdefault(d.id, d)
            for t in d.tracks:
                for lv in t.levels:
                    self.levels.setdefault(lv.id, LevelPlacement(d, t, lv))
        self.paths: dict[str, Path] = {}
        for p in fw.paths:
            self.paths.setdefault(p.id, p)
        self.competencies: dict[str, Competency] = {}
        for c in fw.competencies:
            self.competencies.setdefault(c.id, c)
        self.scales: dict[str, ProficiencyScale] = {}
        for s in fw.proficiency_scales:
            self.scales.setdefault(s.id, s)
        self.bands: dict[tuple[str, str, str], Band] = {}
        for b in fw.bands:
            if b.level is not None:
                self.bands.setdefault(("level", b.level, b.zone), b)
            elif b.grade is not None:
                self.bands.setdefault(("grade", b.grade, b.zone), b)
