"""The EU Pay Transparency Directive report (Directive (EU) 2023/970, Art. 9), per pay zone.

Pay gap = (mean or median pay of men − that of women) / that of men, as the
Directive defines it. It is computed within a zone so that one currency is
compared with itself. Reported: mean and median gap in base pay and in
variable pay (variable pay and annual equity), the share of each gender
receiving variable pay, the share of women and men in each pay quartile, and
the gap per grade (the category of workers doing work of equal value), with
the Directive's flag when a category's gap is 5 % or more. The flag is the
Directive's threshold, not a significance test; the demographic audit tests
the adjusted gap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from latticework.audit.context import AuditContext
from latticework.audit.model import (
    AuditSection,
    Chart,
    ChartSeries,
    Finding,
    ResultTable,
    SectionStatus,
    Severity,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit
from latticework.audit.suppression import SUPPRESSED_TEXT, is_small, row
from latticework.audit.wording import percent

if TYPE_CHECKING:
    import pandas as pd

WOMEN = "women"
MEN = "men"
GENDER_CODES = {
    "f": WOMEN, "female": WOMEN, "woman": WOMEN, "women": WOMEN, "w": WOMEN,
    "m": MEN, "male": MEN, "man": MEN, "men": MEN,
}  # fmt: skip
FLAG = 0.05
# Directive (EU) 2023/970 binds the member states; Greece is "GR" in ISO 3166 and "EL" in EU use.
EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
    "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})  # fmt: skip
OUTSIDE = "outside the Directive"
METHOD = "Directive (EU) 2023/970 Art. 9 definitions: (men − women) / men, within a pay zone"


@audit(
    "eu-pay-transparency",
    order=70,
    title="EU Pay Transparency Directive report",
    summary="Mean and median gender pay gap (base and variable), gender share per pay quartile, "
    "and the gap per grade with the 5 % flag, per pay zone.",
)
def eu_pay_transparency(ctx: AuditContext) -> AuditSection:
    title, description = eu_pay_transparency.title, eu_pay_transparency.summary
    people = ctx.population.active
    if "gender" not in ctx.attributes():
        return AuditSection(
            id="eu-pay-transparency",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No gender in the data (or not selected with --attributes).",
        )
    columns = [
        "zone",
        "grade",
        "grade_rank",
        "band_currency",
        "base_annual_fte",
        "total_annual_fte",
    ]
    data = people[columns].assign(
        gender_eu=people["gender"].astype(str).str.strip().str.lower().map(GENDER_CODES),
        variable_fte=people["total_annual_fte"] - people["base_annual_fte"],
    )
    data = data[data["gender_eu"].notna()]
    summary_rows: list[TableRow] = []
    quartile_rows: list[TableRow] = []
    grade_rows: list[TableRow] = []
    findings: list[Finding] = []
    covered = directive_zones(ctx)
    # Per zone, both measures the 5 % flag looks at: the chart shows what raised a flag.
    chart_points: dict[str, list[tuple[str, float | None, float | None]]] = {}
    for zone, here in data.groupby("zone", sort=True):
        in_directive = str(zone) in covered
        women, men = here[here["gender_eu"] == WOMEN], here[here["gender_eu"] == MEN]
        n_w, n_m = len(women), len(men)
        currency = (
            str(here["band_currency"].dropna().iloc[0])
            if here["band_currency"].notna().any()
            else ""
        )
        summary_rows.append(
            row(
                [str(zone), currency],
                [
                    n_w,
                    n_m,
                    _gap(men["base_annual_fte"].mean(), women["base_annual_fte"].mean()),
                    _gap(men["base_annual_fte"].median(), women["base_annual_fte"].median()),
                    _gap(men["variable_fte"].mean(), women["variable_fte"].mean()),
                    _gap(men["variable_fte"].median(), women["variable_fte"].median()),
                    float((women["variable_fte"] > 0).mean()) if n_w else None,
                    float((men["variable_fte"] > 0).mean()) if n_m else None,
                ],
                n_w,
                n_m,
                min_group=ctx.min_group,
            )
        )
        quartile_rows += _quartiles(ctx, str(zone), here)
        zone_grade_rows = len(grade_rows)
        for (_, grade_id), at_grade in here.groupby(["grade_rank", "grade"], sort=True):
            w = at_grade[at_grade["gender_eu"] == WOMEN]
            m = at_grade[at_grade["gender_eu"] == MEN]
            base_gap = _gap(m["base_annual_fte"].mean(), w["base_annual_fte"].mean())
            total_gap = _gap(m["total_annual_fte"].mean(), w["total_annual_fte"].mean())
            small = is_small(len(w), len(m), min_group=ctx.min_group)
            at_or_above = not small and any(
                g is not None and abs(g) >= FLAG for g in (base_gap, total_gap)
            )
            flagged = at_or_above and in_directive
            flag_text = ("yes" if flagged else "no") if in_directive else OUTSIDE
            grade_rows.append(
                row(
                    [str(zone), str(grade_id)],
                    [len(w), len(m), base_gap, total_gap, flag_text],
                    len(w),
                    len(m),
                    min_group=ctx.min_group,
                )
            )
            chart_points.setdefault(str(zone), []).append(
                (str(grade_id), None if small else base_gap, None if small else total_gap)
            )
            if flagged:
                worst = max((g for g in (base_gap, total_gap) if g is not None), key=abs)
                who = "women" if worst > 0 else "men"
                findings.append(
                    Finding(
                        audit="eu-pay-transparency",
                        severity=Severity.MEDIUM,
                        kind="threshold",
                        sentence=f"In zone {zone}, {who} at grade {grade_id} are paid "
                        f"{percent(abs(worst))} less than {'men' if who == 'women' else 'women'} "
                        f"on average (base {percent(base_gap)}, total {percent(total_gap)}; "
                        f"n = {len(w)} women, {len(m)} men): at or above the Directive's 5 % "
                        "threshold, which calls for a joint pay assessment unless objective, "
                        "gender-neutral criteria justify it.",
                    )
                )
        if any(r.suppressed for r in grade_rows[zone_grade_rows:]):
            # The zone's head count minus the grades shown would give a suppressed grade's.
            summary = summary_rows[-1]
            if not summary.suppressed:
                cells = [*summary.cells[:2], SUPPRESSED_TEXT, SUPPRESSED_TEXT, *summary.cells[4:]]
                summary_rows[-1] = summary.model_copy(update={"cells": cells})
    tables = [
        ResultTable(
            id="eu-pay-transparency.summary",
            title="Gender pay gap per zone (annual full-time pay)",
            columns=[
                TableColumn(name="Zone"),
                TableColumn(name="Currency"),
                TableColumn(name="Women", kind="int"),
                TableColumn(name="Men", kind="int"),
                TableColumn(name="Mean gap, base", kind="percent"),
                TableColumn(name="Median gap, base", kind="percent"),
                TableColumn(name="Mean gap, variable", kind="percent"),
                TableColumn(name="Median gap, variable", kind="percent"),
                TableColumn(name="Women with variable pay", kind="percent"),
                TableColumn(name="Men with variable pay", kind="percent"),
            ],
            rows=summary_rows,
            note="Gap = (men − women) / men; positive means women are paid less. Variable pay "
            "is variable pay plus annual equity, per full-time equivalent, zeros included.",
        ),
        ResultTable(
            id="eu-pay-transparency.quartiles",
            title="Women and men in each pay quartile (total annual full-time pay, per zone)",
            columns=[
                TableColumn(name="Zone"),
                TableColumn(name="Quartile"),
                TableColumn(name="Women", kind="percent"),
                TableColumn(name="Men", kind="percent"),
            ],
            rows=quartile_rows,
            note="Quartile 1 is the lowest-paid quarter.",
        ),
        ResultTable(
            id="eu-pay-transparency.by-grade",
            title="Gender pay gap per grade (work of equal value), flag at 5 %",
            columns=[
                TableColumn(name="Zone"),
                TableColumn(name="Grade"),
                TableColumn(name="Women", kind="int"),
                TableColumn(name="Men", kind="int"),
                TableColumn(name="Mean gap, base", kind="percent"),
                TableColumn(name="Mean gap, total", kind="percent"),
                TableColumn(name="5 % flag"),
            ],
            rows=grade_rows,
        ),
    ]
    suppressed = any(r.suppressed for t in tables for r in t.rows)
    return AuditSection(
        id="eu-pay-transparency",
        title=title,
        description=description,
        methods=[METHOD],
        findings=findings,
        tables=tables,
        charts=[_gap_chart(zone, points) for zone, points in chart_points.items()],
        notes=[
            "The 5 % flag applies to zones whose countries are all EU member states"
            + (
                f" and to the zones opted in ({', '.join(ctx.options.directive_zones)})"
                if ctx.options.directive_zones
                else ""
            )
            + "; other zones show their gaps but are outside the Directive "
            "(--directive-zones applies the rule to them too).",
            "Pay quartiles: people are ranked by pay and cut into four equal quarters; a block "
            "of people with the same pay that straddles a boundary is split across it in "
            "proportion, every member alike, so the result does not depend on the order of "
            "employee ids.",
            "Gender values are read case-insensitively (female/woman/f, male/man/m); people "
            "with other or missing values are not part of the Directive's comparison.",
            "Pay is annual full-time equivalent pay, which compares like the Directive's "
            "hourly pay for salaried staff.",
        ],
        suppressed=suppressed,
    )


def _gap_chart(zone: str, points: list[tuple[str, float | None, float | None]]) -> Chart:
    return Chart(
        id=f"eu-pay-transparency.by-grade.{zone}",
        kind="bar",
        title=f"Mean gender pay gap by grade in zone {zone}, base and total pay (flag at ±5 %)",
        categories=[grade for grade, _, _ in points],
        series=[
            ChartSeries(name="base pay", values=[base for _, base, _ in points]),
            ChartSeries(name="total pay", values=[total for _, _, total in points]),
        ],
        y_label="(men − women) / men",
        reference_lines=[-FLAG, FLAG],
        y_percent=True,
    )


def _gap(men: float, women: float) -> float | None:
    if men != men or women != women or not men:
        return None
    return float((men - women) / men)


def directive_zones(ctx: AuditContext) -> set[str]:
    """Zones under the Directive: every country of the zone is an EU member state, or the
    organisation opted the zone in. A zone without countries is not assumed to be in the EU."""
    zones = {
        z.id for z in ctx.framework.zones if z.countries and set(z.countries) <= EU_MEMBER_STATES
    }
    return zones | set(ctx.options.directive_zones)


def quartile_shares(pay: pd.Series) -> pd.DataFrame:
    """Each person's share of membership in pay quartiles 1–4 (rows sum to 1).

    People ranked by pay occupy the positions [start, end) of a tied block
    (start = people paid less, end = people paid as much or less); quartile q
    covers [(q − 1)·n/4, q·n/4). A person's share of quartile q is the overlap
    of their block with it divided by the block's size: people with equal pay
    are treated alike whatever their order, and each quartile holds n/4.
    """
    import numpy as np
    import pandas as pd

    n = len(pay)
    start = pay.rank(method="min").to_numpy() - 1.0
    end = pay.rank(method="max").to_numpy()
    edges = np.arange(5) * n / 4.0
    overlap = np.clip(
        np.minimum(end[:, None], edges[None, 1:]) - np.maximum(start[:, None], edges[None, :-1]),
        0.0,
        None,
    )
    shares = overlap / (end - start)[:, None]
    return pd.DataFrame(shares, index=pay.index, columns=[1, 2, 3, 4])


def _quartiles(ctx: AuditContext, zone: str, here: pd.DataFrame) -> list[TableRow]:
    if len(here) < 4:
        return [TableRow(cells=[zone, None, None, None], suppressed=True)]
    shares = quartile_shares(here["total_annual_fte"])
    is_woman = (here["gender_eu"] == WOMEN).to_numpy()
    rows = []
    for q in (1, 2, 3, 4):
        column = shares[q].to_numpy()
        women_mass, men_mass = float(column[is_woman].sum()), float(column[~is_woman].sum())
        total = women_mass + men_mass
        # The people with any part in the quartile are the groups a share could reveal.
        women = int((column[is_woman] > 0).sum())
        men = int((column[~is_woman] > 0).sum())
        rows.append(
            row(
                [zone, f"Q{q}"],
                [women_mass / total, men_mass / total],
                *[n for n in (women, men) if n > 0],
                min_group=ctx.min_group,
            )
        )
    return rows
