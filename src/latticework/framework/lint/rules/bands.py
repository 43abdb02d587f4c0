"""Band parity: same grade, same pay; pay rises with grade; ranges are sane and complete."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from latticework.framework.lint.registry import Finding, LintContext, Severity, rule
from latticework.framework.lint.sites import grade_ranks, level_sites, populated_grades
from latticework.framework.model import Band, Framework

EXTREME_OVERLAP = 0.75
"""Share of a grade's band that may also lie inside the next grade's band before it is flagged.

Well-built salary structures overlap adjacent grades by roughly 30-60 %; past
75 % the two grades barely differ in pay and "promotion" means little."""


def _money(band: Band, value: float) -> str:
    return f"{value:,.0f} {band.currency}"


def _grade_bands(fw: Framework) -> dict[tuple[str, str], tuple[int, Band]]:
    """(grade, zone) → (index, band) for grade-wide bands, first one wins."""
    result: dict[tuple[str, str], tuple[int, Band]] = {}
    for i, b in enumerate(fw.bands):
        if b.grade is not None and b.level is None:
            result.setdefault((b.grade, b.zone), (i, b))
    return result


@rule(
    "band-scope",
    Severity.ERROR,
    "A band names neither a grade nor a level, or a level at another grade.",
)
def band_scope(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    for i, b in enumerate(fw.bands):
        if b.grade is None and b.level is None:
            yield band_scope.finding(
                f"Band #{i + 1} (zone {b.zone}) names neither a grade nor a level.",
                ctx.at_path("bands", i),
                "Add `grade: G…` (the usual case: one band per grade and zone) or `level: …`.",
            )
        elif b.level is not None and b.grade is not None and fw.has_level(b.level):
            actual = fw.level(b.level).grade
            if actual != b.grade:
                yield band_scope.finding(
                    f"Band #{i + 1} is for level {b.level}, which sits at {actual}, "
                    f"but says grade {b.grade}.",
                    ctx.at_path("bands", i, "grade"),
                    f"Remove `grade:` from a level band, or set it to {actual}.",
                )


@rule(
    "band-inverted-range",
    Severity.ERROR,
    "A band's range is not ordered min <= mid <= max.",
)
def band_inverted_range(ctx: LintContext) -> Iterator[Finding]:
    for i, b in enumerate(ctx.framework.bands):
        if not b.min <= b.mid <= b.max:
            target = f"level {b.level}" if b.level else f"grade {b.grade}"
            yield band_inverted_range.finding(
                f"The band for {target} in zone {b.zone} is inverted: min {_money(b, b.min)}, "
                f"mid {_money(b, b.mid)}, max {_money(b, b.max)}.",
                ctx.at_path("bands", i, "min" if b.min > b.mid else "max"),
                "Order the values so that min <= mid <= max.",
            )


@rule(
    "band-currency-mismatch",
    Severity.ERROR,
    "A band's currency differs from its zone's currency.",
)
def band_currency_mismatch(ctx: LintContext) -> Iterator[Finding]:
    zones = {z.id: z for z in reversed(ctx.framework.zones)}
    for i, b in enumerate(ctx.framework.bands):
        zone = zones.get(b.zone)
        if zone is not None and zone.currency != b.currency:
            yield band_currency_mismatch.finding(
                f"A band in zone {zone.id} is in {b.currency}, but {zone.name} pays in "
                f"{zone.currency}; pay in that zone cannot be compared with it.",
                ctx.at_path("bands", i, "currency"),
                f"Give the band in {zone.currency}, or put it in a zone that pays in {b.currency}.",
            )


def _pay_terms(b: Band) -> tuple[float, float, float, float | None, float | None]:
    return (b.min, b.mid, b.max, b.variable_target_pct, b.equity_target)


@rule(
    "band-parity",
    Severity.ERROR,
    "Levels at the same grade have different bands (same grade must mean same pay).",
)
def band_parity(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    sites = list(level_sites(fw))
    for i, b in enumerate(fw.bands):
        if b.level is None or not fw.has_level(b.level):
            continue
        grade = fw.level(b.level).grade
        compared: list[Band] = []
        for other in sites:
            if other.level.grade != grade or other.level.id == b.level:
                continue
            theirs = fw.band_for(other.level.id, b.zone)
            if theirs is None or theirs is b or _pay_terms(theirs) == _pay_terms(b):
                continue
            if (theirs.level is not None and theirs.level < b.level) or any(
                theirs is c for c in compared
            ):
                continue  # report each pair of differing bands once
            compared.append(theirs)
            yield band_parity.finding(
                f"Level {b.level} and level {other.level.id} are both at {grade}, but their "
                f"bands in zone {b.zone} differ ({_money(b, b.mid)} vs "
                f"{_money(theirs, theirs.mid)} mid): equal grade must mean equal pay.",
                ctx.at_path("bands", i),
                f"Use one band for grade {grade} (`grade: {grade}`, no `level:`), or move the "
                "levels to different grades if they really are different levels.",
            )


@rule(
    "band-not-increasing",
    Severity.ERROR,
    "A grade's band does not pay more than the grade below it in the same zone.",
)
def band_not_increasing(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ranks = grade_ranks(fw)
    bands = _grade_bands(fw)
    for zone in dict.fromkeys(z for _, z in bands):
        ladder = sorted(
            ((ranks[g], g, i, b) for (g, z), (i, b) in bands.items() if z == zone and g in ranks),
        )
        for (_, low_id, _, low), (_, high_id, i, high) in itertools.pairwise(ladder):
            if low.currency != high.currency:
                continue
            if high.mid <= low.mid or high.min < low.min or high.max < low.max:
                yield band_not_increasing.finding(
                    f"In zone {zone}, the band for {high_id} ({_money(high, high.min)}–"
                    f"{_money(high, high.max)}, mid {_money(high, high.mid)}) does not rise above "
                    f"{low_id} ({_money(low, low.min)}–{_money(low, low.max)}, mid "
                    f"{_money(low, low.mid)}).",
                    ctx.at_path("bands", i, "mid"),
                    f"Raise {high_id}'s band: its mid must be above {low_id}'s, and its min "
                    "and max no lower.",
                )


@rule(
    "band-overlap",
    Severity.WARNING,
    f"Adjacent grades' bands overlap by more than {EXTREME_OVERLAP:.0%} of the lower band.",
)
def band_overlap(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    ranks = grade_ranks(fw)
    bands = _grade_bands(fw)
    for zone in dict.fromkeys(z for _, z in bands):
        ladder = sorted(
            ((ranks[g], g, i, b) for (g, z), (i, b) in bands.items() if z == zone and g in ranks),
        )
        for (_, low_id, _, low), (_, high_id, i, high) in itertools.pairwise(ladder):
            width = low.max - low.min
            if width <= 0 or low.currency != high.currency or high.mid <= low.mid:
                continue  # inverted or non-increasing bands are other rules' findings
            shared = (min(low.max, high.max) - max(low.min, high.min)) / width
            if shared > EXTREME_OVERLAP:
                yield band_overlap.finding(
                    f"In zone {zone}, {shared:.0%} of {low_id}'s band ({_money(low, low.min)}–"
                    f"{_money(low, low.max)}) lies inside {high_id}'s ({_money(high, high.min)}–"
                    f"{_money(high, high.max)}); the grades barely differ in pay.",
                    ctx.at_path("bands", i, "min"),
                    f"Raise {high_id}'s min (or lower {low_id}'s max) so that at most "
                    f"{EXTREME_OVERLAP:.0%} of the lower band overlaps.",
                )


@rule(
    "band-missing",
    Severity.WARNING,
    "A grade that has levels has no band in a zone.",
)
def band_missing(ctx: LintContext) -> Iterator[Finding]:
    fw = ctx.framework
    if not fw.bands:
        return  # a framework without pay data is allowed; the pay audit says so itself
    sites = list(level_sites(fw))
    for zi, zone in enumerate(fw.zones):
        for grade in populated_grades(fw):
            levels = [s.level.id for s in sites if s.level.grade == grade]
            missing = [lv for lv in levels if fw.band_for(lv, zone.id) is None]
            if not missing:
                continue
            which = "" if missing == levels else f" (levels {', '.join(missing)})"
            yield band_missing.finding(
                f"Grade {grade} has levels but no band in zone {zone.id}{which}; pay there "
                "cannot be checked against a range.",
                ctx.at_path("zones", zi),
                f"Add `{{grade: {grade}, zone: {zone.id}, currency: {zone.currency}, min: …, "
                "mid: …, max: …}` under `bands:`.",
            )
