"""Whatever a framework gets wrong, the linter and `show` report it; they never crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latticework.framework import dump_framework, load_framework, load_framework_text
from latticework.framework.lint import Severity, all_rules, lint
from latticework.framework.model import Framework
from latticework.framework.overview import framework_overview
from latticework.reports.framework_show import framework_markdown, framework_text
from tests.framework.strategies import framework_data, frameworks, messy_frameworks

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(messy_frameworks)
def test_lint_reports_any_structural_mistake_without_crashing(fw: Framework) -> None:
    loaded = load_framework_text(dump_framework(fw), "messy.yaml")
    rule_ids = {r.id for r in all_rules()}
    for finding in lint(loaded):
        assert finding.rule in rule_ids
        assert finding.location.file == "messy.yaml"
        assert finding.location.line is not None
        assert finding.message
        assert finding.fix


@FAST
@given(messy_frameworks)
def test_show_renders_any_framework_without_crashing(fw: Framework) -> None:
    assert framework_text(fw, width=80)
    assert framework_markdown(fw).startswith("# ")
    json.dumps(framework_overview(fw))


@FAST
@given(frameworks)
def test_dangling_free_generated_frameworks_have_no_unknown_references(fw: Framework) -> None:
    assert "unknown-reference" not in {f.rule for f in lint(fw)}


@FAST
@given(framework_data(), st.data())
def test_splitting_a_framework_over_files_changes_nothing(
    data: dict[str, object], choices: st.DataObject
) -> None:
    """Lists concatenate in file order and single values may live in either file."""
    import functools
    import tempfile
    from pathlib import Path

    import yaml

    from latticework.framework.yaml_core import CoreSchemaDumper

    whole = Framework.model_validate(data)
    first: dict[str, object] = {}
    second: dict[str, object] = {}
    for key, value in whole.model_dump(mode="json").items():
        if isinstance(value, list):
            cut = choices.draw(st.integers(0, len(value)))
            first[key], second[key] = value[:cut], value[cut:]
        else:
            (first if choices.draw(st.booleans()) else second)[key] = value
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a.yaml", Path(folder) / "b.yaml"
        dump = functools.partial(yaml.dump, Dumper=CoreSchemaDumper, allow_unicode=True)
        a.write_text(dump(first), encoding="utf-8")
        b.write_text(dump(second), encoding="utf-8")
        assert load_framework([a, b]).framework == whole


def test_severities_are_error_warning_or_info() -> None:
    assert {r.severity for r in all_rules()} <= set(Severity)
