"""A report reads the same on screen and downloaded: the page embeds exactly the markup of the
self-contained HTML file, because one renderer draws both."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import log_in


def _report_div(html: str) -> str:
    match = re.search(r'<div class="report">.*?\n</div>', html, flags=re.S)
    assert match, "no report in the page"
    return match.group(0)


def test_the_packet_page_embeds_the_downloaded_report_unchanged(client: TestClient) -> None:
    log_in(client, "chen")
    page = client.get("/people/eng_a1/packet")
    download = client.get("/people/eng_a1/packet?format=html")
    assert page.status_code == download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    shown = _report_div(page.text)
    assert "<table" in shown
    assert "<h2" in shown
    assert shown == _report_div(download.text)
