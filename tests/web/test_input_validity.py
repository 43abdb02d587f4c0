"""Dates out of range and control characters are refused by the impact API; downloads of
people whose ids are outside Latin-1 carry an RFC 6266 file name."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from latticework.services.data import import_organisation
from tests.web.conftest import Org


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_impact_dated_year_one_is_refused_and_export_keeps_working(
    client: TestClient, tokens: dict[str, str], org: Org, tmp_path: Path
) -> None:
    response = client.post(
        "/api/people/eng_a1/impact",
        json={"category": "efficiency", "title": "Old news", "date": "0001-01-01"},
        headers=_auth(tokens["employee"]),
    )
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["location"]["field"] == "date"
    assert "1900-01-01 to 2199-12-31" in problem["message"]
    assert (
        client.get("/api/people/eng_a1/export", headers=_auth(tokens["people"])).status_code == 200
    )


def test_a_nul_byte_in_an_impact_title_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.post(
        "/api/people/eng_a1/impact",
        json={"category": "efficiency", "title": "Sped up\x00 builds"},
        headers=_auth(tokens["employee"]),
    )
    assert response.status_code == 422
    assert [p["location"]["field"] for p in response.json()["problems"]] == ["title"]


def test_a_download_for_a_non_latin1_id_names_the_file_in_utf8(
    client: TestClient, tokens: dict[str, str], org: Org, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "employee_id,name,discipline,track,level,team,manager_id,zone,hire_date,base_salary,currency\n"
        "李雷,Li Lei,engineering,ic,E5,platform,mgr_b,us,2022-01-03,130000,USD\n",
        encoding="utf-8",
    )
    assert import_organisation(org.url, [people]).ok
    response = client.get(f"/api/people/{quote('李雷')}/export", headers=_auth(tokens["people"]))
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert 'filename="__-export.json"' in disposition
    assert f"filename*=UTF-8''{quote('李雷-export.json')}" in disposition
