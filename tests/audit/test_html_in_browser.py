"""The HTML report in a real browser: it renders its charts and asks the network for nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from latticework.demo.generator import generate_organisation
from latticework.framework.model import Framework
from latticework.reports.audit_render import render_audit
from latticework.services.audit import audit_dataset

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


@pytest.mark.browser
def test_html_report_is_one_self_contained_file(
    framework: Framework, chromium_path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    dataset = generate_organisation(framework, people=1200, seed=2, as_of=date(2026, 6, 30))
    report_file = tmp_path / "audit.html"
    report_file.write_text(str(render_audit(audit_dataset(dataset, framework), "html")))
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report_file.as_uri())
            figures = page.locator("figure svg")
            assert figures.count() >= 6  # pay, promotion, three time-in-level curves, influence, …
            assert figures.first.bounding_box() is not None
            headings = page.locator("h2").all_inner_texts()
        finally:
            browser.close()
    assert requests == [report_file.as_uri()]
    assert "Pay parity between tracks at equal grade" in headings
    assert "EU Pay Transparency Directive report" in headings
