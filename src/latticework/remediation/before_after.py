"""Before and after: every audit number the raises changed, read from two real audit runs.

The plan predicts its gap; this is the proof. Both reports are the audit's own
output, already suppressed for small groups, so nothing here can show a number
the audit would hide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from latticework.audit.model import AuditReport, Cell, Comparison, ResultTable

PAY_AUDITS = ("pay-parity", "demographic", "eu-pay-transparency")
CHANGE = 1e-9


@dataclass(frozen=True)
class AuditChange:
    """One audit number before and after the raises (None: not shown, e.g. suppressed)."""

    audit: str
    item: str
    """What the number is: a comparison's description, or a table, row and column."""
    kind: str
    """percent, ratio, money, number, p-value or flag."""
    before: float | str | None
    after: float | str | None


def audit_changes(before: AuditReport, after: AuditReport) -> list[AuditChange]:
    """Every comparison estimate, adjusted p-value, significance and table cell that moved."""
    changes: list[AuditChange] = []
    after_sections = {s.id: s for s in after.sections}
    for section in before.sections:
        if section.id not in PAY_AUDITS or section.id not in after_sections:
            continue
        other = after_sections[section.id]
        later = {c.id: c for c in other.comparisons}
        for c in section.comparisons:
            if c.id in later:
                changes += _comparison_changes(section.id, c, later[c.id])
        tables = {t.id: t for t in other.tables}
        for table in section.tables:
            if table.id in tables:
                changes += _table_changes(section.id, table, tables[table.id])
    return changes


def _moved(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return not (math.isclose(a, b, rel_tol=CHANGE, abs_tol=CHANGE))
    return a != b


def _comparison_changes(audit: str, a: Comparison, b: Comparison) -> list[AuditChange]:
    if a.suppressed or b.suppressed:
        return []
    result = []
    unit = "percent" if a.unit == "percent" else "ratio"
    if _moved(a.estimate, b.estimate):
        result.append(AuditChange(audit, a.what, unit, a.estimate, b.estimate))
    if _moved(a.p_adjusted, b.p_adjusted):
        result.append(
            AuditChange(audit, f"{a.what}: adjusted p-value", "p-value", a.p_adjusted, b.p_adjusted)
        )
    if a.significant != b.significant:
        result.append(
            AuditChange(
                audit, f"{a.what}: significant", "flag", _yes(a.significant), _yes(b.significant)
            )
        )
    return result


def _yes(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _table_changes(audit: str, a: ResultTable, b: ResultTable) -> list[AuditChange]:
    labels = [i for i, c in enumerate(a.columns) if c.kind == "text"]
    later = {_key(r.cells, labels): r for r in b.rows}
    result = []
    for row in a.rows:
        key = _key(row.cells, labels)
        other = later.get(key)
        if other is None or row.suppressed or other.suppressed:
            continue
        for i, column in enumerate(a.columns):
            if i in labels and column.name not in ("5 % flag",):
                continue
            x, y = row.cells[i], other.cells[i]
            if _moved(x, y):
                where = ", ".join(
                    str(row.cells[j]) for j in labels if a.columns[j].name != "5 % flag"
                )
                result.append(
                    AuditChange(audit, f"{a.title} — {where} — {column.name}", column.kind, x, y)
                )
    return result


def _key(cells: list[Cell], labels: list[int]) -> tuple[str, ...]:
    return tuple(str(cells[i]) for i in labels if not _is_flag(cells[i]))


def _is_flag(cell: Cell) -> bool:
    return cell in ("yes", "no")
