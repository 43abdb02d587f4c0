"""The published JSON Schema of the framework format, generated from the model.

The schema is committed as docs/framework.schema.json (a test keeps it current)
and printed by `latticework schema`. The top level requires no key: a framework
may be split over several files (organisation.yaml, bands.yaml, …) and an
editor validates each file on its own; the loader checks the merged result.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

from latticework.framework import model
from latticework.framework.model import Framework

SCHEMA_ID = "https://latticework.dev/schema/framework-1.json"


def framework_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) that editors use to validate and autocomplete frameworks."""
    schema = Framework.model_json_schema(mode="validation")
    _describe_properties(schema)
    _constrain_map_keys(schema)
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


def attribute_docstrings() -> dict[str, dict[str, str]]:
    """{model name: {field: docstring}}: the docstrings written under the model's fields.

    Read from the source here, when the schema is made, rather than by pydantic's
    `use_attribute_docstrings` at import: that parses the module once per model
    class and would cost every `latticework check` start-up.
    """
    docs: dict[str, dict[str, str]] = {}
    tree = ast.parse(inspect.getsource(model))
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[statement.target.id] = inspect.cleandoc(following.value.value)
        docs[node.name] = fields
    return docs


def _describe_properties(schema: dict[str, Any]) -> None:
    docs = attribute_docstrings()
    targets = [(Framework.__name__, schema), *schema.get("$defs", {}).items()]
    for name, definition in targets:
        for field, text in docs.get(name, {}).items():
            prop = definition.get("properties", {}).get(field)
            if prop is not None:
                prop.setdefault("description", text)


# Mappings keyed by numbers (the rating scale): YAML writes the keys as numbers, JSON as
# the same digits in text.
_NUMBER_KEYED = {("PromotionRule", "rating_scale")}


def _constrain_map_keys(schema: dict[str, Any]) -> None:
    """Make the schema reject the map keys the loader rejects.

    Pydantic describes a key pattern as `patternProperties`, which by itself
    lets every other key through: `{"bad key!": 1}` would validate in the editor
    and fail in `check`. No other key is allowed, and numeric keys must be digits.
    """
    for name, definition in schema.get("$defs", {}).items():
        for field, prop in definition.get("properties", {}).items():
            if (name, field) in _NUMBER_KEYED:
                prop["propertyNames"] = {"pattern": "^-?[0-9]+$"}
    _close_pattern_properties(schema)


def _close_pattern_properties(node: object) -> None:
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_pattern_properties(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_properties(value)
