"""The data services: import an organisation, write a generated one, upgrade the schema.

`import_organisation` is what `latticework import` runs; `import_dataset` is
the lower level the demo generator uses to write an `OrgDataset` without CSV.
Both validate everything first and write in one transaction, or not at all.

The database commands (import, export, backup, upgrade) take a database URL,
not a unit of work: they own the database's life cycle (creating or migrating
the schema, or refusing to create a file at all for an import that fails
before writing), so they open their unit of work themselves.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from latticework.errors import LatticeworkError, Problem
from latticework.framework.model import Framework
from latticework.ingest.findings import Findings
from latticework.ingest.mapping import (
    Mapping,
    SkippedRows,
    TitleCount,
    load_mapping,
    map_titles,
    map_values,
    skip_rows,
)
from latticework.ingest.parsing import ParsedTable, parse_table, rename_columns
from latticework.ingest.report import ImportReport, Progress, TableSummary
from latticework.ingest.sources import RawTable, find_sources, read_sources
from latticework.ingest.uniques import by_unique
from latticework.org.columns import TABLES
from latticework.promotion.stored_keys import StoredPromotions
from latticework.storage import UnitOfWork, migrate

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import pandas as pd

    from latticework.framework.loading import LoadedFramework
    from latticework.org.dataset import OrgDataset


def upgrade_database(url: str) -> tuple[str | None, str]:
    """Create or migrate the schema; returns (revision before, revision after)."""
    return migrate.upgrade_database(url)


@dataclass(frozen=True)
class _Checked:
    tables: dict[str, ParsedTable]
    findings: Findings
    unmapped: list[TitleCount]
    stored_promotions: StoredPromotions = field(default_factory=StoredPromotions)
    skipped: list[SkippedRows] = field(default_factory=list)
    pay_floor: dict[str, float] | None = None


def _quiet(_description: str, _completed: int, _total: int) -> None:
    return None


def import_organisation(
    url: str,
    paths: list[Path],
    framework_files: list[Path] | None = None,
    mapping: Path | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Validate HRIS files and, when nothing is wrong and not `dry_run`, write them.

    Raises LatticeworkError for input that cannot be read at all (missing
    files, broken YAML); every problem inside the data is in the report.
    `encoding` (else the mapping's `encoding:`, else detection) is the CSV files'.
    """
    started = time.perf_counter()
    step: Progress = progress or _quiet
    total = 5
    step("Reading files", 0, total)
    the_mapping = load_mapping(mapping) if mapping is not None else Mapping()
    framework, framework_files_used = _framework_for_import(url, framework_files, dry_run)
    raws = read_sources(
        find_sources(paths, the_mapping.files),
        the_mapping.limits,
        encoding or the_mapping.encoding,
    )
    step("Checking columns and values", 1, total)
    checked = _parse_raw(raws, the_mapping, framework, today or date.today())
    del raws  # the text cells: the typed frames are all that is needed from here
    return _validate_and_write(
        url,
        checked,
        framework,
        framework_files_used,
        dry_run=dry_run,
        framework_changed=bool(framework_files),
        step=step,
        started=started,
    )


def import_dataset(
    uow: UnitOfWork,
    dataset: OrgDataset,
    framework: Framework,
    *,
    today: date | None = None,
) -> ImportReport:
    """Validate a generated organisation and write it in `uow` (the caller commits).

    The frames go through exactly the checks and writes of a CSV import (as
    if each table had been exported and read back), so a dataset that imports
    here imports from its CSV export too. Rows are numbered as in that export.
    """
    started = time.perf_counter()
    raws = [
        RawTable(name, f"{name} (generated)", _as_text(frame))
        for name, frame in dataset.frames().items()
        if not frame.empty or name == "people"
    ]
    checked = _parse_raw(
        raws, Mapping(use_framework_titles=False), framework, today or dataset.as_of
    )
    stored = _stored_people(uow)
    checked = replace(checked, stored_promotions=uow.promotions.stored())
    return _check_and_write(uow, checked, framework, [], stored, started=started, dry_run=False)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A typed frame as the text cells its CSV export would hold."""
    import pandas as pd

    out = pd.DataFrame(index=pd.RangeIndex(2, len(frame) + 2))
    for name in frame.columns:
        series = frame[name].reset_index(drop=True)
        series.index = out.index
        out[name] = by_unique(series, _cell_text).fillna("").astype("str")
    return out


def _cell_text(values: pd.Series) -> pd.Series:
    """Typed values as CSV text: ISO dates, Python's shortest float repr, strings as they are."""
    import pandas as pd

    if str(values.dtype).startswith("datetime64"):
        return pd.Series(values.dt.strftime("%Y-%m-%d"), index=values.index)
    return values.astype("str").where(values.notna())


