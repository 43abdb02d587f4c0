"""Editing a development plan in a real browser: save the proposed plan, check in on an item
twice, and read its history (Chromium, headless)."""

from __future__ import annotations

import pytest

from tests.web.e2e.conftest import screenshot
from tests.web.e2e.test_committee import log_in

pytestmark = pytest.mark.browser


def test_save_a_plan_and_check_in_on_an_item(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "chen")
    page.goto("/people/eng_a1/plan")
    page.get_by_role("button", name="Save as the active plan").click()
    assert page.get_by_role("status").inner_text() == "This is the active plan."
    item = page.locator("#item-1")
    item.get_by_label("Status").select_option("in_progress")
    item.get_by_label("Check-in date").fill("2026-11-02")
    item.get_by_label("Note").fill("Pairing on the ledger design review.")
    item.get_by_role("button", name="Save check-in for item 1").click()
    assert page.get_by_role("status").inner_text() == "Check-in saved."
    item = page.locator("#item-1")
    item.get_by_label("Status").select_option("done")
    item.get_by_label("Note").fill("Led the review myself.")
    item.get_by_role("button", name="Save check-in for item 1").click()
    history = page.get_by_role("table", name="History of item 1")
    rows = history.get_by_role("row")
    assert rows.count() == 3  # the header and two check-ins
    assert "Done" in rows.nth(1).inner_text()
    assert "Led the review myself." in rows.nth(1).inner_text()
    assert "2026-11-02" in rows.nth(2).inner_text()
    assert "In progress" in rows.nth(2).inner_text()
    assert "Done" in page.get_by_role("heading", name="1.").inner_text()
    screenshot(page, "plan-checkins")
