"""The published JSON Schema of the framework format, generated from the model."""

from __future__ import annotations

from typing import Any

from latticework.framework.model import Framework

SCHEMA_ID = "https://latticework.dev/schema/framework-1.json"


def framework_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) that editors use to validate and autocomplete frameworks."""
    schema = Framework.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
