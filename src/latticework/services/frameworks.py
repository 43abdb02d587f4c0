"""Which framework an organisation is read against: the one rule every entry point uses.

The current framework is, in order: the framework files given explicitly (a
command's `--framework`, the web's LATTICEWORK_FRAMEWORK), else the newest
version stored with the organisation (every import stores the one it checked
against), else the built-in default framework. So a new, empty database reads
against the default framework: a command or page on it shows the default
framework and an empty organisation rather than an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from latticework.framework.model import Framework
    from latticework.storage import UnitOfWork

Source = Literal["files", "stored", "default"]


@dataclass(frozen=True)
class CurrentFramework:
    framework: Framework
    files: list[str]
    """The files it was loaded from (as stored with it, for a stored framework)."""
    source: Source


def default_framework() -> Framework:
    from latticework.framework import load_default_framework

    return load_default_framework().framework


def framework_from_files(files: list[Path]) -> Framework:
    from latticework.framework import load_framework

    return load_framework(files).framework


def resolve(uow: UnitOfWork | None, files: list[Path] | None = None) -> CurrentFramework:
    """The current framework (see the module docstring); `uow` None means no database yet."""
    from latticework.framework import load_default_framework

    if files:
        return CurrentFramework(framework_from_files(files), [str(f) for f in files], "files")
    stored = uow.frameworks.current() if uow is not None else None
    if stored is not None:
        return CurrentFramework(stored.framework, list(stored.files), "stored")
    loaded = load_default_framework()
    return CurrentFramework(loaded.framework, [Path(f).name for f in loaded.files], "default")


def current_framework(uow: UnitOfWork | None, files: list[Path] | None = None) -> Framework:
    """The framework to read the organisation against (see the module docstring)."""
    return resolve(uow, files).framework
