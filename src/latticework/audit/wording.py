"""How numbers are written in sentences and tables: one place, so every format agrees."""

from __future__ import annotations

import math

from latticework.audit.model import Comparison


def percent(value: float | None, digits: int = 1) -> str:
    """0.061 → "6.1 %"."""
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value * 100:.{digits}f} %"


def number(value: float | None, digits: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.{digits}f}"


def money(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:,.0f}"


def p_value(p: float | None) -> str:
    if p is None:
        return "n/a"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}"


def interval(c: Comparison) -> str:
    """The 95 % CI in the comparison's own unit, e.g. "95 % CI 3.2–9.0 %".

    A percentage gap is stated as a magnitude ("6.1 % less"), so its interval is
    written in the same direction: the interval of −6.1 % reads "3.2–9.0 %".
    """
    if c.ci_low is None or c.ci_high is None:
        return ""
    if c.unit in ("percent", "percentage_points"):
        low, high = c.ci_low, c.ci_high
        if c.estimate is not None and c.estimate < 0:
            low, high = -high, -low
        joiner = " to " if low < 0 else "–"
        return f"95 % CI {low * 100:.1f}{joiner}{high * 100:.1f} %"
    return f"95 % CI {c.ci_low:.2f}–{c.ci_high:.2f}"


def sentence(c: Comparison, correction_label: str) -> str:
    """The statement followed by its statistics: interval, raw and adjusted p, group sizes."""
    if c.suppressed or not c.statement:
        return ""
    stats = [s for s in (interval(c),) if s]
    if c.p_value is not None:
        stats.append(p_value(c.p_value))
        if c.p_adjusted is not None:
            stats.append(f"{correction_label}-adjusted {p_value(c.p_adjusted)}")
    if c.tolerance_p is not None:
        stats.append(f"one-sided {p_value(c.tolerance_p)} that it exceeds the tolerance")
    sizes = [str(g.n) for g in c.groups if g.n is not None]
    if sizes:
        stats.append("n = " + " vs ".join(sizes))
    return f"{c.statement} ({', '.join(stats)})." if stats else f"{c.statement}."


def more_or_less(gap: float) -> str:
    return "more" if gap > 0 else "less"
