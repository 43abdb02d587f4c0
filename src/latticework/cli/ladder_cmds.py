"""`ladder import`: a draft framework from a ladder a company already publishes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from latticework.cli.common import exit_code_for, fail
from latticework.errors import LatticeworkError


class LadderSourceKind(StrEnum):
    FT = "ft"
    SHEET = "sheet"


ladder_app = typer.Typer(help="Published career ladders: import them as draft frameworks.")


def register(app: typer.Typer) -> None:
    app.add_typer(ladder_app, name="ladder")


@ladder_app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(help="The ladder: an FT-layout folder, or a CSV/XLSX.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write framework.yaml into.")],
    source_kind: Annotated[
        LadderSourceKind, typer.Option("--from", help="The source's shape: ft or sheet.")
    ] = LadderSourceKind.SHEET,
    organisation: Annotated[
        str | None, typer.Option(help="Organisation name (default: the source's name).")
    ] = None,
) -> None:
    """Write a draft framework from a published ladder; what it lacks is listed as `todo:`.

    Grades, competency categories and bands the source does not contain get
    placeholders and a `todo:` item each; `latticework check` names every one,
    and the latticework-only rules wait until they are filled in.

    Example:
        latticework ladder import --from sheet ladder.xlsx draft/ && latticework check draft/
    """
    from latticework.services.ladders import import_ladder

    try:
        imported = import_ladder(source_kind.value, source, out_dir, organisation=organisation)
    except LatticeworkError as exc:
        fail(exc, exit_code_for(exc))
    typer.echo(f"Wrote {imported.path} with {len(imported.todo)} value(s) to fill in:")
    for finding in imported.todo:
        typer.echo(f"  - {finding.message.removeprefix('To do: ')}")
    typer.echo(f"Check it with:  latticework check {out_dir}")
