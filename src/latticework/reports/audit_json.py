"""The audit report as JSON: the documented, versioned schema (docs/audit-json-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from latticework.audit.model import AuditReport


def audit_json(report: AuditReport) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, allow_nan=False) + "\n"


def audit_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the report, generated from the model that produces it."""
    schema = AuditReport.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://latticework.dev/schemas/audit-report-v1.json",
        **schema,
    }
