"""The audit: does the organisation treat its tracks, and its people, equally?

Each audit is a module under `audit/checks/` registered with a stable id.
`run_audit` runs the selected ones on an `OrgDataset`, controls multiple
comparisons across the whole report and returns an `AuditReport` that every
renderer (text, JSON, Markdown, HTML, PDF) reads.
"""

from __future__ import annotations

from latticework.audit.context import AuditContext, AuditOptions
from latticework.audit.engine import audit_ids, run_audit
from latticework.audit.model import (
    SCHEMA_VERSION,
    AuditReport,
    AuditSection,
    Comparison,
    Correction,
    Finding,
    Severity,
)
from latticework.audit.registry import Audit, all_audits

__all__ = [
    "SCHEMA_VERSION",
    "Audit",
    "AuditContext",
    "AuditOptions",
    "AuditReport",
    "AuditSection",
    "Comparison",
    "Correction",
    "Finding",
    "Severity",
    "all_audits",
    "audit_ids",
    "run_audit",
]
