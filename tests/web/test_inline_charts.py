"""Charts drawn once per process are reused only for a chart of exactly the same values."""

from __future__ import annotations

from latticework.reports.document import BarChart
from latticework.web.documents import inline_chart


def _chart(value: float) -> BarChart:
    return BarChart(
        title="Median pay", categories=["IC", "Management"], series={"G7": [value, 1.0]}
    )


def test_a_chart_with_other_values_is_drawn_afresh_never_taken_from_the_cache() -> None:
    first = inline_chart(_chart(0.5))
    again = inline_chart(_chart(0.5))
    other = inline_chart(_chart(0.9))
    assert again == first
    assert other != first
    assert other.startswith("<svg")
