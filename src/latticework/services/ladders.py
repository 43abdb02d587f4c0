"""Import a published ladder as a draft framework (`latticework ladder import`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.lint import Finding, lint
from latticework.framework.loading import dump_framework, load_framework_text
from latticework.framework.schema import framework_json_schema
from latticework.ingest.ladder_draft import build_draft
from latticework.ingest.ladder_ft import read_ft_layout
from latticework.ingest.ladder_sheet import read_sheet

LadderKind = Literal["ft", "sheet"]
DRAFT_FILE = "framework.yaml"
SCHEMA_FILE = "framework.schema.json"
_HEADER = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"


@dataclass(frozen=True)
class ImportedLadder:
    path: Path
    findings: list[Finding]

    @property
    def todo(self) -> list[Finding]:
        return [f for f in self.findings if f.rule == "todo-open"]


def import_ladder(
    kind: LadderKind, source: Path, out_dir: Path, *, organisation: str | None = None
) -> ImportedLadder:
    """Read the source, write OUT_DIR/framework.yaml (and its schema), lint it.

    Nothing is written when the source has a problem, or when the draft exists.
    """
    ladder = (
        read_ft_layout(source, organisation) if kind == "ft" else read_sheet(source, organisation)
    )
    target = out_dir / DRAFT_FILE
    if target.exists():
        raise LatticeworkError(
            Problem(
                "The draft already exists.",
                Location(str(target)),
                "Choose another OUT_DIR, or delete the file.",
            )
        )
    loaded = load_framework_text(dump_framework_data(build_draft(ladder)), str(target))
    text = _HEADER + dump_framework(loaded.framework)
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    (out_dir / SCHEMA_FILE).write_text(
        json.dumps(framework_json_schema(), indent=2) + "\n", encoding="utf-8"
    )
    return ImportedLadder(target, lint(load_framework_text(text, str(target))))


def dump_framework_data(data: dict[str, object]) -> str:
    import yaml

    from latticework.framework.yaml_core import CoreSchemaDumper

    return yaml.dump(data, Dumper=CoreSchemaDumper, sort_keys=False, allow_unicode=True)
