"""End to end in a real browser: Debian's Chromium, headless, against `latticework serve`."""

from __future__ import annotations

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
    assert table.get_by_role("columnheader", name="Individual contributor").is_visible()
    assert table.get_by_role("columnheader", name="Management").is_visible()
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
