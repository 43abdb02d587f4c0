"""EU Pay Transparency Directive pages: the Article 9 report, the Article 10 joint assessment
and its justifications register (people and representative roles), the Article 7 request
queue (people) and a worker's own information requests and letters.

Every page reuses the `services.eu_*` functions the `latticework eu` commands call, so the
web and the CLI give the same figures; reports render through `_document.html`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from latticework.accounts.model import Role, User
from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.compliance.article9 import Article9Report
from latticework.errors import LatticeworkError, Location, Problem
from latticework.reports.document import Document
from latticework.services.access import PAY_TRANSPARENCY_READERS
from latticework.web.deps import UowDep, UserDep
from latticework.web.documents import DocumentFormat, attachment, download
from latticework.web.forms import optional_date
from latticework.web.guards import SELF_OR_HR, RequireRole
from latticework.web.rendering import render

router = APIRouter(include_in_schema=False)

READERS = RequireRole(*PAY_TRANSPARENCY_READERS, what="see the pay transparency reports")
"""The aggregate reports of the Directive: the people role and the workers' representatives."""
PEOPLE = RequireRole(Role.PEOPLE, what="manage the pay transparency registers")
REPRESENTATIVE = RequireRole(Role.REPRESENTATIVE, what="answer for the workers' representatives")


class ReportFormat(StrEnum):
    """The formats of `latticework eu report` (CSV per item has its own route)."""

    HTML = "html"
    MD = "md"
    PDF = "pdf"
    JSON = "json"
    TEXT = "text"


class LetterFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


def _year(value: str, field: str = "year") -> int:
    try:
        year = int(value)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise LatticeworkError(
            Problem(
                f"'{value}' is not a reference year.",
                Location(field=field),
                "Give a year such as 2026.",
                "eu-year",
            )
        )
    return year


def _export(
    doc: Document, fmt: ReportFormat, filename: str, as_json: str, as_text: str
) -> Response:
    if fmt is ReportFormat.JSON:
        return Response(
            as_json, media_type="application/json", headers=attachment(f"{filename}.json")
        )
    if fmt is ReportFormat.TEXT:
        return PlainTextResponse(as_text, headers=attachment(f"{filename}.txt"))
    return download(doc, DocumentFormat(fmt.value), filename)


def _log(uow: UowDep, user: User, action: str) -> None:
    from latticework.services.eu_information import log_aggregate

    log_aggregate(uow, user.username, action)


@router.get("/eu", dependencies=[READERS], response_class=HTMLResponse)
def eu_index(request: Request, user: UserDep, uow: UowDep) -> Response:
    entities = uow.eu.legal_entities()
    context = {"entities": entities, "year": date.today().year}
    return render(request, "eu_index.html", context)


@router.get("/eu/reports/{entity}/{year}", dependencies=[READERS], response_model=None)
def report_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    entity: str,
    year: str,
    format: ReportFormat | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    categories: str = "grade",
) -> Response:
    from latticework.reports.eu_report import render_report, report_document, report_json

    report = _report(uow, entity, year, min_group, categories)
    _log(uow, user, f"eu-report:{entity}:{year}")
    doc = report_document(report)
    if format is not None:
        text = render_report(report, "text") if format is ReportFormat.TEXT else ""
        return _export(doc, format, f"article9-{entity}-{year}", report_json(report), str(text))
    items = [i.item for i in report.indicators]
    return render(
        request,
        "eu_document.html",
        {
            "doc": doc,
            "formats": list(ReportFormat),
            "csv_items": items,
            "entity": entity,
            "year": year,
            "categories": report_categories(categories),
        },
    )


def report_categories(text: str) -> str:
    """The `categories` option as the report's links carry it on."""
    from latticework.audit.categories import category_basis

    return category_basis(text).value


def _report(uow: UowDep, entity: str, year: str, min_group: int, categories: str) -> Article9Report:
    from latticework.audit.categories import category_basis
    from latticework.services.eu_reports import article9

    basis = category_basis(categories)
    return article9(
        uow, legal_entity=entity, year=_year(year), min_group=min_group, categories=basis
    )


