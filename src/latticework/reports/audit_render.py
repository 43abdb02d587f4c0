"""Render an audit report in any supported format: text, json, md, html or pdf."""

from __future__ import annotations

from latticework.audit.model import AuditReport

AUDIT_FORMATS = ("text", "json", "md", "html", "pdf")


def render_audit(report: AuditReport, fmt: str, width: int = 100) -> str | bytes:
    if fmt == "json":
        from latticework.reports.audit_json import audit_json

        return audit_json(report)
    if fmt == "text":
        from latticework.reports.audit_text import audit_text

        return audit_text(report, width)
    if fmt in ("md", "html", "pdf"):
        from latticework.reports.audit_document import audit_document
        from latticework.reports.document import render

        return render(audit_document(report), fmt)
    raise ValueError(f"unknown audit format {fmt!r}; use one of {', '.join(AUDIT_FORMATS)}")
