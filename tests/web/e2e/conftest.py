"""Fixtures for end-to-end tests: `latticework serve` on a free port, and Debian's Chromium
driven by Playwright. Screenshots go to ./screenshots/ (kept out of git)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import SECRET

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class Server:
    base_url: str
    db_url: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real CLI serving a copy of the test organisation, stopped after the module."""
    path = tmp_path_factory.mktemp("served") / "org.db"
    shutil.copyfile(template_db, path)
    db_url = f"sqlite:///{path}"
    port = free_port()
    env = {**os.environ, "LATTICEWORK_SECRET_KEY": SECRET}
    command = [
        sys.executable,
        "-c",
        "from latticework.cli import main; main()",
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
    ]
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


# Generous: a loaded 2-core machine (a CI run beside other work) can take well over 30 s
# to import the web stack and open the database; a quiet one answers in about 2 s.
STARTUP_TIMEOUT_S = 120


def wait_until_up(base_url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"latticework serve exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{base_url}/login", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"latticework serve did not answer at {base_url} within {STARTUP_TIMEOUT_S} s"
    )


@pytest.fixture(scope="module")
def browser(chromium_path: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: Server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Fail the test if the page asks for anything outside our server.
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((server.base_url, "data:"))
            else None
        ),
    )
    yield page
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def screenshot(page, name: str, *, full_page: bool = True) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
