"""`latticework eu ...`: the EU Pay Transparency Directive (2023/970), article by article.

`report` (Art. 9), `rti` and `requests`/`request`/`answer`/`period` (Art. 7),
`notice` (Art. 7(3)), `assess` and `justifications` (Art. 10). Each command
parses, calls a service in `latticework.services.eu_*`, and renders.
docs/eu-pay-transparency.md maps every article to its command.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    database_url,
    fail,
    require_format,
    stdout_console,
    write_output,
)
from latticework.errors import LatticeworkError

eu_app = typer.Typer(
    help="EU Pay Transparency Directive: Art. 9 reports, Art. 7 information, Art. 10 assessment.",
    no_args_is_help=True,
)
USAGE_CODES = {"eu-entity", "eu-employee", "eu-request", "eu-csv", "eu-factor"}

EntityOption = Annotated[
    str, typer.Option("--entity", help="The employer: a legal_entity of the people.")
]
YearOption = Annotated[int, typer.Option("--year", min=2000, max=2100, help="Reference year.")]
MinGroupOption = Annotated[
    int, typer.Option("--min-group", min=1, help="Suppress every group smaller than this.")
]


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(eu_app, name="eu")


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _fail(exc: LatticeworkError) -> None:
    usage = any(p.code in USAGE_CODES for p in exc.problems)
    fail(exc, EXIT_USAGE if usage else EXIT_FINDINGS)


@eu_app.command("report")
def report(
    entity: EntityOption,
    year: YearOption,
    submitted_on: Annotated[
        datetime | None,
        typer.Option(
            "--submitted-on",
            formats=["%Y-%m-%d"],
            help="Record this report as submitted on this date (starts the six months of "
            "Art. 10(1)).",
            show_default=False,
        ),
    ] = None,
    csv_dir: Annotated[
        Path | None,
        typer.Option(
            "--csv-dir",
            file_okay=False,
            help="Also write one CSV per indicator (article9-a.csv … article9-g.csv) here.",
            show_default=False,
        ),
    ] = None,
    min_group: MinGroupOption = 5,
    db: DbOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """The Article 9 report of one employer: items (a)-(g), on gross annual and hourly pay."""
    from latticework.reports.eu_report import csv_file_name, indicator_csv, render_report
    from latticework.services.eu_common import open_unit
    from latticework.services.eu_reports import article9

    try:
        with open_unit(database_url(db)) as uow:
            result = article9(
                uow,
                legal_entity=entity,
                year=year,
                submitted_on=_day(submitted_on),
                min_group=min_group,
            )
    except LatticeworkError as exc:
        _fail(exc)
        return
    if csv_dir is not None:
        csv_dir.mkdir(parents=True, exist_ok=True)
        for indicator in result.indicators:
            (csv_dir / csv_file_name(indicator)).write_text(
                indicator_csv(indicator), encoding="utf-8"
            )
    write_output(render_report(result, output_format.value), out)


class LetterFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


_ = (require_format, stdout_console, LetterFormat)
