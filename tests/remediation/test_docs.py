"""The remediation and evaluation commands, options and JSON keys are documented."""

from __future__ import annotations

from pathlib import Path

import typer

from latticework.cli import evaluation_cmds, remediation_cmds
from latticework.remediation.plan import Constraints, RemediationPlan

DOCS = Path(__file__).parents[2] / "docs"
METHODS = (DOCS / "audit-methods.md").read_text(encoding="utf-8")
FORMAT = (DOCS / "framework-format.md").read_text(encoding="utf-8")


def _commands(module: object) -> list[str]:
    probe = typer.Typer()
    module.register(probe)  # type: ignore[attr-defined]
    return [str(c.name) for c in probe.registered_commands]


def test_the_commands_are_documented() -> None:
    assert _commands(remediation_cmds) == ["remediate"]
    assert "latticework remediate --target" in METHODS
    assert _commands(evaluation_cmds) == ["evaluate"]
    assert "latticework evaluate [FRAMEWORK] --format text|json|md|html" in FORMAT


def test_every_remediation_json_key_is_documented() -> None:
    keys = {
        "target", "what", "method", "raised_group", "goal", "gap_before", "gap_after",
        "reached", "people_raised", "reference_currency", "rates", "cost", "costs", "naive",
        "constraints", "notes", "audit_changes", "plan",
    }  # fmt: skip
    keys |= set(Constraints.__dataclass_fields__) - {"rates", "segments"}
    for key in keys:
        assert f"`{key}`" in METHODS, key
    assert {"gap_before", "gap_after", "raises", "naive"} <= set(
        RemediationPlan.__dataclass_fields__
    )


def test_every_option_is_documented() -> None:
    for option in ("--to", "--max-raise", "--band-max", "--budget", "--rate", "--per-person",
                   "--events-out", "--effective-date", "--min-group", "--categories"):  # fmt: skip
        assert f"`{option}" in METHODS, option
