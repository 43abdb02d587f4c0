"""What every EU Pay Transparency service needs: a unit of work, an employer's workers' pay.

Services take a unit of work and plain values; `open_unit` is how an entry
point gets one (it refuses a database whose schema is not current).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.model import Framework
    from latticework.storage.unit_of_work import UnitOfWork


def open_unit(url: str) -> UnitOfWork:
    from latticework.storage.migrate import require_current_schema
    from latticework.storage.unit_of_work import UnitOfWork

    require_current_schema(url)
    return UnitOfWork(url)


@dataclass(frozen=True)
class EmployerPay:
    legal_entity: str
    currency: str
    pay: pd.DataFrame
    """The `directive_pay` frame of the employer's active workers."""
    framework: Framework


def stored_framework(uow: UnitOfWork) -> Framework:
    from latticework.storage.framework_store import current_framework

    stored = current_framework(uow.connection)
    if stored is None:
        raise LatticeworkError(
            Problem(
                "The database has no framework stored with its organisation.",
                fix="Import your data with --framework, or create the demo organisation.",
                code="eu-framework",
            )
        )
    return stored.framework


def employer_pay(uow: UnitOfWork, legal_entity: str) -> EmployerPay:
    """The workers of one employer with the Directive's pay measures; a clear error if unknown."""
    from latticework.compliance.pay import directive_pay
    from latticework.storage.eu_registers import legal_entities
    from latticework.storage.reading import read_table

    known = legal_entities(uow.connection)
    if legal_entity not in known:
        listed = ", ".join(known) if known else "none: the people have no legal_entity column"
        raise LatticeworkError(
            Problem(
                f"No active people work for legal entity '{legal_entity}'.",
                fix=f"Use one of the stored legal entities ({listed}).",
                code="eu-entity",
            )
        )
    framework = stored_framework(uow)
    people = read_table(uow.connection, "people", only=("legal_entity", [legal_entity]))
    pay = directive_pay(people, framework)
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
    return EmployerPay(legal_entity, currencies[0] if currencies else "", pay, framework)
