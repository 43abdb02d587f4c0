"""Article 7: a worker's information letter, the request register and the annual notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.errors import LatticeworkError, Problem
from latticework.services.eu_common import employer_pay

if TYPE_CHECKING:
    from latticework.accounts.model import User
    from latticework.compliance.article7 import InformationLetter
    from latticework.storage import StoredRequest, UnitOfWork


def _entity(uow: UnitOfWork, employee_id: str) -> str:

    if not uow.eu.person_exists(employee_id):
        raise LatticeworkError(
            Problem(
                f"No person {employee_id} is stored.",
                fix="Use an employee_id of the imported people.",
                code="eu-employee",
            )
        )
    entity = uow.eu.entity_of(employee_id)
    if entity is None:
        raise LatticeworkError(
            Problem(
                f"{employee_id} has no legal_entity, so the category of workers to compare "
                "with is unknown.",
                fix="Import people.csv with the legal_entity column filled in.",
                code="eu-employee",
            )
        )
    return entity


def information_letter_for(
    uow: UnitOfWork, employee_id: str, *, min_group: int = DEFAULT_MIN_GROUP
) -> InformationLetter:
    """The Article 7 letter for one worker (reads pay: callers log the access)."""
    from latticework.compliance.article7 import information_letter

    entity = _entity(uow, employee_id)
    employer = employer_pay(uow, entity)
    people = uow.organisation.table(
        "people",
        columns=["employee_id", "level", "zone"],
        only=("employee_id", [employee_id]),
    )
    return information_letter(
        employer.pay,
        employee_id,
        employer.framework,
        legal_entity=entity,
        currency=employer.currency,
        min_group=min_group,
        people=people,
    )


@dataclass(frozen=True)
class RegisterEntry:
    request: StoredRequest
    overdue: bool


def record_request(uow: UnitOfWork, employee_id: str, received_on: date) -> StoredRequest:
    """Register a request; the answer is due after the country's period (two months default)."""
    from latticework.compliance.requests import due_date

    _entity(uow, employee_id)
    person = uow.organisation.table(
        "people", columns=["country"], only=("employee_id", [employee_id])
    )
    country = person["country"].iloc[0]
    country = None if country != country else str(country)
    due = due_date(received_on, country, uow.eu.answer_periods())
    request_id = uow.eu.add_request(employee_id, received_on, due)
    stored = uow.eu.request(request_id)
    assert stored is not None
    return stored


def answer(
    uow: UnitOfWork,
    request_id: int,
    answered_by: str,
    on: date,
    *,
    min_group: int = DEFAULT_MIN_GROUP,
) -> StoredRequest:
    """Mark a request answered and keep the letter that answers it, as computed now: the
    worker later reads what was sent, not figures changed by a later import."""
    from latticework.reports.eu_letters import stored_letter

    found = uow.eu.request(request_id)
    letter = None
    if found is not None:
        computed = information_letter_for(uow, found.employee_id, min_group=min_group)
        log_letter(uow, answered_by, computed)
        letter = stored_letter(computed)
    if found is None or not uow.eu.answer_request(request_id, answered_by, on, letter):
        raise LatticeworkError(
            Problem(
                f"There is no information request {request_id}.",
                fix="List the register with `latticework eu requests`.",
                code="eu-request",
            )
        )
    stored = uow.eu.request(request_id)
    assert stored is not None
    return stored


def register(
    uow: UnitOfWork, today: date, *, employee_id: str | None = None
) -> list[RegisterEntry]:
    from latticework.compliance.requests import is_overdue

    return [
        RegisterEntry(r, is_overdue(r.status, r.due_on, today))
        for r in uow.eu.requests(employee_id)
    ]


def set_period(uow: UnitOfWork, country: str, months: int) -> None:
    from latticework.compliance.requests import MAX_ANSWER_MONTHS

    if not 1 <= months <= MAX_ANSWER_MONTHS or len(country) != 2 or not country.isupper():
        raise LatticeworkError(
            Problem(
                f"An answer period of {months} month(s) for '{country}' is not allowed.",
                fix="Give an ISO country code (DE) and 1 or 2 months: the Directive's limit "
                "is two months (Art. 7(4)); a member state may only shorten it.",
                code="eu-request",
            )
        )
    uow.eu.set_answer_period(country, months)


def periods(uow: UnitOfWork) -> dict[str, int]:

    return uow.eu.answer_periods()


def log_letter(uow: UnitOfWork, username: str, letter: InformationLetter) -> None:
    """The letter read one person's pay and the category's averages: log it."""
    _log(uow, username, "eu-rti-letter", letter.employee_id)


def notice_facts(uow: UnitOfWork, legal_entity: str) -> tuple[dict[str, int], list[str]]:
    """The answer periods and the countries the employer's workers are in."""

    employer = employer_pay(uow, legal_entity)
    countries = sorted({str(c) for c in employer.pay["country"].dropna().unique()})
    return uow.eu.answer_periods(), countries


def log_aggregate(uow: UnitOfWork, username: str, action: str) -> None:
    """A report of aggregates read pay-derived data: log it (no subject)."""
    _log(uow, username, action, None)


def _log(uow: UnitOfWork, username: str, action: str, subject: str | None) -> None:
    from datetime import UTC, datetime

    from latticework.accounts.model import AccessEntry

    uow.access_log.add([AccessEntry(datetime.now(UTC), None, username, action, subject, "pay")])


def requests_of(uow: UnitOfWork, employee_id: str, today: date) -> list[RegisterEntry]:
    """One worker's own requests (the caller has checked they may see that person)."""
    return register(uow, today, employee_id=employee_id)


def letter_for_request(
    uow: UnitOfWork,
    user: User,
    employee_id: str,
    request_id: int,
    *,
    min_group: int = DEFAULT_MIN_GROUP,
) -> tuple[InformationLetter, StoredRequest]:
    """The letter answering one request, logged: the one kept when it was answered. The
    worker sees it once the request is answered; the people role also before, to check it."""
    from latticework.services.access import may_read_unanswered_letter, not_found

    stored = uow.eu.request(request_id)
    if stored is None or stored.employee_id != employee_id:
        raise not_found("information request", str(request_id))
    if stored.status != "answered" and not may_read_unanswered_letter(user):
        raise LatticeworkError(
            Problem(
                f"Request {request_id} is not answered yet; it is due by {stored.due_on}.",
                fix="The People team answers it; its letter appears here then.",
                code="eu-request-open",
            )
        )
    if stored.letter is not None:
        from latticework.reports.eu_letters import letter_from_stored

        letter = letter_from_stored(stored.letter)
    else:  # open (the people role checking it), or answered before letters were kept
        letter = information_letter_for(uow, employee_id, min_group=min_group)
    log_letter(uow, user.username, letter)
    return letter, stored