def _framework_for_import(
    url: str, framework_files: list[Path] | None, dry_run: bool
) -> tuple[Framework, list[str]]:
    from latticework.framework import load_framework
    from latticework.services.frameworks import resolve

    if framework_files:
        loaded = load_framework(framework_files)
        _refuse_lint_errors(loaded)
        return loaded.framework, [str(f) for f in framework_files]
    if migrate.current_revision(url) is None:
        current = resolve(None)
    else:
        # A read of its own, before any file is read: an import that fails on its files
        # must not have created or migrated the database.
        with UnitOfWork(url) as uow:
            current = resolve(uow)
    return current.framework, current.files


# Lint errors that make a framework unusable for checking data. Errors about the
# career design itself (an IC ceiling, unequal bands, "strategic = senior") are
# what the audit reports about an organisation, so they do not block its import.
STRUCTURAL_LINT_RULES = frozenset(
    {
        "unknown-reference",
        "duplicate-id",
        "duplicate-grade-rank",
        "duplicate-band",
        "band-inverted-range",
        "band-scope",
        "band-currency-mismatch",
    }
)


def _refuse_lint_errors(loaded: LoadedFramework) -> None:
    """A framework with structural lint errors (unknown references, duplicate ids) is refused."""
    from latticework.framework.lint import Severity, lint

    errors = [
        f for f in lint(loaded) if f.severity is Severity.ERROR and f.rule in STRUCTURAL_LINT_RULES
    ]
    if errors:
        raise LatticeworkError(
            [
                Problem(
                    f"{f.message} (lint rule {f.rule})",
                    f.location,
                    f.fix or "Run `latticework check` on the framework and fix its errors.",
                    "framework-lint",
                )
                for f in errors
            ]
        )


def _parse_raw(
    raws: list[RawTable], mapping: Mapping, framework: Framework, today: date
) -> _Checked:
    findings = Findings()
    tables: dict[str, ParsedTable] = {}
    unmapped: list[TitleCount] = []
    skipped: list[SkippedRows] = []
    for raw in raws:
        kept, skipped_here = skip_rows(raw.frame, raw.table, raw.source, mapping, findings.errors)
        skipped += skipped_here
        raw = replace(raw, frame=kept)
        frame = map_values(rename_columns(raw, mapping, findings), mapping)
        explained = None
        if raw.table == "people":
            frame, unmapped = map_titles(frame, mapping, framework, raw.source)
            if unmapped:
                explained = _report_unmapped(raw.source, frame, mapping, unmapped, findings)
        tables[raw.table] = parse_table(
            raw.table,
            raw.source,
            frame,
            findings,
            today=today,
            date_format=mapping.date_format,
            explained_missing=explained,
        )
    return _Checked(tables, findings, unmapped, skipped=skipped, pay_floor=mapping.pay_floor)


def _report_unmapped(
    source: str,
    frame: pd.DataFrame,
    mapping: Mapping,
    unmapped: list[TitleCount],
    findings: Findings,
) -> pd.Series:
    from latticework.errors import Location

    for title in unmapped:
        findings.error(
            Problem(
                f"Job title '{title.title}' ({title.count} row(s), first on row "
                f"{title.first_row}) matches no mapping rule, so these people have no level.",
                Location(source, row=title.first_row, field=mapping.title_column),
                "Add a `titles:` rule for it to the mapping file, or fill in level.",
                "unmapped-title",
            )
        )
    titles = frame[mapping.title_column].astype("str").str.strip()
    return titles.isin([t.title for t in unmapped])


def _check_stored_people(uow: UnitOfWork, checked: _Checked, framework: Framework) -> None:
    """A new framework must still place everyone already stored (not replaced by the files)."""
    import pandas as pd

    from latticework.ingest.validation import validate_stored_people

    columns = ["employee_id", "discipline", "track", "level", "path"]
    stored = uow.organisation.columns("people", columns)
    people = checked.tables.get("people")
    replaced = pd.Index(people.frame["employee_id"].dropna()) if people else pd.Index([])
    validate_stored_people(stored, framework, replaced, checked.findings)


def _stored_people(uow: UnitOfWork) -> pd.DataFrame:
    return uow.organisation.columns("people", ["employee_id", "manager_id", "hire_date"])


def _validate_and_write(
    url: str,
    checked: _Checked,
    framework: Framework,
    framework_files: list[str],
    *,
    dry_run: bool,
    framework_changed: bool,
    step: Progress,
    started: float,
) -> ImportReport:
    step("Checking against the framework and database", 2, 5)
    if dry_run and migrate.current_revision(url) is None:
        from latticework.storage import empty_people_columns

        return _check_only(checked, framework, empty_people_columns(), started)
    if not dry_run:
        upgrade_database(url)
    with UnitOfWork(url) as uow:
        stored = _stored_people(uow)
        checked = replace(checked, stored_promotions=uow.promotions.stored())
        if framework_changed:
            _check_stored_people(uow, checked, framework)
        if dry_run:
            return _check_only(checked, framework, stored, started)
        step("Writing", 3, 5)
        report = _check_and_write(
            uow, checked, framework, framework_files, stored, started=started, dry_run=False
        )
        if report.ok:
            uow.commit()
        _log_import(report)
        step("Done", 5, 5)
        return report


