"""Quantities are read from text and written back with the right number and currency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from latticework.growth.quantities import (
    Quantity,
    extract_quantities,
    format_money,
    format_quantity,
    parse_unit,
)


def test_money_with_symbol_scale_and_period_is_one_quantity() -> None:
    [q] = extract_quantities("Cut cloud costs by $1.2M/year")
    assert (q.kind, q.value, q.unit, q.period) == ("money", 1_200_000, "USD", "year")


@pytest.mark.parametrize(
    ("text", "value", "currency", "period"),
    [
        ("saving €180k annually", 180_000, "EUR", "year"),
        ("saving £90k a year", 90_000, "GBP", "year"),
        ("saved EUR 250k per month", 250_000, "EUR", "month"),
        ("saved 40,000 dollars per quarter", 40_000, "USD", "quarter"),
        ("a one-off $65,000", 65_000, "USD", None),
        ("CHF 2.5 million", 2_500_000, "CHF", None),
    ],
)
def test_money_in_its_many_spellings(
    text: str, value: float, currency: str, period: str | None
) -> None:
    [q] = [q for q in extract_quantities(text) if q.kind == "money"]
    assert (q.value, q.unit, q.period) == (value, currency, period)


def test_percentages_multipliers_durations_and_counts_are_told_apart() -> None:
    found = extract_quantities(
        "Prevented 12 incidents a year; p99 from 800ms to 140ms (82%), builds 3x faster"
    )
    assert [(q.kind, q.value, q.unit) for q in found] == [
        ("count", 12, "incidents"),
        ("duration", 800, "ms"),
        ("duration", 140, "ms"),
        ("percent", 82, "%"),
        ("multiplier", 3, "×"),
    ]
    assert found[0].period == "year"


def test_years_are_not_counts() -> None:
    assert extract_quantities("Onboarded 4 engineering teams in 2025") == [
        Quantity("count", 4, "engineering teams", None, "4 engineering teams")
    ]


@pytest.mark.parametrize(
    ("value", "currency", "period", "expected"),
    [
        (1_000_000, "USD", "year", "$1M/year"),
        (1_250_000, "USD", None, "$1.25M"),
        (250_000, "EUR", None, "€250k"),
        (9_500, "GBP", "month", "£9,500/month"),
        (3_000_000_000, "USD", None, "$3B"),
        (40_000, "CHF", None, "CHF 40k"),
    ],
)
def test_money_is_formatted_compactly_with_its_currency(
    value: float, currency: str, period: str | None, expected: str
) -> None:
    assert format_money(value, currency, period) == expected


def test_record_units_are_parsed() -> None:
    assert parse_unit(1e6, "USD/year") == Quantity("money", 1e6, "USD", "year")
    assert parse_unit(12, "incidents/year") == Quantity("count", 12, "incidents", "year")
    assert format_quantity(parse_unit(12, "incidents/year")) == "12 incidents a year"
    assert format_quantity(parse_unit(1, "teams")) == "1 team"
    assert format_quantity(parse_unit(35, "%")) == "35%"


@given(
    value=st.integers(min_value=1, max_value=900_000_000).map(float),
    currency=st.sampled_from(["USD", "EUR", "GBP"]),
    period=st.sampled_from([None, "year", "month"]),
)
def test_formatted_money_reads_back_as_the_same_amount(
    value: float, currency: str, period: str | None
) -> None:
    text = format_money(value, currency, period)
    [q] = extract_quantities(f"This saves {text}.")
    assert (q.kind, q.unit, q.period) == ("money", currency, period)
    # Compact formatting rounds to 2 significant decimals of the unit shown.
    assert q.value == pytest.approx(value, rel=0.01, abs=1)
