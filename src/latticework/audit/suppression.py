"""Small-group suppression: a group below the minimum size never shows a number.

Rules (docs/audit-methods.md, "Suppression"):
- a comparison with any group below the minimum is not estimated, not tested
  and shows no group size for the small group;
- a table row is suppressed as a whole when any group in it is below the
  minimum (so the small group cannot be recovered by subtracting the others
  from a total), and tables never show totals;
- the report says that something was suppressed, never how much.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.model import Cell, Comparison, Group, TableRow

if TYPE_CHECKING:
    import pandas as pd

SUPPRESSED_TEXT = "suppressed"
SUPPRESSION_NOTE = (
    "Some groups had fewer people than the minimum group size and were suppressed: "
    "their numbers are not shown in any format."
)


def reportable(n: int, min_group: int) -> bool:
    """A group of `n` people may be shown and tested: the one small-group rule of the audit."""
    return n >= min_group


def reportable_sizes(sizes: pd.Series, min_group: int) -> pd.Series:
    """`reportable` for a column of group sizes at once (a boolean mask)."""
    return sizes >= min_group


def group(label: str, n: int, min_group: int) -> Group:
    """A comparison group; its size is hidden when it is below the minimum."""
    return Group(label=label, n=n if reportable(n, min_group) else None)


def pair(first: str, n: int, second: str, n_second: int, min_group: int) -> list[Group]:
    """The two groups of a comparison, labels capitalised, each size hidden when small."""
    return [
        group(first.capitalize(), n, min_group),
        group(second.capitalize(), n_second, min_group),
    ]


def is_small(*sizes: int, min_group: int) -> bool:
    """Some group is below the minimum size (a group of zero people counts as small)."""
    return not all(reportable(n, min_group) for n in sizes)


def is_small_group(n: int, min_group: int) -> bool:
    """Some people, but fewer than the minimum: zero people is no group and is shown."""
    return n > 0 and not reportable(n, min_group)


def row(labels: list[Cell], numbers: list[Cell], *sizes: int, min_group: int) -> TableRow:
    """A table row of label cells then number cells; numbers become null when a group is small."""
    if is_small(*sizes, min_group=min_group):
        return TableRow(cells=[*labels, *([None] * len(numbers))], suppressed=True)
    return TableRow(cells=[*labels, *numbers])


def hide_total_sizes(total: Comparison, parts: list[Comparison]) -> Comparison:
    """Hide the group sizes of an overall comparison when one of its parts was suppressed.

    Otherwise the small part's size is the total minus the parts that are shown.
    """
    return hide_sizes(total) if any(p.suppressed for p in parts) else total


def hide_sizes(comparison: Comparison) -> Comparison:
    """The comparison without its group sizes (a finer breakdown elsewhere was suppressed)."""
    groups = [g.model_copy(update={"n": None}) for g in comparison.groups]
    return comparison.model_copy(update={"groups": groups})
