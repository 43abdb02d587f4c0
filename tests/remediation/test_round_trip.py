"""End to end on the demo organisation in a real SQLite file: plan → events CSV → import → audit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from tests.remediation.conftest import AS_OF

runner = CliRunner()


def _g8_base_gap(url: str) -> tuple[float, bool | None]:
    result = runner.invoke(
        app,
        ["audit", "--db", url, "--as-of", str(AS_OF), "--audits", "pay-parity", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    found = next(
        c for s in report["sections"] for c in s["comparisons"] if c["id"] == "pay-parity.base.G8"
    )
    return found["estimate"], found["significant"]


def test_the_plan_imported_as_events_closes_the_track_gap(demo_url: str, tmp_path: Path) -> None:
    before, significant = _g8_base_gap(demo_url)
    assert before < -0.02
    assert significant
    folder = tmp_path / "raises"
    planned = runner.invoke(
        app,
        [
            "remediate", "--db", demo_url, "--as-of", str(AS_OF), "--target", "track:G8",
            "--events-out", str(folder), "--effective-date", "2026-07-01", "--format", "json",
        ],
    )  # fmt: skip
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.output[planned.output.index("{") :])
    assert plan["reached"]
    assert plan["gap_before"] == pytest.approx(before, abs=1e-9)
    events = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    assert events[0].startswith("employee_id,date,type,")
    assert all(",2026-07-01,pay_change," in line for line in events[1:])
    imported = runner.invoke(app, ["import", str(folder), "--db", demo_url])
    assert imported.exit_code == 0, imported.output
    after, significant = _g8_base_gap(demo_url)
    assert after >= 0
    assert significant is False
    assert after == pytest.approx(plan["gap_after"], abs=1e-4)


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_outputs_without_the_per_person_plan_name_nobody_and_hide_small_zones(
    demo_url: str, fmt: str
) -> None:
    result = runner.invoke(
        app,
        ["remediate", "--db", demo_url, "--as-of", str(AS_OF), "--target", "gender",
         "--max-raise", "3", "--format", fmt],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert not re.search(r"EMP\d{7}", result.output)
    assert "Naive" in result.output or "naive" in result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["plan"] is None
        for row in data["costs"]:
            assert (row["people"] is None) == (row["amount"] is None)
            assert row["people"] is None or row["people"] >= 5


def test_the_per_person_plan_is_there_when_asked_for(demo_url: str) -> None:
    result = runner.invoke(
        app,
        ["remediate", "--db", demo_url, "--as-of", str(AS_OF), "--target", "eu:us:G8",
         "--per-person", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["plan"]
    assert all(re.fullmatch(r"EMP\d{7}", r["employee_id"]) for r in data["plan"])
    assert data["gap_after"] < 0.05 <= data["gap_before"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--target", "track"], 2),
        (["--target", "track:G4"], 2),
        (["--target", "gender", "--band-max", "sometimes"], 2),
        (["--target", "gender", "--rate", "EURO=x"], 2),
        (["--target", "gender", "--format", "pdf"], 2),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(demo_url: str, args: list[str], code: int) -> None:
    result = runner.invoke(app, ["remediate", "--db", demo_url, "--as-of", str(AS_OF), *args])
    assert result.exit_code == code
    assert "Traceback" not in result.output
