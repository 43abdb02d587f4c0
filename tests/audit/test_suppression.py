"""No output format ever shows a number for a group below the minimum size."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from latticework.audit import AuditOptions, AuditReport, run_audit
from latticework.audit.suppression import SUPPRESSION_NOTE
from latticework.framework.model import Framework
from latticework.reports.audit_render import AUDIT_FORMATS, render_audit
from tests.audit.conftest import event, org, person

# Three Distinguished Engineers and two non-binary people: both groups below 5, paid amounts
# that appear nowhere else, so any leak of their numbers is visible in the output.
SMALL_PAY = 343_217
NON_BINARY_PAY = 187_659


@pytest.fixture(scope="module")
def report(framework: Framework) -> AuditReport:
    people = []
    for i in range(12):
        people.append(
            person(f"e8-{i}", "E8", 240_000 + 1_000 * i, gender="female" if i % 2 else "male")
        )
        people.append(
            person(f"m8-{i}", "M8", 245_000 + 1_000 * i, gender="male" if i % 2 else "female")
        )
        people.append(person(f"m9-{i}", "M9", 300_000 + 1_000 * i, gender="male"))
        people.append(
            person(f"e7-{i}", "E7", 200_000 + 1_000 * i, gender="female" if i % 3 else "male")
        )
    people += [person(f"e9-{i}", "E9", SMALL_PAY, gender="male") for i in range(3)]
    people += [person(f"nb-{i}", "E7", NON_BINARY_PAY, gender="non-binary") for i in range(2)]
    events = [event(p["employee_id"], "2020-01-01", "hire", None, p["level"]) for p in people]  # type: ignore[arg-type]
    participation = [("strategic-planning", "2025-06-01", f"e9-{i}", "member") for i in range(3)]
    participation += [("strategic-planning", "2025-06-01", f"m9-{i}", "member") for i in range(12)]
    dataset = org(people, events, participation)
    return run_audit(dataset, framework, AuditOptions(min_group=5))


def test_every_small_group_is_suppressed_in_the_report_values(report: AuditReport) -> None:
    assert report.suppressed
    for section in report.sections:
        for c in section.comparisons:
            for g in c.groups:
                assert g.n is None or g.n >= 5, (c.id, g)
            if c.suppressed:
                assert (c.estimate, c.ci_low, c.ci_high, c.p_value) == (None, None, None, None)
        for table in section.tables:
            for row in table.rows:
                if row.suppressed:
                    kinds = [col.kind for col in table.columns]
                    numbers = [v for v, k in zip(row.cells, kinds, strict=True) if k != "text"]
                    assert all(v is None for v in numbers), (table.id, row)


@pytest.mark.parametrize("fmt", AUDIT_FORMATS)
def test_no_format_shows_the_small_groups_pay_and_every_format_says_so(
    report: AuditReport, fmt: str
) -> None:
    output = render_audit(report, fmt)
    text = _pdf_text(output) if isinstance(output, bytes) else output
    for amount in (SMALL_PAY, NON_BINARY_PAY):
        for spelling in (f"{amount}", f"{amount:,}", f"{amount / 1000:.0f}k"):
            assert spelling not in text, f"{fmt} shows {spelling}"
    if fmt == "json":
        data = json.loads(text)
        assert data["suppressed"] is True
        assert not re.search(r"n = [1-4]\b", text)
    else:
        flat = re.sub(r"\s+", " ", text)
        assert SUPPRESSION_NOTE.split(":")[0] in flat
        assert not re.search(r"n = [1-4]\b", flat)


def _pdf_text(pdf: bytes) -> str:
    """The text a PDF draws: the strings of its content streams (ASCII85 + Flate, as reportlab
    writes them)."""
    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = stream.strip()
        try:
            if data.endswith(b"~>"):
                data = base64.a85decode(data[:-2])
            data = zlib.decompress(data)
        except (ValueError, zlib.error):
            continue
        content = data.decode("latin-1")
        texts += re.findall(r"\(((?:[^()\\]|\\.)*)\)\s*Tj", content)
    return " ".join(texts)


def test_a_suppressed_part_cannot_be_recovered_from_a_total(report: AuditReport) -> None:
    """Totals minus the parts shown must not give a suppressed group's size."""
    tables = {t.id: t for s in report.sections for t in s.tables}
    # Per zone, group sizes would add up to the per-grade sizes shown above them.
    assert "n" not in [c.name for c in tables["pay-parity.zone-pay"].columns]
    # Three Distinguished Engineers are eligible for strategic planning: the forum's totals hide.
    planning = next(
        c
        for s in report.sections
        for c in s.comparisons
        if c.id == "influence.strategic-planning.participation"
    )
    assert [g.n for g in planning.groups] == [None, None]
    # A grade row of the zone is suppressed, so the zone's head counts hide too.
    (us,) = [r for r in tables["eu-pay-transparency.summary"].rows if r.cells[0] == "us"]
    assert us.cells[2:4] == ["suppressed", "suppressed"]
    # Two non-binary people: the organisation-wide size of that group never shows.
    gender = tables["demographic.gender.pay"]
    non_binary = [r for r in gender.rows if r.cells[0] == "non-binary"]
    assert all(r.cells[1] in (None, "suppressed") for r in non_binary)


def shown_sizes(report: AuditReport) -> list[int]:
    """Every head count the report shows: group sizes, integer table cells, the headcount."""
    sizes = [report.headcount]
    for section in report.sections:
        sizes += [g.n for c in section.comparisons for g in c.groups if g.n is not None]
        for table in section.tables:
            columns = [i for i, col in enumerate(table.columns) if col.kind == "int"]
            for r in table.rows:
                sizes += [r.cells[i] for i in columns if isinstance(r.cells[i], int)]  # type: ignore[misc]
    return sizes


def test_no_subtraction_of_sizes_shown_in_different_sections_gives_a_small_group(
    framework: Framework,
) -> None:
    """Three men in the US zone. Before: the demographic table showed 23 men and the EU summary
    20 men in the EU zone, and 23 − 20 = 3. Every difference of two shown sizes is tried."""
    people = [person(f"eu-m{i}", "E6", 150_000 + 700 * i, gender="male", zone="eu")
              for i in range(20)]  # fmt: skip
    people += [person(f"eu-w{i}", "E6", 149_000 + 650 * i, gender="female", zone="eu")
               for i in range(11)]  # fmt: skip
    people += [person(f"us-m{i}", "E6", 180_000 + 900 * i, gender="male") for i in range(3)]
    people += [person(f"us-w{i}", "E6", 181_000 + 800 * i, gender="female") for i in range(8)]
    report = run_audit(org(people), framework, AuditOptions(min_group=5, attributes=("gender",)))
    sizes = shown_sizes(report)
    assert 23 in sizes  # the organisation-wide number of men is shown (it is not small)
    differences = {a - b for a in sizes for b in sizes}
    assert 3 not in differences
    for fmt in ("text", "md"):
        text = render_audit(report, fmt)
        assert isinstance(text, str)
        assert "20 men" not in text
