"""Impact records become business-framed statements with the right numbers, and add up."""

from __future__ import annotations

from datetime import date

import pytest

from latticework.growth.impact import impact_statement
from latticework.growth.impact_summary import summarise_impact
from latticework.growth.person_data import ImpactRecord


def record(**fields: object) -> ImpactRecord:
    base: dict[str, object] = {
        "impact_id": "i1",
        "employee_id": "e1",
        "date": date(2026, 3, 1),
        "category": "efficiency",
        "title": "Moved analytics to a streaming pipeline",
    }
    base.update(fields)
    return ImpactRecord(**base)  # type: ignore[arg-type]


def test_cost_saving_reads_as_the_design_example() -> None:
    statement = impact_statement(
        record(
            metric="cloud costs",
            value=1_000_000,
            unit="USD/year",
            beneficiary="the product team",
            horizon="their Q2 roadmap",
        )
    )
    assert statement.text == (
        "Moved analytics to a streaming pipeline. This reduces our cloud costs by $1M/year, "
        "which the product team needs for their Q2 roadmap."
    )


def test_euro_amounts_keep_their_currency_and_scale() -> None:
    statement = impact_statement(
        record(category="risk_reduction", metric="GDPR fines", value=2_500_000, unit="EUR/year")
    )
    assert "avoids an estimated €2.5M/year of GDPR fines" in statement.text


def test_incidents_prevented_are_counted_per_period() -> None:
    statement = impact_statement(
        record(
            category="risk_reduction", metric="checkout incidents", value=12, unit="incidents/year"
        )
    )
    assert "prevents an estimated 12 checkout incidents a year" in statement.text


def test_enablement_names_teams_and_a_plural_beneficiary_agrees() -> None:
    statement = impact_statement(
        record(
            category="enablement",
            metric="safe daily releases",
            value=4,
            unit="teams",
            beneficiary="the payments teams",
            horizon="the H2 launches",
        )
    )
    assert statement.text.endswith(
        "This enables safe daily releases for 4 teams, "
        "which the payments teams need for the H2 launches."
    )


def test_percent_improvement_of_a_lower_is_better_metric_reads_as_a_reduction() -> None:
    statement = impact_statement(record(metric="p99 latency", value=35, unit="%"))
    assert statement.text.endswith("This reduces our p99 latency by 35%.")


def test_multipliers_cut_what_should_fall_and_multiply_what_should_rise() -> None:
    assert impact_statement(record(metric="build time", value=3, unit="x")).text.endswith(
        "This cuts our build time 3×."
    )
    assert impact_statement(record(metric="throughput", value=2.5, unit="x")).text.endswith(
        "This multiplies our throughput 2.5×."
    )


@pytest.mark.parametrize(
    ("category", "metric", "value", "unit", "expected"),
    [
        (
            "efficiency",
            "cloud cost saved",
            78_000,
            "USD/year",
            "This saves $78k/year in cloud cost.",
        ),
        ("efficiency", "pages avoided", 33, "pages/month", "This avoids 33 pages a month."),
        (
            "risk_reduction",
            "incidents prevented",
            6,
            "incidents/year",
            "This prevents an estimated 6 incidents a year.",
        ),
        (
            "risk_reduction",
            "fines avoided",
            1_500_000,
            "EUR/year",
            "This avoids an estimated €1.5M/year in fines.",
        ),
        (
            "risk_reduction",
            "data-loss risk reduced",
            40,
            "%",
            "This reduces data-loss risk by 40%.",
        ),
        ("enablement", "teams unblocked", 4, "teams", "This unblocks 4 teams."),
        ("excellence", "people trained", 52, "people", "This raises the bar: 52 people trained."),
        ("excellence", "talks given", 1, "talks", "This raises the bar: 1 talk given."),
    ],
)
def test_metrics_named_as_outcomes_read_naturally(
    category: str, metric: str, value: float, unit: str, expected: str
) -> None:
    statement = impact_statement(record(category=category, metric=metric, value=value, unit=unit))
    assert statement.framed.endswith(expected)


@pytest.mark.parametrize(
    ("category", "value", "unit", "expected"),
    [
        (
            "efficiency",
            250_000,
            "USD/year",
            "Moved analytics to a streaming pipeline. This saves $250k/year.",
        ),
        (
            "efficiency",
            30,
            "%",
            "Moved analytics to a streaming pipeline. This improves efficiency by 30%.",
        ),
        (
            "risk_reduction",
            4,
            "outages/year",
            "Moved analytics to a streaming pipeline. This prevents an estimated 4 outages a year.",
        ),
        (
            "enablement",
            3,
            "teams",
            "Moved analytics to a streaming pipeline. This enables 3 teams.",
        ),
        (
            "enablement",
            None,
            None,
            "Moved analytics to a streaming pipeline. This makes new work possible.",
        ),
    ],
)
def test_without_a_metric_the_title_says_what_was_done(
    category: str, value: float | None, unit: str | None, expected: str
) -> None:
    assert impact_statement(record(category=category, value=value, unit=unit)).text == expected


def test_a_persons_own_words_are_kept_and_the_framing_is_still_available() -> None:
    statement = impact_statement(
        record(statement="i closed our biggest compliance gap", metric="cost", value=5, unit="%")
    )
    assert statement.text == "I closed our biggest compliance gap."
    assert "by 5%" in statement.framed


def test_summary_adds_money_per_currency_and_counts_per_period() -> None:
    records = [
        record(impact_id="a", value=1_000_000, unit="USD/year", metric="cloud costs"),
        record(impact_id="b", value=250_000, unit="USD/year", metric="licences"),
        record(impact_id="c", value=100_000, unit="EUR/year", metric="licences"),
        record(
            impact_id="d",
            category="risk_reduction",
            value=6,
            unit="incidents/year",
            date=date(2025, 8, 1),
        ),
        record(impact_id="e", category="excellence", value=40, unit="%", date=date(2025, 2, 1)),
    ]
    summary = summarise_impact("e1", records, period="year")
    efficiency = next(c for c in summary.categories if c.category == "efficiency")
    assert efficiency.records == 3
    assert [(t.unit, t.total, t.formatted()) for t in efficiency.totals] == [
        ("EUR", 100_000, "€100k/year"),
        ("USD", 1_250_000, "$1.25M/year"),
    ]
    excellence = next(c for c in summary.categories if c.category == "excellence")
    assert excellence.totals == ()  # percentages are not added up
    assert summary.by_period == (
        ("2025", {"risk_reduction": 1, "enablement": 0, "efficiency": 0, "excellence": 1}),
        ("2026", {"risk_reduction": 0, "enablement": 0, "efficiency": 3, "excellence": 0}),
    )
    quarters = summarise_impact("e1", records, period="quarter")
    assert [label for label, _ in quarters.by_period] == ["2025-Q1", "2025-Q3", "2026-Q1"]
