"""`publish`: the framework as a static site every employee can read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from latticework.cli.common import exit_code_for, fail
from latticework.cli.framework_cmds import FrameworkFiles, _load
from latticework.errors import LatticeworkError


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)


def publish(
    out_dir: Annotated[Path, typer.Argument(help="Empty folder to write the site into.")],
    files: FrameworkFiles = None,
    with_bands: Annotated[
        bool, typer.Option("--with-bands", help="Also publish the pay bands per grade.")
    ] = False,
) -> None:
    """Publish the framework as a static site: tracks, levels, competencies, promotion.

    Writes HTML pages, the framework as versioned JSON and an XLSX progression
    tracker per level. No server and no network requests; nothing about any
    person. Pay bands only with --with-bands (the criteria for pay and
    progression that pay-transparency rules ask employers to make accessible).

    Example:
        latticework publish site/ framework/ --with-bands
    """
    from latticework.services.publish import publish_site

    loaded = _load(files)
    try:
        site = publish_site(loaded.framework, out_dir, with_bands=with_bands)
    except LatticeworkError as exc:
        fail(exc, exit_code_for(exc))
    typer.echo(f"Wrote {len(site.files)} files to {out_dir}/; open {out_dir}/index.html.")
