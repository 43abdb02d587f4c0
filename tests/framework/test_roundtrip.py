"""Frameworks survive load → dump → load unchanged, whatever they contain."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from latticework.framework import dump_framework, load_default_framework, load_framework_text
from latticework.framework.model import Framework
from tests.framework.strategies import frameworks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks)
def test_any_valid_framework_round_trips_through_yaml(fw: Framework) -> None:
    text = dump_framework(fw)
    again = load_framework_text(text, "dumped.yaml").framework
    assert again == fw
    assert dump_framework(again) == text


def test_default_framework_round_trips_through_yaml() -> None:
    fw = load_default_framework().framework
    assert load_framework_text(dump_framework(fw)).framework == fw


def test_equal_content_means_equal_frameworks_despite_separate_indexes() -> None:
    text = dump_framework(load_default_framework().framework)
    first = load_framework_text(text).framework
    second = load_framework_text(text).framework
    assert first == second
    assert first != load_framework_text(text.replace("Example Co", "Other Co")).framework
