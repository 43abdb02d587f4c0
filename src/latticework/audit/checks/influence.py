"""Influence parity: do eligible ICs take part in forums, and decide, like managers? (DESIGN §5.5)

For each forum, the eligible people are those active at or above its minimum
grade on an eligible track. Participation means at least one record in the
forum during the period; decision authority means at least one record as
`decision_maker`. ICs and managers are compared at the same grades: a
Cochran–Mantel–Haenszel test stratified by grade (Fisher's exact test when
only one grade is eligible).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.model import (
    AuditSection,
    Chart,
    ChartSeries,
    Comparison,
    ResultTable,
    SectionStatus,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit
from latticework.audit.stats import (
    CMH_METHOD,
    FISHER_ODDS_METHOD,
    NO_PROMOTION_CONTRAST,
    stratified_odds,
)
from latticework.audit.suppression import group, hide_sizes, is_small, row
from latticework.audit.wording import number, percent
from latticework.framework.model import Forum

if TYPE_CHECKING:
    import pandas as pd


@audit(
    "influence",
    order=50,
    title="Influence parity",
    summary="Per forum: participation and decision authority of eligible ICs vs managers "
    "at the same grades.",
)
def influence(ctx: AuditContext) -> AuditSection:
    title, description = influence.title, influence.summary
    forums = ctx.framework.forums
    if not forums:
        return AuditSection(
            id="influence",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="The framework declares no forums.",
        )
    participation = _participation_in_period(ctx)
    comparisons: list[Comparison] = []
    rows: list[TableRow] = []
    chart_ic: list[float | None] = []
    chart_mgmt: list[float | None] = []
    for forum in forums:
        eligible = _eligible(ctx, forum, participation)
        measures = [("participation", "takes_part", "take part in")]
        if forum.decision_authority:
            measures.append(("decision", "decides", "hold decision authority in"))
        for measure, column, verb in measures:
            strata = _strata(eligible, column)
            forum_rows = [
                row(
                    [forum.name, measure, r.grade],
                    [r.ic_n, _rate(r.ic_hits, r.ic_n), r.mgmt_n, _rate(r.mgmt_hits, r.mgmt_n)],
                    *[n for n in (r.ic_n, r.mgmt_n) if n > 0],
                    min_group=ctx.min_group,
                )
                for r in strata
            ]
            rows += forum_rows
            compared = _compare(ctx, forum, measure, verb, strata)
            # Over all grades minus the grades shown would give a suppressed grade's size.
            if any(r.suppressed for r in forum_rows):
                compared = hide_sizes(compared)
            comparisons.append(compared)
        ic_all = eligible[eligible["track_kind"] == "ic"]
        mgmt_all = eligible[eligible["track_kind"] == "management"]
        small = is_small(len(ic_all), len(mgmt_all), min_group=ctx.min_group)
        chart_ic.append(None if small else float(ic_all["takes_part"].mean()))
        chart_mgmt.append(None if small else float(mgmt_all["takes_part"].mean()))
    suppressed = any(r.suppressed for r in rows) or any(c.suppressed for c in comparisons)
    start, end = ctx.period
    return AuditSection(
        id="influence",
        title=title,
        description=description,
        methods=[CMH_METHOD, FISHER_ODDS_METHOD],
        comparisons=comparisons,
        tables=[
            ResultTable(
                id="influence.by-grade",
                title=f"Forum participation of eligible people, {start} to {end}",
                columns=[
                    TableColumn(name="Forum"),
                    TableColumn(name="Measure"),
                    TableColumn(name="Grade"),
                    TableColumn(name="Eligible ICs", kind="int"),
                    TableColumn(name="IC rate", kind="percent"),
                    TableColumn(name="Eligible managers", kind="int"),
                    TableColumn(name="Manager rate", kind="percent"),
                ],
                rows=rows,
                note="Eligible: active, at or above the forum's minimum grade, on an eligible "
                "track. Rate: share with at least one record (participation) or one record as "
                "decision maker (decision) in the period.",
            )
        ],
        charts=[
            Chart(
                id="influence.participation",
                kind="bar",
                title="Participation rate of eligible people by forum and track",
                categories=[f.name for f in forums],
                series=[
                    ChartSeries(name="IC", values=chart_ic),
                    ChartSeries(name="Management", values=chart_mgmt),
                ],
                y_label="share of eligible people",
                y_percent=True,
            )
        ],
        suppressed=suppressed,
    )


def _participation_in_period(ctx: AuditContext) -> pd.DataFrame:
    import pandas as pd

    from latticework.audit.population import to_timestamps

    records = ctx.dataset.participation
    start, end = ctx.period
    if not {"forum", "employee_id", "date"} <= set(records.columns) or records.empty:
        return pd.DataFrame(columns=["forum", "employee_id", "date", "role"])
    dates = to_timestamps(records["date"])
    records = records[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
    role = records["role"].fillna("member") if "role" in records else "member"
    return pd.DataFrame(
        {
            "forum": records["forum"].astype(str),
            "employee_id": records["employee_id"].astype(str),
            "role": role,
        }
    )


def _eligible(ctx: AuditContext, forum: Forum, participation: pd.DataFrame) -> pd.DataFrame:
    people = ctx.population.active
    min_rank = (
        ctx.framework.grade_rank(forum.min_grade)
        if forum.min_grade in {g.id for g in ctx.framework.grades}
        else 0
    )
    eligible = people[
        (people["grade_rank"] >= min_rank) & people["track_kind"].isin(["ic", "management"])
    ]
    if forum.tracks:
        allowed = set(forum.tracks)
        eligible = eligible[
            eligible["track_id"].isin(allowed) | eligible["track_kind"].isin(allowed)
        ]
    here = participation[participation["forum"] == forum.id]
    takes_part = here["employee_id"].unique()
    decides = here.loc[here["role"] == "decision_maker", "employee_id"].unique()
    return eligible.assign(
        takes_part=eligible["employee_id"].isin(takes_part).astype(int),
        decides=eligible["employee_id"].isin(decides).astype(int),
    )


@dataclass(frozen=True)
class Stratum:
    """One grade of a forum's eligible people: ICs and managers, and how many have the outcome."""

    grade: str
    ic_n: int
    ic_hits: int
    mgmt_n: int
    mgmt_hits: int

    def table(self) -> list[list[int]]:
        return [
            [self.ic_hits, self.ic_n - self.ic_hits],
            [self.mgmt_hits, self.mgmt_n - self.mgmt_hits],
        ]


