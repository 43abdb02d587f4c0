"""The audit report for a terminal: the same document as the other formats, as plain text."""

from __future__ import annotations

from latticework.audit.model import AuditReport
from latticework.reports.audit_document import audit_document
from latticework.reports.document_text import document_text


def audit_text(report: AuditReport, width: int = 100) -> str:
    return document_text(audit_document(report), width)
