"""Framework-as-code: the model, its YAML loader, the JSON Schema and the default lattice."""

from __future__ import annotations

from latticework.framework.defaults import default_framework_files, load_default_framework
from latticework.framework.loading import (
    LoadedFramework,
    SourceMap,
    dump_framework,
    load_framework,
    load_framework_text,
)
from latticework.framework.model import Framework

__all__ = [
    "Framework",
    "LoadedFramework",
    "SourceMap",
    "default_framework_files",
    "dump_framework",
    "load_default_framework",
    "load_framework",
    "load_framework_text",
]