def _strata(eligible: pd.DataFrame, column: str) -> list[Stratum]:
    counts = eligible.groupby(["grade_rank", "grade", "track_kind"], observed=True)[column].agg(
        ["size", "sum"]
    )
    lookup: dict[tuple[object, ...], tuple[int, int]] = {
        tuple(key): (int(size), int(hits))
        for key, size, hits in zip(counts.index, counts["size"], counts["sum"], strict=True)
    }
    result = []
    for rank, grade_id in sorted({key[:2] for key in lookup}, key=lambda k: float(str(k[0]))):
        ic = lookup.get((rank, grade_id, "ic"), (0, 0))
        mgmt = lookup.get((rank, grade_id, "management"), (0, 0))
        result.append(Stratum(str(grade_id), ic[0], ic[1], mgmt[0], mgmt[1]))
    return result


def _rate(hits: int, n: int) -> float | None:
    return hits / n if n else None


def _compare(
    ctx: AuditContext, forum: Forum, measure: str, verb: str, strata: list[Stratum]
) -> Comparison:
    ic_n, mgmt_n = sum(s.ic_n for s in strata), sum(s.mgmt_n for s in strata)
    ic_hits, mgmt_hits = sum(s.ic_hits for s in strata), sum(s.mgmt_hits for s in strata)
    both = [s for s in strata if s.ic_n > 0 and s.mgmt_n > 0]
    spec = Compare(
        id=f"influence.{forum.id}.{measure}",
        audit="influence",
        what=f"{forum.name}: {measure} of eligible ICs vs managers at the same grades",
        groups=[
            group("eligible ICs", ic_n, ctx.min_group),
            group("eligible managers", mgmt_n, ctx.min_group),
        ],
        unit="odds_ratio",
        method=CMH_METHOD,
        flag_unconfirmed=True,
    )
    if spec.small:
        return spec.suppressed()
    est, method = stratified_odds([s.table() for s in both])
    spec = replace(spec, method=method)
    if est is None:
        return spec.not_estimable(NO_PROMOTION_CONTRAST.replace("promoted", "taking part"))
    ic_rate, mgmt_rate = ic_hits / ic_n, mgmt_hits / mgmt_n
    direction = "less often" if est.value < 1 else "as often or more often"
    statement = (
        f"Eligible ICs {verb} {forum.name} {direction} than managers at the same grades "
        f"({percent(ic_rate, 0)} vs {percent(mgmt_rate, 0)}; odds ratio {number(est.value)})"
    )
    low, high = sorted((ic_rate, mgmt_rate))
    return spec.result(est, statement, material=high > 0 and low / high < ctx.options.four_fifths)
