"""Charts of a `Document`, drawn with matplotlib (imported only when a chart is drawn).

Sized for reading on a phone: the figure is `WIDTH_IN` wide and every text is at least
`FONT_PT`, so when a 375 px screen shrinks the SVG to the column width
(`PHONE_COLUMN_PX`) no text is drawn below 12 px. The title is not drawn inside
the figure: the HTML caption and the PDF paragraph under the image carry it, as
text that wraps instead of running off the figure.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from latticework.reports.document import BarChart, LineChart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN = 4.8
"""Figure width in inches: 345.6 pt of SVG user space."""
PHONE_COLUMN_PX = 343
"""A 375 px phone screen less 1 rem of page padding each side."""
FONT_PT = 12.5
"""Smallest text: 12.5 user units × 343 / 345.6 ≈ 12.4 px at phone width."""

_PALETTE = ["#1f5fa8", "#c25400", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457"]
_MARKERS = ["o", "s", "D", "^", "v", "P"]
_REFERENCE = "#444444"


@contextmanager
def _style() -> Iterator[None]:
    """Labels are data (team and forum names): `$…$` must print as dollars, not as mathtext."""
    import matplotlib

    matplotlib.use("Agg")
    with matplotlib.rc_context(
        {
            "text.parse_math": False,
            # The same chart always gives the same SVG (ids from its content, no date), so
            # a report rebuilt from the same data is byte-identical.
            "svg.hashsalt": "latticework",
            "font.size": FONT_PT,
            "axes.labelsize": FONT_PT,
            "xtick.labelsize": FONT_PT,
            "ytick.labelsize": FONT_PT,
            "legend.fontsize": FONT_PT,
            "svg.fonttype": "none",
        }
    ):
        yield


def _figure(chart: BarChart | LineChart) -> Figure:
    import matplotlib.pyplot as plt

    if isinstance(chart, BarChart) and _horizontal(chart):
        rows = len(chart.categories) * max(1, len(chart.series))
        height = min(12.0, 1.4 + 0.28 * rows)
    else:
        height = 3.4
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=100, layout="constrained")
    if isinstance(chart, BarChart):
        _bars(ax, chart)
    else:
        _lines(ax, chart)
    ax.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        # Below the axes, never on top of the data.
        fig.legend(loc="outside lower center", ncols=min(3, len(chart.series)), frameon=False)
    return fig


def _horizontal(chart: BarChart) -> bool:
    """Categories as rows when their labels would run together under vertical bars."""
    characters = sum(len(c) + 2 for c in chart.categories)
    # About 0.55 em a character: the width the labels need against what the axes have.
    return characters * FONT_PT * 0.55 > (WIDTH_IN - 1.0) * 72


def _bars(ax: Axes, chart: BarChart) -> None:
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    horizontal = _horizontal(chart)
    n = max(1, len(chart.series))
    width = 0.8 / n
    positions = range(len(chart.categories))
    shown: list[float] = []
    for i, (name, values) in enumerate(chart.series.items()):
        offsets = [j + (i - (n - 1) / 2) * width for j in positions]
        ys = [math.nan if v is None else v for v in values]
        shown += [v for v in ys if math.isfinite(v)]
        color = _PALETTE[i % len(_PALETTE)]
        if chart.from_zero:
            if horizontal:
                ax.barh(offsets, ys, height=width, label=name, color=color)
            else:
                ax.bar(offsets, ys, width=width, label=name, color=color)
        else:
            xy = (ys, offsets) if horizontal else (offsets, ys)
            ax.plot(
                *xy,
                linestyle="none",
                marker=_MARKERS[i % len(_MARKERS)],
                markersize=8,
                label=name,
                color=color,
            )
    value_axis = ax.xaxis if horizontal else ax.yaxis
    if horizontal:
        ax.set_yticks(list(positions), list(chart.categories))
        ax.invert_yaxis()  # first category on top, as in the table
        ax.set_xlabel(chart.y_label)
    else:
        ax.set_xticks(list(positions), list(chart.categories))
        ax.set_ylabel(chart.y_label)
    references = [chart.reference_line, *chart.reference_lines]
    for line in (r for r in references if r is not None):
        (ax.axvline if horizontal else ax.axhline)(
            line, color=_REFERENCE, linestyle="--", linewidth=1
        )
        shown.append(line)
    if not chart.from_zero and shown:
        low, high = min(shown), max(shown)
        pad = max((high - low) * 0.15, abs(high) * 0.01, 1e-3)
        (ax.set_xlim if horizontal else ax.set_ylim)(low - pad, high + pad)
        ax.grid(axis="x" if horizontal else "y", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    if chart.integer:
        value_axis.set_major_locator(MaxNLocator(integer=True))
    if chart.percent:
        value_axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def _lines(ax: Axes, chart: LineChart) -> None:
    for i, (name, (x_values, y_values)) in enumerate(chart.series.items()):
        color = _PALETTE[i % len(_PALETTE)]
        if chart.step:
            ax.step(list(x_values), list(y_values), where="post", label=name, color=color)
        else:
            ax.plot(list(x_values), list(y_values), label=name, color=color)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)


@contextmanager
def drawn(chart: BarChart | LineChart) -> Iterator[Figure]:
    """The chart as a matplotlib figure, closed afterwards (renderers and tests read it)."""
    import matplotlib.pyplot as plt

    with _style():
        fig = _figure(chart)
        try:
            yield fig
        finally:
            plt.close(fig)


def chart_svg(chart: BarChart | LineChart) -> str:
    """The chart as inline SVG markup (text kept as text, so it is accessible and searchable)."""
    buffer = io.StringIO()
    with drawn(chart) as fig:
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def chart_png(chart: BarChart | LineChart) -> bytes:
    return chart_png_sized(chart)[0]


def chart_png_sized(chart: BarChart | LineChart) -> tuple[bytes, float]:
    """The chart as PNG and its height/width ratio (for placing it on a page)."""
    buffer = io.BytesIO()
    with drawn(chart) as fig:
        width, height = fig.get_size_inches()
        fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue(), float(height / width)
