"""`team-view`: a manager's reports with readiness, time in level, plan and nomination status."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from latticework.cli.common import (
    DbOption,
    OutOption,
    OutputFormat,
    ViewFormat,
    fail,
    open_unit_of_work,
    text_width,
    write_output,
)
from latticework.errors import LatticeworkError


class RelationChoice(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


def register(app: typer.Typer) -> None:
    app.command("team-view")(team_view)


def team_view(
    manager: Annotated[str, typer.Argument(help="The manager's employee id.", show_default=False)],
    sort: Annotated[
        str,
        typer.Option(
            "--sort", help="name, level, relation, ready, months_in_level, last_assessment."
        ),
    ] = "name",
    descending: Annotated[bool, typer.Option("--descending", help="Reverse the order.")] = False,
    relation: Annotated[
        RelationChoice | None, typer.Option("--relation", help="Only direct or indirect reports.")
    ] = None,
    ready: Annotated[
        bool | None, typer.Option("--ready/--not-ready", help="Only those (not) ready.")
    ] = None,
    level: Annotated[str | None, typer.Option("--level", help="Only this level id.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name.")] = None,
    page: Annotated[int, typer.Option("--page", help="Page number, from 1.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", help="Rows per page (1-200).")] = 50,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """A manager's team: direct and indirect reports, readiness for the next level, time in
    level, last assessment, development plan and nomination status.

    Example:
        latticework team-view E0042 --sort ready --descending --format md
    """
    from latticework.growth.team_view import TeamQuery
    from latticework.reports.team_view import team_view_document
    from latticework.services.frameworks import current_framework
    from latticework.services.team_view import team_view as build

    query = TeamQuery(
        sort=sort,
        descending=descending,
        relation=relation.value if relation else None,
        ready=ready,
        level=level,
        search=search,
        page=page,
        per_page=per_page,
    )
    try:
        query.check()
    except LatticeworkError as exc:
        fail(exc, 2)
    try:
        with open_unit_of_work(db) as uow:
            result = build(uow, current_framework(uow), manager, query)
    except LatticeworkError as exc:
        fail(exc)
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), out)
        return
    doc = team_view_document(result)
    if output_format is OutputFormat.TEXT:
        from latticework.reports.document_text import document_text

        write_output(document_text(doc, text_width(out)), out)
        return
    from latticework.reports.document import render

    write_output(render(doc, output_format.value), out)
