"""What changed between two stored audit runs: which findings are new, which are gone, and
how the estimate behind a finding moved — what the dashboard shows next to each finding."""

from __future__ import annotations

from dataclasses import dataclass

from latticework.audit.model import AuditReport, Comparison, Finding


@dataclass(frozen=True)
class FindingChange:
    new: bool
    """Not a finding in the previous run."""
    was: str = ""
    """The previous run's estimate (or severity) when it differs, e.g. "was -4.0 %"."""


@dataclass(frozen=True)
class RunChanges:
    previous: AuditReport
    findings: list[FindingChange]
    """One per finding of the latest report, in its order."""
    resolved: list[Finding]
    """Findings of the previous run that the latest no longer has."""

    @property
    def new_count(self) -> int:
        return sum(1 for c in self.findings if c.new)


def _key(f: Finding) -> tuple[str, ...]:
    # The comparison id is stable between runs; a finding without one (a threshold rule,
    # a lint) is the same finding when its words are.
    return (f.audit, f.comparison) if f.comparison else (f.audit, f.kind, f.sentence)


def _comparisons(report: AuditReport) -> dict[str, Comparison]:
    return {c.id: c for s in report.sections for c in s.comparisons}


def run_changes(previous: AuditReport, latest: AuditReport) -> RunChanges:
    from latticework.reports.audit_document import format_estimate

    before = {_key(f): f for f in previous.findings}
    then = _comparisons(previous)
    now = _comparisons(latest)
    changes = []
    for f in latest.findings:
        old = before.get(_key(f))
        if old is None:
            changes.append(FindingChange(new=True))
            continue
        was: list[str] = []
        if old.severity is not f.severity:
            was.append(old.severity.value)
        if f.comparison and f.comparison in then and f.comparison in now:
            a, b = then[f.comparison], now[f.comparison]
            old_text, new_text = (format_estimate(x.estimate, x.unit) for x in (a, b))
            if old_text != new_text:
                was.append(old_text)
        changes.append(FindingChange(new=False, was="was " + ", ".join(was) if was else ""))
    current = {_key(f) for f in latest.findings}
    resolved = [f for f in previous.findings if _key(f) not in current]
    return RunChanges(previous=previous, findings=changes, resolved=resolved)
