"""`init`, `check`, `show` and `schema`: the framework-as-code commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    OutOption,
    OutputFormat,
    TextJsonFormat,
    TextJsonMdFormat,
    exit_code_for,
    fail,
    stdout_console,
    write_output,
)
from latticework.errors import LatticeworkError

if TYPE_CHECKING:
    from latticework.framework.loading import LoadedFramework

FrameworkFiles = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Framework YAML files (merged in order), or a folder of them. "
        "Default: the built-in framework.",
        show_default=False,
    ),
]

SCHEMA_FILE = "framework.schema.json"


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("check")(check)
    app.command("show")(show)
    app.command("schema")(schema)


def _load(files: list[Path] | None) -> LoadedFramework:
    from latticework.framework import load_default_framework, load_framework

    try:
        return load_framework(files) if files else load_default_framework()
    except LatticeworkError as exc:
        fail(exc, exit_code_for(exc))


def init(
    directory: Annotated[Path, typer.Argument(help="Folder to write the framework into.")] = Path(
        "framework"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
) -> None:
    """Write the default framework into DIRECTORY for you to edit.

    Also writes framework.schema.json, which the files name for editors' completion.

    Example:
        latticework init framework/ && latticework check framework/
    """
    from latticework.framework import default_framework_files
    from latticework.framework.schema import framework_json_schema

    directory.mkdir(parents=True, exist_ok=True)
    sources = default_framework_files()
    existing = [directory / s.name for s in sources if (directory / s.name).exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        typer.echo(f"error: {names} already exist; use --force to overwrite.", err=True)
        raise typer.Exit(EXIT_USAGE)
    for source in sources:
        shutil.copyfile(source, directory / source.name)
    # Each default file names this schema in its first line, for editors' completion.
    (directory / SCHEMA_FILE).write_text(
        json.dumps(framework_json_schema(), indent=2) + "\n", encoding="utf-8"
    )
    typer.echo(f"Wrote {len(sources)} framework files and {SCHEMA_FILE} to {directory}/.")
    typer.echo(f"Check them with:  latticework check {directory}")


def check(
    files: FrameworkFiles = None,
    output_format: TextJsonFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Lint a framework: ceilings, unequal bands, 'strategic = senior', broken references.

    Formats: text or json (shape in docs/lint-rules.md, with every rule). Exits 0
    when there are no errors (warnings alone exit 0), 1 when there are errors or
    the files do not follow the format, 2 for unreadable input.

    Example:
        latticework check framework/ --format json --out lint.json
    """
    from latticework.framework.lint import Severity, lint
    from latticework.reports.lint_report import lint_json, lint_text

    loaded = _load(files)
    findings = lint(loaded)
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(lint_json(loaded, findings), indent=2), out)
    else:
        write_output(lint_text(loaded, findings), out)
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def show(
    files: FrameworkFiles = None,
    output_format: TextJsonMdFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Show the tracks side by side with grades as rows: the picture of "equal".

    Formats: text (grade grid, lattice of paths and bands, for an 80-120 column
    terminal), md (the whole framework, expectations included) and json (for other
    tools; shape in docs/framework-format.md).

    Example:
        latticework show framework/ --format md --out ladder.md
    """
    from latticework.framework.overview import framework_overview
    from latticework.reports.framework_show import framework_markdown, framework_text

    loaded = _load(files)
    fw = loaded.framework
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(framework_overview(fw), indent=2), out)
    elif output_format is OutputFormat.MD:
        write_output(framework_markdown(fw), out)
    elif out is not None:
        write_output(framework_text(fw, width=120), out)
    else:
        console = stdout_console()
        write_output(framework_text(fw, width=console.width), None)


def schema(out: OutOption = None) -> None:
    """Print the JSON Schema of the framework format (for editors' autocompletion).

    Example:
        latticework schema --out framework.schema.json
    """
    from latticework.framework.schema import framework_json_schema

    write_output(json.dumps(framework_json_schema(), indent=2), out)