@router.get("/eu/reports/{entity}/{year}/csv/{item}", dependencies=[READERS], response_model=None)
def report_csv(
    user: UserDep,
    uow: UowDep,
    entity: str,
    year: str,
    item: str,
    min_group: int = DEFAULT_MIN_GROUP,
    categories: str = "grade",
) -> Response:
    from latticework.reports.eu_report import csv_file_name, indicator_csv
    from latticework.services.access import not_found

    report = _report(uow, entity, year, min_group, categories)
    found = [i for i in report.indicators if i.item == item]
    if not found:
        raise not_found("Art. 9(1) item", item)
    _log(uow, user, f"eu-report:{entity}:{year}")
    return Response(
        indicator_csv(found[0]),
        media_type="text/csv; charset=utf-8",
        headers=attachment(csv_file_name(found[0])),
    )


@router.get("/eu/assessments/{entity}/{year}", dependencies=[READERS], response_model=None)
def assessment_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    entity: str,
    year: str,
    format: ReportFormat | None = None,
    as_of: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Response:
    import json

    from latticework.reports.eu_assessment import (
        assessment_dict,
        assessment_document,
        render_assessment,
    )
    from latticework.services.eu_assessment import assess

    result = assess(
        uow,
        legal_entity=entity,
        year=_year(year),
        as_of=optional_date(as_of, "as_of") or date.today(),
        min_group=min_group,
    )
    _log(uow, user, f"eu-assess:{entity}:{year}")
    doc = assessment_document(result)
    if format is not None:
        as_json = json.dumps(assessment_dict(result), indent=2, ensure_ascii=False)
        text = render_assessment(result, "text") if format is ReportFormat.TEXT else ""
        return _export(doc, format, f"article10-{entity}-{year}", as_json, str(text))
    return render(
        request,
        "eu_document.html",
        {
            "doc": doc,
            "formats": list(ReportFormat),
            "csv_items": [],
            "entity": entity,
            "year": year,
            "register_url": f"/eu/justifications/{entity}/{year}",
        },
    )


def _register_context(
    uow: UowDep, user: User, entity: str, year: int, problems: list[Problem] | None = None
) -> dict[str, object]:
    from latticework.compliance.decomposition import FACTORS
    from latticework.services.eu_assessment import assess, categories_of

    result = assess(uow, legal_entity=entity, year=year, as_of=date.today())
    _log(uow, user, f"eu-justifications:{entity}:{year}")
    rows = [
        {
            "category": c.category,
            "justification": j,
            "factor_meaning": FACTORS.get(j.factor, ""),
            # Measured by the decomposition on the data, never typed in.
            "explained_share": None if c.decomposition is None else c.decomposition.explained_share,
            "unexplained_gap": None if c.decomposition is None else c.decomposition.unexplained_gap,
            "gap": None if c.suppressed else c.current_gap,
            "status": c.status,
        }
        for c in result.categories
        for j in c.justifications
    ]
    return {
        "entity": entity,
        "year": year,
        "rows": rows,
        "categories": categories_of(uow, entity),
        "factors": FACTORS,
        "can_edit": user.role is Role.PEOPLE,
        "can_agree": user.role is Role.REPRESENTATIVE,
        "problems": problems or [],
    }


@router.get("/eu/justifications/{entity}/{year}", dependencies=[READERS], response_model=None)
def justifications_page(
    request: Request, user: UserDep, uow: UowDep, entity: str, year: str
) -> Response:
    return render(
        request, "eu_justifications.html", _register_context(uow, user, entity, _year(year))
    )


@router.post("/eu/justifications/{entity}/{year}", dependencies=[PEOPLE], response_model=None)
def save_justification_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    entity: str,
    year: str,
    category: Annotated[str, Form()],
    factor: Annotated[str, Form()],
    explanation: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
) -> Response:
    from latticework.services.eu_assessment import save_justification

    reference = _year(year)
    try:
        save_justification(
            uow,
            legal_entity=entity,
            year=reference,
            category=category,
            factor=factor,
            explanation=explanation,
            evidence=evidence,
        )
    except LatticeworkError as exc:
        context = _register_context(uow, user, entity, reference, exc.problems)
        return render(request, "eu_justifications.html", context, status_code=422)
    return RedirectResponse(f"/eu/justifications/{entity}/{reference}", status_code=303)


