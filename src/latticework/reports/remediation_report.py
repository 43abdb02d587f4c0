"""`latticework remediate` as text, JSON, Markdown and HTML.

The summary (gap before and after, cost per zone, the naive alternative, the
audit's before/after) is aggregate and suppressed like the audit: a zone where
fewer than the minimum group are raised shows no count and no cost, and the
total is hidden when it would give the hidden zones away by subtraction. The
per-person plan appears only when asked for (people role).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from latticework.audit.suppression import SUPPRESSED_TEXT, is_small_group, reportable
from latticework.audit.wording import money, number, percent
from latticework.remediation.before_after import AuditChange
from latticework.remediation.plan import RemediationPlan, ZoneCost
from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table

REMEDIATION_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class CostRow:
    zone: str
    currency: str
    people: int | None
    amount: float | None


def shown_costs(costs: list[ZoneCost], min_group: int) -> tuple[list[CostRow], bool]:
    """Cost rows with small zones hidden, and whether the total may be shown."""
    rows = [
        CostRow(c.zone, c.currency, c.people, c.amount)
        if reportable(c.people, min_group)
        else CostRow(c.zone, c.currency, None, None)
        for c in costs
    ]
    hidden = sum(c.people for c in costs if not reportable(c.people, min_group))
    return rows, not is_small_group(hidden, min_group)


def _cell(value: float | str | None, kind: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "percent":
        return percent(value, 2)
    if kind == "money":
        return money(value)
    if kind == "p-value":
        return f"{value:.3g}"
    return number(value, 3)


def remediation_json(
    plan: RemediationPlan, changes: list[AuditChange], *, min_group: int, per_person: bool
) -> dict[str, Any]:
    costs, total_shown = shown_costs(plan.costs, min_group)
    naive_costs, naive_total = shown_costs(plan.naive.costs, min_group)
    raised = len(plan.raises)
    return {
        "schema_version": REMEDIATION_SCHEMA_VERSION,
        "target": plan.target.label(),
        "what": plan.what,
        "method": plan.method,
        "raised_group": plan.raised_group,
        "goal": plan.goal,
        "gap_before": plan.gap_before,
        "gap_after": plan.gap_after,
        "reached": plan.reached,
        "people_raised": None if is_small_group(raised, min_group) else raised,
        "reference_currency": plan.reference_currency,
        "rates": plan.rates,
        "cost": plan.cost if total_shown else None,
        "costs": [c.__dict__ for c in costs],
        "naive": {
            "share": plan.naive.share,
            "people": plan.naive.people,
            "cost": plan.naive.cost if naive_total else None,
            "costs": [c.__dict__ for c in naive_costs],
            "gap_after": plan.naive.gap_after,
        },
        "constraints": {
            "max_raise": plan.constraints.max_raise,
            "band_max": plan.constraints.band_max.value,
            "budget": plan.constraints.budget,
        },
        "notes": plan.notes,
        "audit_changes": [c.__dict__ for c in changes],
        "plan": _people_rows(plan) if per_person else None,
    }


def _people_rows(plan: RemediationPlan) -> list[dict[str, Any]]:
    table = plan.raises
    return [
        {
            "employee_id": str(e),
            "zone": str(z),
            "currency": str(c),
            "old_pay": float(o),
            "new_pay": float(n),
            "raise": float(r),
            "raise_share": float(s),
            "above_band_max": bool(a),
        }
        for e, z, c, o, n, r, s, a in zip(
            table["employee_id"].tolist(),
            table["zone"].tolist(),
            table["currency"].tolist(),
            table["old_pay"].tolist(),
            table["new_pay"].tolist(),
            table["raise"].tolist(),
            table["raise_share"].tolist(),
            table["above_band_max"].tolist(),
            strict=True,
        )
    ]


def remediation_document(
    plan: RemediationPlan, changes: list[AuditChange], *, min_group: int, per_person: bool
) -> Document:
    doc = Document(title=f"Remediation plan: {plan.what}", subtitle=plan.method)
    verdict = "meets the goal" if plan.reached else "does NOT meet the goal"
    costs, total_shown = shown_costs(plan.costs, min_group)
    naive_costs, naive_total = shown_costs(plan.naive.costs, min_group)
    raised = len(plan.raises)
    cur = plan.reference_currency
    doc.add(
        Paragraph(
            f"Gap now {percent(plan.gap_before, 2)}; after the plan {percent(plan.gap_after, 2)} "
            f"(goal: at most {percent(plan.goal, 2)} against {plan.raised_group}): the plan "
            f"{verdict}. Predicted for the audit's design; the before/after below is the audit "
            "itself, re-run on the raised pay.",
            tone="good" if plan.reached else "warning",
        ),
        Bullets(
            [
                f"People raised: {_count(raised, min_group)}",
                f"Total cost: {money(plan.cost) if total_shown else SUPPRESSED_TEXT} {cur} per "
                "year (other currencies at the rates below)",
                f"Naive alternative, the same raise of {percent(plan.naive.share, 2)} for all "
                f"{plan.naive.people} {plan.raised_group}: "
                f"{money(plan.naive.cost) if naive_total else SUPPRESSED_TEXT} {cur} per year "
                f"(gap after {percent(plan.naive.gap_after, 2)})",
                f"Constraints: no pay cuts; at most {percent(plan.constraints.max_raise, 1)} per "
                f"person; band maximum {plan.constraints.band_max.value}ed"
                + (
                    f"; budget {money(plan.constraints.budget)} {cur}"
                    if plan.constraints.budget is not None
                    else ""
                ),
                "Rates to "
                + cur
                + ": "
                + ", ".join(f"{k} {v:.4g}" for k, v in sorted(plan.rates.items()))
                + " (band-mid parity unless given with --rate)",
                *plan.notes,
            ]
        ),
        Heading("Cost per zone"),
        Table(
            columns=["Zone", "Currency", "People raised", "Plan cost", "Naive cost"],
            rows=[
                [
                    c.zone,
                    c.currency,
                    SUPPRESSED_TEXT if c.people is None else str(c.people),
                    SUPPRESSED_TEXT if c.amount is None else money(c.amount),
                    _naive_cell(naive_costs, c.zone),
                ]
                for c in costs
            ]
            + [
                [n.zone, n.currency, "0", "0", _naive_cell(naive_costs, n.zone)]
                for n in naive_costs
                if n.zone not in {c.zone for c in costs}
            ],
            numeric=[False, False, True, True, True],
        ),
        Heading("Audit before and after"),
    )
    if changes:
        doc.add(
            Table(
                columns=["Audit", "Number", "Before", "After"],
                rows=[
                    [c.audit, c.item, _cell(c.before, c.kind), _cell(c.after, c.kind)]
                    for c in changes
                ],
                numeric=[False, False, True, True],
            )
        )
    else:
        doc.add(Paragraph("No audit number changes.", tone="note"))
    if per_person:
        doc.add(
            Heading("Per-person plan (people role)"),
            Table(
                columns=[
                    "Employee",
                    "Zone",
                    "Currency",
                    "Pay now",
                    "New pay",
                    "Raise",
                    "Share",
                    "Above band max",
                ],
                rows=[
                    [
                        r["employee_id"],
                        r["zone"],
                        r["currency"],
                        money(r["old_pay"]),
                        money(r["new_pay"]),
                        money(r["raise"]),
                        percent(r["raise_share"], 2),
                        "yes" if r["above_band_max"] else "",
                    ]
                    for r in _people_rows(plan)
                ],
                numeric=[False, False, False, True, True, True, True, False],
            ),
        )
    return doc


def _count(n: int, min_group: int) -> str:
    return SUPPRESSED_TEXT if is_small_group(n, min_group) else str(n)


def _naive_cell(rows: list[CostRow], zone: str) -> str:
    row = next((r for r in rows if r.zone == zone), None)
    if row is None:
        return "0"
    return SUPPRESSED_TEXT if row.amount is None else money(row.amount)


def remediation_text(
    plan: RemediationPlan, changes: list[AuditChange], *, min_group: int, per_person: bool
) -> str:
    """The document as plain text for a terminal."""
    doc = remediation_document(plan, changes, min_group=min_group, per_person=per_person)
    out = [doc.title, doc.subtitle, ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["", block.text, "-" * len(block.text)]
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out += [f"  - {item}" for item in block.items]
        elif isinstance(block, Table):
            out += _text_table(
                list(block.columns), [list(r) for r in block.rows], list(block.numeric)
            )
    return "\n".join(out) + "\n"


def _text_table(columns: list[str], rows: list[list[str]], numeric: list[bool]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [columns, *rows]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(c).rjust(widths[i]) if numeric[i] else str(c).ljust(widths[i])
            for i, c in enumerate(cells)
        ).rstrip()

    return [line(columns), line(["-" * w for w in widths]), *[line(r) for r in rows]]
