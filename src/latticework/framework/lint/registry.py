"""Rule registration, the finding type and the `lint` entry point."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from latticework.errors import Location
from latticework.framework.loading import LoadedFramework, SourceMap
from latticework.framework.model import Framework


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem the linter found: which rule, how bad, what, where and how to fix it."""

    rule: str
    severity: Severity
    message: str
    location: Location
    fix: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
        }


@dataclass(frozen=True)
class LintContext:
    """What a rule sees: the framework and where each of its values came from."""

    framework: Framework
    sources: SourceMap

    def at(self, collection: str, object_id: str, *key: str | int) -> Location:
        """Location of an object by id, e.g. `ctx.at("levels", "E8", "grade")`."""
        return self.sources.locate_id(collection, object_id, *key)

    def at_path(self, *path: str | int) -> Location:
        return self.sources.locate(path)


RuleCheck = Callable[[LintContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered lint rule: stable id, default severity, one-line summary, its check."""

    id: str
    severity: Severity
    summary: str
    check: RuleCheck

    def finding(self, message: str, location: Location, fix: str = "") -> Finding:
        return Finding(self.id, self.severity, message, location, fix)


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, summary: str) -> Callable[[RuleCheck], Rule]:
    """Register a rule. The decorated function yields findings (use `Rule.finding`)."""

    def register(check: RuleCheck) -> Rule:
        if rule_id in _RULES:
            raise ValueError(f"lint rule {rule_id!r} registered twice")
        registered = Rule(rule_id, severity, summary, check)
        _RULES[rule_id] = registered
        return registered

    return register


def all_rules() -> list[Rule]:
    """Every rule, after importing each module in `lint/rules/`."""
    from latticework.framework.lint import rules as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(_RULES.values(), key=lambda r: r.id)


def lint(loaded: LoadedFramework | Framework) -> list[Finding]:
    """Run every rule; findings sorted by severity, then file and line."""
    if isinstance(loaded, Framework):
        ctx = LintContext(loaded, SourceMap())
    else:
        ctx = LintContext(loaded.framework, loaded.sources)
    findings = [f for r in all_rules() for f in _run(r, ctx)]
    return sorted(
        findings,
        key=lambda f: (
            _ORDER[f.severity],
            f.location.file or "",
            f.location.line or 0,
            f.rule,
        ),
    )


def _run(r: Rule, ctx: LintContext) -> Iterator[Finding]:
    yield from r.check(ctx)
