"""Options shared by many commands, output writing and error rendering."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from latticework.errors import LatticeworkError, Problem

if TYPE_CHECKING:
    from latticework.storage import UnitOfWork

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

DEFAULT_DATABASE_URL = "sqlite:///latticework.db"


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"
    PDF = "pdf"


def _format_option(*allowed: OutputFormat) -> Any:
    """--format offering only what the command renders: help and errors list exactly those."""
    values = [f.value for f in allowed]

    def parse(text: str) -> OutputFormat:
        folded = str(text).strip().lower()
        if folded not in values:
            raise typer.BadParameter(f"{text!r} is not one of {', '.join(values)}.")
        return OutputFormat(folded)

    return typer.Option(
        "--format",
        "-f",
        help="Output format.",
        metavar="[" + "|".join(values) + "]",
        parser=parse,
    )


_T, _J, _M, _H, _P = (
    OutputFormat.TEXT,
    OutputFormat.JSON,
    OutputFormat.MD,
    OutputFormat.HTML,
    OutputFormat.PDF,
)
FormatOption = Annotated[OutputFormat, _format_option(_T, _J, _M, _H, _P)]
"""Every format: text, json, md, html, pdf."""
TextJsonFormat = Annotated[OutputFormat, _format_option(_T, _J)]
TextJsonMdFormat = Annotated[OutputFormat, _format_option(_T, _J, _M)]
ViewFormat = Annotated[OutputFormat, _format_option(_T, _J, _M, _H)]
"""A view of the data: text, json, md or html (no pdf)."""
DocumentFormat = Annotated[OutputFormat, _format_option(_T, _M, _H, _P)]
"""A document without a JSON form: text, md, html, pdf."""


def _writable_out(out: Path | None) -> Path | None:
    """Refuse an --out in a missing folder while parsing, before the command does any work
    (an import must not write the database, an audit must not store its run, then fail)."""
    if out is not None and not out.parent.is_dir():
        raise typer.BadParameter(
            f"the folder {out.parent} does not exist; create it or choose another file."
        )
    return out


OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Write to this file instead of standard output.",
        dir_okay=False,
        callback=_writable_out,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $LATTICEWORK_DATABASE_URL, else sqlite:///latticework.db).",
        show_default=False,
    ),
]


MinGroupOption = Annotated[
    int, typer.Option("--min-group", min=1, help="Suppress every group smaller than this.")
]


AsOfOption = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="The date the data describes (default: today).",
        show_default=False,
    ),
]
"""Read it with `day(as_of)`."""


def day(value: datetime | None) -> date | None:
    """The date of a date option (Click parses dates as datetimes)."""
    return value.date() if value is not None else None


USAGE_CODES = frozenset(
    {
        # audit and remediation options
        "audit-id",
        "audit-option",
        "remediation-usage",
        "remediation-target",
        # eu: an unknown employer, worker, request, factor or a bad CSV given on the line
        "eu-entity",
        "eu-employee",
        "eu-request",
        "eu-csv",
        "eu-factor",
        # a person, team, level, path or discipline named on the command line that is not there
        "person-not-found",
        "team-not-found",
        "unknown-target",
        "unknown-path",
        "unknown-discipline",
    }
)
"""Problem codes that mean the command line named something that is not there: exit 2."""


def database_url(db: str | None) -> str:
    """The database URL from --db, the environment, or the SQLite default."""
    return db or os.environ.get("LATTICEWORK_DATABASE_URL") or DEFAULT_DATABASE_URL


def open_unit_of_work(db: str | None) -> UnitOfWork:
    """A unit of work on the command's database, once its schema is known to be current.

    Use it as `with open_unit_of_work(db) as uow: ...; uow.commit()`: one
    command, one transaction.
    """
    from latticework.storage import UnitOfWork, require_current_schema

    url = database_url(db)
    require_current_schema(url)
    return UnitOfWork(url)


def text_width(out: Path | None, default: int = 100) -> int:
    """The width to lay text out for: $COLUMNS when set (piped or not), else the terminal's,
    else `default` (a file, or a pipe). Text tables never cut a cell at any width."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 20:
        return int(columns)
    console = stdout_console()
    return console.width if out is None and console.is_terminal else default


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def write_output(content: str | bytes, out: Path | None) -> None:
    """Write a rendered report to --out, or to standard output."""
    if out is not None:
        try:
            if isinstance(content, bytes):
                out.write_bytes(content)
            else:
                out.write_text(content, encoding="utf-8")
        except OSError as exc:
            stderr_console().print(f"error: cannot write {out}: {exc.strerror}.")
            raise typer.Exit(EXIT_USAGE) from None
        return
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")


def render_problems(problems: list[Problem]) -> None:
    err = stderr_console()
    for problem in problems:
        err.print(f"[bold red]error[/]: {problem.location}: {problem.message}", markup=True)
        if problem.fix:
            err.print(f"  [dim]fix:[/] {problem.fix}", markup=True)


def exit_code_for(error: LatticeworkError) -> int:
    """2 when the input could not be read at all (a missing file, broken YAML, a database
    that cannot be opened or has no schema: the same for every command); else 1."""
    unreadable = any(
        p.code in (None, "yaml", "database", "database-schema") for p in error.problems
    )
    return EXIT_USAGE if unreadable else EXIT_FINDINGS


def fail(error: LatticeworkError, code: int = EXIT_FINDINGS) -> NoReturn:
    """Render a user-facing error and exit (1 for bad input, 2 for usage).

    A database that cannot be opened or has no schema, and a value on the command
    line that names nothing there (USAGE_CODES), are usage errors for every command,
    whatever `code` the command passes.
    """
    render_problems(error.problems)
    usage = ("database", "database-schema", *USAGE_CODES)
    if any(p.code in usage for p in error.problems):
        code = EXIT_USAGE
    raise typer.Exit(code)


@contextmanager
def reported(code: int = EXIT_FINDINGS) -> Iterator[None]:
    """Turn a LatticeworkError inside the block into its rendered problems and exit code."""
    try:
        yield
    except LatticeworkError as exc:
        fail(exc, code)
