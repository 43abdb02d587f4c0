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
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    AsOfOption,
    DbOption,
    DocumentFormat,
    FormatOption,
    MinGroupOption,
    OutOption,
    OutputFormat,
    TextJsonFormat,
    day,
    open_unit_of_work,
    reported,
    stdout_console,
    write_output,
)

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork

eu_app = typer.Typer(
    help="EU Pay Transparency Directive: Art. 9 reports, Art. 7 information, Art. 10 assessment.",
    no_args_is_help=True,
)

EntityOption = Annotated[
    str, typer.Option("--entity", help="The employer: a legal_entity of the people.")
]
YearOption = Annotated[int, typer.Option("--year", min=2000, max=2100, help="Reference year.")]


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(eu_app, name="eu")


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
    categories: Annotated[
        str,
        typer.Option(
            "--categories",
            help="Categories of workers: grade (the framework's grades) or value (the value "
            "bands of the framework's job evaluation). The report says which it used.",
        ),
    ] = "grade",
    min_group: MinGroupOption = 5,
    db: DbOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """The Article 9 report of one employer: items (a)-(g), on gross annual and hourly pay as
    of 31 December of the reference year."""
    from latticework.audit.categories import category_basis
    from latticework.reports.eu_report import csv_file_name, indicator_csv, render_report
    from latticework.services.eu_reports import article9

    with reported(), open_unit_of_work(db) as uow:
        result = article9(
            uow,
            legal_entity=entity,
            year=year,
            submitted_on=day(submitted_on),
            min_group=min_group,
            categories=category_basis(categories),
        )
        log_aggregate_read(uow, f"eu-report:{entity}:{year}")
        uow.commit()
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


def cli_user() -> str:
    """Who ran a command, for the access log and the register: cli:<login>."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (some containers)
        return "cli:unknown"


TodayOption = Annotated[
    datetime | None,
    typer.Option(
        "--today", formats=["%Y-%m-%d"], help="The date to use (default: today).",
        show_default=False,
    ),
]  # fmt: skip


@eu_app.command("rti")
def rti(
    employee_id: Annotated[str, typer.Argument(help="The worker's employee_id.")],
    letter_format: Annotated[
        LetterFormat, typer.Option("--format", "-f", case_sensitive=False, help="Letter format.")
    ] = LetterFormat.HTML,
    answer_request: Annotated[
        int | None,
        typer.Option(
            "--answers",
            help="Mark this request of the register answered by you, today.",
            show_default=False,
        ),
    ] = None,
    min_group: MinGroupOption = 5,
    today: TodayOption = None,
    db: DbOption = None,
    out: OutOption = None,
) -> None:
    """The Article 7 letter for one worker: own pay and the average pay by sex in the category."""
    from latticework.reports.eu_letters import render_letter
    from latticework.services.eu_information import answer, information_letter_for, log_letter

    when = day(today) or date.today()
    with reported(), open_unit_of_work(db) as uow:
        letter = information_letter_for(uow, employee_id, min_group=min_group)
        log_letter(uow, cli_user(), letter)
        if answer_request is not None:
            answer(uow, answer_request, cli_user(), when)
        uow.commit()
    answered = when if answer_request is not None else None
    write_output(render_letter(letter, letter_format.value, answered), out)


@eu_app.command("request")
def request(
    employee_id: Annotated[str, typer.Argument(help="The worker who asked.")],
    received_on: Annotated[
        datetime | None,
        typer.Option(
            "--received-on",
            formats=["%Y-%m-%d"],
            help="When the request arrived (default today).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record an Article 7 information request in the register; prints its id and due date."""
    from latticework.services.eu_information import record_request

    with reported(), open_unit_of_work(db) as uow:
        stored = record_request(uow, employee_id, day(received_on) or date.today())
        uow.commit()
    stdout_console().print(
        f"Request {stored.id} from {stored.employee_id}, received {stored.received_on}, "
        f"due {stored.due_on}."
    )


