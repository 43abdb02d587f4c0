"""`latticework remediate`: the cheapest raises that close a gap, proven by re-running the audit."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from latticework.cli.audit_cmds import CategoriesChoice
from latticework.cli.common import (
    EXIT_FINDINGS,
    AsOfOption,
    DbOption,
    MinGroupOption,
    OutOption,
    OutputFormat,
    ViewFormat,
    day,
    open_unit_of_work,
    reported,
    stderr_console,
    write_output,
)
from latticework.errors import LatticeworkError, Problem


def register(app: typer.Typer) -> None:
    app.command("remediate")(remediate)


def remediate(
    target: Annotated[
        str,
        typer.Option(
            "--target",
            help="The gap to close: track:GRADE (ICs vs managers at a grade), ATTRIBUTE[:GROUP] "
            "(an adjusted demographic gap, e.g. gender:female) or eu:ZONE:CATEGORY (an EU "
            "category gap, e.g. eu:us:G8).",
            show_default=False,
        ),
    ],
    goal: Annotated[
        float | None,
        typer.Option(
            "--to",
            help="Close the gap to at most this many percent (default: 0, closed; for EU "
            "categories 4.99, just under the Directive's 5 % flag).",
            show_default=False,
        ),
    ] = None,
    max_raise: Annotated[
        float,
        typer.Option("--max-raise", min=0.0, max=100.0, help="Largest raise per person, percent."),
    ] = 10.0,
    band_max: Annotated[
        str,
        typer.Option(
            "--band-max",
            help="respect: no raise passes the band maximum; flag: allow it and flag it.",
        ),
    ] = "respect",
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            min=0.0,
            help="Spend at most this much (reference currency, per year): the plan then makes "
            "the gap as small as the budget allows.",
            show_default=False,
        ),
    ] = None,
    rates: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            help="CUR=VALUE: one unit of CUR in the reference currency (default: the ratio of "
            "band mids). Repeat for several currencies.",
            show_default=False,
        ),
    ] = None,
    per_person: Annotated[
        bool,
        typer.Option(
            "--per-person",
            help="Include the per-person plan (people-role data: names the people and their pay).",
        ),
    ] = False,
    events_out: Annotated[
        Path | None,
        typer.Option(
            "--events-out",
            help="Write the plan as events.csv (pay_change) and people.csv (new pay) to this "
            "folder, in the import format: `latticework import FOLDER` applies it.",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    effective: Annotated[
        datetime | None,
        typer.Option(
            "--effective-date",
            formats=["%Y-%m-%d"],
            help="Date of the pay changes (default: the data's date).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    categories: Annotated[
        CategoriesChoice,
        typer.Option(
            "--categories",
            case_sensitive=False,
            help="Categories of work of equal value for eu: targets: grade, or value "
            "(evaluated value bands).",
        ),
    ] = CategoriesChoice.GRADE,
    min_group: MinGroupOption = 5,
    framework_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--framework",
            help="Framework YAML files (default: the framework stored with the data).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Plan the cheapest raises that close a gap, within limits, and re-run the audit to prove it.

    Minimum cost by linear programming (HiGHS): no pay cuts, at most --max-raise per
    person, band maximum respected (or flagged), optionally within --budget. Prints the
    gap before and after, the cost per zone, the naive uniform raise and its cost, and
    every audit number the raises change. The per-person plan (--per-person,
    --events-out) is people-role data. Exits 0 when the goal is met, 1 when it cannot be
    (or for bad data), 2 for usage errors.

    Example:
        latticework remediate --target track:G8 --max-raise 8 --events-out raises/
        latticework remediate --target gender --budget 250000 --format html --out plan.html
    """
    from latticework.audit import AuditOptions
    from latticework.remediation.plan import BandMax, Constraints
    from latticework.remediation.targets import parse_target
    from latticework.reports.document import render
    from latticework.reports.remediation_report import (
        remediation_document,
        remediation_json,
        remediation_text,
    )
    from latticework.services.remediation import remediate_organisation, write_plan_files

    with reported():
        if band_max not in (BandMax.RESPECT.value, BandMax.FLAG.value):
            raise _usage(f"--band-max {band_max!r} is not respect or flag.")
        constraints = Constraints(
            max_raise=max_raise / 100,
            band_max=BandMax(band_max),
            budget=budget,
            rates=_rates(rates or []),
        )
        parsed = parse_target(target, None if goal is None else goal / 100)
        data_date = day(as_of)
        with open_unit_of_work(db) as uow:  # read-only: nothing to commit
            result = remediate_organisation(
                uow,
                parsed,
                constraints,
                options=AuditOptions(min_group=min_group, categories=categories.value),
                as_of=data_date,
                framework_files=framework_files,
            )
        if events_out is not None:
            when = day(effective) or data_date or date.today()
            written = write_plan_files(result, events_out, when)
            for path, rows in written:
                stderr_console().print(f"Wrote {rows} rows to {path}.")
    plan, changes = result.plan, result.changes
    if output_format is OutputFormat.JSON:
        data = remediation_json(plan, changes, min_group=min_group, per_person=per_person)
        write_output(json.dumps(data, indent=2), out)
    elif output_format is OutputFormat.TEXT:
        write_output(
            remediation_text(plan, changes, min_group=min_group, per_person=per_person), out
        )
    else:
        document = remediation_document(plan, changes, min_group=min_group, per_person=per_person)
        write_output(render(document, output_format.value), out)
    if not plan.reached:
        raise typer.Exit(EXIT_FINDINGS)


def _usage(message: str) -> LatticeworkError:
    return LatticeworkError(Problem(message, code="remediation-usage"))


def _rates(values: list[str]) -> dict[str, float]:
    rates: dict[str, float] = {}
    for value in values:
        code, _, amount = value.partition("=")
        try:
            rate = float(amount)
        except ValueError:
            rate = -1.0
        if len(code.strip()) != 3 or rate <= 0:
            raise LatticeworkError(
                Problem(
                    f"--rate {value!r} is not CUR=VALUE.",
                    fix="Give a currency code and a positive number, e.g. --rate EUR=1.08.",
                    code="remediation-usage",
                )
            )
        rates[code.strip().upper()] = rate
    return rates
