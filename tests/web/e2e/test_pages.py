"""End to end in a real browser: Debian's Chromium, headless, against `latticework serve`."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import PASSWORD
from tests.web.e2e.conftest import Server, screenshot

pytestmark = pytest.mark.browser


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def test_log_in_and_browse_the_framework_with_tracks_side_by_side(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ali")
    screenshot(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Framework").click()
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader", name="Individual contributor", exact=True).is_visible()
    assert table.get_by_role("columnheader", name="Management", exact=True).is_visible()
    g8 = table.get_by_role("row").filter(has_text="G8")
    assert "E8 Principal Engineer" in g8.inner_text()
    assert "M8 Director of Engineering" in g8.inner_text()
    assert "USD" in g8.inner_text()  # a manager may see bands
    screenshot(page, "framework")
    g8.get_by_role("link", name="E8 Principal Engineer").click()
    page.get_by_role("link", name="Security specialist").click()
    assert page.get_by_role(
        "heading", name="Expectations on the Security specialist path"
    ).is_visible()
    assert "M8 Director of Engineering" in page.locator("dl.facts").inner_text()
    screenshot(page, "level")


def test_an_employee_sees_no_bands_and_cannot_open_a_colleague(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "chen")
    page.goto("/framework")
    assert page.get_by_role("columnheader", name="Band").count() == 0
    response = page.goto("/people/eng_a2")
    assert response is not None
    assert response.status == 403
    assert page.get_by_role("heading", name="Not allowed").is_visible()


def test_the_framework_is_usable_at_phone_width_with_the_keyboard(browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.base_url, viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.goto("/login")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
    phone.get_by_label("User name").fill("hr")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/")
    phone.goto("/framework")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, f"the page scrolls sideways at phone width ({width}px)"
    screenshot(phone, "framework-phone")
    context.close()


def test_add_an_impact_record_and_see_its_statement(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "chen")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Record impact").click()
    page.get_by_label("What was done").fill("Moved the ledger to event sourcing")
    page.get_by_label("Category").select_option("enablement")
    page.get_by_label("What changed").fill("payment products")
    page.get_by_label("By how much").fill("2")
    page.get_by_label("Unit").fill("products")
    page.get_by_label("Who gains").fill("the payments product team")
    page.get_by_label("When it matters").fill("their Q2 roadmap")
    page.get_by_role("button", name="Preview").click()
    statement = page.locator("#statement-preview")
    assert "payments product team" in statement.inner_text()
    screenshot(page, "impact-entry")
    page.get_by_role("button", name="Save impact").click()
    assert page.get_by_role("status").filter(has_text="Saved.").is_visible()
    page.get_by_role("link", name="the profile").click()
    record = page.locator("article.impact").filter(has_text="Moved the ledger to event sourcing")
    assert "Q2 roadmap" in record.locator(".statement").inner_text()
    screenshot(page, "person")


def test_generate_a_promotion_packet(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ali")
    page.goto("/people/eng_a1")
    page.get_by_role("link", name="Promotion packet").click()
    assert page.get_by_role("heading", name="Promotion packet: Chen Li").is_visible()
    assert page.get_by_role("link", name="PDF").is_visible()
    screenshot(page, "packet")


def test_upload_an_import_with_an_error_and_see_the_row_level_message(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    people = tmp_path / "people.csv"
    people.write_text(
        "employee_id,name,discipline,track,level,team,manager_id,zone,hire_date,base_salary,currency\n"
        "eng_d1,Ivy Park,engineering,ic,E5,platform,mgr_b,us,2024-02-01,125000,USD\n"
        "eng_d2,Jon Bell,engineering,ic,E5,platform,mgr_b,us,2024-02-01,-5,USD\n",
        encoding="utf-8",
    )
    log_in(page, "hr")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("Files").set_input_files(str(people))
    page.get_by_role("button", name="Import").click()
    assert page.get_by_role("alert").filter(has_text="nothing was written").is_visible()
    row = page.locator("table.problems-table tbody tr").filter(has_text="base_salary")
    assert row.count() >= 1
    assert row.first.locator("td").nth(1).inner_text() == "3"
    screenshot(page, "import-errors")


def test_view_the_audit_dashboard_with_charts_and_findings(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "hr")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit").click()
    assert page.get_by_role("heading", name="Are the tracks equal?").is_visible()
    assert page.get_by_text("No audit has been run yet").is_visible()
    page.get_by_role("button", name="Run the audit now").click()
    # The run is queued; the dashboard reloads itself until the worker has stored it.
    page.get_by_text("Audit run 1, finished").wait_for(timeout=60_000)
    assert page.get_by_role("heading", name="Executive summary").is_visible()  # findings first
    assert page.locator("figure svg").count() >= 1
    screenshot(page, "audit", full_page=False)


def test_a_manager_sorts_and_filters_their_team(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ali")
    page.get_by_role("link", name="My team").click()
    page.wait_for_url("**/team")
    assert page.get_by_role("heading", name="Team of Ali Ahmed").is_visible()
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    page.get_by_role("link", name="Name", exact=True).click()  # by name already: now descending
    page.wait_for_url("**order=desc**")
    assert rows.first.inner_text().startswith("Dana Cruz")
    page.get_by_label("Name").fill("chen")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**q=chen**")
    assert rows.count() == 1
    assert rows.first.inner_text().startswith("Chen Li")
    screenshot(page, "team-view")


def test_build_a_packet_for_a_lateral_move(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "chen")
    page.goto("/people/eng_a1/packet")
    moves = page.get_by_role("region", name="Build the packet for a move")
    lateral = moves.get_by_role("link", name=re.compile("lateral move"))
    assert lateral.count() >= 1
    lateral.first.click()
    page.wait_for_url("**path=**")
    assert page.get_by_role("heading", name=re.compile("Promotion packet")).first.is_visible()
    screenshot(page, "packet-lateral")
