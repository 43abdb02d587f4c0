"""The audit report a VP and an HR analyst act on: an executive summary first, then the
contents; each finding once, with how sure, how many people, what to do next and a link to
its evidence; nothing cut, nothing that only the JSON explains.

Built on the demo organisation (1,200 people, the documented disparities, the UK zone opted
into the EU Directive), where the audit has findings of every kind: confirmed tests, a
threshold rule and unconfirmed ones.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date
from pathlib import Path

import pytest

from latticework.audit import AuditOptions, AuditReport, run_audit
from latticework.demo.generator import generate_organisation
from latticework.framework import load_default_framework
from latticework.reports.audit_document import comparison_anchor
from latticework.reports.audit_render import AUDIT_FORMATS, render_audit

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def report() -> AuditReport:
    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=1200, seed=0, as_of=date(2026, 12, 1))
    # The organisation applies the EU Directive to its UK zone too, so the 5 % rule raises a
    # finding there: a threshold finding with no comparison behind it, to be justified.
    return run_audit(dataset, framework, AuditOptions(directive_zones=("uk",)))


@pytest.fixture(scope="module")
def outputs(report: AuditReport) -> dict[str, str]:
    """Every format as text (the PDF's extracted text), whitespace collapsed."""
    from pypdf import PdfReader

    out = {}
    for fmt in AUDIT_FORMATS:
        rendered = render_audit(report, fmt)
        if isinstance(rendered, bytes):
            pages = PdfReader(io.BytesIO(rendered)).pages
            rendered = "\n".join(page.extract_text() for page in pages)
        out[fmt] = rendered
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_demo_has_findings_of_every_kind(report: AuditReport) -> None:
    kinds = {f.kind for f in report.findings}
    assert {"test", "threshold"} <= kinds
    assert any(f.comparison is None for f in report.findings)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "pdf"])
def test_every_format_opens_with_the_executive_summary_then_the_contents(
    outputs: dict[str, str], report: AuditReport, fmt: str
) -> None:
    text = outputs[fmt]
    summary = text.index("Executive summary")
    contents = text.index("Contents")
    first_section = text.index(report.sections[0].title, contents + len("Contents"))
    assert summary < contents < first_section
    # The first finding is stated before the contents, not after the sections.
    first = _flat(html.unescape(text)).index("F1")
    assert first < _flat(html.unescape(text)).index("Contents")


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_each_finding_is_stated_once(
    outputs: dict[str, str], report: AuditReport, fmt: str
) -> None:
    text = _flat(html.unescape(outputs[fmt]) if fmt != "text" else outputs[fmt])
    for finding in report.findings:
        assert text.count(_flat(finding.sentence)) == 1, finding.sentence


