"""The committee page of a promotion cycle: nominate, calibrate and decide through the forms,
the parity panel, and who may do what (services.access.committee_access)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Org, csrf_from, log_in

CYCLES_CSV = (
    "cycle_id,name,opens_on,closes_on\n2026-H1,Promotion cycle 2026-H1,2026-01-01,2026-06-30\n"
)


def add_cycle(org: Org, folder: Path) -> None:
    """The cycle goes in through the real import, as the People team would add it."""
    from latticework.services.data import import_organisation

    path = folder / "promotion_cycles.csv"
    path.write_text(CYCLES_CSV, encoding="utf-8")
    report = import_organisation(org.url, [path])
    assert report.ok, report.errors


@pytest.fixture
def cycle(org: Org, tmp_path: Path) -> str:
    add_cycle(org, tmp_path)
    return "2026-H1"


def _nominate(client: TestClient, employee_id: str, target: str) -> object:
    form = client.get(f"/promotions/2026-H1/nominate?employee_id={employee_id}")
    assert form.status_code == 200, form.text
    return client.post(
        "/promotions/2026-H1/nominations",
        data={"csrf_token": csrf_from(form.text), "employee_id": employee_id, "target": target},
        follow_redirects=False,
    )


def _post(client: TestClient, path: str, data: dict[str, str]) -> object:
    page = client.get("/promotions/2026-H1/people/eng_a1")
    return client.post(path, data={"csrf_token": csrf_from(page.text), **data})


def test_nominate_calibrate_and_decide_show_side_by_side(client: TestClient, cycle: str) -> None:
    log_in(client, "hr")
    form = client.get("/promotions/2026-H1/nominate?employee_id=eng_a1")
    # The legal moves are offered, and a lower level is not among them.
    assert "E7" in form.text
    assert 'value="E5' not in form.text
    response = _nominate(client, "eng_a1", "E7|technical-depth")
    assert response.status_code == 303  # type: ignore[attr-defined]
    saved = _post(
        client,
        "/promotions/2026-H1/people/eng_a1/calibration",
        {"pre_rating": "4", "post_rating": "3", "potential": "high", "note": "Scope was one team"},
    )
    assert "Calibration saved" in saved.text  # type: ignore[attr-defined]
    decided = _post(
        client,
        "/promotions/2026-H1/people/eng_a1/decision",
        {"outcome": "deferred", "reason": "A second cycle of evidence at the next scope."},
    )
    assert decided.status_code == 200  # type: ignore[attr-defined]
    page = client.get("/promotions/2026-H1").text
    row = re.search(r"<tr>\s*<th scope=\"row\"><a[^>]*eng_a1.*?</tr>", page, re.S)
    assert row, page
    text = re.sub(r"<[^>]+>", " ", row.group(0))
    assert "Chen Li" in text
    assert "Promotion to" in text
    assert "% of expectations met" in text
    assert re.search(r"\b4\s+3\b", text), text
    assert "High" in text
    assert "Deferred" in text
    assert "second cycle of evidence" in text


def test_the_people_role_sees_parity_by_gender_and_small_groups_show_no_numbers(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "hr")
    _nominate(client, "eng_a1", "E7|technical-depth")
    page = client.get("/promotions/2026-H1").text
    parity = page.split('id="parity-h"')[1]
    for title in ("By track", "By path", "By gender", "By ethnicity"):
        assert f"<caption>{title}</caption>" in parity
    # One person in the cycle: every group is below the minimum of 5.
    assert "Fewer than 5 people: not shown" in parity
    assert '<td class="num">1</td>' not in parity
    # Nor a total that, beside the groups' labels, would tell the one person's group.
    assert "1 person calibrated or nominated" not in parity


def test_a_manager_nominates_a_report_but_sees_no_protected_attributes(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "ali")
    assert _nominate(client, "eng_a1", "E7|technical-depth").status_code == 303  # type: ignore[attr-defined]
    page = client.get("/promotions/2026-H1")
    assert page.status_code == 200
    assert "Chen Li" in page.text
    assert "By gender" not in page.text
    assert "By ethnicity" not in page.text
    assert "By track" in page.text
    candidate = client.get("/promotions/2026-H1/people/eng_a1").text
    assert "Save calibration" not in candidate
    assert "Record the decision" not in candidate


def test_a_manager_may_not_nominate_outside_their_chain_nor_themselves_nor_decide(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "ali")
    assert client.get("/promotions/2026-H1/nominate?employee_id=eng_b1").status_code == 403
    assert client.get("/promotions/2026-H1/nominate?employee_id=mgr_a").status_code == 403
    assert client.get("/promotions/2026-H1/people/eng_b1").status_code == 403
    page = client.get("/promotions/2026-H1")
    for action in ("calibration", "decision"):
        response = client.post(
            f"/promotions/2026-H1/people/eng_a1/{action}",
            data={"csrf_token": csrf_from(page.text), "outcome": "approved", "reason": "x"},
        )
        assert response.status_code == 403, action


@pytest.mark.parametrize("username", ["chen", "root"])
def test_employees_and_admins_have_no_committee(
    client: TestClient, cycle: str, username: str
) -> None:
    log_in(client, username)
    assert client.get("/promotions").status_code == 403
    assert client.get("/promotions/2026-H1").status_code == 403
    assert "/promotions" not in client.get("/").text


def test_a_manager_sees_only_their_chain_on_the_committee_page(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "hr")
    _nominate(client, "eng_b1", "E6|technical-depth")
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    log_in(client, "ali")
    assert "Eli Stone" not in client.get("/promotions/2026-H1").text


def test_a_move_that_is_not_legal_is_refused_with_the_moves_to_choose_from(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "hr")
    response = _nominate(client, "eng_a1", "E5|technical-depth")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Choose the move to nominate for" in response.text  # type: ignore[attr-defined]
    assert 'type="radio"' in response.text  # type: ignore[attr-defined]


def test_a_decision_needs_a_nomination_and_a_reason(client: TestClient, cycle: str) -> None:
    log_in(client, "hr")
    refused = _post(
        client,
        "/promotions/2026-H1/people/eng_a1/decision",
        {"outcome": "approved", "reason": "Good"},
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "not nominated in this cycle" in refused.text  # type: ignore[attr-defined]
    _nominate(client, "eng_a1", "E7|technical-depth")
    blank = _post(
        client, "/promotions/2026-H1/people/eng_a1/decision", {"outcome": "approved", "reason": " "}
    )
    assert blank.status_code == 422  # type: ignore[attr-defined]
    assert "A decision needs its reason" in blank.text  # type: ignore[attr-defined]


def test_a_rating_moved_in_calibration_needs_a_note(client: TestClient, cycle: str) -> None:
    log_in(client, "hr")
    response = _post(
        client,
        "/promotions/2026-H1/people/eng_a1/calibration",
        {"pre_rating": "4", "post_rating": "2", "potential": "medium"},
    )
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "needs a note" in response.text  # type: ignore[attr-defined]
    off_scale = _post(
        client,
        "/promotions/2026-H1/people/eng_a1/calibration",
        {"pre_rating": "9", "post_rating": "9"},
    )
    assert "not on the rating scale" in off_scale.text  # type: ignore[attr-defined]


def test_an_unknown_cycle_is_not_found(client: TestClient, cycle: str) -> None:
    log_in(client, "hr")
    assert client.get("/promotions/1999-H1").status_code == 404
    assert "Promotion cycle 2026-H1" in client.get("/promotions").text


def test_the_candidate_reads_the_decision_and_its_reason_on_their_profile(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "hr")
    _nominate(client, "eng_a1", "E7|technical-depth")
    _post(
        client,
        "/promotions/2026-H1/people/eng_a1/calibration",
        {"pre_rating": "4", "post_rating": "4", "potential": "low"},
    )
    _post(
        client,
        "/promotions/2026-H1/people/eng_a1/decision",
        {"outcome": "declined", "reason": "Scope shown in one team so far."},
    )
    client.cookies.clear()
    log_in(client, "chen")
    profile = client.get("/people/eng_a1").text
    section = profile.split("<h2>Promotion nominations</h2>")[1].split("</table>")[0]
    assert "Promotion cycle 2026-H1" in section
    assert "Declined" in section
    assert "Scope shown in one team so far." in section
    # The calibration (ratings and potential) stays with the committee.
    assert "Low" not in section
    assert "/promotions/" not in section


def test_the_nomination_form_says_how_long_the_person_has_been_in_level(
    client: TestClient, cycle: str
) -> None:
    log_in(client, "hr")
    # Chen Li has been E6 since 2023-01-01: 41 months by the close on 2026-06-30.
    form = client.get("/promotions/2026-H1/nominate?employee_id=eng_a1").text
    assert "41 months in level by the cycle's close (2026-06-30); the cycle asks for 12." in form


def test_a_profile_offers_the_committee_a_way_to_nominate(client: TestClient, cycle: str) -> None:
    log_in(client, "ali")
    assert "Nominate in Promotion cycle 2026-H1" in client.get("/people/eng_a1").text
    assert "Nominate in" not in client.get("/people/mgr_a").text  # not themselves
    client.cookies.clear()
    log_in(client, "chen")
    assert "Nominate in" not in client.get("/people/eng_a1").text
