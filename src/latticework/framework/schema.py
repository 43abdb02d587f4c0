"""The published JSON Schema of the framework format, generated from the model.

The schema is committed as docs/framework.schema.json (a test keeps it current)
and printed by `latticework schema`. The top level requires no key: a framework
may be split over several files (organisation.yaml, bands.yaml, …) and an
editor validates each file on its own; the loader checks the merged result.
"""

from __future__ import annotations

from typing import Any

from latticework.framework.model import Framework

SCHEMA_ID = "https://latticework.dev/schema/framework-1.json"


def framework_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) that editors use to validate and autocomplete frameworks."""
    schema = Framework.model_json_schema(mode="validation")
    required = schema.pop("required", [])
    schema["description"] = (
        "A latticework career framework (framework-as-code). The keys "
        f"{', '.join(required)} are required once the files are merged. "
        "Reference: docs/framework-format.md."
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
