"""`impact`, `readiness`, `packet`, `plan`, `moves` and `teams`: growth on one's own path.

Each command parses its options, calls `latticework.services.growth` and
renders the result. Services, the domain and pandas are imported inside the
commands so that `latticework check` stays fast.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    ViewFormat,
    database_url,
    fail,
    open_unit_of_work,
    text_width,
    write_output,
)
from latticework.errors import LatticeworkError

if TYPE_CHECKING:
    from latticework.framework.model import Framework
    from latticework.reports.document import Document
    from latticework.services.growth_data import GrowthData

PersonArgument = Annotated[
    str, typer.Argument(help="The person's employee id.", show_default=False)
]
PathOption = Annotated[
    str | None,
    typer.Option("--path", help="Develop for this path, e.g. strategic-leadership."),
]


def register(app: typer.Typer) -> None:
    app.command("impact")(impact)
    app.command("readiness")(readiness)
    app.command("assess")(assess)
    app.command("packet")(packet)
    app.command("plan")(plan)
    app.command("moves")(moves)
    app.command("teams")(teams)


def _load(db: str | None, person: str) -> GrowthData:
    """The framework and one person's records; exit 1 naming the id when they are not there."""
    from latticework.services.growth_data import person_data

    try:
        with open_unit_of_work(db) as uow:
            return person_data(uow, person)
    except LatticeworkError as exc:
        fail(exc)


def _emit(doc: Document, payload: object, fmt: OutputFormat, out: Path | None) -> None:
    """Write a document in the chosen format, or the JSON payload."""
    if fmt is OutputFormat.JSON:
        write_output(json.dumps(payload, indent=2, ensure_ascii=False), out)
    elif fmt is OutputFormat.TEXT:
        from latticework.reports.document_text import document_text

        write_output(document_text(doc, text_width(out)), out)
    else:
        from latticework.reports.document import render

        write_output(render(doc, fmt.value), out)


def impact(
    person: Annotated[
        str,
        typer.Argument(
            help="An employee id, or `classify` to classify free-text bullets.",
            show_default=False,
        ),
    ],
    file: Annotated[
        str | None,
        typer.Argument(help="With `classify`: a file of bullets, one per line, or - for stdin."),
    ] = None,
    period: Annotated[
        str, typer.Option(help="Summarise by year, half or quarter.", case_sensitive=False)
    ] = "year",
    discipline: Annotated[
        str | None, typer.Option(help="With `classify`: match this discipline's competencies.")
    ] = None,
    path: Annotated[
        str | None,
        typer.Option("--path", help="With `classify`: drop competencies weighted 0 on this path."),
    ] = None,
    for_person: Annotated[
        str | None,
        typer.Option("--person", help="With `classify`: use this person's discipline and path."),
    ] = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="With `classify --person`: store the bullets as impact."),
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            help="With `--save`: store only bullets classified at least this sure.", min=0, max=1
        ),
    ] = 0.5,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """A person's impact as business-framed statements, summarised by category and period.

    `latticework impact classify FILE` sorts free-text accomplishments into the
    four impact categories (risk reduction, enablement, efficiency, excellence),
    matches them to the framework's competencies with a confidence and pulls
    out their quantities, locally: nothing leaves the machine. With --person
    and --save the bullets become that person's impact records, in their words.

    Example:
        latticework impact E1234 --format md
        latticework impact classify wins.txt --discipline engineering --format json
        latticework impact classify wins.txt --person E1234 --save
    """
    if person == "classify":
        if save and for_person is None:
            typer.echo("error: --save needs --person: whose impact is it?", err=True)
            raise typer.Exit(EXIT_USAGE)
        options = _ClassifyOptions(discipline, path, for_person, save, min_confidence)
        _classify(file, options, output_format, out, db)
        return
    if file is not None:
        typer.echo("error: a FILE is only taken by `impact classify`.", err=True)
        raise typer.Exit(EXIT_USAGE)
    if period not in ("year", "half", "quarter"):
        typer.echo("error: --period must be year, half or quarter.", err=True)
        raise typer.Exit(EXIT_USAGE)
    from latticework.reports.growth_views import impact_document
    from latticework.services.growth import impact_report

    data = _load(db, person)
    try:
        report = impact_report(data, person, period)  # type: ignore[arg-type]
    except LatticeworkError as exc:
        fail(exc)
    doc = impact_document(report.person, report.statements, report.summary, data.framework)
    _emit(doc, report.to_dict(), output_format, out)


@dataclass(frozen=True)
class _ClassifyOptions:
    discipline: str | None
    path: str | None
    person: str | None
    save: bool
    min_confidence: float


