"""A promotion committee in a real browser: nominate, calibrate, decide (Chromium, headless)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, SECRET, Org
from tests.web.e2e.conftest import Server, free_port, screenshot, wait_until_up
from tests.web.test_committee import add_cycle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`latticework serve` on a copy of the test organisation with one promotion cycle."""
    folder = tmp_path_factory.mktemp("committee")
    path = folder / "org.db"
    shutil.copyfile(template_db, path)
    db_url = f"sqlite:///{path}"
    add_cycle(Org(db_url, path), folder)
    port = free_port()
    env = {**os.environ, "LATTICEWORK_SECRET_KEY": SECRET}
    command = [sys.executable, "-c", "from latticework.cli import main; main()", "serve",
               "--db", db_url, "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, process)
        yield Server(base_url, db_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def test_nominate_calibrate_and_decide(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "hr")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Promotions").click()
    page.get_by_role("link", name="Promotion cycle 2026-H1").click()
    page.get_by_label("Employee id").fill("eng_a1")
    page.get_by_role("button", name="Choose the move").click()
    # Only legal moves are offered: up the track, or across to another path.
    moves = page.get_by_role("radio")
    assert moves.count() >= 2
    page.get_by_label("Senior Staff Engineer, Technical depth path (promotion)", exact=True).check()
    screenshot(page, "committee-nominate")
    page.get_by_role("button", name="Nominate").click()
    assert page.get_by_role("status").inner_text() == "Nomination saved."

    page.get_by_label("Rating before calibration").select_option("4")
    page.get_by_label("Rating after calibration").select_option("3")
    page.get_by_label("Potential").select_option("high")
    page.get_by_label("Why the rating moved").fill("Scope shown in one team only so far.")
    page.get_by_role("button", name="Save calibration").click()
    assert page.get_by_role("status").inner_text() == "Calibration saved."

    page.get_by_label("Outcome").select_option("approved")
    page.get_by_label("Reason").fill("Meets the Staff expectations with the ledger redesign.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**/promotions/2026-H1?decided=eng_a1")
    row = page.get_by_role("row").filter(has_text="Chen Li")
    text = row.inner_text()
    assert "Promotion to Senior Staff Engineer" in text
    assert "Approved" in text
    assert "ledger redesign" in text
    assert "High" in text
    parity = page.get_by_role("region", name="Parity in this cycle")
    assert parity.get_by_role("table", name="By gender").is_visible()
    assert "Fewer than 5 people: not shown" in parity.inner_text()
    screenshot(page, "committee")


def test_a_manager_nominates_a_report_and_sees_no_protected_parity(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ali")
    page.goto("/promotions/2026-H1/nominate?employee_id=eng_a2")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Nominate").click()
    assert page.get_by_role("status").inner_text() == "Nomination saved."
    assert page.get_by_role("button", name="Save calibration").count() == 0
    page.get_by_role("link", name="Promotion cycle 2026-H1").click()
    assert page.get_by_role("row").filter(has_text="Dana Cruz").count() == 1
    assert page.get_by_role("table", name="By gender").count() == 0
