"""The default framework shipped with latticework (copied by `latticework init`)."""

from __future__ import annotations

from pathlib import Path

from latticework.framework.loading import LoadedFramework, load_framework

# The YAML files ship inside the package (wheel and editable installs alike); a plain
# path avoids importing importlib.resources, which costs `check` start-up time.
DEFAULT_FRAMEWORK_DIR = Path(__file__).resolve().parent / "default"


def default_framework_files() -> list[Path]:
    """The YAML files of the default framework, in load order."""
    return sorted(DEFAULT_FRAMEWORK_DIR.glob("*.yaml"))


def load_default_framework() -> LoadedFramework:
    return load_framework(default_framework_files())
