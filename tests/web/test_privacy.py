"""GDPR: a person's data exported (self or HR) and erased (HR only)."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.web.conftest import Org, csrf_from, log_in


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_person_can_export_their_own_data_and_nobody_elses(
    client: TestClient, tokens: dict[str, str]
) -> None:
    own = client.get("/api/people/eng_a1/export", headers=_auth(tokens["employee"]))
    assert own.status_code == 200
    tables = own.json()["tables"]
    assert tables["people"][0]["base_salary"] == 160000
    assert [i["impact_id"] for i in tables["impact"]] == ["i1"]
    assert tables["accounts"][0]["username"] == "chen"
    assert "password_hash" not in own.text
    for role in ("manager", "colleague", "admin"):
        response = client.get("/api/people/eng_a1/export", headers=_auth(tokens[role]))
        assert response.status_code == 403, role


def test_erasure_removes_the_person_and_moves_their_reports_up(
    client: TestClient, tokens: dict[str, str], org: Org
) -> None:
    assert client.delete("/api/people/mgr_a", headers=_auth(tokens["manager"])).status_code == 403
    response = client.delete("/api/people/mgr_a", headers=_auth(tokens["people"]))
    assert response.json() == {"erased": "mgr_a", "reports_moved_up": 2}
    engine = sa.create_engine(org.url)
    with engine.connect() as conn:
        gone = conn.execute(sa.text("SELECT count(*) FROM people WHERE employee_id='mgr_a'"))
        managers = conn.execute(
            sa.text("SELECT manager_id FROM people WHERE employee_id IN ('eng_a1','eng_a2')")
        )
        named = conn.execute(
            sa.text("SELECT count(*) FROM access_log WHERE subject_employee_id='mgr_a'")
        )
        logged = conn.execute(
            sa.text("SELECT action FROM access_log WHERE subject_employee_id LIKE 'erased-%'")
        )
        account = conn.execute(sa.text("SELECT count(*) FROM users WHERE username='ali'"))
        assert gone.scalar() == 0
        assert {m for (m,) in managers} == {"vp"}
        # The erasure stays in the log, under a pseudonym: the id is gone from it too.
        assert named.scalar() == 0
        assert "person.erase" in [a for (a,) in logged]
        assert account.scalar() == 0
    engine.dispose()


def test_the_erase_form_needs_the_id_typed_to_confirm(client: TestClient) -> None:
    log_in(client, "hr")
    page = client.get("/people/eng_b1")
    token = csrf_from(page.text)
    refused = client.post("/people/eng_b1/erase", data={"csrf_token": token, "confirm": "yes"})
    assert refused.status_code == 422
    assert client.get("/people/eng_b1").status_code == 200
    done = client.post("/people/eng_b1/erase", data={"csrf_token": token, "confirm": "eng_b1"})
    assert "eng_b1 was erased." in done.text
    assert client.get("/people/eng_b1").status_code == 404
