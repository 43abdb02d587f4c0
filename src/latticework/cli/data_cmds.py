"""`import`, `export`, `backup` and `db upgrade`: getting an organisation in, out and safe."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    DbOption,
    OutOption,
    OutputFormat,
    TextJsonFormat,
    database_url,
    fail,
    stderr_console,
    write_output,
)
from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    from latticework.ingest.report import ImportReport, Progress

db_app = typer.Typer(help="Database schema: create and migrate.", no_args_is_help=True)

# Text output on a terminal lists this many problems per file and rule (code), then a
# count of the rest; --out and --format json list them all.
DEFAULT_SHOWN = 10


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("export")(export_command)
    app.command("backup")(backup_command)
    app.add_typer(db_app, name="db")
    db_app.command("upgrade")(db_upgrade)


def _known_encoding(value: str | None) -> str | None:
    from latticework.ingest.encoding import known_encoding

    if value is not None and not known_encoding(value):
        raise typer.BadParameter(f"unknown encoding {value!r}; use e.g. utf-8, cp1252, utf-16.")
    return value


def import_command(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="A folder of canonical files (people.csv, events.csv, …), or the files "
            "themselves; CSV or XLSX.",
            show_default=False,
        ),
    ],
    framework: Annotated[
        list[Path] | None,
        typer.Option(
            "--framework",
            help="Framework YAML files to check against and store (default: the database's "
            "current framework, else the built-in one). Repeat for several files.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(help="Mapping file (YAML): column renames and job-title rules."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything, write nothing.")
    ] = False,
    shown: Annotated[
        int,
        typer.Option(
            "--show",
            min=0,
            help="Problems listed per file and rule on standard output, the rest counted "
            "(0: all). --out and --format json always list every problem.",
        ),
    ] = DEFAULT_SHOWN,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="Text encoding of the CSV files, e.g. cp1252 or utf-16 (default: the "
            "mapping's `encoding:`, else detected: UTF-8 with or without BOM, UTF-16, "
            "else Windows-1252).",
            callback=_known_encoding,
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    output_format: TextJsonFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Import HRIS exports: all or nothing, every problem reported with file, row and column.

    Exits 0 when the import is clean (or would be, with --dry-run), 1 when the
    data has errors (nothing is written), 2 for unreadable input.

    Example:
        latticework import hris/ --mapping mapping.yaml --dry-run
    """
    from latticework.services.data import import_organisation

    url = database_url(db)
    try:
        with _progress_bar() as progress:
            report = import_organisation(
                url,
                sources,
                framework,
                mapping,
                dry_run=dry_run,
                progress=progress,
                encoding=encoding,
            )
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(report.to_dict(), indent=2), out)
    else:
        write_output(import_text(report, None if out is not None or shown == 0 else shown), out)
    if not report.ok:
        raise typer.Exit(EXIT_FINDINGS)


@contextmanager
def _progress_bar() -> Iterator[Progress | None]:
    """A Rich progress bar on a terminal; nothing when standard error is piped."""
    console = stderr_console()
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Importing", total=1)

        def update(description: str, completed: int, total: int) -> None:
            bar.update(task, description=description, completed=completed, total=total)

        yield update


def _problem_lines(problems: list[Problem], kind: str, shown: int | None) -> list[str]:
    """Problems in reading order, at most `shown` per file and rule, then what was left out:
    a million bad dates must not bury the one missing column (nor take minutes to print)."""
    if shown is None:
        return [f"{kind}: {problem}" for problem in problems]
    lines: list[str] = []
    counts: Counter[tuple[str, str]] = Counter()
    for problem in problems:
        key = (problem.location.file or "", problem.code or kind)
        counts[key] += 1
        if counts[key] <= shown:
            lines.append(f"{kind}: {problem}")
    for (file, code), count in counts.items():
        if count > shown:
            lines.append(
                f"… and {count - shown:,} more {kind}s '{code}'"
                + (f" in {file}" if file else "")
                + " (--show 0, --out or --format json lists them all)."
            )
    return lines


def import_text(report: ImportReport, shown: int | None = DEFAULT_SHOWN) -> str:
    """The import report as text: what was read, skipped, written, and the problems (at most
    `shown` per file and rule; None for all)."""
    lines: list[str] = []
    verb = "Checked" if not report.written else "Imported"
    lines.append(f"{verb} against framework {report.framework}.")
    for t in report.tables:
        if report.written:
            lines.append(
                f"  {t.table:<14} {t.rows:>9,} rows  {t.inserted:>9,} new  {t.updated:>9,} "
                f"updated  {t.unchanged:>9,} unchanged   ({t.source})"
            )
        else:
            lines.append(f"  {t.table:<14} {t.rows:>9,} rows   ({t.source})")
    if report.framework_stored:
        lines.append("Stored the framework as the database's current version.")
    for k in report.skipped:
        lines.append(
            f"Skipped {k.count:,} row(s) of {k.source} (first on row {k.first_row}): {k.reason} "
            "(the mapping's skip_rows)."
        )
    for problems, kind in ((report.errors, "error"), (report.warnings, "warning")):
        lines += _problem_lines(problems, kind, shown)
    if report.unmapped_titles:
        lines.append("Job titles no rule mapped:")
        lines.extend(f"  {t.count:>7,}  {t.title}" for t in report.unmapped_titles)
    if report.warnings:
        counts = ", ".join(f"{n:,} {code}" for code, n in sorted(report.warning_counts().items()))
        lines.append(f"Warnings: {counts}.")
    if report.errors:
        lines.append(f"{len(report.errors):,} error(s): nothing was written.")
    elif report.dry_run:
        lines.append("No errors. Dry run: nothing was written.")
    else:
        lines.append(f"Done in {report.seconds:.1f} s.")
    return "\n".join(lines)


def db_upgrade(db: DbOption = None) -> None:
    """Create the database or migrate it to this version's schema.

    Example:
        latticework db upgrade --db postgresql://lattice@db.internal/lattice
    """
    from latticework.services.data import upgrade_database

    url = database_url(db)
    try:
        before, after = upgrade_database(url)
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)
    if before == after:
        typer.echo(f"Database is up to date (revision {after}).")
    else:
        typer.echo(f"Upgraded the database from {before or 'empty'} to revision {after}.")


def export_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write the canonical CSV files to.")],
    db: DbOption = None,
) -> None:
    """Write the database as canonical CSV files, with spreadsheet formulas defused.

    Example:
        latticework export backup-csv/ && latticework import backup-csv/ --dry-run
    """
    from latticework.services.data import export_organisation

    try:
        written = export_organisation(database_url(db), directory)
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)
    for path, rows in written:
        typer.echo(f"{path}  {rows:,} rows")


def backup_command(
    target: Annotated[Path, typer.Argument(help="File to write the copy of the database to.")],
    db: DbOption = None,
) -> None:
    """Copy an SQLite database safely while it is in use (PostgreSQL: use pg_dump).

    Example:
        latticework backup latticework-$(date +%F).db
    """
    from latticework.services.data import backup_database

    try:
        backup_database(database_url(db), target)
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)
    typer.echo(f"Wrote {target}.")
