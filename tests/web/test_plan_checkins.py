"""Development plans editable with check-ins: status, due date, a note and the day, each kept
as the item's history; who may check in is who may see the person."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.web.conftest import Org, csrf_from, log_in


def _save_plan(client: TestClient) -> str:
    page = client.get("/people/eng_a1/plan")
    saved = client.post("/people/eng_a1/plan", data={"csrf_token": csrf_from(page.text)})
    assert saved.status_code == 200, saved.text
    assert "Save check-in for item 1" in saved.text
    return saved.text


def _check_in(client: TestClient, item: int, **values: str) -> object:
    page = client.get("/people/eng_a1/plan")
    return client.post(
        f"/people/eng_a1/plan/items/{item}/checkins",
        data={"csrf_token": csrf_from(page.text), **values},
    )


def _history(page: str, item: int) -> list[list[str]]:
    table = page.split(f"<caption>History of item {item}</caption>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>(.*?)</tr>", table, re.S)
    return [[re.sub(r"<[^>]+>", "", c) for c in ("<td>" + r).split("</td>")[:-1]] for r in rows]


def test_check_ins_change_the_item_and_keep_their_history(client: TestClient) -> None:
    log_in(client, "chen")
    _save_plan(client)
    first = _check_in(
        client, 1, status="in_progress", due_date="2027-03-31", checked_on="2026-11-02",
        note="Shadowing the design review.",
    )  # fmt: skip
    assert first.status_code == 200  # type: ignore[attr-defined]
    assert "Check-in saved." in first.text  # type: ignore[attr-defined]
    _check_in(client, 1, status="done", due_date="2027-03-31", note="Led the review.")
    page = client.get("/people/eng_a1/plan").text
    history = _history(page, 1)
    assert [row[1] for row in history] == ["Done", "In progress"]  # newest first
    assert history[1][0] == "2026-11-02"
    assert history[1][3] == "Shadowing the design review."
    assert history[0][4] == "chen"
    assert "due 2027-03-31" in page
    assert "in_progress" not in re.sub(r'value="[^"]*"', "", page)  # statuses in words


def test_a_manager_checks_in_for_a_report_and_a_colleague_may_not(client: TestClient) -> None:
    log_in(client, "chen")
    _save_plan(client)
    client.cookies.clear()
    log_in(client, "ali")
    assert _check_in(client, 1, status="in_progress").status_code == 200  # type: ignore[attr-defined]
    client.cookies.clear()
    log_in(client, "eli")
    page = client.get("/people/eng_b1/plan")  # their own page, for a CSRF token
    refused = client.post(
        "/people/eng_a1/plan/items/1/checkins",
        data={"csrf_token": csrf_from(page.text), "status": "done"},
    )
    assert refused.status_code == 403


def test_a_bad_check_in_says_which_field_to_fix(client: TestClient) -> None:
    log_in(client, "chen")
    _save_plan(client)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = _check_in(client, 1, status="done", checked_on=tomorrow)
    assert future.status_code == 422  # type: ignore[attr-defined]
    assert "cannot be in the future" in future.text  # type: ignore[attr-defined]
    unknown = _check_in(client, 1, status="finished")
    assert "Choose the item&#39;s status" in unknown.text  # type: ignore[attr-defined]
    bad_date = _check_in(client, 1, status="done", due_date="31/03/2027")
    assert "is not a date" in bad_date.text  # type: ignore[attr-defined]
    missing = _check_in(client, 99, status="done")
    assert "no item 99" in missing.text  # type: ignore[attr-defined]
    assert "No check-ins yet." in client.get("/people/eng_a1/plan").text


def test_without_a_stored_plan_there_is_nothing_to_check_in_on(client: TestClient) -> None:
    log_in(client, "chen")
    response = _check_in(client, 1, status="done")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "no stored development plan" in response.text  # type: ignore[attr-defined]


def test_check_ins_are_exported_and_erased_with_the_person(client: TestClient, org: Org) -> None:
    from latticework.services import accounts, privacy
    from latticework.storage import UnitOfWork

    log_in(client, "chen")
    _save_plan(client)
    _check_in(client, 1, status="in_progress", note="Started")
    with UnitOfWork(org.url) as uow:
        hr = accounts.get_user_by_name(uow, "hr")
        assert hr is not None
        exported = privacy.export_person(uow, hr, "eng_a1")
        assert [c["note"] for c in exported["tables"]["plan_checkins"]] == ["Started"]  # type: ignore[index]
        privacy.erase_person(uow, hr, "eng_a1")
        uow.commit()
    with UnitOfWork(org.url) as uow:
        assert uow.plans.checkins(1) == []
