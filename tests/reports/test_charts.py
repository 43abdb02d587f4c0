"""Charts that show what the audit found, and read on a phone."""

from __future__ import annotations

import re

import pytest

from latticework.reports.charts import FONT_PT, PHONE_COLUMN_PX, WIDTH_IN, chart_svg, drawn
from latticework.reports.document import BarChart

pytestmark = pytest.mark.filterwarnings("ignore")


def compa_ratio() -> BarChart:
    return BarChart(
        "Median compa-ratio by grade and track",
        ["G6", "G7", "G8", "G9"],
        {"IC": [0.98, 0.975, 0.924, 0.984], "Management": [0.985, 0.967, 0.965, 0.969]},
        y_label="pay / band mid",
        reference_line=1.0,
        from_zero=False,
    )


def test_a_compa_ratio_axis_is_fitted_to_the_data_so_a_four_percent_gap_shows() -> None:
    with drawn(compa_ratio()) as fig:
        low, high = fig.axes[0].get_ylim()
    assert 0.85 < low < 0.924
    assert 1.0 <= high < 1.05
    # The G8 gap (0.924 vs 0.965) spans at least a third of the axis, not 4 % of it.
    assert (0.965 - 0.924) / (high - low) > 0.3


def test_tick_labels_never_run_together_even_with_many_or_long_categories() -> None:
    for categories in (
        [f"{zone} G{g}" for zone in ("eu", "uk", "us") for g in range(4, 10)],
        ["Strategic planning", "Architecture review board", "Security council"],
    ):
        chart = BarChart("Gap", categories, {"base": [0.01] * len(categories)})
        with drawn(chart) as fig:
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
            ax = fig.axes[0]
            labels = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
            boxes = [t.get_window_extent(renderer) for t in labels]
        names = {t.get_text() for t in labels}
        assert set(categories) <= names
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), (categories, a, b)


def test_counts_get_integer_ticks() -> None:
    chart = BarChart("Headcount", ["G8", "G9"], {"IC": [3, 2], "Management": [4, 1]}, integer=True)
    with drawn(chart) as fig:
        ticks = fig.axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks)


def test_dollar_signs_in_labels_print_as_dollars_and_never_crash_the_chart() -> None:
    # "$^$" is invalid mathtext: matplotlib raised ValueError when it parsed labels as math.
    chart = BarChart("Forums", ["Budget $^$ review", "$1M $2M team"], {"IC": [0.4, 0.5]})
    svg = chart_svg(chart)
    assert "Budget $^$ review" in svg
    assert "$1M $2M team" in svg


def test_every_text_is_at_least_12_px_when_a_phone_shrinks_the_chart() -> None:
    svg = chart_svg(compa_ratio())
    width_pt = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    assert width_pt == pytest.approx(WIDTH_IN * 72)
    scale = PHONE_COLUMN_PX / width_pt  # CSS px per SVG unit at phone width
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    sizes += [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    # matplotlib before 3.10 writes the shorthand `font: 12.5px 'DejaVu Sans'`.
    sizes += [float(s) for s in re.findall(r"font:\s*([\d.]+)px", svg)]
    assert sizes, "no text in the chart"
    assert min(sizes) >= FONT_PT
    assert min(sizes) * scale >= 12
