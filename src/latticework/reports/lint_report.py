"""Rendering lint findings as text and as documented JSON (docs/lint-rules.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from latticework.framework.lint import Finding, Severity
from latticework.framework.loading import LoadedFramework

LINT_SCHEMA_VERSION = 1


def lint_json(loaded: LoadedFramework, findings: list[Finding]) -> dict[str, Any]:
    counts = Counter(f.severity for f in findings)
    return {
        "schema_version": LINT_SCHEMA_VERSION,
        "files": loaded.files,
        "organisation": loaded.framework.organisation,
        "framework_version": loaded.framework.version,
        "summary": {s.value: counts.get(s, 0) for s in Severity},
        "findings": [f.to_dict() for f in findings],
    }


def lint_text(loaded: LoadedFramework, findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.location}: {f.severity.value} [{f.rule}] {f.message}")
        if f.fix:
            lines.append(f"    fix: {f.fix}")
    counts = Counter(f.severity for f in findings)
    fw = loaded.framework
    lines.append(
        f"{fw.organisation} {fw.version}: {counts.get(Severity.ERROR, 0)} errors, "
        f"{counts.get(Severity.WARNING, 0)} warnings, {counts.get(Severity.INFO, 0)} notes "
        f"in {len(loaded.files)} file(s)."
    )
    return "\n".join(lines) + "\n"
