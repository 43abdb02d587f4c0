"""`latticework evaluate`: the job evaluation behind "same grade, equal value"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    OutOption,
    OutputFormat,
    ViewFormat,
    exit_code_for,
    fail,
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


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate)


def evaluate(
    files: FrameworkFiles = None,
    output_format: ViewFormat = OutputFormat.TEXT,
    out: OutOption = None,
) -> None:
    """Show the job evaluation: points per level and factor, by grade, with a suggested grade.

    The suggested grade is the grade whose evaluated value band holds a level's
    points; where it differs from the declared grade, equivalence by grade is not
    backed by equal value. Formats: text, json (shape in docs/framework-format.md),
    md and html. Exits 0; `latticework check` is what fails on evaluation findings.

    Example:
        latticework evaluate framework/ --format html --out evaluation.html
    """
    from latticework.framework.evaluation_points import evaluation_summary
    from latticework.reports.document import render
    from latticework.reports.evaluation_report import evaluation_document, evaluation_text

    fw = load_or_fail(files).framework
    if output_format is OutputFormat.JSON:
        write_output(json.dumps(evaluation_summary(fw), indent=2), out)
    elif output_format is OutputFormat.TEXT:
        write_output(evaluation_text(fw), out)
    else:
        write_output(render(evaluation_document(fw), output_format.value), out)


def load_or_fail(files: list[Path] | None) -> LoadedFramework:
    """The framework from FILES (or the built-in one); bad input exits with located errors."""
    from latticework.framework import load_default_framework, load_framework

    try:
        return load_framework(files) if files else load_default_framework()
    except LatticeworkError as exc:
        fail(exc, exit_code_for(exc))