def _log_import(report: ImportReport) -> None:
    rows = sum(t.rows for t in report.tables)
    if report.written:
        log.info(
            "import wrote %d rows of %d tables (%.1f s)", rows, len(report.tables), report.seconds
        )
    else:
        log.info("import refused: %d errors in %d rows", len(report.errors), rows)


def _validate(checked: _Checked, framework: Framework, stored: pd.DataFrame) -> None:
    from latticework.ingest.findings import in_reading_order
    from latticework.ingest.promotion_checks import validate_promotion_tables
    from latticework.ingest.validation import validate_tables

    findings = checked.findings
    validate_tables(checked.tables, framework, stored, findings, pay_floor=checked.pay_floor)
    validate_promotion_tables(checked.tables, framework, checked.stored_promotions, findings)
    sources = [t.source for t in checked.tables.values()]
    findings.errors = in_reading_order(findings.errors, sources)
    findings.warnings = in_reading_order(findings.warnings, sources)


def _check_only(
    checked: _Checked, framework: Framework, stored: pd.DataFrame, started: float
) -> ImportReport:
    _validate(checked, framework, stored)
    return ImportReport(
        dry_run=True,
        written=False,
        framework=f"{framework.organisation} {framework.version}",
        framework_stored=False,
        tables=[TableSummary(t.table, t.source, len(t.frame)) for t in checked.tables.values()],
        errors=checked.findings.errors,
        warnings=checked.findings.warnings,
        unmapped_titles=checked.unmapped,
        skipped=checked.skipped,
        seconds=time.perf_counter() - started,
    )


def _check_and_write(
    uow: UnitOfWork,
    checked: _Checked,
    framework: Framework,
    framework_files: list[str],
    stored: pd.DataFrame,
    *,
    started: float,
    dry_run: bool,
) -> ImportReport:
    from latticework.org.dataset import add_derived_pay

    _validate(checked, framework, stored)
    label = f"{framework.organisation} {framework.version}"
    summaries = [TableSummary(t.table, t.source, len(t.frame)) for t in checked.tables.values()]
    if checked.findings.errors or dry_run:
        return ImportReport(
            dry_run=dry_run,
            written=False,
            framework=label,
            framework_stored=False,
            tables=summaries,
            errors=checked.findings.errors,
            warnings=checked.findings.warnings,
            unmapped_titles=checked.unmapped,
            skipped=checked.skipped,
            seconds=time.perf_counter() - started,
        )
    _, framework_stored = uow.frameworks.store(framework, framework_files)
    summaries = []
    for name in TABLES:  # people first: the other tables refer to it
        if name not in checked.tables:
            continue
        parsed = checked.tables[name]
        frame = parsed.frame
        if name == "people":
            frame = add_derived_pay(frame, framework)
        count = uow.organisation.upsert(name, frame)
        summaries.append(
            TableSummary(name, parsed.source, len(frame), count.inserted, count.updated)
        )
    return ImportReport(
        dry_run=False,
        written=True,
        framework=label,
        framework_stored=framework_stored,
        tables=summaries,
        errors=[],
        warnings=checked.findings.warnings,
        unmapped_titles=checked.unmapped,
        skipped=checked.skipped,
        seconds=time.perf_counter() - started,
    )


def export_organisation(url: str, directory: Path) -> list[tuple[Path, int]]:
    """Write the database as canonical CSV files; returns (file, rows) pairs."""
    from latticework.ingest.export import write_csv_files

    migrate.require_current_schema(url)
    with UnitOfWork(url) as uow:
        dataset = uow.organisation.load()
    return write_csv_files(dataset.frames(), directory)


def backup_database(url: str, target: Path) -> None:
    """Copy an SQLite database with SQLite's online backup API (consistent while in use)."""
    import sqlite3

    from latticework.errors import Location
    from latticework.storage import sqlite_file

    database = sqlite_file(url)
    if database is None:
        raise LatticeworkError(
            Problem(
                "`latticework backup` copies SQLite files; this database is PostgreSQL.",
                fix="Back up PostgreSQL with its own tool, e.g. "
                "`pg_dump --format=custom --file=latticework.dump DBNAME`, and restore with "
                "`pg_restore --dbname=DBNAME latticework.dump`.",
                code="backup",
            )
        )
    source_file = database
    if not source_file.exists():
        raise LatticeworkError(
            Problem("The database file does not exist.", Location(str(source_file)), code="backup")
        )
    if target.exists():
        raise LatticeworkError(
            Problem(
                "The target file already exists.",
                Location(str(target)),
                "Choose a new file name; backup never overwrites.",
                code="backup",
            )
        )
    source = sqlite3.connect(source_file)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()
        source.close()
