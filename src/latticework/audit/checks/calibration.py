"""Calibration: who is calibrated down, rated lower in potential, nominated and promoted.

The committee room is where "strategic = senior" is applied. For everyone
calibrated in the promotion cycles of the data: the change from the
manager's rating to the calibrated one by track at each grade, by path and
by protected attribute at equal grade; the potential rating at equal
performance; the nomination rate and the nomination → promotion rate per
grade, by track, and by protected attribute stratified by grade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.frames import records
from latticework.audit.labels import TRACK_NAMES, group_words
from latticework.audit.model import (
    AuditSection,
    Comparison,
    ResultTable,
    SectionStatus,
    TableColumn,
    TableRow,
)
from latticework.audit.process import process_roster
from latticework.audit.process_stats import (
    NOT_ESTIMABLE,
    OLS_POINTS_METHOD,
    WELCH_METHOD,
    adjusted_difference,
    mean_difference,
)
from latticework.audit.registry import audit
from latticework.audit.stats import (
    CMH_METHOD,
    FISHER_METHOD,
    Estimate,
    fisher_rates,
    mantel_haenszel,
)
from latticework.audit.suppression import group, hide_sizes, pair, reportable, row
from latticework.audit.wording import number, percent

if TYPE_CHECKING:
    import pandas as pd

MATERIAL_POINTS = 0.2
"""A fifth of a rating point, on average, is large enough to matter: it moves people across
the boundaries committees use (meets / exceeds)."""


@audit(
    "calibration",
    order=35,
    title="Calibration and nomination",
    summary="Rating change in calibration by track, path and protected attribute at equal grade; "
    "potential at equal performance; nomination and nomination-to-promotion rates per grade.",
)
def calibration(ctx: AuditContext) -> AuditSection:
    roster = process_roster(ctx)
    title, description = calibration.title, calibration.summary
    if roster.empty:
        return AuditSection(
            id="calibration",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No calibration records (calibrations.csv) in the data.",
        )
    comparisons: list[Comparison] = []
    parallel = set(ctx.parallel_grades())
    for grade_id in [g for g in ctx.parallel_grades() if g in set(roster["grade"])]:
        at_grade = roster[roster["grade"] == grade_id]
        comparisons.append(_track_change(ctx, at_grade, grade_id))
    comparisons += _path_changes(ctx, roster)
    comparisons.append(_track_potential(ctx, roster))
    attributes = [a for a in ctx.attributes() if a in roster and roster[a].notna().any()]
    for attribute in attributes:
        data = roster[roster[attribute].notna()]
        reference = _reference(data[attribute])
        for value in [v for v in data[attribute].value_counts().index if v != reference]:
            comparisons += _attribute_comparisons(ctx, data, attribute, str(value), reference)
    nominated = roster[roster["nominated"] == 1]
    for grade_id in sorted(parallel & set(roster["grade"]), key=ctx.framework.grade_rank):
        at_grade = roster[roster["grade"] == grade_id]
        comparisons.append(_track_rate(ctx, at_grade, grade_id, "nominated", "nomination"))
        noms = nominated[nominated["grade"] == grade_id]
        comparisons.append(_track_rate(ctx, noms, grade_id, "approved", "promotion"))
    tables = [_change_table(ctx, roster), _nomination_table(ctx, roster)]
    suppressed = any(c.suppressed for c in comparisons) or any(
        r.suppressed for t in tables for r in t.rows
    )
    cycles = sorted(str(c) for c in roster["cycle_id"].unique())
    return AuditSection(
        id="calibration",
        title=title,
        description=description,
        methods=[WELCH_METHOD, OLS_POINTS_METHOD, FISHER_METHOD, CMH_METHOD],
        comparisons=comparisons,
        tables=tables,
        notes=[
            f"Cycles: {', '.join(cycles)}. Change = calibrated rating minus the manager's "
            "rating. Potential is scored low = 1, medium = 2, high = 3 and compared at equal "
            "calibrated rating, grade and track. Nomination counts nominations up a level; "
            "promotion counts approved nominations among those nominated.",
            f"A difference of {MATERIAL_POINTS} rating points or more is material; a rate "
            f"ratio below {ctx.options.four_fifths} fails the four-fifths rule.",
        ],
        suppressed=suppressed,
    )


def _reference(values: pd.Series) -> str:
    counts = values.value_counts()
    for preferred in ("male", "man", "men", "m"):
        if preferred in counts.index:
            return preferred
    return str(counts.index[0])


def _points(value: float) -> str:
    return f"{abs(value):.2f} rating points"


def _track_change(ctx: AuditContext, at_grade: pd.DataFrame, grade_id: str) -> Comparison:
    ic = at_grade.loc[at_grade["track_kind"] == "ic", "change"].to_numpy(dtype=float)
    mgmt = at_grade.loc[at_grade["track_kind"] == "management", "change"].to_numpy(dtype=float)
    spec = Compare(
        id=f"calibration.change.track.{grade_id}",
        audit="calibration",
        what=f"Rating change in calibration, ICs vs managers at grade {grade_id}",
        groups=[group("ICs", len(ic), ctx.min_group), group("managers", len(mgmt), ctx.min_group)],
        unit="points",
        method=WELCH_METHOD,
        flag_unconfirmed=True,
    )
    if spec.small:
        return spec.suppressed()
    est = mean_difference(ic, mgmt)
    if est is None:
        return spec.not_estimable(NOT_ESTIMABLE)
    direction = "down" if est.value < 0 else "up"
    statement = (
        f"ICs at grade {grade_id} were calibrated {_points(est.value)} further {direction} "
        f"than managers (mean change {number(float(ic.mean()))} vs {number(float(mgmt.mean()))})"
    )
    return spec.result(est, statement, material=abs(est.value) >= MATERIAL_POINTS)


def _path_changes(ctx: AuditContext, roster: pd.DataFrame) -> list[Comparison]:
    if "path" not in roster:
        return []
    on_paths = roster[roster["path"].notna()]
    counts = on_paths["path"].value_counts()
    shown = [str(p) for p in counts.index if reportable(int(counts[p]), ctx.min_group)]
    if len(shown) < 2:
        return []
    result = []
    for path in shown:
        data = on_paths.assign(on_path=(on_paths["path"] == path).astype(float))
        n, rest = int(counts[path]), int(len(on_paths) - counts[path])
        name = ctx.framework.path(path).name if ctx.framework.has_path(path) else path
        spec = Compare(
            id=f"calibration.change.path.{path}",
            audit="calibration",
            what=f"Rating change in calibration on the {name} path vs other paths, at equal "
            "grade and track",
            groups=[
                group(f"{name} path", n, ctx.min_group),
                group("other paths", rest, ctx.min_group),
            ],
            unit="points",
            method=OLS_POINTS_METHOD,
            controls=["grade", "track"],
        )
        if spec.small:
            result.append(spec.suppressed())
            continue
        est = adjusted_difference(data, "change", "on_path", ["grade", "track_kind"], [])
        if est is None:
            result.append(spec.not_estimable(NOT_ESTIMABLE))
            continue
        direction = "down" if est.value < 0 else "up"
        statement = (
            f"People on the {name} path were calibrated {_points(est.value)} further "
            f"{direction} than people on other paths at the same grade and track"
        )
        result.append(spec.result(est, statement, material=abs(est.value) >= MATERIAL_POINTS))
    # "Other paths" would reveal a suppressed path's size by subtraction.
    if len(shown) < len(counts):
        result = [hide_sizes(c) for c in result]
    return result


def _track_potential(ctx: AuditContext, roster: pd.DataFrame) -> Comparison:
    data = roster[
        roster["potential_score"].notna() & roster["track_kind"].isin(["ic", "management"])
    ]
    data = data.assign(is_ic=(data["track_kind"] == "ic").astype(float))
    n_ic = int(data["is_ic"].sum())
    spec = Compare(
        id="calibration.potential.track",
        audit="calibration",
        what="Potential rating, ICs vs managers, at equal calibrated rating and grade",
        groups=[
            group("ICs", n_ic, ctx.min_group),
            group("managers", len(data) - n_ic, ctx.min_group),
        ],
        unit="points",
        method=OLS_POINTS_METHOD,
        controls=["calibrated rating", "grade"],
        flag_unconfirmed=True,
    )
    if spec.small:
        return spec.suppressed()
    est = adjusted_difference(data, "potential_score", "is_ic", ["grade"], ["post_rating"])
    if est is None:
        return spec.not_estimable(NOT_ESTIMABLE)
    more = "lower" if est.value < 0 else "higher"
    statement = (
        f"ICs were rated {_points(est.value)} {more} in potential than managers with the same "
        "calibrated rating at the same grade"
    )
    return spec.result(est, statement, material=abs(est.value) >= MATERIAL_POINTS)


def _attribute_comparisons(
    ctx: AuditContext, data: pd.DataFrame, attribute: str, value: str, reference: str
) -> list[Comparison]:
    import numpy as np

    data = data.assign(indicator=(data[attribute] == value).astype(float))
    data = data[(data[attribute] == value) | (data[attribute] == reference)]
    n, n_ref = int(data["indicator"].sum()), int(len(data) - data["indicator"].sum())
    who, ref = group_words(value), group_words(reference)
    groups = pair(who, n, ref, n_ref, ctx.min_group)
    result: list[Comparison] = []
    change = Compare(
        id=f"calibration.change.{attribute}.{value}",
        audit="calibration",
        what=f"Rating change in calibration, {who} vs {ref}, at equal grade and track",
        groups=groups,
        unit="points",
        method=OLS_POINTS_METHOD,
        controls=["grade", "track"],
    )
    potential = Compare(
        id=f"calibration.potential.{attribute}.{value}",
        audit="calibration",
        what=f"Potential rating, {who} vs {ref}, at equal calibrated rating, grade and track",
        groups=groups,
        unit="points",
        method=OLS_POINTS_METHOD,
        controls=["calibrated rating", "grade", "track"],
    )
    if change.small:
        result += [change.suppressed(), potential.suppressed()]
    else:
        est = adjusted_difference(data, "change", "indicator", ["grade", "track_kind"], [])
        if est is None:
            result.append(change.not_estimable(NOT_ESTIMABLE))
        else:
            direction = "down" if est.value < 0 else "up"
            statement = (
                f"{who.capitalize()} were calibrated {_points(est.value)} further {direction} "
                f"than {ref} at the same grade and track"
            )
            result.append(change.result(est, statement, material=abs(est.value) >= MATERIAL_POINTS))
        rated = data[data["potential_score"].notna()]
        est = adjusted_difference(
            rated, "potential_score", "indicator", ["grade", "track_kind"], ["post_rating"]
        )
        if est is None:
            result.append(potential.not_estimable(NOT_ESTIMABLE))
        else:
            more = "lower" if est.value < 0 else "higher"
            statement = (
                f"{who.capitalize()} were rated {_points(est.value)} {more} in potential than "
                f"{ref} with the same calibrated rating, grade and track"
            )
            result.append(
                potential.result(est, statement, material=abs(est.value) >= MATERIAL_POINTS)
            )
    for outcome, noun, base in (
        ("nominated", "nomination", data),
        ("approved", "promotion", data[data["nominated"] == 1]),
    ):
        a = base[base["indicator"] == 1]
        b = base[base["indicator"] == 0]
        spec = Compare(
            id=f"calibration.{noun}.{attribute}.{value}",
            audit="calibration",
            what=f"{noun.capitalize()} rate, {who} vs {ref}, stratified by grade",
            groups=pair(who, len(a), ref, len(b), ctx.min_group),
            unit="odds_ratio",
            method=CMH_METHOD,
        )
        if spec.small:
            result.append(spec.suppressed())
            continue
        strata = []
        for _, at in base.groupby("grade", observed=True):
            hit_a = int(at.loc[at["indicator"] == 1, outcome].sum())
            n_a = int((at["indicator"] == 1).sum())
            hit_b = int(at.loc[at["indicator"] == 0, outcome].sum())
            n_b = int((at["indicator"] == 0).sum())
            strata.append([[hit_a, n_a - hit_a], [hit_b, n_b - hit_b]])
        est = mantel_haenszel(strata)
        if est is None:
            result.append(spec.not_estimable(NOT_ESTIMABLE))
            continue
        rate_a = float(np.mean(a[outcome])) if len(a) else 0.0
        rate_b = float(np.mean(b[outcome])) if len(b) else 0.0
        statement = (
            f"The odds of {noun} for {who} were {number(est.value)} times those of {ref} at "
            f"the same grade ({percent(rate_a)} vs {percent(rate_b)})"
        )
        material = est.value < ctx.options.four_fifths or est.value > 1 / ctx.options.four_fifths
        result.append(spec.result(est, statement, material=material))
    return result


def _track_rate(
    ctx: AuditContext, base: pd.DataFrame, grade_id: str, outcome: str, noun: str
) -> Comparison:
    ic = base[base["track_kind"] == "ic"]
    mgmt = base[base["track_kind"] == "management"]
    spec = Compare(
        id=f"calibration.{noun}.track.{grade_id}",
        audit="calibration",
        what=f"{noun.capitalize()} rate, ICs vs managers at grade {grade_id}"
        + (" (among those nominated)" if noun == "promotion" else ""),
        groups=[group("ICs", len(ic), ctx.min_group), group("managers", len(mgmt), ctx.min_group)],
        unit="ratio",
        method=FISHER_METHOD,
    )
    if spec.small:
        return spec.suppressed()
    a_hits, b_hits = int(ic[outcome].sum()), int(mgmt[outcome].sum())
    if a_hits + b_hits == 0:
        return spec.not_estimable(NOT_ESTIMABLE)
    est = fisher_rates(a_hits, len(ic), b_hits, len(mgmt))
    rate_a, rate_b = a_hits / len(ic), b_hits / len(mgmt)
    if rate_b == 0:
        est = Estimate(float("nan"), None, None, est.p_value)
        statement = f"ICs at grade {grade_id} had a {noun} rate of {percent(rate_a)}; managers none"
        return spec.result(est, statement, material=False)
    low, high = sorted((rate_a, rate_b))
    statement = (
        f"ICs at grade {grade_id} had a {noun} rate of {percent(est.value, 0)} of managers' "
        f"({percent(rate_a)} vs {percent(rate_b)})"
    )
    return spec.result(est, statement, material=low / high < ctx.options.four_fifths)


def _change_table(ctx: AuditContext, roster: pd.DataFrame) -> ResultTable:
    rows: list[TableRow] = []
    summary = (
        roster.groupby(["grade_rank", "grade", "track_kind"], observed=True)
        .agg(
            n=("employee_id", "size"),
            pre=("pre_rating", "mean"),
            post=("post_rating", "mean"),
            change=("change", "mean"),
            potential=("potential_score", "mean"),
        )
        .reset_index()
        .sort_values(["grade_rank", "track_kind"])
    )
    for r in records(summary):
        rows.append(
            row(
                [str(r.grade), TRACK_NAMES.get(str(r.track_kind), str(r.track_kind))],
                [int(r.n), float(r.pre), float(r.post), float(r.change), float(r.potential)],
                int(r.n),
                min_group=ctx.min_group,
            )
        )
    return ResultTable(
        id="calibration.change",
        title="Ratings before and after calibration, by grade and track",
        columns=[
            TableColumn(name="Grade"),
            TableColumn(name="Track"),
            TableColumn(name="Calibrated", kind="int"),
            TableColumn(name="Mean manager rating", kind="number"),
            TableColumn(name="Mean calibrated rating", kind="number"),
            TableColumn(name="Mean change", kind="number"),
            TableColumn(name="Mean potential (1–3)", kind="number"),
        ],
        rows=rows,
        note="Every cycle in the data together; a person calibrated in two cycles counts twice.",
    )


def _nomination_table(ctx: AuditContext, roster: pd.DataFrame) -> ResultTable:
    summary = (
        roster.groupby(["grade_rank", "grade", "track_kind"], observed=True)
        .agg(
            n=("employee_id", "size"),
            nominated=("nominated", "sum"),
            approved=("approved", "sum"),
        )
        .reset_index()
        .sort_values(["grade_rank", "track_kind"])
    )
    rows: list[TableRow] = []
    for r in records(summary):
        n, nominated, approved = int(r.n), int(r.nominated), int(r.approved)
        rows.append(
            row(
                [str(r.grade), TRACK_NAMES.get(str(r.track_kind), str(r.track_kind))],
                [
                    n,
                    nominated / n if n else None,
                    approved / nominated if nominated else None,
                ],
                # The nominees are a group of their own: a handful would be identifiable.
                n,
                nominated if nominated else ctx.min_group,
                min_group=ctx.min_group,
            )
        )
    return ResultTable(
        id="calibration.nomination",
        title="Nomination and promotion rates by grade and track",
        columns=[
            TableColumn(name="Grade"),
            TableColumn(name="Track"),
            TableColumn(name="Calibrated", kind="int"),
            TableColumn(name="Nomination rate", kind="percent"),
            TableColumn(name="Promoted of nominated", kind="percent"),
        ],
        rows=rows,
        note="Rates only, no counts of nominees: a count of a few nominees could name them.",
    )
