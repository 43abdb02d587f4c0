"""What every EU Pay Transparency service needs: an employer's workers and their pay.

Services take the caller's unit of work and plain values; the entry point
opens it and commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.audit.categories import CategoryBasis
from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework
    from latticework.storage import UnitOfWork


@dataclass(frozen=True)
class EmployerPay:
    legal_entity: str
    currency: str
    pay: pd.DataFrame
    """The `directive_pay` frame of the employer's active workers."""
    framework: Framework
    basis: CategoryBasis = CategoryBasis.GRADE
    notes: tuple[str, ...] = ()
    """How the pay of a past year was found (empty for today's pay)."""


def employer_pay(
    uow: UnitOfWork,
    legal_entity: str,
    *,
    basis: CategoryBasis = CategoryBasis.GRADE,
    year: int | None = None,
) -> EmployerPay:
    """The workers of one employer with the Directive's pay measures; a clear error if unknown.

    With `year`, the workers and pay of 31 December of that year (`compliance.pay.year_end`);
    without, the stored (current) ones. `basis` chooses the categories of workers.
    """
    from latticework.compliance.pay import directive_pay, year_end
    from latticework.services.frameworks import current_framework

    known = uow.eu.legal_entities()
    if legal_entity not in known:
        listed = ", ".join(known) if known else "none: the people have no legal_entity column"
        raise LatticeworkError(
            Problem(
                f"No active people work for legal entity '{legal_entity}'.",
                fix=f"Use one of the stored legal entities ({listed}).",
                code="eu-entity",
            )
        )
    framework = current_framework(uow)
    people = uow.organisation.table("people", only=("legal_entity", [legal_entity]))
    notes: list[str] = []
    if year is not None:
        events = uow.organisation.table(
            "events",
            columns=["employee_id", "date", "type", "from_level", "old_base"],
            only=("employee_id", list(people["employee_id"])),
        )
        people, notes = year_end(people, events, year)
    pay = directive_pay(people, framework, basis)
    zones = {z.id: z.currency for z in framework.zones}
    currencies = sorted({zones.get(str(z), "") for z in people["zone"].dropna().unique()} - {""})
    if len(currencies) > 1:
        raise LatticeworkError(
            Problem(
                f"Legal entity '{legal_entity}' pays in several currencies "
                f"({', '.join(currencies)}); gaps compare one currency with itself.",
                fix="Give each employer's people the zone of the currency they are paid in.",
                code="eu-currency",
            )
        )
    return EmployerPay(
        legal_entity, currencies[0] if currencies else "", pay, framework, basis, tuple(notes)
    )
