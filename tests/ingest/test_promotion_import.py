"""Promotion cycles import all or nothing, with every broken row named, on both databases."""

from __future__ import annotations

from pathlib import Path

from latticework.services.data import import_organisation
from latticework.storage import engine_for, load_dataset
from tests.ingest.conftest import OrgWriter, write_csv

CYCLES = [["2026-H1", "Promotion cycle 2026-H1", "2026-01-01", "2026-06-30", ""]]
CALIBRATIONS = [
    ["2026-H1", "e3", "E8", "4", "3", "medium", "scope not yet org-wide"],
    ["2026-H1", "e4", "E5", "3", "3", "high", ""],
]
NOMINATIONS = [
    ["2026-H1", "e4", "e2", "up", "E5", "E6", "", "2026-01-15"],
    ["2026-H1", "e3", "e2", "track_switch", "E8", "M8", "people-leadership", "2026-01-15"],
]
DECISIONS = [
    ["2026-H1", "e4", "approved", "Meets every E6 expectation, with evidence.", "2026-06-20"],
    ["2026-H1", "e3", "deferred", "A second cycle of people leadership first.", "2026-06-20"],
]


def _write(
    folder: Path,
    *,
    cycles: list[list[str]] = CYCLES,
    calibrations: list[list[str]] = CALIBRATIONS,
    nominations: list[list[str]] = NOMINATIONS,
    decisions: list[list[str]] = DECISIONS,
) -> Path:
    write_csv(
        folder / "promotion_cycles.csv",
        ["cycle_id", "name", "opens_on", "closes_on", "min_months_in_level"],
        cycles,
    )
    write_csv(
        folder / "calibrations.csv",
        ["cycle_id", "employee_id", "level", "pre_rating", "post_rating", "potential", "note"],
        calibrations,
    )
    write_csv(
        folder / "nominations.csv",
        ["cycle_id", "employee_id", "nominator_id", "move", "from_level", "to_level",
         "to_path", "nominated_on"],
        nominations,
    )  # fmt: skip
    write_csv(
        folder / "promotion_decisions.csv",
        ["cycle_id", "employee_id", "outcome", "reason", "decided_on"],
        decisions,
    )
    return folder


def _count(url: str, table: str) -> int:
    with engine_for(url).connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_a_cycle_imports_and_reads_back(db_url: str, write_org: OrgWriter) -> None:
    report = import_organisation(db_url, [_write(write_org())])
    assert report.ok, report.errors
    with engine_for(db_url).connect() as connection:
        dataset = load_dataset(connection)
    assert list(dataset.promotion_cycles["cycle_id"]) == ["2026-H1"]
    assert sorted(dataset.nominations["move"]) == ["track_switch", "up"]
    decided = dataset.promotion_decisions.set_index("employee_id")
    assert decided.loc["e3", "outcome"] == "deferred"
    assert decided.loc["e3", "reason"].startswith("A second cycle")
    assert dataset.calibrations["post_rating"].tolist() == [3.0, 3.0]


def test_later_files_may_refer_to_a_stored_cycle_and_nomination(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    assert import_organisation(db_url, [_write(write_org())]).ok
    later = tmp_path / "later"
    later.mkdir()
    write_csv(
        later / "promotion_decisions.csv",
        ["cycle_id", "employee_id", "outcome", "reason"],
        [["2026-H1", "e3", "approved", "Second look: the evidence was there."]],
    )
    report = import_organisation(db_url, [later])
    assert report.ok, report.errors
    assert _count(db_url, "promotion_decisions") == 2


def test_broken_rows_are_all_named_and_nothing_is_written(
    db_url: str, write_org: OrgWriter
) -> None:
    folder = _write(
        write_org(),
        calibrations=[["2026-H2", "e3", "E8", "7", "3", "medium", ""]],
        nominations=[
            ["2026-H1", "e4", "e2", "up", "E5", "E4", "", "2026-01-15"],
            ["2026-H1", "e3", "e2", "lateral", "E8", "E8", "", "2026-01-15"],
        ],
        decisions=[["2026-H1", "e5", "approved", "Great work.", "2026-06-20"]],
    )
    report = import_organisation(db_url, [folder])
    assert not report.written
    found = {
        (e.code, Path(e.location.file or "").name, e.location.row, e.location.field)
        for e in report.errors
    }
    assert ("unknown-cycle", "calibrations.csv", 2, "cycle_id") in found
    assert ("bad-rating", "calibrations.csv", 2, "pre_rating") in found
    assert ("illegal-move", "nominations.csv", 2, "to_level") in found  # a lower level
    assert ("illegal-move", "nominations.csv", 3, "to_level") in found  # lateral without a path
    assert (
        "decision-without-nomination",
        "promotion_decisions.csv",
        2,
        "employee_id",
    ) in found
    lower = next(e for e in report.errors if e.code == "illegal-move" and e.location.row == 2)
    assert "lower level" in lower.message
    assert lower.fix
    for table in ("people", "promotion_cycles", "nominations"):
        assert _count(db_url, table) == 0, table
