"""Sensitivity of each adjusted pay gap to its controls: the gap refitted without each one.

A control that carries part of the unfairness (women rated lower, ICs held at
a lower grade) hides that part inside the adjusted gap; refitting without it
shows how much of the gap it absorbs. Every variant is the same OLS of
ln(pay) with HC2 errors on the same people (`stats.log_pay_gaps`), so the
columns differ only by the control left out; the last column has no control
at all (the raw gap in mean log pay, as a percentage) — except zone, which stays
in every variant: pay is in the zone's currency, so a model without zone
would compare amounts in different currencies, not people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.audit.labels import CONTROL_WORDS
from latticework.audit.model import Cell, Comparison, ResultTable, TableColumn, TableRow
from latticework.audit.stats import OLS_METHOD, drop_rare_categories, log_pay_gaps

if TYPE_CHECKING:
    import pandas as pd

KEPT = ("zone",)
"""Controls never left out: zone carries the currency of the pay compared."""


@dataclass(frozen=True)
class GapModel:
    """One fitted pay model: its rows, controls, and the comparison each indicator produced."""

    frame: pd.DataFrame
    outcome: str
    categorical: Sequence[str]
    numeric: Sequence[str]
    gaps: Sequence[tuple[str, str, Comparison]]
    """(row label, indicator column, the comparison the full model produced)."""


def sensitivity_table(table_id: str, title: str, models: Sequence[GapModel]) -> ResultTable:
    """Per adjusted gap: with all its controls, without each control in turn, and with none.

    A suppressed comparison gives a suppressed row; one that is not estimable,
    or a control the model did not use, an empty cell.
    """
    results = [(model, _variants(model)) for model in models]
    used = [
        c for c in CONTROL_WORDS if c not in KEPT and any(c in variants for _, variants in results)
    ]
    kept = [c for c in KEPT if any(c in model.categorical for model, _ in results)]
    rows: list[TableRow] = []
    for model, variants in results:
        for label, column, comparison in model.gaps:
            if comparison.suppressed:
                rows.append(TableRow(cells=[label, *([None] * (len(used) + 2))], suppressed=True))
                continue
            cells: list[Cell] = [label, comparison.estimate]
            for control in used:
                cells.append(variants.get(control, {}).get(column))
            cells.append(variants.get("", {}).get(column))
            if comparison.estimate is None:
                cells = [label, *([None] * (len(used) + 2))]
            rows.append(TableRow(cells=cells))
    return ResultTable(
        id=table_id,
        title=title,
        columns=[
            TableColumn(name="Adjusted gap"),
            TableColumn(name="All controls", kind="percent"),
            *(TableColumn(name=f"Without {CONTROL_WORDS[c]}", kind="percent") for c in used),
            TableColumn(name="No controls" if not kept else "Only zone (currency)", kind="percent"),
        ],
        rows=rows,
        note=f"Each cell is the gap exp(β) − 1 from the same model ({OLS_METHOD}) on the same "
        "people, refitted without one control; the last column keeps no control"
        + (
            " but zone, which stays in every model since pay is in the zone's currency"
            if kept
            else ": the raw gap"
        )
        + ". A gap that grows "
        "when a control is left out is partly carried by that control: read it with the "
        "controls associated with the group (where shown). An empty cell: a control the "
        "model does not use, or a gap that is not estimable. Descriptive: the adjusted gap "
        "carries the test.",
    )


def _variants(model: GapModel) -> dict[str, dict[str, float | None]]:
    """Estimates per indicator for each control left out ('' = every control left out)."""
    if all(c.estimate is None for _, _, c in model.gaps):
        return {}
    indicators = [column for _, column, _ in model.gaps if column]  # all the model has
    frame = model.frame[model.frame[model.outcome] > 0]
    # The people of the full model: a rare control category leaves it (see log_pay_gaps).
    frame = drop_rare_categories(frame, model.categorical, 2)
    fitted = log_pay_gaps(frame, model.outcome, indicators, model.categorical, model.numeric)
    out: dict[str, dict[str, float | None]] = {}
    for control in [*(c for c in fitted.controls if c not in KEPT), ""]:
        categorical = [c for c in fitted.controls if c in model.categorical and c != control]
        numeric = [c for c in fitted.controls if c in model.numeric and c != control]
        if not control:
            categorical, numeric = [c for c in categorical if c in KEPT], []
        fit = log_pay_gaps(frame, model.outcome, indicators, categorical, numeric)
        out[control] = {
            i: (e.value if (e := fit.estimates.get(i)) is not None else None) for i in indicators
        }
    return out
