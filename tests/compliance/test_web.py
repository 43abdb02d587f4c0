"""The Directive on the web: who may open which page, the justifications register with the
representatives' answers, Article 7 requests from a worker's profile, and the lone woman's
pay in no page, download or API response.

The planted demo (tests/compliance/conftest.py) in a real database, the real app, users
made through the accounts service.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import (
    ENTITY,
    LONE,
    LONE_PAY,
    PLANTED,
    in_category,
    lone_woman,
    planted,
    store,
)

PASSWORD = "correct horse battery staple"
SECRET = "eu-web-secret-" + "x" * 40
YEAR = 2026
REPORT = f"/eu/reports/{ENTITY}/{YEAR}"
ASSESSMENT = f"/eu/assessments/{ENTITY}/{YEAR}"
REGISTER = f"/eu/justifications/{ENTITY}/{YEAR}"


@dataclass(frozen=True)
class Site:
    url: str
    dataset: OrgDataset
    her: str
    """The lone woman of category G8."""
    colleague: str
    """A man in her category."""
    tokens: dict[str, str]


def _postgres_schema(server: str) -> Iterator[str]:
    import psycopg

    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    conninfo = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    demo: OrgDataset,
    framework: Framework,
) -> Iterator[Site]:
    from latticework.services import accounts
    from latticework.storage.engine import dispose_engine
    from latticework.storage.unit_of_work import UnitOfWork

    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('euweb') / 'eu.db'}"])
    else:
        urls = _postgres_schema(request.getfixturevalue("postgres_url"))
    url = next(urls)
    dataset = planted(demo, framework)
    store(url, dataset, framework)
    her = lone_woman(dataset, framework)
    people = dataset.people
    colleague = str(
        people.loc[
            in_category(people, framework, LONE) & (people["gender"] == "male"), "employee_id"
        ].iloc[0]
    )
    users = {
        "people": ("hr", "people", None),
        "representative": ("rep", "representative", None),
        "her": ("her", "employee", her),
        "colleague": ("colleague", "employee", colleague),
        "admin": ("root", "admin", None),
    }
    tokens = {}
    with UnitOfWork(url) as uow:
        for key, (name, role, employee_id) in users.items():
            # The demo database comes with its four log-ins (hr among them): reuse those.
            user = accounts.get_user_by_name(uow, name)
            if user is None:
                user = accounts.create_user(uow, name, PASSWORD, role, employee_id)
            else:
                accounts.set_password(uow, user.id, PASSWORD)
            tokens[key] = accounts.create_api_token(uow, user.id, "tests")[1]
        uow.commit()
    yield Site(url, dataset, her, colleague, tokens)
    dispose_engine(url)
    for _ in urls:  # drops the PostgreSQL schema
        pass


@pytest.fixture
def client(site: Site) -> Iterator[TestClient]:
    from latticework.web.app import create_app
    from latticework.web.settings import WebSettings

    with TestClient(create_app(WebSettings(database_url=site.url, secret_key=SECRET))) as c:
        yield c


def _auth(site: Site, who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[who]}"}


def _signed_in(client: TestClient, username: str) -> str:
    """Log in with the form; returns a CSRF token for the forms that follow."""
    from tests.web.conftest import csrf_from, log_in

    log_in(client, username)
    return csrf_from(client.get("/account").text)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _her_figures() -> list[str]:
    hourly = LONE_PAY / 2080
    return [f"{LONE_PAY:,.0f}", f"{LONE_PAY:.0f}", f"{hourly:,.2f}", repr(hourly)]


READS = [
    "/eu",
    REPORT,
    f"{REPORT}?format=json",
    f"{REPORT}/csv/a",
    ASSESSMENT,
    REGISTER,
    f"/api/eu/reports/{ENTITY}/{YEAR}",
]


def test_reports_are_for_the_people_role_and_the_representatives_only(
    site: Site, client: TestClient
) -> None:
    for who in ("people", "representative", "her", "colleague", "admin"):
        for path in READS:
            status = client.get(path, headers=_auth(site, who)).status_code
            expected = 200 if who in ("people", "representative") else 403
            assert status == expected, (who, path, status)
        for path in ("/eu/requests", "/api/eu/requests"):
            status = client.get(path, headers=_auth(site, who)).status_code
            assert status == (200 if who == "people" else 403), (who, path, status)


def test_a_representative_never_sees_one_persons_pay_or_attributes(
    site: Site, client: TestClient
) -> None:
    auth = _auth(site, "representative")
    home = client.get("/", headers=auth)
    assert home.status_code == 200
    assert 'href="/eu"' in home.text
    for path in (
        f"/api/people/{site.her}",
        f"/api/people/{site.her}/export",
        f"/api/people/{site.her}/information-requests",
        f"/people/{site.her}",
        f"/people/{site.her}/pay-information",
        "/api/people",
        "/audit",
        "/api/audit",
        "/api/access-log",
    ):
        response = client.get(path, headers=auth)
        assert response.status_code == 403, (path, response.status_code)
        assert "base_salary" not in response.text
        assert "gender" not in response.text
    texts = [client.get(p, headers=auth).text for p in READS]
    for text in texts:
        for figure in _her_figures():
            assert figure not in text


def test_the_report_page_offers_every_format_of_the_cli(site: Site, client: TestClient) -> None:
    auth = _auth(site, "representative")
    page = client.get(REPORT, headers=auth).text
    assert "Art. 9(1)(g)" in page
    for fmt in ("html", "md", "pdf", "json", "text"):
        assert f"?format={fmt}" in page
        response = client.get(f"{REPORT}?format={fmt}", headers=auth)
        assert response.status_code == 200, fmt
        assert "attachment" in response.headers["content-disposition"]
    document = client.get(f"{REPORT}?format=json", headers=auth).json()
    assert document["legal_entity"] == ENTITY
    assert document["year"] == YEAR
    assert client.get(f"{REPORT}/csv/z", headers=auth).status_code == 404
    by_value = client.get(f"{REPORT}?categories=value", headers=auth)
    assert "evaluated value band" in by_value.text
    assert "categories=value" in by_value.text  # the downloads keep the choice
    assert "framework grade" in page
    assert client.get(f"{REPORT}?categories=points", headers=auth).status_code == 422
    assert client.get(f"/eu/reports/{ENTITY}/1800", headers=auth).status_code == 422


def test_people_edit_the_register_and_representatives_answer_it(
    site: Site, client: TestClient
) -> None:
    csrf = _signed_in(client, "hr")
    form = {"csrf_token": csrf, "category": PLANTED, "factor": "country",
            "explanation": "Spanish pay follows the Spanish market.", "evidence": "Pay policy 4.2",
            "explained_share": "1.0"}  # fmt: skip
    saved = client.post(REGISTER, data=form, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get(REGISTER).text
    assert "Spanish pay follows the Spanish market." in page
    assert "not yet answered" in page
    # The decomposition explains the planted gap (all of it is country), not a typed number.
    assert "100%" in page
    # People may not answer for the representatives.
    answer = {"csrf_token": csrf, "category": PLANTED, "factor": "country", "agreement": "agreed"}
    assert client.post(f"{REGISTER}/agreement", data=answer).status_code == 403
    bad = client.post(REGISTER, data={**form, "factor": "gender"})
    assert bad.status_code == 422
    assert "not one latticework can measure" in bad.text
    client.post("/logout", data={"csrf_token": csrf})

    csrf = _signed_in(client, "rep")
    assert "Add or edit a justification" not in client.get(REGISTER).text
    assert client.post(REGISTER, data={**form, "csrf_token": csrf}).status_code == 403
    answered = client.post(
        f"{REGISTER}/agreement", data={**answer, "csrf_token": csrf}, follow_redirects=False
    )
    assert answered.status_code == 303
    assert f"agreed by rep on {date.today().isoformat()}" in client.get(REGISTER).text
    assessment = client.get(f"{ASSESSMENT}?format=json").json()
    (row,) = [c for c in assessment["categories"] if c["category"] == PLANTED]
    assert row["justifications"][0]["agreed_by"] == "rep"
    assert row["status"] == "justified"
    client.post("/logout", data={"csrf_token": csrf})

    # A new explanation is not what they agreed to: the answer is cleared.
    csrf = _signed_in(client, "hr")
    client.post(REGISTER, data={**form, "csrf_token": csrf, "explanation": "Market pay."})
    page = client.get(REGISTER).text
    assert "Market pay." in page
    assert "not yet answered" in page
    client.post(REGISTER, data={**form, "csrf_token": csrf})  # restore for other tests


def test_a_worker_requests_their_information_and_reads_the_letter_once_answered(
    site: Site, client: TestClient
) -> None:
    worker = _auth(site, "colleague")
    profile = client.get(f"/people/{site.colleague}", headers=worker).text
    assert f"/people/{site.colleague}/pay-information" in profile
    made = client.post(f"/api/people/{site.colleague}/information-requests", headers=worker)
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["status"] == "open"
    assert request["overdue"] is False
    assert date.fromisoformat(request["due_on"]) > date.fromisoformat(request["received_on"])
    letter = f"/api/people/{site.colleague}/information-requests/{request['id']}/letter"
    waiting = client.get(letter, headers=worker)
    assert waiting.status_code == 422
    assert "not answered yet" in waiting.text
    # Nobody else may ask for someone or read their letters, nor learn the request exists.
    for who in ("her", "representative", "admin"):
        assert (
            client.post(
                f"/api/people/{site.colleague}/information-requests", headers=_auth(site, who)
            ).status_code
            == 403
        )
        assert client.get(letter, headers=_auth(site, who)).status_code == 403
    # The queue: an old request is flagged overdue; the people role answers.
    from latticework.services.eu_information import record_request
    from latticework.storage.unit_of_work import UnitOfWork

    with UnitOfWork(site.url) as uow:
        old = record_request(uow, site.her, date.today() - timedelta(days=90))
        uow.commit()
    queue = client.get("/api/eu/requests", headers=_auth(site, "people")).json()
    overdue = {r["id"]: r["overdue"] for r in queue}
    assert overdue[old.id] is True
    assert overdue[request["id"]] is False
    csrf = _signed_in(client, "hr")
    page = client.get("/eu/requests?overdue=true").text
    assert f'<th scope="row">{old.id}</th>' in page
    assert "overdue" in page
    assert f'<th scope="row">{request["id"]}</th>' not in page
    done = client.post(
        f"/eu/requests/{request['id']}/answer", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert done.status_code == 303
    client.post("/logout", data={"csrf_token": csrf})
    body = client.get(letter, headers=worker).json()
    assert body["employee_id"] == site.colleague
    page = client.get(
        f"/people/{site.colleague}/information-requests/{request['id']}/letter", headers=worker
    )
    assert "answered on" in page.text
    pdf = client.get(
        f"/people/{site.colleague}/information-requests/{request['id']}/letter?format=pdf",
        headers=worker,
    )
    assert pdf.content.startswith(b"%PDF")
    # Another person's request id under this person's address is not theirs.
    assert (
        client.get(
            f"/api/people/{site.colleague}/information-requests/{old.id}/letter", headers=worker
        ).status_code
        == 404
    )


def test_a_lone_womans_pay_is_in_no_web_page_download_or_api_response(
    site: Site, client: TestClient, framework: Framework
) -> None:
    people = site.dataset.people
    colleagues = people.loc[
        in_category(people, framework, LONE) & (people["employee_id"] != site.her), "employee_id"
    ]
    assert len(colleagues) >= 5
    texts: dict[str, str] = {}
    reader = _auth(site, "people")
    for base in (REPORT, ASSESSMENT):
        texts[base] = client.get(base, headers=reader).text
        for fmt in ("html", "md", "json", "text"):
            texts[f"{base}.{fmt}"] = client.get(f"{base}?format={fmt}", headers=reader).text
        texts[f"{base}.pdf"] = _pdf_text(client.get(f"{base}?format=pdf", headers=reader).content)
    for item in "abcdefg":
        texts[f"csv {item}"] = client.get(f"{REPORT}/csv/{item}", headers=reader).text
    texts["api report"] = client.get(f"/api/eu/reports/{ENTITY}/{YEAR}", headers=reader).text
    texts["register"] = client.get(REGISTER, headers=reader).text
    from latticework.services import accounts
    from latticework.services.eu_information import answer, record_request
    from latticework.storage.unit_of_work import UnitOfWork

    with UnitOfWork(site.url) as uow:
        asked = []
        for employee_id in colleagues.head(6):
            stored = record_request(uow, str(employee_id), date.today())
            answer(uow, stored.id, "hr", date.today())
            name = f"w{stored.id}"
            user = accounts.create_user(uow, name, PASSWORD, "employee", str(employee_id))
            token = accounts.create_api_token(uow, user.id, "t")[1]
            asked.append((str(employee_id), stored.id, token))
        uow.commit()
    for employee_id, request_id, token in asked:
        auth = {"Authorization": f"Bearer {token}"}
        page = f"/people/{employee_id}/information-requests/{request_id}/letter"
        texts[f"{employee_id} page"] = client.get(page, headers=auth).text
        texts[f"{employee_id} html"] = client.get(f"{page}?format=html", headers=auth).text
        texts[f"{employee_id} json"] = client.get(f"{page}?format=json", headers=auth).text
        texts[f"{employee_id} pdf"] = _pdf_text(
            client.get(f"{page}?format=pdf", headers=auth).content
        )
        texts[f"{employee_id} api"] = client.get("/api" + page, headers=auth).text
        texts[f"{employee_id} list"] = client.get(
            f"/api/people/{employee_id}/information-requests", headers=auth
        ).text
    assert all(texts.values())
    for name, text in texts.items():
        for figure in _her_figures():
            assert figure not in text, (name, figure)
    withheld = json.loads(texts[f"{asked[0][0]} api"])
    assert withheld["averages"] is None
    assert "Article 12(3)" in withheld["withheld"]
    # Her own letter, to her, shows her own pay.
    with UnitOfWork(site.url) as uow:
        own = record_request(uow, site.her, date.today())
        answer(uow, own.id, "hr", date.today())
        uow.commit()
    mine = client.get(
        f"/api/people/{site.her}/information-requests/{own.id}/letter", headers=_auth(site, "her")
    ).json()
    assert mine["own"]["basic_annual"] == LONE_PAY
    assert mine["averages"] is None


def test_an_admin_creates_a_representative(site: Site, client: TestClient) -> None:
    csrf = _signed_in(client, "root")
    page = client.get("/users").text
    assert '<option value="representative"' in page
    made = client.post(
        "/users",
        data={"csrf_token": csrf, "username": "works-council", "password": PASSWORD,
              "role": "representative", "employee_id": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert made.status_code == 303, made.text
    users = client.get("/api/users", headers=_auth(site, "admin")).json()
    assert {"username": "works-council", "role": "representative"}.items() <= next(
        u for u in users if u["username"] == "works-council"
    ).items()


def test_the_letter_is_kept_as_answered_not_recomputed(site: Site, client: TestClient) -> None:
    import sqlalchemy as sa

    from latticework.services.eu_information import answer, record_request
    from latticework.storage.engine import engine_for
    from latticework.storage.unit_of_work import UnitOfWork

    worker = _auth(site, "colleague")
    with UnitOfWork(site.url) as uow:
        sent = record_request(uow, site.colleague, date.today())
        answer(uow, sent.id, "hr", date.today())
        uow.commit()
    path = f"/api/people/{site.colleague}/information-requests/{sent.id}/letter"
    before = client.get(path, headers=worker).json()["own"]["basic_annual"]
    people = sa.table(
        "people", sa.column("employee_id"), sa.column("base_salary"), sa.column("base_annual_fte")
    )
    engine = engine_for(site.url)

    def set_base(factor: float) -> None:
        with engine.begin() as connection:
            connection.execute(
                sa.update(people)
                .where(people.c.employee_id == site.colleague)
                .values(
                    base_salary=people.c.base_salary * factor,
                    base_annual_fte=people.c.base_annual_fte * factor,
                )
            )

    set_base(1.5)  # a later import raised their pay
    try:
        with UnitOfWork(site.url) as uow:
            fresh = record_request(uow, site.colleague, date.today())
            uow.commit()
        now = client.get(
            f"/api/people/{site.colleague}/information-requests/{fresh.id}/letter",
            headers=_auth(site, "people"),
        ).json()["own"]["basic_annual"]
        assert now > before
        assert client.get(path, headers=worker).json()["own"]["basic_annual"] == before
        page = client.get(path.removeprefix("/api"), headers=worker).text
        assert "answered on" in page
    finally:
        set_base(1 / 1.5)