def test_each_finding_links_to_its_evidence_and_the_evidence_back(
    outputs: dict[str, str], report: AuditReport
) -> None:
    page = outputs["html"]
    ids = set(re.findall(r' id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert set(targets) <= ids, set(targets) - ids
    for number, finding in enumerate(report.findings, start=1):
        item = page[page.index(f'id="finding-{number}"') :].split("</li>", 1)[0]
        if finding.comparison:
            assert f'href="#{comparison_anchor(finding.comparison)}"' in item
            row = page[page.index(f'id="{comparison_anchor(finding.comparison)}"') :]
            assert f"F{number}" in row.split("</tr>", 1)[0]
        else:
            assert f'href="#section-{finding.audit}"' in item


def test_the_summary_says_how_sure_how_many_people_and_what_to_do_next(
    outputs: dict[str, str], report: AuditReport
) -> None:
    md = outputs["md"]
    summary = md[: md.index("**Contents**")]
    items = summary.split("\n- ")[1:]
    assert len(items) == len(report.findings)
    for item, finding in zip(items, report.findings, strict=True):
        assert "How sure:" in item
        assert re.search(r"Next step: (Remediation|Justification|More data)\.", item), item
        if finding.comparison:
            assert re.search(r"People: [\d,]+ \(", item), item
    steps = re.search(r"What to do next: (.*)\.", summary)
    assert steps is not None
    assert "remediation for F1" in steps.group(1)
    assert "justification" in steps.group(1)
    assert "more data" in steps.group(1)


def test_unconfirmed_findings_ask_for_more_data_and_confirmed_pay_gaps_for_remediation(
    outputs: dict[str, str], report: AuditReport
) -> None:
    text = _flat(outputs["text"])
    for number, finding in enumerate(report.findings, start=1):
        after = text.split(f"F{number} · {finding.severity.value}", 1)[1][:1500]
        if finding.kind == "test":
            assert "Statistically significant after the Holm correction" in after
            assert "Next step: Remediation" in after
        elif finding.comparison is not None:
            assert "could be chance" in after
            assert "Next step: More data" in after
        else:
            assert "Next step: Justification" in after


@pytest.mark.parametrize("width", [60, 100, 160])
def test_the_text_report_cuts_no_label_and_keeps_to_the_width(
    report: AuditReport, width: int
) -> None:
    text = str(render_audit(report, "text", width))
    assert "…" not in text
    flat = _flat(text)
    for section in report.sections:
        for c in section.comparisons:
            assert _flat(c.what) in flat, c.what
    too_long = [line for line in text.splitlines() if len(line) > width and " " in line.strip()]
    assert too_long == []


@pytest.mark.parametrize("fmt", AUDIT_FORMATS)
def test_no_format_refers_to_a_mark_only_the_json_has(outputs: dict[str, str], fmt: str) -> None:
    assert "marked 'test'" not in outputs[fmt]


def test_every_pdf_page_is_numbered_and_the_contents_give_pages(
    report: AuditReport,
) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(render_audit(report, "pdf")))  # type: ignore[arg-type]
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    contents = "\n".join(p.extract_text() for p in pdf.pages[:8])
    for section in report.sections:
        # A line of leader dots and the page number; text extraction may put it first.
        title = re.escape(section.title)
        entry = re.search(rf"^{title}[ .]+(\d+)$|\.[ .]*(\d+)\n{title}$", contents, re.M)
        assert entry is not None, section.title
        page = int(entry.group(1) or entry.group(2))
        assert section.title in pdf.pages[page - 1].extract_text()
    outline = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert [s.title for s in report.sections] == [t for t in outline if t != "Executive summary"]


def test_html_findings_wear_the_dashboards_severity_colours(
    outputs: dict[str, str], report: AuditReport
) -> None:
    import latticework.web

    page = outputs["html"]
    tones = {"high": "bad", "medium": "warning", "low": "note"}
    for number, finding in enumerate(report.findings, start=1):
        tag = re.search(rf'<li class="finding tone-([a-z]+)" id="finding-{number}"', page)
        assert tag is not None
        assert tag.group(1) == tones[finding.severity.value]
    style = (Path(latticework.web.__file__).parent / "static" / "style.css").read_text()
    for name in ("bad", "bad-bg", "warn", "warn-bg"):
        colour = re.search(rf"--{name}: (#[0-9a-f]{{6}})", style)
        assert colour is not None
        assert f"--{name}:{colour.group(1)}" in page


@pytest.mark.browser
def test_on_a_phone_every_chart_text_is_at_least_12_px(
    outputs: dict[str, str], chromium_path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "audit.html"
    page_file.write_text(outputs["html"], encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=["--headless", "--no-sandbox"]
        )
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            page.goto(page_file.as_uri())
            sizes = page.evaluate(
                """() => [...document.querySelectorAll('figure svg text')].map(t => {
                    const m = t.getScreenCTM();
                    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
                })"""
            )
            overflow = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert len(sizes) > 50
    assert min(sizes) >= 12
    assert overflow <= 375


def test_the_eu_charts_plot_the_measure_that_raised_each_flag(report: AuditReport) -> None:
    eu = next(s for s in report.sections if s.id == "eu-pay-transparency")
    (by_grade,) = [t for t in eu.tables if t.id == "eu-pay-transparency.by-grade"]
    flagged = [r.cells for r in by_grade.rows if r.cells[-1] == "yes"]
    assert flagged, "the demo has an EU flag"
    charts = {c.id: c for c in eu.charts}
    for zone, grade, *_ in flagged:
        chart = charts[f"eu-pay-transparency.by-grade.{zone}"]
        at = chart.categories.index(str(grade))
        plotted = [s.values[at] for s in chart.series]
        assert any(v is not None and abs(v) >= 0.05 for v in plotted), (zone, grade, plotted)
        assert {s.name for s in chart.series} == {"base pay", "total pay"}
        assert sorted(chart.reference_lines) == [-0.05, 0.05]


def test_headcounts_are_charted_as_counts_and_compa_ratios_on_a_fitted_axis(
    report: AuditReport,
) -> None:
    charts = {c.id: c for s in report.sections for c in s.charts}
    assert charts["ceiling.headcount"].y_integer
    assert not charts["pay-parity.compa-ratio"].y_from_zero


def test_a_comparison_without_a_verdict_says_why_and_shared_notes_are_said_once(
    outputs: dict[str, str], report: AuditReport
) -> None:
    md = outputs["md"]
    comparisons = [c for s in report.sections for c in s.comparisons]
    untestable = [c for c in comparisons if c.family == "untestable"]
    assert untestable, "the demo has comparisons no outcome could reject"
    for c in untestable:
        row = md[md.index(f'<a id="{comparison_anchor(c.id)}"></a>') :].split("\n", 1)[0]
        assert "cannot reject (left out of the correction)" in row
    for c in comparisons:
        if c.reason:
            row = md[md.index(f'<a id="{comparison_anchor(c.id)}"></a>') :].split("\n", 1)[0]
            assert f"not estimable: {c.reason}" in row
    for note in {c.note for c in comparisons if c.note}:
        assert md.count(note) == 1
