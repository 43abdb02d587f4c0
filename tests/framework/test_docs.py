"""The documentation is part of the product: these tests fail when it drifts from the code."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from latticework.framework import default_framework_files, load_default_framework
from latticework.framework.lint import all_rules
from latticework.framework.lint.rules.bands import EXTREME_OVERLAP
from latticework.framework.lint.rules.strategic import STRATEGIC_PHRASES
from latticework.framework.model import Framework
from latticework.framework.overview import framework_overview
from latticework.framework.schema import framework_json_schema
from tests.framework.conftest import lint_yaml

DOCS = Path(__file__).resolve().parents[2] / "docs"
FORMAT = (DOCS / "framework-format.md").read_text(encoding="utf-8")
RULES = (DOCS / "lint-rules.md").read_text(encoding="utf-8")


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    seen.add(model)
    for field in model.model_fields.values():
        for inner in _types_in(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in seen:
                _models(inner, seen)
    return seen


def _types_in(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    return [annotation, *[t for a in args for t in _types_in(a)]]


def test_every_rule_is_documented_with_its_severity() -> None:
    for r in all_rules():
        heading = f"### `{r.id}`\n\n**Severity:** {r.severity.value}"
        assert heading in RULES, f"docs/lint-rules.md lacks '{r.id}' with its severity"


def test_every_documented_rule_exists() -> None:
    documented = set(re.findall(r"^### `([a-z-]+)`$", RULES, flags=re.MULTILINE))
    assert documented == {r.id for r in all_rules()}


def test_strategic_phrases_and_overlap_threshold_are_documented() -> None:
    for phrase in STRATEGIC_PHRASES:
        assert f"`{phrase}`" in RULES, phrase
    assert f"**{EXTREME_OVERLAP:.0%}**".replace("%", " %") in RULES


def test_every_key_of_the_model_is_documented() -> None:
    for model in _models(Framework, set()):
        for name in model.model_fields:
            assert f"`{name}`" in FORMAT, f"{model.__name__}.{name} is not in framework-format.md"


def test_show_json_keys_are_documented() -> None:
    data = framework_overview(load_default_framework().framework)
    discipline = data["disciplines"][0]
    track = discipline["tracks"][0]
    keys = set(data) | set(discipline) | set(track) | set(track["levels"][0])
    keys |= set(data["paths"][0]) | set(data["grades"][0])
    for key in keys:
        assert f'"{key}"' in FORMAT, f"show JSON key {key!r} is not in framework-format.md"


def test_check_json_keys_are_documented() -> None:
    for key in ("schema_version", "files", "organisation", "framework_version", "summary"):
        assert f"`{key}`" in RULES
    for key in ("rule", "severity", "message", "fix", "file", "line", "column"):
        assert f"`{key}`" in RULES


def test_committed_json_schema_is_current() -> None:
    committed = json.loads((DOCS / "framework.schema.json").read_text(encoding="utf-8"))
    assert committed == framework_json_schema(), (
        "docs/framework.schema.json is stale: run "
        "`latticework schema --out docs/framework.schema.json`"
    )


def _yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.DOTALL)


def test_every_yaml_example_in_the_format_reference_follows_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(framework_json_schema())
    blocks = _yaml_blocks(FORMAT)
    assert len(blocks) >= 10
    for block in blocks:
        data = yaml.safe_load(block)
        if "promotion" in data and "rating_scale" in data["promotion"]:
            # JSON object keys are strings; YAML's integer keys are converted on load.
            data["promotion"]["rating_scale"] = {
                str(k): v for k, v in data["promotion"]["rating_scale"].items()
            }
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], block


def test_the_complete_example_in_the_format_reference_is_clean() -> None:
    complete = [b for b in _yaml_blocks(FORMAT) if b.startswith("latticework: 1")]
    assert len(complete) == 1
    assert lint_yaml(complete[0]) == []


@pytest.mark.parametrize("path", default_framework_files(), ids=lambda p: p.name)
def test_each_default_file_validates_against_the_schema_on_its_own(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(framework_json_schema())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(framework_json_schema())
    bad = {"grades": [{"id": "G1", "rank": 1, "colour": "red"}]}
    assert any("colour" in e.message for e in validator.iter_errors(bad))


def test_field_docstrings_become_schema_descriptions_for_editors() -> None:
    schema = framework_json_schema()
    grade = schema["$defs"]["Level"]["properties"]["grade"]
    assert grade["description"].startswith("The grade this level sits at")
    assert schema["properties"]["latticework"]["description"] == "Format version of this file."
