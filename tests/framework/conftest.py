"""Fixtures that build small frameworks in a few lines of YAML."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from latticework.framework import load_framework_text
from latticework.framework.lint import Finding, lint

MINIMAL = """\
latticework: 1
organisation: Test Co
grades:
  - {id: G6, rank: 6}
  - {id: G7, rank: 7}
  - {id: G8, rank: 8}
disciplines:
  - id: engineering
    name: Engineering
    tracks:
      - id: ic
        name: IC
        kind: ic
        parallel_to: [management]
        levels:
          - {id: E6, title: Staff Engineer, grade: G6}
          - {id: E7, title: Senior Staff Engineer, grade: G7}
          - {id: E8, title: Principal Engineer, grade: G8}
      - id: management
        name: Management
        kind: management
        parallel_to: [ic]
        levels:
          - {id: M6, title: Engineering Manager, grade: G6}
          - {id: M7, title: Senior Engineering Manager, grade: G7}
          - {id: M8, title: Director, grade: G8}
"""

CLEAN = (
    MINIMAL
    + """\
paths:
  - id: technical-depth
    name: Technical depth
    kind: technical
    tracks: [ic]
    competency_weights: {strategy: 0, people-management: 0}
  - id: domain-specialist:security
    name: Security specialist
    kind: specialist
    domain: security
    tracks: [ic]
    min_grade: G7
    competency_weights: {strategy: 0, people-management: 0, craft: 2}
  - id: strategic-leadership
    name: Strategic leadership
    kind: strategic
    tracks: [ic, management]
    competency_weights: {people-management: 0}
  - id: people-leadership
    name: People leadership
    kind: people
    tracks: [management]
competencies:
  - id: craft
    name: Craft
    category: technical
    expectations:
      - {grade: G6, text: "Owns the design of a service."}
      - {grade: G7, text: "Sets technical direction for a group of teams."}
      - {grade: G8, text: "Shapes architecture across the organisation."}
      - {grade: G8, path: "domain-specialist:security", text: "Leads threat modelling org-wide."}
  - id: strategy
    name: Strategy
    category: strategic
    expectations:
      - {grade: G6, text: "Contributes to the team's plans."}
      - {grade: G7, text: "Owns a group's direction."}
      - {grade: G8, text: "Shapes the organisation's direction."}
  - id: people-management
    name: People management
    category: people
    expectations:
      - {grade: G6, text: "Manages a team."}
      - {grade: G7, text: "Manages managers."}
      - {grade: G8, text: "Leads an organisation."}
zones:
  - {id: us, name: United States, currency: USD}
bands:
  - {grade: G6, zone: us, currency: USD, min: 100000, mid: 125000, max: 150000}
  - {grade: G7, zone: us, currency: USD, min: 130000, mid: 160000, max: 190000}
  - {grade: G8, zone: us, currency: USD, min: 170000, mid: 210000, max: 250000}
development:
  - id: talk
    name: Conference talk
    kind: talk
    paths: [technical-depth, "domain-specialist:security"]
  - {id: coaching, name: Coaching, kind: coaching, paths: [strategic-leadership, people-leadership]}
leadership_roles:
  - {id: initiative-lead, name: Initiative lead, time_box_months: 6}
forums:
  - id: arb
    name: Architecture review board
    kind: review
    decision_authority: true
    min_grade: G7
    tracks: [management, ic]
promotion:
  rule: weighted-threshold
  threshold: 0.8
team_targets:
  min_people: {strategic: 1, technical: 1}
"""
)
"""A small framework that every lint rule passes: mutate it to trigger one rule."""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing `needle` (fails loudly when absent)."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not found {occurrence} time(s)"
    return hits[occurrence - 1]


def lint_yaml(text: str) -> list[Finding]:
    """Load framework YAML text and lint it."""
    return lint(load_framework_text(text, "fw.yaml"))


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "framework.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