def _classify(
    file: str | None,
    options: _ClassifyOptions,
    output_format: OutputFormat,
    out: Path | None,
    db: str | None,
) -> None:
    from datetime import date

    from latticework.growth.classify import impact_record_from, split_bullets
    from latticework.reports.document import Paragraph
    from latticework.reports.growth_views import classification_document
    from latticework.services import growth, growth_writes
    from latticework.services.growth_data import find_person, person_data

    if file is None:
        typer.echo("error: give a FILE of bullets, or - to read them from stdin.", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        typer.echo(f"error: cannot read {file}: {exc.strerror}.", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    bullets = split_bullets(text)
    discipline, path = options.discipline, options.path
    saved: list[str] = []
    try:
        if options.person is None:
            framework = _framework_without_person(db)
            results = growth.classify_accomplishments(framework, bullets, discipline, path)
        else:
            with open_unit_of_work(db) as uow:
                data = person_data(uow, options.person)
                someone = find_person(data, options.person)
                framework = data.framework
                discipline = discipline or someone.discipline
                path = path or (
                    someone.path if someone.path and framework.has_path(someone.path) else None
                )
                results = growth.classify_accomplishments(framework, bullets, discipline, path)
                if options.save:
                    records = [
                        record
                        for r in results
                        if r.confidence >= options.min_confidence
                        and (record := impact_record_from(r, options.person, date.today()))
                        is not None
                    ]
                    growth_writes.save_impact_records(uow, records)
                    uow.commit()
                    saved = [r.impact_id for r in records]
    except LatticeworkError as exc:
        fail(exc)
    payload: dict[str, object] = {"accomplishments": [r.to_dict() for r in results]}
    doc = classification_document(results)
    if options.save:
        payload["saved"] = saved
        doc.add(
            Paragraph(
                f"Saved {len(saved)} of {len(results)} bullets as impact records of "
                f"{options.person} (confidence at least {options.min_confidence:.0%}).",
                tone="good" if saved else "warning",
            )
        )
    _emit(doc, payload, output_format, out)


def _framework_without_person(db: str | None) -> Framework:
    """The current framework; classifying text needs no organisation, so a database file
    that does not exist yet means the default framework rather than an error."""
    from latticework.services.frameworks import current_framework, default_framework
    from latticework.storage import sqlite_file

    file = sqlite_file(database_url(db))
    if file is not None and not file.exists():
        return default_framework()
    with open_unit_of_work(db) as uow:
        return current_framework(uow)


def readiness(
    person: PersonArgument,
    to: Annotated[
        str | None, typer.Option("--to", help="Judge against this level instead of the next.")
    ] = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Ratings against the person's level and path, the gaps, and readiness for the next level.

    Only the expectations of the person's own path count; other paths' never do.

    Example:
        latticework readiness E1234 --format json
    """
    from latticework.reports.growth_views import readiness_document
    from latticework.services.growth import readiness as assess

    data = _load(db, person)
    try:
        result = assess(data, person, to)
    except LatticeworkError as exc:
        fail(exc)
    _emit(readiness_document(result, data.framework), result.to_dict(), output_format, out)


def assess(
    person: PersonArgument,
    competency: Annotated[str, typer.Argument(help="A competency id the person is held to.")],
    rating: Annotated[int, typer.Argument(help="The rating, on the framework's scale (1-5).")],
    rater: Annotated[
        str, typer.Option(help="Who rates: self, manager or peer.", case_sensitive=False)
    ] = "manager",
    cycle: Annotated[
        str | None, typer.Option(help="The assessment cycle (default: this half, e.g. 2026-H2).")
    ] = None,
    evidence: Annotated[
        str | None, typer.Option(help="A link or reference that supports the rating.")
    ] = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Record a self, manager or peer rating, with evidence, and show readiness.

    The rating is against the person's own level and path: competencies not asked
    of that path are refused.

    Example:
        latticework assess E1234 system-design 4 --rater manager --evidence https://docs/adr-12
    """
    if rater not in ("self", "manager", "peer"):
        typer.echo("error: --rater must be self, manager or peer.", err=True)
        raise typer.Exit(EXIT_USAGE)
    from latticework.reports.growth_views import readiness_document
    from latticework.services.growth_data import person_data
    from latticework.services.growth_writes import record_rating

    try:
        with open_unit_of_work(db) as uow:
            data = person_data(uow, person)
            result = record_rating(uow, data, person, competency, rating, rater, cycle, evidence)
            uow.commit()
    except LatticeworkError as exc:
        fail(exc)
    _emit(readiness_document(result, data.framework), result.to_dict(), output_format, out)


def packet(
    person: PersonArgument,
    to: Annotated[
        str | None, typer.Option("--to", help="Target level (default: the next on the track).")
    ] = None,
    output_format: FormatOption = OutputFormat.MD,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """A promotion packet: the case for the next level on the person's own path.

    Target expectations on the path, ratings with evidence, impact, leadership roles,
    forum participation, time in level and equivalent levels.

    Example:
        latticework packet E1234 --format pdf --out packet.pdf
    """
    from latticework.reports.growth_packet import packet_document
    from latticework.services.growth import promotion_packet

    data = _load(db, person)
    try:
        result = promotion_packet(data, person, to)
    except LatticeworkError as exc:
        fail(exc)
    _emit(packet_document(result, data.framework), result.to_dict(), output_format, out)


def plan(
    person: PersonArgument,
    path: PathOption = None,
    save: Annotated[
        bool, typer.Option("--save", help="Store the proposed plan as the person's plan.")
    ] = False,
    set_status: Annotated[
        tuple[int, str] | None,
        typer.Option(
            "--set-status",
            help="Set a stored item's status: ITEM planned|in_progress|done|dropped.",
            metavar="ITEM STATUS",
        ),
    ] = None,
    items: Annotated[
        int, typer.Option(help="How many opportunities to propose.", min=1, max=10)
    ] = 3,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """A development plan: the framework's opportunities for the person's path, for their gaps.

    Without options, shows the stored plan if there is one, else a proposal.
    A technical-depth engineer is offered talks, open source and research time;
    pass --path strategic-leadership to develop for leadership instead.

    Example:
        latticework plan E1234 --save
        latticework plan E1234 --set-status 2 done
    """
    from latticework.reports.growth_views import plan_document
    from latticework.services import growth, growth_writes
    from latticework.services.growth_data import find_person, person_data

    try:
        with open_unit_of_work(db) as uow:
            data = person_data(uow, person)
            person_record = find_person(data, person)
            if set_status is not None:
                result = growth_writes.set_plan_item_status(
                    uow, person, set_status[0], set_status[1], data.framework
                )
            elif save:
                _, proposal = growth.development_plan(data, person, path, items)
                result = growth_writes.save_plan(uow, proposal, data.framework)
            else:
                stored = None if path is not None else growth_writes.stored_plan(uow, person)
                result = stored or growth.development_plan(data, person, path, items)[1]
            uow.commit()
    except LatticeworkError as exc:
        fail(exc)
    doc = plan_document(result, person_record, data.framework)
    _emit(doc, result.to_dict(), output_format, out)


def moves(
    person: PersonArgument,
    to: Annotated[
        str | None,
        typer.Option("--to", help="A target level (e.g. M8) or path (e.g. strategic-leadership)."),
    ] = None,
    path: Annotated[
        str | None, typer.Option("--path", help="With a level for --to: the path to arrive on.")
    ] = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """The legal moves from the person's position, and the shortest route to a target.

    Moves are promotion on the same track and path, a change of path at the same
    level and a change of track at the same grade; each says what it requires.
    Exits 1 when the target cannot be reached.

    Example:
        latticework moves E1234 --to M8
    """
    if path is not None and to is None:
        typer.echo("error: --path goes with --to LEVEL (the path to arrive on).", err=True)
        raise typer.Exit(EXIT_USAGE)
    from latticework.reports.growth_views import moves_document
    from latticework.services.growth import lattice_moves

    data = _load(db, person)
    try:
        report = lattice_moves(data, person, to, path)
    except LatticeworkError as exc:
        fail(exc)
    goal = None if to is None else (to if path is None else f"{to} on {path}")
    doc = moves_document(
        report.person, report.here, report.moves, report.route, goal, data.framework
    )
    _emit(doc, report.to_dict(data.framework), output_format, out)
    if to is not None and report.route is None:
        raise typer.Exit(EXIT_FINDINGS)


def teams(
    team: Annotated[str | None, typer.Argument(help="One team (default: every team).")] = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Team composition: capabilities per team against the framework's targets.

    Strategic leadership, technical depth, domain specialists, product partnership
    and people leadership per team.

    Exits 1 when a team is flagged (a capability missing or over-concentrated).

    Example:
        latticework teams --format html --out teams.html
    """
    from latticework.reports.growth_teams import teams_document
    from latticework.services.growth import team_composition
    from latticework.services.growth_data import team_data

    try:
        with open_unit_of_work(db) as uow:
            data = team_data(uow, team)
        org = team_composition(data, team)
    except LatticeworkError as exc:
        fail(exc)
    payload = org.to_dict() if team is None else org.teams[0].to_dict()
    _emit(teams_document(org, data.framework, team), payload, output_format, out)
    if org.flagged:
        raise typer.Exit(EXIT_FINDINGS)
