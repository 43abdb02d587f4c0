"""The framework linter: rules that find ceilings, unequal bands and 'strategic = senior'.

Each rule is a function in a module under `lint/rules/`, registered with the
`@rule` decorator: adding a rule is adding a function (or a file), never
editing a switch. Rules receive the loaded framework with its source map and
yield findings that point at a file and line.
"""

from __future__ import annotations

from latticework.framework.lint.registry import (
    Finding,
    LintContext,
    Rule,
    Severity,
    all_rules,
    lint,
    rule,
)

__all__ = ["Finding", "LintContext", "Rule", "Severity", "all_rules", "lint", "rule"]
