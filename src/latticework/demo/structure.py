"""Who reports to whom, and the teams, on the `as_of` day.

Managers report to managers at the next higher grade (the most senior
manager is the root), so the chain has no cycles. Every manager leads a team
of 5-8 direct reports; ICs fill the places left after manager reports, the
more senior ICs mostly reporting to more senior managers, and a team holds
people of every discipline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from latticework.demo.catalogue import MANAGEMENT, IntArray
from latticework.demo.texts import PRODUCT_AREAS
from latticework.demo.workforce import Workforce
from latticework.errors import LatticeworkError, Problem

MIN_SPAN, MAX_SPAN = 5, 8


@dataclass(frozen=True)
class Structure:
    """Per person (index into the workforce): manager and team; -1 for none."""

    manager: IntArray
    team: IntArray
    team_names: tuple[str, ...]


def team_name(i: int) -> str:
    area = PRODUCT_AREAS[i % len(PRODUCT_AREAS)]
    round_ = i // len(PRODUCT_AREAS)
    return area if round_ == 0 else f"{area} {round_ + 1}"


def spans(total: int, n: int, rng: np.random.Generator) -> IntArray:
    """n whole numbers summing to total, each as close to [5, 8] as the total allows."""
    mean = total / n
    low = min(MIN_SPAN, int(np.floor(mean)))
    high = max(MAX_SPAN, int(np.ceil(mean)))
    raw = np.clip(mean + rng.uniform(-1.5, 1.5, size=n), low, high)
    result = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - result), kind="stable")
    while (gap := total - int(result.sum())) != 0:
        room = order[result[order] < high] if gap > 0 else order[result[order] > low]
        if room.size == 0:
            break
        chosen = room[: abs(gap)]
        result[chosen] += 1 if gap > 0 else -1
    return result


def build_structure(people: Workforce, day: int, rng: np.random.Generator) -> Structure:
    """The management tree and teams of the people employed on `day`."""
    manager = np.full(people.size, -1, dtype=np.int64)
    team = np.full(people.size, -1, dtype=np.int64)
    active = np.flatnonzero(people.active_at(day))
    managers = active[people.track[active] == MANAGEMENT]
    ics = active[people.track[active] != MANAGEMENT]
    if managers.size == 0:
        raise LatticeworkError(
            Problem(
                "The demo organisation has no managers.",
                fix="Generate more people (at least 50).",
                code="demo",
            )
        )
    order = np.lexsort((rng.random(managers.size), -people.grade[managers]))
    managers = managers[order]
    grades = people.grade[managers]
    position = np.full(people.size, -1, dtype=np.int64)
    position[managers] = np.arange(managers.size)

    # Managers: the first (most senior) is the root; others report up one populated grade.
    boss = np.full(managers.size, -1, dtype=np.int64)
    levels = np.unique(grades)[::-1]
    # The top grade forms a small tree of its own: each reports to one of the first few.
    top = np.flatnonzero(grades == levels[0])
    boss[top[1:]] = top[(np.arange(1, top.size) - 1) // 4]
    for higher, grade in itertools.pairwise(levels):
        children = np.flatnonzero(grades == grade)
        pool = np.flatnonzero(grades == higher)
        if children.size > 4 * pool.size:
            pool = np.flatnonzero(grades > grade)
        pool = rng.permutation(pool)
        boss[children] = pool[np.arange(children.size) % pool.size]
    manager[managers[1:]] = managers[boss[1:]]

    # ICs fill each manager's remaining places; seniority matched loosely.
    span = spans(active.size - 1, managers.size, rng)
    manager_reports = np.bincount(boss[1:], minlength=managers.size)
    places = np.maximum(span - manager_reports, 0)
    places = _fit(places, manager_reports, ics.size, rng)
    slot_owner = np.repeat(np.arange(managers.size), places)
    owner_key = grades + rng.normal(0.0, 0.7, size=managers.size)
    slot_order = np.lexsort((slot_owner, -owner_key[slot_owner]))
    ic_key = people.grade[ics] + rng.normal(0.0, 1.2, size=ics.size)
    ic_order = _interleave(np.argsort(-ic_key, kind="stable"), people.discipline[ics])
    owners = slot_owner[slot_order]
    manager[ics[ic_order]] = managers[owners]
    team[ics[ic_order]] = owners
    team[managers] = np.arange(managers.size)
    return Structure(manager, team, tuple(team_name(i) for i in range(managers.size)))


def _fit(places: IntArray, others: IntArray, total: int, rng: np.random.Generator) -> IntArray:
    """Adjust places (one at a time, at random managers) until they add up to total.

    Places go first to managers with room under eight and are taken first from
    managers whose span stays at least five.
    """
    places = places.copy()
    while (gap := total - int(places.sum())) != 0:
        if gap > 0:
            candidates = np.flatnonzero(places + others < MAX_SPAN)
            if candidates.size == 0:
                candidates = np.arange(places.size)
            chosen = rng.choice(candidates, size=min(gap, candidates.size), replace=False)
            places[chosen] += 1
        else:
            candidates = np.flatnonzero((places > 0) & (places + others > MIN_SPAN))
            if candidates.size == 0:
                candidates = np.flatnonzero(places > 0)
            chosen = rng.choice(candidates, size=min(-gap, candidates.size), replace=False)
            places[chosen] -= 1
    return places


def _interleave(order: IntArray, discipline: IntArray, chunk: int = 24) -> IntArray:
    """Reorder each run of `chunk` people so that disciplines alternate (E P E D E P …).

    Consecutive people fill one team, so this gives teams a mix of disciplines
    while keeping the seniority order between chunks.
    """
    position = np.arange(order.size)
    block = position // chunk
    codes = discipline[order]
    key = block * (codes.max(initial=0) + 1) + codes
    sort = np.argsort(key, kind="stable")
    group_start = np.r_[0, np.flatnonzero(np.diff(key[sort])) + 1]
    sizes = np.diff(np.r_[group_start, key.size])
    rank = np.empty(order.size)
    rank[sort] = position - np.repeat(group_start, sizes)
    count = np.empty(order.size)
    count[sort] = np.repeat(sizes, sizes)
    spread = (rank + 0.5) / count
    interleaved: IntArray = order[np.lexsort((spread, block))]
    return interleaved
