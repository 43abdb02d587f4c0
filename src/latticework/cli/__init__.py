"""The `latticework` command: one root group, commands split by area.

Each area module registers its commands on the root app. Modules import only
Typer and Rich at import time; heavy libraries (pandas, statsmodels,
SQLAlchemy, the web stack) are imported inside the commands that use them, so
`latticework check` starts fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from latticework.cli import (
    audit_cmds,
    data_cmds,
    demo_cmds,
    eu_cmds,
    evaluation_cmds,
    framework_cmds,
    growth_cmds,
    ladder_cmds,
    publish_cmds,
    remediation_cmds,
    team_cmds,
    web_cmds,
)

app = typer.Typer(
    name="latticework",
    help="Career lattices as code: parallel tracks equal in level, pay and influence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"latticework {version('latticework')}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="Log what happens to standard error (-v: imports, audit runs; -vv: debug).",
        ),
    ] = 0,
) -> None:
    """Career lattices as code: parallel tracks equal in level, pay and influence."""
    from latticework.logs import configure, level_for_verbosity

    configure(level_for_verbosity(verbose))


for _module in (
    framework_cmds,
    data_cmds,
    demo_cmds,
    audit_cmds,
    growth_cmds,
    web_cmds,
    evaluation_cmds,
    remediation_cmds,
    ladder_cmds,
    publish_cmds,
    eu_cmds,
    team_cmds,
):
    _module.register(app)


def main() -> None:
    app()
