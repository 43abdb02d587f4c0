"""Demographic equity by protected attribute: adjusted pay gap and promotion rates.

Runs only for attributes present in the data (gender, ethnicity, or those
named with --attributes). Each group is compared with the attribute's
reference group (men for gender, otherwise the largest group): pay by OLS of
ln(annual FTE base pay) with controls for grade, track, zone, discipline,
tenure and performance (organisation-wide and per discipline); promotion by
Fisher's exact test at one grade, else a Cochran–Mantel–Haenszel test
stratified by grade, since groups differ in their mix of grades.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from latticework.audit.checks.advancement import promotion_cohort
from latticework.audit.comparison import Compare
from latticework.audit.context import AuditContext
from latticework.audit.frames import records
from latticework.audit.labels import after_controlling_for, control_words
from latticework.audit.model import (
    AuditSection,
    Comparison,
    ResultTable,
    SectionStatus,
    TableColumn,
    TableRow,
)
from latticework.audit.registry import audit
from latticework.audit.sensitivity import GapModel, sensitivity_table
from latticework.audit.stats import (
    CMH_METHOD,
    FISHER_ODDS_METHOD,
    NO_PROMOTION_CONTRAST,
    OLS_METHOD,
    finite,
    log_pay_gaps,
    stratified_odds,
)
from latticework.audit.suppression import (
    SUPPRESSED_TEXT,
    group,
    hide_total_sizes,
    reportable,
    row,
)
from latticework.audit.wording import more_or_less, number, percent

if TYPE_CHECKING:
    import pandas as pd

GENDER_WORDS = {"female": "Women", "male": "Men", "women": "Women", "men": "Men"}


@audit(
    "demographic",
    order=60,
    title="Demographic equity",
    summary="Adjusted pay gap and promotion rates by protected attribute (gender, ethnicity), "
    "controlling for grade, track, zone, tenure and performance.",
)
def demographic(ctx: AuditContext) -> AuditSection:
    title, description = demographic.title, demographic.summary
    attributes = ctx.attributes()
    if not attributes:
        return AuditSection(
            id="demographic",
            title=title,
            description=description,
            status=SectionStatus.NOT_APPLICABLE,
            reason="No protected attributes (gender, ethnicity) in the data.",
        )
    people = ctx.population.active
    comparisons: list[Comparison] = []
    tables: list[ResultTable] = []
    cohort = promotion_cohort(ctx).merge(
        people[["employee_id", *attributes]], on="employee_id", how="left"
    )
    for attribute in attributes:
        data = people[people[attribute].notna()].assign(
            **{attribute: people[attribute].astype(str).str.strip().str.lower()}
        )
        reference = _reference(data[attribute])
        values = [v for v in data[attribute].value_counts().index if v != reference]
        pay_gaps, models = _pay_gaps(ctx, data, attribute, reference, values)
        comparisons += pay_gaps
        attr_cohort = cohort[cohort[attribute].notna()].assign(
            **{attribute: cohort[attribute].astype(str).str.strip().str.lower()}
        )
        promo_rows, promo_comparisons = _promotions(ctx, attr_cohort, attribute, reference, values)
        comparisons += promo_comparisons
        # A group suppressed in one discipline keeps its organisation-wide size hidden too.
        hidden = {c.id.rsplit(".", 1)[1] for c in pay_gaps if c.suppressed}
        tables.append(_pay_table(ctx, data, attribute, hidden))
        tables.append(_tainted_controls(ctx, data, attribute, reference, values))
        tables.append(
            sensitivity_table(
                f"demographic.{attribute}.sensitivity",
                f"Sensitivity of the adjusted pay gaps by {attribute} to each control",
                models,
            )
        )
        tables.append(
            ResultTable(
                id=f"demographic.{attribute}.promotion",
                title=f"Promotion rates by {attribute}, {ctx.period[0]} to {ctx.period[1]}",
                columns=[
                    TableColumn(name=attribute.capitalize()),
                    TableColumn(name="At a promotable level on first day", kind="int"),
                    TableColumn(name="Promotion rate", kind="percent"),
                    TableColumn(name="Impact ratio", kind="ratio"),
                ],
                rows=promo_rows,
            )
        )
    suppressed = any(c.suppressed for c in comparisons) or any(
        r.suppressed for t in tables for r in t.rows
    )
    return AuditSection(
        id="demographic",
        title=title,
        description=description,
        methods=[OLS_METHOD, FISHER_ODDS_METHOD, CMH_METHOD],
        comparisons=comparisons,
        tables=tables,
        notes=[
            "Each group is compared with the reference group (men for gender, otherwise the "
            "largest group). Values are compared case-insensitively.",
        ],
        suppressed=suppressed,
    )


def _reference(values: pd.Series) -> str:
    counts = values.value_counts()
    for preferred in ("male", "man", "men", "m"):
        if preferred in counts.index:
            return preferred
    return str(counts.index[0])


def _name(value: str) -> str:
    return GENDER_WORDS.get(value, f"People with '{value}'")


def _reference_name(value: str) -> str:
    word = GENDER_WORDS.get(value)
    return word.lower() if word else f"people with '{value}'"


def _pay_gaps(
    ctx: AuditContext, data: pd.DataFrame, attribute: str, reference: str, values: list[str]
) -> tuple[list[Comparison], list[GapModel]]:
    """The adjusted gaps, and the models behind them for the sensitivity table."""
    categorical = [
        c for c in ("grade", "track_kind", "zone", "level_discipline") if data[c].nunique() > 1
    ]
    numeric = ["tenure_years"]
    if "performance_rating" in data and data["performance_rating"].notna().mean() > 0.5:
        numeric.append("performance_rating")
    data = data.dropna(subset=numeric)
    scopes: list[tuple[str, str, pd.DataFrame, list[str]]] = [("all", "", data, categorical)]
    for discipline in ctx.framework.disciplines:
        part = data[data["level_discipline"] == discipline.id]
        if not part.empty and part["level_discipline"].nunique() == 1 and len(scopes) < 50:
            scopes.append(
                (
                    discipline.id,
                    f" in {discipline.name}",
                    part,
                    [c for c in categorical if c != "level_discipline"],
                )
            )
    results: list[Comparison] = []
    fitted: list[tuple[str, str, pd.DataFrame, list[str], dict[str, str]]] = []
    for scope_id, where, frame, controls in scopes:
        sizes = frame[attribute].value_counts()
        # Groups below the minimum leave the model: a group of one has leverage 1 under HC2.
        large = [v for v in values if reportable(int(sizes.get(v, 0)), ctx.min_group)]
        modelled = frame[frame[attribute].isin([reference, *large])]
        indicators = {v: f"_is_{i}" for i, v in enumerate(large)}
        modelled = modelled.assign(
            **{column: (modelled[attribute] == v).astype(float) for v, column in indicators.items()}
        )
        estimable = reportable(int(sizes.get(reference, 0)), ctx.min_group) and bool(indicators)
        fit = (
            log_pay_gaps(
                modelled,
                "base_annual_fte",
                list(indicators.values()),
                controls,
                numeric,
                ctx.options.tolerance,
            )
            if estimable
            else None
        )
        fitted.append((scope_id, where, modelled, controls, indicators))
        for value in values:
            spec = Compare(
                id=f"demographic.{attribute}.pay.{scope_id}.{value}",
                audit="demographic",
                what=f"Adjusted gap in base pay{where}, {attribute} '{value}' vs '{reference}'",
                groups=[
                    group(_name(value), int(sizes.get(value, 0)), ctx.min_group),
                    group(
                        _reference_name(reference).capitalize(),
                        int(sizes.get(reference, 0)),
                        ctx.min_group,
                    ),
                ],
                unit="percent",
                method=OLS_METHOD,
                controls=control_words([*controls, *numeric]),
                flag_unconfirmed=True,
            )
            if spec.small or fit is None:
                results.append(spec.suppressed())
                continue
            # The sizes and controls shown are the model's (see pay parity).
            column = indicators[value]
            used = control_words(fit.controls)
            spec = spec.with_groups(
                [
                    group(spec.groups[0].label, fit.sizes[column], ctx.min_group),
                    group(spec.groups[1].label, fit.reference_size(), ctx.min_group),
                ],
                used,
            )
            if spec.small:
                results.append(spec.suppressed())
                continue
            est = fit.estimates.get(column)
            if est is None:
                results.append(spec.not_estimable(fit.reasons[column]))
                continue
            statement = (
                f"{_name(value)} are paid {percent(abs(est.value))} {more_or_less(est.value)} "
                f"base pay than {_reference_name(reference)}{where}"
                f"{after_controlling_for(used)}"
            )
            material = abs(est.value) >= ctx.options.materiality
            results.append(spec.result(est, statement, material=material))
    results = _hide_overall_sizes(results, attribute)
    by_id = {c.id: c for c in results}
    models = [
        GapModel(
            modelled,
            "base_annual_fte",
            controls,
            numeric,
            [
                (
                    f"{_name(value)} vs {_reference_name(reference)}{where}",
                    indicators.get(value, ""),
                    by_id[f"demographic.{attribute}.pay.{scope_id}.{value}"],
                )
                for value in values
            ],
        )
        for scope_id, where, modelled, controls, indicators in fitted
    ]
    return results, models


def _hide_overall_sizes(results: list[Comparison], attribute: str) -> list[Comparison]:
    """An organisation-wide size minus the disciplines shown would reveal a suppressed one."""
    out = []
    for c in results:
        if c.id.startswith(f"demographic.{attribute}.pay.all."):
            value = c.id.rsplit(".", 1)[1]
            parts = [p for p in results if p.id.endswith(f".{value}") and p is not c]
            c = hide_total_sizes(c, parts)
        out.append(c)
    return out


def _promotions(
    ctx: AuditContext, cohort: pd.DataFrame, attribute: str, reference: str, values: list[str]
) -> tuple[list[TableRow], list[Comparison]]:
    counts = cohort.groupby(attribute)["promoted"].agg(["size", "sum"])
    sizes = {str(k): int(v) for k, v in counts["size"].items()}
    rates = {str(k): float(v) / sizes[str(k)] for k, v in counts["sum"].items()}
    shown = [rates[k] for k, n in sizes.items() if reportable(n, ctx.min_group)]
    best = max(shown, default=0.0)
    rows = [
        row(
            [value],
            [sizes[value], rates[value], rates[value] / best if best > 0 else None],
            sizes[value],
            min_group=ctx.min_group,
        )
        for value in sizes
    ]
    comparisons = []
    for value in values:
        spec = Compare(
            id=f"demographic.{attribute}.promotion.{value}",
            audit="demographic",
            what=f"Promotion rate, {attribute} '{value}' vs '{reference}', stratified by grade",
            groups=[
                group(_name(value), sizes.get(value, 0), ctx.min_group),
                group(
                    _reference_name(reference).capitalize(), sizes.get(reference, 0), ctx.min_group
                ),
            ],
            unit="odds_ratio",
            method=CMH_METHOD,
            flag_unconfirmed=True,
        )
        if spec.small:
            comparisons.append(spec.suppressed())
            continue
        est, method = stratified_odds(_grade_strata(cohort, attribute, value, reference))
        spec = replace(spec, method=method)
        if est is None:
            comparisons.append(spec.not_estimable(NO_PROMOTION_CONTRAST))
            continue
        low, high = sorted((rates[value], rates[reference]))
        statement = (
            f"{_name(value)} were promoted at {percent(rates[value])} against "
            f"{percent(rates[reference])} for {_reference_name(reference)} "
            f"(odds ratio {number(est.value)} at equal grade)"
        )
        # The same rule as the track comparisons: the four-fifths rule, which a group with
        # no promotion at all fails whenever the reference group has any.
        material = high > 0 and low / high < ctx.options.four_fifths
        comparisons.append(spec.result(est, statement, material=material))
    return rows, comparisons


def _grade_strata(
    cohort: pd.DataFrame, attribute: str, value: str, reference: str
) -> list[list[list[int]]]:
    """Per grade, the 2×2 table promoted / not promoted × group / reference group."""
    tables = []
    for _, at_grade in cohort.groupby("grade"):
        a = at_grade.loc[at_grade[attribute] == value, "promoted"]
        b = at_grade.loc[at_grade[attribute] == reference, "promoted"]
        tables.append(
            [[int(a.sum()), int(len(a) - a.sum())], [int(b.sum()), int(len(b) - b.sum())]]
        )
    return tables


TAINT_CONTROLS = (
    ("grade", "grade", "categorical"),
    ("track_kind", "track", "categorical"),
    ("performance_rating", "performance rating", "numeric"),
    ("tenure_years", "tenure", "numeric"),
)


def _tainted_controls(
    ctx: AuditContext, data: pd.DataFrame, attribute: str, reference: str, values: list[str]
) -> ResultTable:
    """Controls that are themselves associated with the attribute ("tainted controls").

    Controlling for a rating or grade that women receive less often than men
    removes that part of the gap from the adjusted estimate, though it may be
    the unfairness itself. Chi-square test of independence for a categorical
    control (SciPy `chi2_contingency`), Welch's t-test for a numeric one
    (`ttest_ind(equal_var=False)`); descriptive diagnostics, not in the
    report's family of tests.
    """
    from scipy.stats import chi2_contingency, ttest_ind

    rows: list[TableRow] = []
    # The reference group and which controls have data are the same for every value.
    b = data[data[attribute] == reference]
    controls = [
        (column, words, kind)
        for column, words, kind in TAINT_CONTROLS
        if column in data and data[column].notna().mean() > 0.5
    ]
    for value in values:
        a = data[data[attribute] == value]
        if not (reportable(len(a), ctx.min_group) and reportable(len(b), ctx.min_group)):
            continue
        both = data[data[attribute].isin([value, reference])]
        for column, words, kind in controls:
            p: float | None = None
            if kind == "categorical":
                table = (
                    both.groupby([column, attribute], observed=True).size().unstack(fill_value=0)
                )
                if table.shape[0] > 1 and table.shape[1] == 2:
                    p = float(chi2_contingency(table.to_numpy()).pvalue)
                difference = None
            else:
                x, y = a[column].dropna(), b[column].dropna()
                if len(x) > 1 and len(y) > 1 and (x.std() > 0 or y.std() > 0):
                    p = float(ttest_ind(x, y, equal_var=False).pvalue)
                difference = finite(x.mean() - y.mean())
            rows.append(
                TableRow(
                    cells=[
                        _name(value),
                        words,
                        difference,
                        finite(p),
                        "yes" if p is not None and p < ctx.options.alpha else "no",
                    ]
                )
            )
    return ResultTable(
        id=f"demographic.{attribute}.tainted-controls",
        title=f"Controls associated with {attribute} (the adjusted gap may hide part of a gap "
        "in them)",
        columns=[
            TableColumn(name="Group"),
            TableColumn(name="Control"),
            TableColumn(name="Mean difference vs reference", kind="number"),
            TableColumn(name="p-value", kind="number"),
            TableColumn(name="Associated"),
        ],
        rows=rows,
        note="Chi-square test of independence for grade and track, Welch's t-test for rating "
        "and tenure, each group against the reference; not adjusted for multiple comparisons. "
        "Where a control is associated with the attribute, compare the adjusted gap with the "
        "raw one: part of an unequal outcome may sit inside the control.",
    )


def _pay_table(
    ctx: AuditContext, data: pd.DataFrame, attribute: str, hidden: set[str]
) -> ResultTable:
    stats = (
        data.groupby(attribute)
        .agg(
            n=("employee_id", "size"),
            compa=("compa_ratio", "median"),
            penetration=("range_penetration", "mean"),
        )
        .reset_index()
    )
    rows = [
        row(
            [str(getattr(r, attribute))],
            [
                SUPPRESSED_TEXT if str(getattr(r, attribute)) in hidden else int(r.n),
                finite(r.compa),
                finite(r.penetration),
            ],
            int(r.n),
            min_group=ctx.min_group,
        )
        for r in records(stats)
    ]
    return ResultTable(
        id=f"demographic.{attribute}.pay",
        title=f"Position in the band by {attribute} (all zones)",
        columns=[
            TableColumn(name=attribute.capitalize()),
            TableColumn(name="n", kind="int"),
            TableColumn(name="Median compa-ratio", kind="ratio"),
            TableColumn(name="Mean range penetration", kind="percent"),
        ],
        rows=rows,
    )
