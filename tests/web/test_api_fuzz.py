"""The JSON API fuzzed from its own OpenAPI document (schemathesis), as the people role and as
an employee: whatever is sent, the answer is never a 5xx.

Bounded: a few generated requests per operation and role (LATTICEWORK_FUZZ_EXAMPLES,
default 6), against one copy of the test organisation per role, so the whole run stays
well under a minute. Every 5xx is collected with a curl line to replay it, not only the
first.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.web.conftest import ROLE_USERS, SECRET  # noqa: E402

EXAMPLES = int(os.environ.get("LATTICEWORK_FUZZ_EXAMPLES", "6"))


@pytest.fixture(params=["people", "employee"])
def role_app(
    request: pytest.FixtureRequest, template_db: Path, tmp_path: Path
) -> tuple[object, str]:
    from latticework.services import accounts
    from latticework.storage.unit_of_work import UnitOfWork
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    path = tmp_path / "fuzz.db"
    shutil.copyfile(template_db, path)
    url = f"sqlite:///{path}"
    username = ROLE_USERS[request.param][0]
    with UnitOfWork(url) as uow:
        user = accounts.get_user_by_name(uow, username)
        assert user is not None
        _, token = accounts.create_api_token(uow, user.id, "fuzz")
        uow.commit()
    return create_app(WebSettings(database_url=url, secret_key=SECRET)), token


def test_no_request_to_the_api_gets_a_server_error(role_app: tuple[object, str]) -> None:
    app, token = role_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    auth = {"Authorization": f"Bearer {token}"}
    errors: list[str] = []
    sent = 0
    for result in schema.get_all_operations():
        strategy = result.ok().as_strategy()

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same requests on every run: CI reproduces what it finds
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            nonlocal sent
            sent += 1
            try:  # the test client raises what the server would answer with a 500
                # A PDF of the audit takes seconds on a busy machine: not a hang.
                status = case.call(headers=auth, timeout=120).status_code
            except Exception as exc:
                status, what = 500, f"{type(exc).__name__}: {exc}"
            else:
                what = str(status)
            if status >= 500:
                errors.append(f"{what}\n  {case.as_curl_command(headers=auth)}")

        call()
    print(f"API fuzz: {sent} requests, {len(errors)} server errors")  # shown with -s
    assert sent >= EXAMPLES * 10, sent  # the document has dozens of operations
    assert errors == [], "\n".join(errors[:20])


@pytest.mark.parametrize("day", ["0597-03-03", "2656-04-10"])
def test_an_audit_date_pandas_cannot_hold_is_a_problem_not_a_500(
    client: object, tokens: dict[str, str], day: str
) -> None:
    """What the fuzz run found: `as_of` outside 1677-2262 crashed the audit. Asking for a run
    on such a date is refused before it is queued."""
    auth = {"Authorization": f"Bearer {tokens['people']}"}
    response = client.post("/api/audit", params={"as_of": day}, headers=auth)  # type: ignore[attr-defined]
    assert response.status_code == 422, response.text
    assert response.json()["problems"][0]["code"] == "date-out-of-range"


def test_an_id_beyond_the_databases_integers_is_not_found(
    client: object, tokens: dict[str, str]
) -> None:
    """What the fuzz run found next: a 40-digit job id overflowed SQLite's INTEGER."""
    auth = {"Authorization": f"Bearer {tokens['people']}"}
    response = client.get(f"/api/audit/jobs/{10**40}", headers=auth)  # type: ignore[attr-defined]
    assert response.status_code == 404, response.text
