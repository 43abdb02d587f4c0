"""Promotion cohorts of several periods: the period's own and those of earlier periods.

A one-year promotion rate sees a handful of promotions at a senior grade
(about 100 ICs and 45 managers at G7 in a 1,200-person organisation, some ten
promotions a year), so a real halving of the chance of promotion is seldom
significant after correction. The same hypothesis — at this grade, ICs are
promoted at a different rate than managers — is tested on the period and
the periods of the same length before it, as far back as the event history
reaches: one 2×2 table per period (stratum), pooled by the
Cochran–Mantel–Haenszel test. Someone at the grade in several periods
counts once in each (person-periods): stratified by period, that is the
discrete-time log-rank test, valid when a person's chance of promotion in
a period does not depend on their earlier periods beyond what the grade
and track already say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from latticework.framework.model import Framework

if TYPE_CHECKING:
    import pandas as pd

    from latticework.audit.history import History

DEFAULT_COHORTS = 5
"""Periods pooled by default (the period and four before it): five years of annual cycles."""


@dataclass(frozen=True)
class Cohort:
    start: date
    end: date
    people: pd.DataFrame
    """Everyone at a promotable level on `start`, with `promoted` (1 = promoted in the period)."""


def build_cohort(history: History, framework: Framework, start: date, end: date) -> Cohort:
    """Everyone at a promotable level on `start`, flagged when promoted in (start, end]."""
    state = history.state_at(start)
    state = state[state["grade_rank"].notna() & state["level"].isin(promotable_levels(framework))]
    promoted = history.promoted_between(start, end)
    people = state.assign(promoted=state["employee_id"].isin(promoted).astype(int))
    return Cohort(start, end, people)


def earlier_cohorts(
    history: History, framework: Framework, start: date, end: date, count: int
) -> list[Cohort]:
    """Up to `count − 1` periods of the same length before (start, end], newest first.

    Only periods that start on or after the first event of the history: before
    it, levels are reconstructed from the current data and no promotion could
    be seen, so such a period would only add people who seem never promoted.
    """
    import pandas as pd

    events = history.events
    if events.empty or count <= 1:
        return []
    first = pd.Timestamp(events["date"].min()).date()
    if end <= start:
        return []
    cohorts = []
    for k in range(1, count):
        begin, finish = _shifted(start, end, k)
        if begin < first:
            break
        cohorts.append(build_cohort(history, framework, begin, finish))
    return cohorts


def _shifted(start: date, end: date, k: int) -> tuple[date, date]:
    """The period k lengths earlier: in whole months when it spans whole months (a year
    before 2025-01-01 – 2026-01-01 is 2024-01-01 – 2025-01-01, leap day or not)."""
    import pandas as pd

    months = (end.year - start.year) * 12 + end.month - start.month
    if start.day == end.day and months > 0:
        offset = pd.DateOffset(months=k * months)
        return (pd.Timestamp(start) - offset).date(), (pd.Timestamp(end) - offset).date()
    days = timedelta(days=k * (end - start).days)
    return start - days, end - days


def promotable_levels(framework: Framework) -> set[str]:
    return {p.level.id for p in framework.placements() if framework.next_level(p.level.id)}


def grade_tables(
    cohorts: list[Cohort], grade_id: str, column: str, value: str, reference: str
) -> list[list[list[int]]]:
    """Per cohort, the 2×2 table promoted / not promoted × `value` / `reference` of `column`."""
    tables = []
    for cohort in cohorts:
        at = cohort.people[cohort.people["grade"] == grade_id]
        a = at.loc[at[column] == value, "promoted"]
        b = at.loc[at[column] == reference, "promoted"]
        tables.append(
            [[int(a.sum()), int(len(a) - a.sum())], [int(b.sum()), int(len(b) - b.sum())]]
        )
    return tables
