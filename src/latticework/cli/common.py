"""Options shared by many commands, output writing and error rendering."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

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


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]


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


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def text_width(out: Path | None) -> int:
    """How wide text output is laid out: the terminal's width on a terminal; otherwise
    COLUMNS when it is set (a pipe, a file), else 100. Text is wrapped to it, never cut."""
    if out is None and sys.stdout.isatty():
        return stdout_console().width
    columns = os.environ.get("COLUMNS", "")
    return max(40, int(columns)) if columns.isdigit() else 100


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def require_format(fmt: OutputFormat, allowed: set[OutputFormat]) -> None:
    """Exit 2 when a command does not support the requested format."""
    if fmt not in allowed:
        choices = ", ".join(sorted(f.value for f in allowed))
        stderr_console().print(f"error: --format {fmt.value} is not available here; use {choices}.")
        raise typer.Exit(EXIT_USAGE)


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

    A database that cannot be opened or has no schema is a usage error for every
    command, whatever `code` the command passes.
    """
    render_problems(error.problems)
    if any(p.code in ("database", "database-schema") for p in error.problems):
        code = EXIT_USAGE
    raise typer.Exit(code)
