"""What every audit receives: the data set, the framework, the options and shared derived data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

from latticework.audit.model import Correction
from latticework.framework.model import Framework, TrackKind
from latticework.org.dataset import OrgDataset

if TYPE_CHECKING:
    from latticework.audit.history import History
    from latticework.audit.population import Population

T = TypeVar("T")

DEFAULT_MIN_GROUP = 5
DEFAULT_ALPHA = 0.05
KNOWN_ATTRIBUTES = ("gender", "ethnicity")


@dataclass(frozen=True)
class AuditOptions:
    """Choices a user makes on the command line (or the dashboard's form)."""

    period_start: date | None = None
    period_end: date | None = None
    """The promotion and participation period; default: the 12 months before the data's date."""
    audits: tuple[str, ...] = ()
    """Audit ids to run; empty means all."""
    attributes: tuple[str, ...] | None = None
    """Protected attributes for the demographic audits; None means every known one present."""
    min_group: int = DEFAULT_MIN_GROUP
    correction: Correction = Correction.HOLM
    alpha: float = DEFAULT_ALPHA
    materiality: float = 0.05
    """A pay gap at least this large (5 %) is material, as in the EU Pay Transparency Directive."""
    four_fifths: float = 0.8
    tolerance: float | None = None
    """With a tolerance (e.g. 0.05), each adjusted pay gap also gets the one-sided test that
    it exceeds the tolerance in size (the Swiss Logib standard's 5 % threshold)."""
    directive_zones: tuple[str, ...] = ()
    """Zones the EU Directive's 5 % rule is applied to although their countries are not all
    EU member states (an organisation that applies it everywhere opts in here)."""
    categories: str = "grade"
    """Categories of work of equal value: `grade`, or `value` (evaluated value bands)."""
    bootstrap_draws: int = 200
    """Bootstrap draws for the Oaxaca–Blinder intervals (0: none); cost grows linearly."""
    promotion_cohorts: int = 5
    """Periods the IC–manager promotion test pools: the period and up to this many − 1
    earlier ones of the same length, as far back as the events reach (1: the period only)."""


@dataclass
class AuditContext:
    """Shared inputs and derived frames, computed once and reused by every audit."""

    dataset: OrgDataset
    framework: Framework
    options: AuditOptions = field(default_factory=AuditOptions)
    lint_findings: list[object] | None = None
    """Findings of the framework linter when the caller has them with file locations."""
    _shared: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def as_of(self) -> date:
        return self.dataset.as_of

    @cached_property
    def period(self) -> tuple[date, date]:
        return audit_period(self.options, self.as_of)

    @cached_property
    def population(self) -> Population:
        from latticework.audit.population import build_population

        return build_population(self.dataset.people, self.framework, self.as_of)

    @cached_property
    def history(self) -> History:
        from latticework.audit.history import History

        return History.build(self.dataset.events, self.population.people, self.framework)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """A value several audits need (e.g. the promotion cohort), built once per run."""
        if key not in self._shared:
            self._shared[key] = build()
        return cast(T, self._shared[key])

    @property
    def min_group(self) -> int:
        return self.options.min_group

    def parallel_grades(self) -> list[str]:
        """Grades where an IC level and a management level exist: where tracks can be compared."""
        ic: set[str] = set()
        mgmt: set[str] = set()
        for p in self.framework.placements():
            if p.track.kind is TrackKind.IC:
                ic.add(p.level.grade)
            elif p.track.kind is TrackKind.MANAGEMENT:
                mgmt.add(p.level.grade)
        known = {g.id for g in self.framework.grades}
        both = (ic & mgmt) & known
        return [g.id for g in self.framework.grades_by_rank() if g.id in both]

    def titles_at(self, grade_id: str, kind: TrackKind) -> list[str]:
        return [
            p.level.title for p in self.framework.levels_at_grade(grade_id) if p.track.kind is kind
        ]

    def attributes(self) -> list[str]:
        """Protected attributes to analyse: those asked for (or known) that have data."""
        return list(self._attributes)

    @cached_property
    def _attributes(self) -> tuple[str, ...]:
        # Asked for by several audits: one scan of the people frame per run, not per audit.
        people = self.dataset.people
        wanted = (
            self.options.attributes if self.options.attributes is not None else KNOWN_ATTRIBUTES
        )
        return tuple(a for a in wanted if a in people and people[a].notna().any())


def audit_period(options: AuditOptions, as_of: date) -> tuple[date, date]:
    """The promotion and participation period (first and last day, both included): the
    options', else the twelve months before the data's date. A reader may fetch only
    the participation records of this period: no audit reads others."""
    end = options.period_end or as_of
    if options.period_start is not None:
        return options.period_start, end
    try:
        start = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28)
    return start, end
