"""What an import did, or would do: per-table counts, every problem, unmapped job titles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from latticework.errors import LatticeworkError, Problem
from latticework.ingest.mapping import SkippedRows, TitleCount

Progress = Callable[[str, int, int], None]
"""Told (description, steps done, total steps) as an import goes, for a progress bar."""


@dataclass(frozen=True, slots=True)
class TableSummary:
    """One table of an import: where it came from, its rows and what writing them did."""

    table: str
    source: str
    rows: int
    inserted: int = 0
    updated: int = 0

    @property
    def unchanged(self) -> int:
        return self.rows - self.inserted - self.updated


@dataclass(frozen=True)
class ImportReport:
    """The outcome of one import. Nothing was written when `errors` is not empty."""

    dry_run: bool
    written: bool
    framework: str
    """`organisation version` of the framework the data was checked against."""
    framework_stored: bool
    """True when this import stored a new framework version."""
    tables: list[TableSummary] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unmapped_titles: list[TitleCount] = field(default_factory=list)
    skipped: list[SkippedRows] = field(default_factory=list)
    """Rows the mapping's `skip_rows` kept out, per rule and file."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> None:
        """Raise LatticeworkError with every error (for callers that want an exception)."""
        if self.errors:
            raise LatticeworkError(self.errors)

    def warning_counts(self) -> dict[str, int]:
        return dict(Counter(w.code or "warning" for w in self.warnings))

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "written": self.written,
            "framework": self.framework,
            "framework_stored": self.framework_stored,
            "seconds": round(self.seconds, 3),
            "tables": [
                {
                    "table": t.table,
                    "source": t.source,
                    "rows": t.rows,
                    "inserted": t.inserted,
                    "updated": t.updated,
                    "unchanged": t.unchanged,
                }
                for t in self.tables
            ],
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
            "warning_counts": self.warning_counts(),
            "skipped": [
                {
                    "table": k.table,
                    "source": k.source,
                    "rows": k.count,
                    "reason": k.reason,
                    "first_row": k.first_row,
                }
                for k in self.skipped
            ],
            "unmapped_titles": [
                {"title": t.title, "count": t.count, "first_row": t.first_row}
                for t in self.unmapped_titles
            ],
        }