@eu_app.command("requests")
def requests(
    overdue_only: Annotated[
        bool, typer.Option("--overdue", help="Only open requests past their due date.")
    ] = False,
    today: TodayOption = None,
    output_format: TextJsonFormat = OutputFormat.TEXT,
    db: DbOption = None,
    out: OutOption = None,
) -> None:
    """The Art. 7 request register: dates, status, who answered; exit 1 when one is overdue."""
    import json

    from latticework.services.eu_information import register

    with reported(), open_unit_of_work(db) as uow:
        entries = register(uow, day(today) or date.today())
    if overdue_only:
        entries = [e for e in entries if e.overdue]
    rows = [
        {
            "id": e.request.id,
            "employee_id": e.request.employee_id,
            "received_on": e.request.received_on.isoformat(),
            "due_on": e.request.due_on.isoformat(),
            "status": e.request.status,
            "answered_by": e.request.answered_by,
            "answered_on": e.request.answered_on.isoformat() if e.request.answered_on else None,
            "overdue": e.overdue,
        }
        for e in entries
    ]
    if output_format is OutputFormat.JSON:
        write_output(json.dumps({"requests": rows}, indent=2), out)
        if any(r["overdue"] for r in rows):
            raise typer.Exit(EXIT_FINDINGS)
        return
    lines = [
        f"{r['id']:>5}  {r['employee_id']}  received {r['received_on']}  due {r['due_on']}  "
        f"{r['status']}{'  OVERDUE' if r['overdue'] else ''}"
        + (f"  by {r['answered_by']} on {r['answered_on']}" if r["answered_by"] else "")
        for r in rows
    ]
    write_output("\n".join(lines) if lines else "No information requests.", out)
    if any(r["overdue"] for r in rows):
        raise typer.Exit(EXIT_FINDINGS)


@eu_app.command("answer")
def answer_cmd(
    request_id: Annotated[int, typer.Argument(help="The request's id in the register.")],
    by: Annotated[
        str | None, typer.Option("--by", help="Who answered (default: you).", show_default=False)
    ] = None,
    today: TodayOption = None,
    db: DbOption = None,
) -> None:
    """Mark an information request answered (after sending the `eu rti` letter)."""
    from latticework.services.eu_information import answer

    with reported(), open_unit_of_work(db) as uow:
        stored = answer(uow, request_id, by or cli_user(), day(today) or date.today())
        uow.commit()
    stdout_console().print(f"Request {stored.id} answered by {stored.answered_by}.")


@eu_app.command("period")
def period(
    country: Annotated[str, typer.Argument(help="ISO country code, e.g. DE.")],
    months: Annotated[int, typer.Argument(help="Months to answer a request (1 or 2).")],
    db: DbOption = None,
) -> None:
    """Set a country's answer period for information requests (default two months)."""
    from latticework.services.eu_information import set_period

    with reported(), open_unit_of_work(db) as uow:
        set_period(uow, country, months)
        uow.commit()
    stdout_console().print(f"Requests from {country} are due within {months} month(s).")


@eu_app.command("notice")
def notice(
    entity: EntityOption,
    year: YearOption,
    db: DbOption = None,
    output_format: DocumentFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """The annual notice telling workers of their right to pay information (Art. 7(3))."""
    from latticework.reports.eu_letters import notice_document, render_notice
    from latticework.services.eu_information import notice_facts

    with reported(), open_unit_of_work(db) as uow:
        periods, countries = notice_facts(uow, entity)
    doc = notice_document(entity, year, periods, countries)
    write_output(render_notice(doc, output_format.value), out)


@eu_app.command("assess")
def assess(
    entity: EntityOption,
    year: YearOption,
    as_of: AsOfOption = None,
    min_group: MinGroupOption = 5,
    db: DbOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """The Article 10 joint pay assessment: whether it is due, and its Art. 10(2) content."""
    from latticework.reports.eu_assessment import render_assessment
    from latticework.services.eu_assessment import assess as run_assessment

    with reported(), open_unit_of_work(db) as uow:
        result = run_assessment(
            uow,
            legal_entity=entity,
            year=year,
            as_of=day(as_of) or date.today(),
            min_group=min_group,
        )
        log_aggregate_read(uow, f"eu-assess:{entity}:{year}")
        uow.commit()
    write_output(render_assessment(result, output_format.value), out)


justifications_app = typer.Typer(
    help="The Art. 10 justifications register, as CSV.", no_args_is_help=True
)
eu_app.add_typer(justifications_app, name="justifications")


@justifications_app.command("import")
def justifications_import(
    file: Annotated[Path, typer.Argument(help="The register as CSV.", dir_okay=False)],
    db: DbOption = None,
) -> None:
    """Store the rows of a justifications CSV (all or nothing; rows replace same key)."""
    from latticework.services.eu_assessment import import_justifications

    with reported(), open_unit_of_work(db) as uow:
        count = import_justifications(uow, file)
        uow.commit()
    stdout_console().print(f"{count} justification(s) stored.")


@justifications_app.command("export")
def justifications_export(
    entity: EntityOption,
    year: YearOption,
    db: DbOption = None,
    out: OutOption = None,
) -> None:
    """Write the justifications of an employer and year as CSV."""
    from latticework.services.eu_assessment import export_justifications

    with reported(), open_unit_of_work(db) as uow:
        text = export_justifications(uow, entity, year)
    write_output(text, out)


def log_aggregate_read(uow: UnitOfWork, action: str) -> None:
    """Reports built on pay are logged too, with no subject: they show aggregates only."""
    from latticework.services.eu_information import log_aggregate

    log_aggregate(uow, cli_user(), action)
