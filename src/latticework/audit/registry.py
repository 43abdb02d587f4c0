"""Audit registration: each audit is a function in its own module under `audit/checks/`.

Adding an audit is adding a module with an `@audit(...)` function; `all_audits()`
imports every module of the package, like the lint rules.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from latticework.audit.context import AuditContext
    from latticework.audit.model import AuditSection

AuditRun = Callable[["AuditContext"], "AuditSection"]


@dataclass(frozen=True)
class Audit:
    """A registered audit: stable id, order in the report, title, one-line summary, its run."""

    id: str
    order: int
    title: str
    summary: str
    run: AuditRun


_AUDITS: dict[str, Audit] = {}


def audit(audit_id: str, *, order: int, title: str, summary: str) -> Callable[[AuditRun], Audit]:
    """Register an audit. The decorated function returns an `AuditSection`."""

    def register(run: AuditRun) -> Audit:
        if audit_id in _AUDITS:
            raise ValueError(f"audit {audit_id!r} registered twice")
        registered = Audit(audit_id, order, title, summary, run)
        _AUDITS[audit_id] = registered
        return registered

    return register


def all_audits() -> list[Audit]:
    """Every audit, in report order, after importing each module in `audit/checks/`."""
    from latticework.audit import checks as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(_AUDITS.values(), key=lambda a: (a.order, a.id))
