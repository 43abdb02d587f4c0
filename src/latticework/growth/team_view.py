"""The manager's team view: every report with readiness, time in level, plan and nomination.

One row per person under a manager, told apart as direct or indirect
reports, so that a manager of 32 people sees everyone's standing on one
page instead of opening 32 profiles. Sorting, filtering and paging are plain
functions over the rows, shared by the web page and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from latticework.errors import LatticeworkError, Problem
from latticework.org.dataset import OrgDataset

Relation = Literal["direct", "indirect"]
SORT_KEYS = ("name", "level", "relation", "ready", "months_in_level", "last_assessment")
MAX_PER_PAGE = 200
"""The most rows one page shows (a manager of a whole organisation pages through it)."""


@dataclass(frozen=True, slots=True)
class TeamMember:
    employee_id: str
    name: str
    relation: Relation
    level: str
    title: str
    path: str | None
    """The path's display name."""
    months_in_level: int | None
    next_level: str | None
    """The next level's title, or None at the top of a track."""
    ready: bool | None
    """Ready for the next level by the framework's promotion rule; None at the top."""
    share_met: float | None
    """Share of the next level's expectations met (weighted)."""
    last_assessment: str | None
    """The latest assessment cycle with a manager rating."""
    plan: str | None
    """Development plan status: e.g. 'active, 1 of 3 done'; None without a plan."""
    nomination: str | None
    """The latest nomination and its outcome; None when never nominated."""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TeamQuery:
    sort: str = "name"
    descending: bool = False
    relation: Relation | None = None
    ready: bool | None = None
    level: str | None = None
    search: str | None = None
    """Part of a name, case-insensitive."""
    page: int = 1
    per_page: int = 50

    def check(self) -> None:
        problems: list[Problem] = []
        if self.sort not in SORT_KEYS:
            problems.append(
                Problem(
                    f"Cannot sort by {self.sort!r}.",
                    fix=f"Sort by one of: {', '.join(SORT_KEYS)}.",
                    code="team-view-option",
                )
            )
        if self.page < 1:
            problems.append(Problem("The page number starts at 1.", code="team-view-option"))
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            problems.append(
                Problem(
                    f"{self.per_page} rows per page is out of range.",
                    fix=f"Show 1 to {MAX_PER_PAGE} rows per page.",
                    code="team-view-option",
                )
            )
        if problems:
            raise LatticeworkError(problems)


@dataclass(frozen=True, slots=True)
class TeamPage:
    manager: str
    rows: tuple[TeamMember, ...]
    total: int
    """Rows matching the filters, over every page."""
    page: int
    pages: int
    direct: int
    indirect: int

    def to_dict(self) -> dict[str, object]:
        return {
            "manager": self.manager,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "direct": self.direct,
            "indirect": self.indirect,
            "rows": [r.to_dict() for r in self.rows],
        }


def _sort_key(key: str):  # type: ignore[no-untyped-def]
    def value(m: TeamMember) -> tuple[bool, object, str]:
        v: object = getattr(m, key)
        if key == "ready":
            v = {True: 2, False: 1, None: 0}[m.ready]
        return (v is None, v if v is not None else 0, m.name.lower())

    return value


def select(manager: str, members: Sequence[TeamMember], query: TeamQuery) -> TeamPage:
    """The page of rows the query asks for; filters first, then sort, then the page."""
    query.check()
    rows = [
        m
        for m in members
        if (query.relation is None or m.relation == query.relation)
        and (query.ready is None or m.ready is query.ready)
        and (query.level is None or m.level == query.level)
        and (not query.search or query.search.lower() in m.name.lower())
    ]
    present = [m for m in rows if getattr(m, query.sort) is not None or query.sort == "ready"]
    missing = [m for m in rows if m not in present]
    present.sort(key=_sort_key(query.sort), reverse=query.descending)
    ordered = present + missing  # people without the value come last either way
    pages = max(1, -(-len(ordered) // query.per_page))
    page = min(query.page, pages)
    start = (page - 1) * query.per_page
    return TeamPage(
        manager=manager,
        rows=tuple(ordered[start : start + query.per_page]),
        total=len(ordered),
        page=page,
        pages=pages,
        direct=sum(m.relation == "direct" for m in members),
        indirect=sum(m.relation == "indirect" for m in members),
    )


@dataclass(frozen=True)
class TeamRecords:
    """Everyone under a manager (active people), which of them report directly, their plans."""

    org: OrgDataset
    direct: frozenset[str]
    plans: dict[str, tuple[str, int, int]]
    """Latest plan per person: (status, items done, items)."""
