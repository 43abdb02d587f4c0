"""Checks of promotion-cycle files: known cycles, legal moves, decisions on nominations.

Each referenced cycle must be in promotion_cycles.csv or already stored, each
decision must decide a nomination (in the files or stored), and each
nomination must be a legal move of the framework (see `promotion.moves`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from latticework.framework.model import Framework
from latticework.ingest.findings import Findings, show
from latticework.promotion.moves import move_problem
from latticework.promotion.stored_keys import StoredPromotions

if TYPE_CHECKING:
    from latticework.ingest.parsing import ParsedTable


@dataclass
class _Usable:
    tables: dict[str, ParsedTable]
    found: dict[str, ParsedTable] = field(init=False)

    def __post_init__(self) -> None:
        self.found = {n: t for n, t in self.tables.items() if t.usable}


def validate_promotion_tables(
    tables: dict[str, ParsedTable],
    framework: Framework,
    stored: StoredPromotions,
    findings: Findings,
) -> None:
    usable = _Usable(tables).found
    cycles = set(stored.cycles)
    if "promotion_cycles" in usable:
        t = usable["promotion_cycles"]
        f = t.frame
        cycles |= set(f["cycle_id"].dropna())
        findings.rows(
            source=t.source,
            frame=f,
            mask=f["closes_on"] < f["opens_on"],
            column="closes_on",
            message=lambda v, start: (
                f"The cycle closes ({show(v)}) before it opens ({show(start)})."
            ),
            fix="Swap or correct the dates.",
            code="end-before-start",
            detail=f["opens_on"],
        )
        findings.rows(
            source=t.source,
            frame=f,
            mask=f["min_months_in_level"] < 0,
            column="min_months_in_level",
            message="Months in level {value} is negative.",
            fix="Give 0 or more months, or leave it empty for the framework's rule.",
            code="bad-number",
        )
    for name in ("calibrations", "nominations", "promotion_decisions"):
        if name in usable:
            t = usable[name]
            findings.rows(
                source=t.source,
                frame=t.frame,
                mask=t.frame["cycle_id"].notna() & ~t.frame["cycle_id"].isin(cycles),
                column="cycle_id",
                message="No promotion cycle '{value}' in promotion_cycles.csv or the database.",
                fix="Add the cycle to promotion_cycles.csv, or correct the id.",
                code="unknown-cycle",
            )
    if "calibrations" in usable:
        _ratings(usable["calibrations"], framework, findings)
    nominated = set(stored.nominations)
    if "nominations" in usable:
        t = usable["nominations"]
        nominated |= set(zip(t.frame["cycle_id"], t.frame["employee_id"], strict=True))
        _nominations(t, framework, findings)
    if "promotion_decisions" in usable:
        t = usable["promotion_decisions"]
        f = t.frame
        keys = list(zip(f["cycle_id"], f["employee_id"], strict=True))
        import pandas as pd

        undecidable = pd.Series([k not in nominated for k in keys], index=f.index)
        findings.rows(
            source=t.source,
            frame=f,
            mask=undecidable & f["employee_id"].notna(),
            column="employee_id",
            message="'{value}' was not nominated in this cycle: there is nothing to decide.",
            fix="Add the nomination to nominations.csv, or correct the cycle or the person.",
            code="decision-without-nomination",
        )
        findings.rows(
            source=t.source,
            frame=f,
            mask=f["reason"].notna() & (f["reason"].astype("str").str.strip() == ""),
            column="reason",
            message="A decision needs its reason.",
            fix="Write the committee's reason in words.",
            code="missing-reason",
        )


def _ratings(t: ParsedTable, framework: Framework, findings: Findings) -> None:
    scale = sorted(framework.promotion.rating_scale)
    low, high = scale[0], scale[-1]
    for column in ("pre_rating", "post_rating"):
        values = t.frame[column]
        findings.rows(
            source=t.source,
            frame=t.frame,
            mask=values.notna() & ((values < low) | (values > high)),
            column=column,
            message=f"Rating {{value}} is outside the framework's scale ({low}–{high}).",
            fix="Use a rating on the framework's promotion.rating_scale.",
            code="bad-rating",
        )


def _nominations(t: ParsedTable, framework: Framework, findings: Findings) -> None:
    import pandas as pd

    f = t.frame
    levels = {p.level.id for p in framework.placements()}
    paths = {p.id for p in framework.paths}
    for column in ("from_level", "to_level"):
        findings.rows(
            source=t.source,
            frame=f,
            mask=f[column].notna() & ~f[column].isin(levels),
            column=column,
            message="Unknown level '{value}'.",
            fix="Use a level id of the framework.",
            code="unknown-level",
        )
    findings.rows(
        source=t.source,
        frame=f,
        mask=f["to_path"].notna() & ~f["to_path"].isin(paths),
        column="to_path",
        message="Unknown path '{value}'.",
        fix="Use a path id of the framework.",
        code="unknown-path",
    )
    checkable = f["from_level"].isin(levels) & f["to_level"].isin(levels) & f["move"].notna()
    reasons = pd.Series(None, index=f.index, dtype="object")
    for i in f.index[checkable]:
        path: object = f.at[i, "to_path"]
        reasons[i] = move_problem(
            framework,
            str(f.at[i, "move"]),
            str(f.at[i, "from_level"]),
            str(f.at[i, "to_level"]),
            path if isinstance(path, str) else None,
        )
    findings.rows(
        source=t.source,
        frame=f,
        mask=reasons.notna(),
        column="to_level",
        message=lambda _v, reason: str(reason),
        fix="Nominate a legal move: up the track, another path at the level, or another "
        "track at the grade.",
        code="illegal-move",
        detail=reasons,
    )
