"""The Article 9 report of an employer: compute it, and record it as submitted."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from latticework.audit.categories import CategoryBasis
from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.services.eu_common import employer_pay

if TYPE_CHECKING:
    from latticework.compliance.article9 import Article9Report
    from latticework.storage import UnitOfWork


def article9(
    uow: UnitOfWork,
    *,
    legal_entity: str,
    year: int,
    submitted_on: date | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    categories: CategoryBasis = CategoryBasis.GRADE,
) -> Article9Report:
    """The report on pay as of 31 December of `year`, in the chosen categories of workers;
    with `submitted_on` it is also recorded as the one submitted for that year."""
    from latticework.compliance.article9 import article9_report
    from latticework.compliance.categories import basis_text
    from latticework.reports.eu_report import report_json

    employer = employer_pay(uow, legal_entity, basis=categories, year=year)
    report = article9_report(
        employer.pay,
        legal_entity=legal_entity,
        year=year,
        currency=employer.currency,
        min_group=min_group,
        submitted_on=submitted_on,
        category_basis=basis_text(categories),
        notes=list(employer.notes),
    )
    if submitted_on is not None:
        uow.eu.save_submitted_report(
            legal_entity=legal_entity,
            year=year,
            submitted_on=submitted_on,
            report=report_json(report),
        )
    return report
