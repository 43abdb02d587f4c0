"""Publish the framework as a static site (`latticework publish OUT_DIR`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.reports.ladder_site import SiteOptions, render_site


@dataclass(frozen=True)
class PublishedSite:
    folder: Path
    files: list[str]


def publish_site(fw: Framework, out_dir: Path, *, with_bands: bool = False) -> PublishedSite:
    """Write the site into OUT_DIR, which must be empty or not exist (nothing stale is left)."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise LatticeworkError(
            Problem(
                "The output folder is not empty.",
                Location(str(out_dir)),
                "Publish into a new or empty folder, so that no page of an older version stays.",
            )
        )
    files = render_site(fw, SiteOptions(with_bands=with_bands))
    for name, content in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return PublishedSite(out_dir, sorted(files))
