"""The framework grid: each track's paths in its own column, and "You are here" at the
signed-in person's level (the grid HTML itself is shared by every reader)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import log_in


def _row(page: str, grade: str) -> str:
    match = re.search(rf'<tr>\s*<th scope="row">{grade}.*?</tr>', page, re.S)
    assert match, page
    return match.group(0)


def _cells(row: str) -> list[list[str]]:
    return [re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_each_track_has_its_own_paths_column(client: TestClient) -> None:
    log_in(client, "chen")
    page = client.get("/framework").text
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers[:5] == [
        "Grade",
        "Individual contributor",
        "Individual contributor paths",
        "Management",
        "Management paths",
    ]
    ic_levels, ic_paths, mgmt_levels, mgmt_paths = (" ".join(c) for c in _cells(_row(page, "G8")))
    assert "Technical depth" in ic_paths
    assert "People leadership" not in ic_paths
    assert "People leadership" in mgmt_paths
    assert "Technical depth" not in mgmt_paths
    assert "E8" in ic_levels
    assert "M8" in mgmt_levels


def test_you_are_here_marks_only_the_readers_own_level(client: TestClient) -> None:
    log_in(client, "chen")  # eng_a1, E6
    page = client.get("/framework").text
    assert page.count("You are here") == 1
    assert "You are here" in _row(page, "G6")
    assert "E6" in _row(page, "G6").split("You are here")[0]
    client.cookies.clear()
    log_in(client, "ali")  # mgr_a, M7
    other = client.get("/framework").text
    assert other.count("You are here") == 1
    assert "You are here" in _row(other, "G7")


def test_a_reader_without_a_person_sees_no_mark(client: TestClient) -> None:
    log_in(client, "root")
    assert "You are here" not in client.get("/framework").text
