# ruff: noqa: E501  (CSV rows read best one per line)
"""Uploading HRIS exports: row-level errors, nothing written on error, only for HR."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_from, log_in

GOOD_ROW = (
    "eng_c1,Fay Moss,engineering,ic,E5,technical-depth,payments,mgr_a,us,2024-01-08,120000,USD"
)
BAD_ROW = (
    "eng_c2,Gus Lee,engineering,ic,E99,technical-depth,payments,mgr_a,us,2024-01-08,120000,USD"
)
HEADER = "employee_id,name,discipline,track,level,path,team,manager_id,zone,hire_date,base_salary,currency"


def _people(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_upload_with_an_error_names_file_row_and_column_and_writes_nothing(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.post(
        "/api/imports",
        files=[("files", ("people.csv", _people(GOOD_ROW, BAD_ROW), "text/csv"))],
        headers=_auth(tokens["people"]),
    )
    assert response.status_code == 422
    report = response.json()
    assert report["written"] is False
    error = next(e for e in report["errors"] if "E99" in e["message"])
    assert error["location"]["file"] == "people.csv"  # as uploaded, not the server's temp path
    assert error["location"]["row"] == 3
    assert error["location"]["field"] == "level"
    people = client.get("/api/people?q=eng_c", headers=_auth(tokens["people"])).json()
    assert people == []


def test_a_clean_upload_is_written(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post(
        "/api/imports",
        files=[("files", ("people.csv", _people(GOOD_ROW), "text/csv"))],
        headers=_auth(tokens["people"]),
    )
    assert response.status_code == 200, response.text
    people = client.get("/api/people?q=eng_c1", headers=_auth(tokens["people"])).json()
    assert [p["employee_id"] for p in people] == ["eng_c1"]


def test_only_the_people_role_may_import(client: TestClient, tokens: dict[str, str]) -> None:
    for role in ("employee", "manager", "admin"):
        response = client.post(
            "/api/imports",
            files=[("files", ("people.csv", _people(GOOD_ROW), "text/csv"))],
            headers=_auth(tokens[role]),
        )
        assert response.status_code == 403, role


def test_a_file_that_is_not_csv_or_xlsx_is_refused_with_its_name(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.post(
        "/api/imports",
        files=[("files", ("../../etc/people.exe", b"MZ", "application/octet-stream"))],
        headers=_auth(tokens["people"]),
    )
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["location"]["file"] == "people.exe"


def test_the_import_page_shows_the_row_level_message(client: TestClient) -> None:
    log_in(client, "hr")
    page = client.get("/import")
    response = client.post(
        "/import",
        data={"csrf_token": csrf_from(page.text)},
        files=[("files", ("people.csv", _people(GOOD_ROW, BAD_ROW), "text/csv"))],
    )
    assert response.status_code == 422
    assert "nothing was written" in response.text
    assert "E99" in response.text
