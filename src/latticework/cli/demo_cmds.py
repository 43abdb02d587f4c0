"""`latticework demo`: build the synthetic organisation, then serve it with demo log-ins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    DbOption,
    OutOption,
    OutputFormat,
    TextJsonFormat,
    database_url,
    exit_code_for,
    fail,
    stderr_console,
    write_output,
)
from latticework.errors import LatticeworkError

if TYPE_CHECKING:
    from latticework.demo.build import DemoResult, Step


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date like 2026-06-30.", param_hint="--as-of"
        ) from None
    if day > date.today():
        # An import rejects dates in the future, and so would every later import of these files.
        raise typer.BadParameter(
            f"{value} is in the future; use today or an earlier day.", param_hint="--as-of"
        )
    return day


def demo(
    people: Annotated[
        int, typer.Option("--people", "-n", min=50, help="Headcount on the as-of day.")
    ] = 1200,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed, the same organisation.")
    ] = 0,
    years: Annotated[int, typer.Option(min=1, max=20, help="Years of history.")] = 5,
    no_disparities: Annotated[
        bool,
        typer.Option(
            "--no-disparities", help="The null case: no built-in pay, promotion or forum gaps."
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day the history ends (YYYY-MM-DD; default today)."),
    ] = None,
    no_protected_attributes: Annotated[
        bool,
        typer.Option(
            "--no-protected-attributes", help="Leave gender and ethnicity empty (as some HRIS do)."
        ),
    ] = False,
    framework: Annotated[
        list[Path] | None,
        typer.Option("--framework", help="Framework YAML files (default: the built-in one)."),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export", help="Also write the canonical CSV files (people.csv, …) to this folder."
        ),
    ] = None,
    db: DbOption = None,
    no_db: Annotated[
        bool, typer.Option("--no-db", help="Do not write a database (use with --export).")
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite an organisation already in the database.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port to serve the demo on.", min=1, max=65535)] = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Stop after building instead of serving the app.")
    ] = False,
    output_format: TextJsonFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Build a realistic synthetic organisation with known disparities, for trying latticework.

    About 1,200 people across engineering, design and product with five years of
    hires, promotions, moves, pay reviews and exits, forum participation, impact
    records, assessments and leadership roles. docs/demo.md lists the built-in
    disparities the audit should find; --no-disparities is the null case.

    Example:
        latticework demo --people 1200 --seed 1 --db sqlite:///demo.db --export demo-csv/
    """
    from latticework.demo.build import DemoRequest, build_demo

    request = DemoRequest(
        people=people,
        seed=seed,
        years=years,
        disparities=not no_disparities,
        as_of=_parse_day(as_of),
        framework_files=tuple(framework or ()),
        export_to=export,
        database_url=None if no_db else database_url(db),
        replace=replace,
        protected_attributes=not no_protected_attributes,
    )
    try:
        with _status() as step:
            result = build_demo(request, step)
    except LatticeworkError as exc:
        fail(exc, exit_code_for(exc))
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(result.to_dict(), indent=2), out)
    else:
        write_output(demo_text(result), out)
    if request.database_url is None:
        return
    address = f"http://127.0.0.1:{port}/"
    if no_serve:
        # The log-ins exist whether or not this command serves the app.
        from latticework.demo.accounts import demo_accounts_text

        stderr_console().print(demo_accounts_text(address, result.accounts), markup=False)
        stderr_console().print(
            f"Serve it with: latticework serve --db {request.database_url}", markup=False
        )
        return
    _serve_demo(request.database_url, port, result)


def _serve_demo(url: str, port: int, result: DemoResult) -> None:
    """Store a first audit run, print the demo log-ins (one per role, created with the
    database), serve until Ctrl+C."""
    from latticework.audit.context import AuditOptions
    from latticework.demo.accounts import demo_accounts_text
    from latticework.services.audit_runs import audit_and_store
    from latticework.storage import UnitOfWork
    from latticework.web.server import serve

    as_of, accounts = result.as_of, result.accounts
    err = stderr_console()
    # The audit dashboard shows stored runs; one run now means the demo opens on findings.
    # Its own transaction: when the run fails, the log-ins above are kept.
    try:
        with UnitOfWork(url) as uow:
            audit_and_store(uow, AuditOptions(), user="demo", as_of=as_of)
            uow.commit()
    except LatticeworkError as exc:
        err.print(f"The first audit run failed ({exc}); run it from the dashboard.", markup=False)
    address = f"http://127.0.0.1:{port}/"
    err.print(demo_accounts_text(address, accounts), markup=False)
    err.print("Serving the demo (Ctrl+C stops it; --no-serve only builds it).", markup=False)
    serve(url, host="127.0.0.1", port=port, log_level="warning")


@contextmanager
def _status() -> Iterator[Step]:
    """A status line on a terminal; silence when standard error is piped."""
    console = stderr_console()
    if not console.is_terminal:
        yield lambda _what: None
        return
    with console.status("Starting") as status:
        yield lambda what: status.update(what)


def demo_text(result: DemoResult) -> str:
    request = result.request
    kind = "with the documented disparities" if request.disparities else "without disparities"
    lines = [
        f"Demo organisation (seed {request.seed}) {kind}, as of {result.as_of.isoformat()}:",
        f"  {result.active_people:,} people employed, {request.years} years of history, "
        f"generated in {result.generate_seconds:.2f} s",
    ]
    lines += [f"  {t.table + ':':<21}{t.rows:>10,} rows" for t in result.tables]
    if result.exported:
        folder = result.exported[0][0].parent
        lines.append(f"CSV files written to {folder}/ (import them with `latticework import`).")
    if request.database_url is not None:
        lines.append(f"Database {request.database_url} written in {result.write_seconds:.2f} s.")
        report = result.import_report
        if report is not None and report.warnings:
            lines.append(f"  {len(report.warnings)} warning(s), e.g. {report.warnings[0].message}")
    lines.append("See docs/demo.md for the disparities built in and how to find them.")
    return "\n".join(lines)
