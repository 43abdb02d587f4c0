"""`serve` (the web app and JSON API) and `users` (accounts, roles, API tokens)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from latticework.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    DbOption,
    OutOption,
    OutputFormat,
    TextJsonFormat,
    database_url,
    fail,
    open_unit_of_work,
    write_output,
)
from latticework.errors import LatticeworkError

if TYPE_CHECKING:
    from latticework.accounts.model import User
    from latticework.storage import UnitOfWork

users_app = typer.Typer(
    name="users",
    help="Accounts for the web app and API: add, list, change, tokens.",
    no_args_is_help=True,
)

PASSWORD_ENV = "LATTICEWORK_PASSWORD"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Processes; they share nothing but the database.", min=1)
    ] = 1,
    framework: Annotated[
        list[Path] | None,
        typer.Option(help="Framework YAML files (default: the one stored by the last import)."),
    ] = None,
    get: Annotated[
        str | None,
        typer.Option(
            "--get",
            help="Make one in-process request for PATH, print the answer and exit "
            "(0 when it succeeds, 1 otherwise) instead of serving.",
            metavar="PATH",
        ),
    ] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="With --get: make the request as this user.")
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="Behind a reverse proxy: the proxies' addresses (comma-separated, networks "
            "allowed, '*' for any) whose X-Forwarded-For header gives the client's address. "
            "Without it the header is ignored.",
            metavar="ADDRESSES",
        ),
    ] = None,
) -> None:
    """Serve the web app and JSON API (OpenAPI at /openapi.json) on the database.

    Set LATTICEWORK_SECRET_KEY (the same for every process and restart) so that
    sessions survive restarts; without it a random key is used.

    Example:
        latticework serve --db sqlite:///demo.db --port 8000
        latticework serve --db sqlite:///demo.db --get /api/framework --as hr
        latticework serve --db sqlite:///demo.db --forwarded-allow-ips 10.0.0.5
    """
    from latticework.storage import require_current_schema
    from latticework.web.server import get_once
    from latticework.web.server import serve as run

    url = database_url(db)
    try:
        require_current_schema(url)
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)
    if get is not None:
        try:
            status, body = get_once(url, get, as_user)
        except LatticeworkError as exc:
            fail(exc, EXIT_USAGE)
        write_output(body, None)
        raise typer.Exit(EXIT_OK if status < 400 else EXIT_FINDINGS)
    typer.echo(f"latticework is serving {url} at http://{host}:{port}/ (Ctrl+C stops it)")
    run(
        url,
        host=host,
        port=port,
        workers=workers,
        framework_files=[str(p) for p in framework or []],
        forwarded_allow_ips=forwarded_allow_ips,
    )


def _password(password: str | None, confirm: bool = True) -> str:
    if password is not None:
        return password
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    return value


PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        help=f"The password (default: ${PASSWORD_ENV}, else asked for without echo).",
        show_default=False,
    ),
]


def _uow(db: str | None) -> UnitOfWork:
    try:
        return open_unit_of_work(db)
    except LatticeworkError as exc:
        fail(exc, EXIT_USAGE)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="User name to log in with.")],
    role: Annotated[str, typer.Option(help="employee, manager, people, admin or representative.")],
    employee: Annotated[
        str | None, typer.Option(help="Employee id of the person (employee and manager).")
    ] = None,
    password: PasswordOption = None,
    db: DbOption = None,
) -> None:
    """Add a user. Passwords are stored only as argon2 hashes.

    Example:
        latticework users add ali@example.com --role manager --employee E1042
    """
    from latticework.services import accounts

    secret = _password(password)
    with _uow(db) as uow:
        try:
            user = accounts.create_user(uow, username, secret, role, employee)
        except LatticeworkError as exc:
            fail(exc, EXIT_FINDINGS)
        uow.commit()
    typer.echo(f"Added {user.username} ({user.role.value}).")


@users_app.command("list")
def users_list(
    db: DbOption = None, output_format: TextJsonFormat = OutputFormat.TEXT, out: OutOption = None
) -> None:
    """List users with their roles and linked people.

    Example:
        latticework users list --format json
    """
    from latticework.services import accounts

    with _uow(db) as uow:
        users = accounts.list_users(uow)
    if output_format is OutputFormat.JSON:
        rows = [
            {
                "id": u.id,
                "username": u.username,
                "role": u.role.value,
                "employee_id": u.employee_id,
                "is_active": u.is_active,
            }
            for u in users
        ]
        write_output(json.dumps(rows, indent=2), out)
        return
    lines = [
        f"{u.id:>4}  {u.username:<30} {u.role.value:<9} {u.employee_id or '-':<12} "
        f"{'active' if u.is_active else 'disabled'}"
        for u in users
    ]
    write_output("\n".join(lines) if lines else "No users.", out)


@users_app.command("set")
def users_set(
    username: Annotated[str, typer.Argument(help="The user to change.")],
    role: Annotated[str | None, typer.Option(help="New role.")] = None,
    employee: Annotated[str | None, typer.Option(help="Link to this employee id.")] = None,
    active: Annotated[
        bool | None, typer.Option("--active/--disabled", help="Allow or refuse log-in.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Change a user's role, linked person or whether they may log in.

    Example:
        latticework users set ali@example.com --role people
    """
    from latticework.services import accounts

    with _uow(db) as uow:
        try:
            user = _existing(uow, username)
            accounts.update_user(uow, user.id, role=role, employee_id=employee, is_active=active)
        except LatticeworkError as exc:
            fail(exc, EXIT_FINDINGS)
        uow.commit()
    typer.echo(f"Updated {username}.")


@users_app.command("password")
def users_password(
    username: Annotated[str, typer.Argument(help="The user whose password to set.")],
    password: PasswordOption = None,
    db: DbOption = None,
) -> None:
    """Set a new password; the user's open sessions end.

    Example:
        LATTICEWORK_PASSWORD='a long new passphrase' latticework users password ali@example.com
    """
    from latticework.services import accounts

    secret = _password(password)
    with _uow(db) as uow:
        try:
            accounts.set_password(uow, _existing(uow, username).id, secret)
        except LatticeworkError as exc:
            fail(exc, EXIT_FINDINGS)
        uow.commit()
    typer.echo(f"Password of {username} changed.")


@users_app.command("token")
def users_token(
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "script",
    db: DbOption = None,
) -> None:
    """Create an API token (printed once) for scripts: `Authorization: Bearer <token>`.

    Example:
        latticework users token hr@example.com --name nightly-audit
    """
    from latticework.services import accounts

    with _uow(db) as uow:
        try:
            user = _existing(uow, username)
            _, token = accounts.create_api_token(uow, user.id, name)
        except LatticeworkError as exc:
            fail(exc, EXIT_FINDINGS)
        uow.commit()
    typer.echo(token)


def _existing(uow: UnitOfWork, username: str) -> User:
    from latticework.errors import Problem
    from latticework.services import accounts

    user = accounts.get_user_by_name(uow, username)
    if user is None:
        raise LatticeworkError(
            Problem(
                f"No user named '{username}'.",
                fix="See `latticework users list`.",
                code="unknown-user",
            )
        )
    return user
