"""The editor's JSON Schema and `check`'s loader give the same verdict on every document.

Both read the YAML as the 1.2 core schema does (as editors do). A corpus of
edge cases that once split them, and documents Hypothesis derives from valid
frameworks by replacing one value with a tricky one, must be accepted by both
or rejected by both.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latticework.errors import LatticeworkError
from latticework.framework.loading import load_framework_text, merge_documents, parse_yaml
from latticework.framework.loading import validate as validate_with_loader
from latticework.framework.schema import framework_json_schema
from latticework.framework.yaml_core import CoreSchemaDumper, CoreSchemaLoader
from tests.framework.conftest import CLEAN
from tests.framework.strategies import framework_data

_SCHEMA = framework_json_schema()
# The schema requires no top-level key because a file may hold part of a framework;
# a whole document must have what the loader requires once files are merged.
_WHOLE = {**_SCHEMA, "required": ["organisation", "grades", "disciplines"]}
_VALIDATOR = jsonschema.Draft202012Validator(_WHOLE)


def schema_accepts(data: Any) -> bool:
    return bool(_VALIDATOR.is_valid(data))


def loader_accepts(text: str) -> bool:
    try:
        load_framework_text(text)
    except LatticeworkError:
        return False
    return True


def _edit(old: str, new: str) -> str:
    assert CLEAN.count(old) == 1, old
    return CLEAN.replace(old, new)


US_ZONE = "  - {id: us, name: United States, currency: USD}\n"
ARB = "    decision_authority: true\n"

EDGE_CASES: dict[str, tuple[str, bool]] = {
    "clean": (CLEAN, True),
    "norway-is-a-country": (_edit(US_ZONE, US_ZONE[:-2] + ", countries: [NO, SE]}\n"), True),
    "lowercase-country": (_edit(US_ZONE, US_ZONE[:-2] + ", countries: [no]}\n"), False),
    "date-like-version": (
        _edit("organisation: Test Co\n", "organisation: Test Co\nversion: 2026-01-01\n"),
        True,
    ),
    "number-version": (
        _edit("organisation: Test Co\n", "organisation: Test Co\nversion: 2\n"),
        False,
    ),
    "bad-weight-key": (_edit("{strategy: 0, people-management: 0}\n", '{"bad key!": 1}\n'), False),
    "text-weight": (_edit("{strategy: 0, people-management: 0}\n", "{strategy: heavy}\n"), False),
    "word-rating-key": (
        _edit("  threshold: 0.8\n", "  threshold: 0.8\n  rating_scale: {one: Low}\n"),
        False,
    ),
    "quoted-rating-key": (
        _edit(
            "  threshold: 0.8\n",
            '  threshold: 0.8\n  rating_scale: {"1": Low, "2": Met}\n  meets_rating: 2\n',
        ),
        True,
    ),
    "text-rank": (_edit("  - {id: G6, rank: 6}\n", '  - {id: G6, rank: "6"}\n'), False),
    "whole-float-rank": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: 6.0}\n"), True),
    "fractional-rank": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: 6.5}\n"), False),
    "boolean-rank": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: true}\n"), False),
    "yes-authority": (_edit(ARB, "    decision_authority: yes\n"), False),
    "on-authority": (_edit(ARB, "    decision_authority: on\n"), False),
    "capitalised-true-authority": (_edit(ARB, "    decision_authority: True\n"), True),
    "text-meets-rating": (
        _edit("  threshold: 0.8\n", '  threshold: 0.8\n  meets_rating: "2"\n'),
        False,
    ),
    "text-threshold": (_edit("  threshold: 0.8\n", '  threshold: "0.8"\n'), False),
    "integer-money": (CLEAN, True),
    "text-money": (_edit("min: 100000, mid: 125000", 'min: "100000", mid: 125000'), False),
    "octal-looking-rank": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: 06}\n"), True),
    "hex-rank": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: 0x6}\n"), True),
    "text-format-version": (_edit("latticework: 1\n", 'latticework: "1"\n'), False),
    "boolean-format-version": (_edit("latticework: 1\n", "latticework: true\n"), False),
    "unknown-kind": (_edit("    kind: technical\n", "    kind: Technical\n"), False),
    "unknown-key": (_edit("  - {id: G6, rank: 6}\n", "  - {id: G6, rank: 6, rnak: 6}\n"), False),
    "id-with-space": (_edit("  - {id: G6, rank: 6}\n", '  - {id: "G 6", rank: 6}\n'), False),
    "null-description": (
        _edit("organisation: Test Co\n", "organisation: Test Co\ndescription: ~\n"),
        False,
    ),
    "bad-level-promotion-key": (
        _edit("  threshold: 0.8\n", '  threshold: 0.8\n  levels: {"E 8": {threshold: 0.5}}\n'),
        False,
    ),
    "level-promotion": (
        _edit(
            "  threshold: 0.8\n",
            "  threshold: 0.8\n  levels: {E8: {threshold: 0.5, min_months: 12}}\n",
        ),
        True,
    ),
    "bad-combine": (
        _edit(
            'text: "Owns the design of a service."}',
            'text: "Owns the design of a service.", combine: merge}',
        ),
        False,
    ),
    "empty-scale": (
        _edit("promotion:\n", "proficiency_scales: [{id: s, name: S, steps: []}]\npromotion:\n"),
        False,
    ),
    "bad-link": (
        _edit(
            'text: "Owns the design of a service."}',
            'text: "Owns the design of a service.", links: [{title: x, url: "not a url"}]}',
        ),
        False,
    ),
    "merge-override": (
        _edit(
            "  - {id: coaching,",
            "  - {<<: {id: x, name: X, kind: k, paths: []}, id: workshop}\n  - {id: coaching,",
        ),
        True,
    ),
}


def _data(text: str) -> Any:
    return yaml.load(text, Loader=CoreSchemaLoader)


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_schema_and_loader_agree_on_the_edge_case(name: str) -> None:
    text, expected = EDGE_CASES[name]
    assert schema_accepts(_data(text)) is expected, "schema"
    assert loader_accepts(text) is expected, "loader"


TRICKY_VALUES = st.sampled_from(
    ["1", "yes", "NO", "2026-01-01", "0o17", "", "bad key!", "ic", "G1", "true"]
) | st.sampled_from([0, 1, -1, 2, 101, 1.0, 0.5, 1.5, True, False, None, [], {}, {"x": 1}])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    result = copy.deepcopy(data)
    node = result
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(framework_data(), st.data())
def test_schema_and_loader_agree_on_generated_documents(
    data: dict[str, Any], choices: st.DataObject
) -> None:
    paths = _paths(data)
    path = choices.draw(st.sampled_from(paths))
    mutated = _replace(data, path, choices.draw(TRICKY_VALUES))
    # Written and read back as a file is, so both judge what an editor would see.
    text = yaml.dump(mutated, Dumper=CoreSchemaDumper, allow_unicode=True)
    document = _data(text)
    parsed, sources = parse_yaml(text, "generated.yaml")
    merged, sources = merge_documents([(parsed, sources, "generated.yaml")])
    try:
        validate_with_loader(merged, sources)
        loaded = True
    except LatticeworkError:
        loaded = False
    assert schema_accepts(document) is loaded, (path, mutated_value(mutated, path))


def mutated_value(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node