@router.post(
    "/eu/justifications/{entity}/{year}/agreement",
    dependencies=[REPRESENTATIVE],
    response_model=None,
)
def agreement_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    entity: str,
    year: str,
    category: Annotated[str, Form()],
    factor: Annotated[str, Form()],
    agreement: Annotated[str, Form()],
) -> Response:
    from latticework.services.eu_assessment import record_agreement

    reference = _year(year)
    try:
        record_agreement(
            uow,
            legal_entity=entity,
            year=reference,
            category=category,
            factor=factor,
            agreement=agreement,
            by=user.username,
            on=date.today(),
        )
    except LatticeworkError as exc:
        context = _register_context(uow, user, entity, reference, exc.problems)
        return render(request, "eu_justifications.html", context, status_code=422)
    return RedirectResponse(f"/eu/justifications/{entity}/{reference}", status_code=303)


@router.get("/eu/requests", dependencies=[PEOPLE], response_class=HTMLResponse)
def requests_page(request: Request, user: UserDep, uow: UowDep, overdue: bool = False) -> Response:
    from latticework.services.eu_information import register

    entries = register(uow, date.today())
    if overdue:
        entries = [e for e in entries if e.overdue]
    context = {
        "entries": entries,
        "overdue_only": overdue,
        "overdue_count": sum(e.overdue for e in entries),
    }
    return render(request, "eu_requests.html", context)


@router.post("/eu/requests/{request_id}/answer", dependencies=[PEOPLE], response_model=None)
def answer_page(user: UserDep, uow: UowDep, request_id: int) -> Response:
    from latticework.services.eu_information import answer

    answer(uow, request_id, user.username, date.today())
    return RedirectResponse("/eu/requests", status_code=303)


@router.get(
    "/people/{employee_id}/pay-information", dependencies=[SELF_OR_HR], response_class=HTMLResponse
)
def pay_information_page(
    request: Request, user: UserDep, uow: UowDep, employee_id: str
) -> Response:
    from latticework.services.eu_information import requests_of

    context = {"employee_id": employee_id, "entries": requests_of(uow, employee_id, date.today())}
    return render(request, "eu_pay_information.html", context)


@router.post(
    "/people/{employee_id}/information-requests", dependencies=[SELF_OR_HR], response_model=None
)
def request_information_page(user: UserDep, uow: UowDep, employee_id: str) -> Response:
    from latticework.services.eu_information import record_request

    record_request(uow, employee_id, date.today())
    return RedirectResponse(f"/people/{employee_id}/pay-information", status_code=303)


@router.get(
    "/people/{employee_id}/information-requests/{request_id}/letter",
    dependencies=[SELF_OR_HR],
    response_model=None,
)
def letter_page(
    request: Request,
    user: UserDep,
    uow: UowDep,
    employee_id: str,
    request_id: int,
    format: LetterFormat | None = None,
) -> Response:
    import json

    from latticework.reports.eu_letters import letter_dict, letter_document
    from latticework.services.eu_information import letter_for_request

    letter, stored = letter_for_request(uow, user, employee_id, request_id)
    doc = letter_document(letter, stored.answered_on)
    name = f"pay-information-{employee_id}-{request_id}"
    if format is LetterFormat.JSON:
        body = json.dumps(letter_dict(letter), indent=2, ensure_ascii=False)
        return Response(body, media_type="application/json", headers=attachment(f"{name}.json"))
    if format is not None:
        return download(doc, DocumentFormat(format.value), name)
    return render(
        request,
        "eu_document.html",
        {
            "doc": doc,
            "formats": list(LetterFormat),
            "csv_items": [],
            "back_url": f"/people/{employee_id}/pay-information",
        },
    )
