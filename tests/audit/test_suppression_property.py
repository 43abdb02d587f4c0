"""Whatever the organisation, no group below the minimum size shows a number (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latticework.audit import AuditOptions, run_audit
from latticework.framework import load_default_framework
from tests.audit.conftest import org, person

FRAMEWORK = load_default_framework().framework
LEVELS = ["E7", "M7", "E8", "M8", "E9", "M9"]


@st.composite
def organisations(draw: st.DrawFn) -> tuple[list[dict[str, object]], int]:
    people = []
    for level in LEVELS:
        for zone in ("us", "eu"):
            for gender in ("female", "male"):
                count = draw(st.integers(0, 7))
                people += [
                    person(
                        f"{level}-{zone}-{gender}-{i}",
                        level,
                        100_000 + 997 * i,
                        zone=zone,
                        gender=gender,
                    )
                    for i in range(count)
                ]
    return people, draw(st.integers(2, 8))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_no_group_below_the_minimum_ever_has_a_number(
    case: tuple[list[dict[str, object]], int],
) -> None:
    people, minimum = case
    if not people:
        return
    options = AuditOptions(
        audits=("pay-parity", "ceiling", "demographic", "eu-pay-transparency"), min_group=minimum
    )
    report = run_audit(org(people), FRAMEWORK, options)
    for section in report.sections:
        for c in section.comparisons:
            assert all(g.n is None or g.n >= minimum for g in c.groups), c.id
            if c.suppressed:
                assert (c.estimate, c.p_value) == (None, None)
        for table in section.tables:
            numeric = [col.kind != "text" for col in table.columns]
            for row in table.rows:
                counts = [
                    v
                    for v, col in zip(row.cells, table.columns, strict=True)
                    if col.kind == "int" and isinstance(v, int) and v > 0
                ]
                assert all(n >= minimum for n in counts), (table.id, row)
                if row.suppressed:
                    assert all(
                        v is None
                        for v, is_number in zip(row.cells, numeric, strict=True)
                        if is_number
                    ), (table.id, row)
