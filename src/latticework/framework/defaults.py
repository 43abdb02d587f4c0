"""The default framework shipped with latticework (copied by `latticework init`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from latticework.framework.loading import LoadedFramework, load_framework


def default_framework_files() -> list[Path]:
    """The YAML files of the default framework, in load order."""
    folder = files("latticework.framework") / "default"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_default_framework() -> LoadedFramework:
    return load_framework(default_framework_files())
