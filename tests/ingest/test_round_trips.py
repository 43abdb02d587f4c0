"""Round trips: a generated dataset, its CSV export and its import give the same organisation."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from latticework.cli import app
from latticework.errors import LatticeworkError
from latticework.framework import load_default_framework
from latticework.ingest.export import escape_formulas
from latticework.ingest.sources import read_csv
from latticework.org.dataset import OrgDataset
from latticework.services.data import (
    backup_database,
    export_organisation,
    import_dataset,
    import_organisation,
    upgrade_database,
)
from latticework.storage import UnitOfWork, load_dataset
from tests.ingest.conftest import OrgWriter

runner = CliRunner()


def _sorted(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


def _same_organisation(a: OrgDataset, b: OrgDataset) -> None:
    pd.testing.assert_frame_equal(
        _sorted(a.people, ["employee_id"]), _sorted(b.people, ["employee_id"])
    )
    key = ["employee_id", "date", "type"]
    pd.testing.assert_frame_equal(_sorted(a.events, key), _sorted(b.events, key))


def _load(url: str) -> OrgDataset:
    with UnitOfWork(url) as uow:
        return load_dataset(uow.connection)


def test_export_then_import_gives_the_same_database(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    assert import_organisation(db_url, [write_org()]).ok
    exported = tmp_path / "exported"
    export_organisation(db_url, exported)
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    report = import_organisation(copy, [exported])
    assert report.ok, [str(e) for e in report.errors]
    _same_organisation(_load(db_url), _load(copy))


def test_a_generated_dataset_is_written_like_its_csv(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    """What the demo does: an OrgDataset written directly equals the same data imported as CSV."""
    via_csv = f"sqlite:///{tmp_path / 'csv.db'}"
    assert import_organisation(via_csv, [write_org()]).ok
    dataset = _load(via_csv)
    framework = load_default_framework().framework
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        report = import_dataset(uow, dataset, framework)
        assert report.ok, [str(e) for e in report.errors]
        uow.commit()
    _same_organisation(_load(db_url), dataset)


def test_import_dataset_reports_bad_generated_rows_and_writes_nothing(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    via_csv = f"sqlite:///{tmp_path / 'csv.db'}"
    import_organisation(via_csv, [write_org()])
    dataset = _load(via_csv)
    dataset.people.loc[dataset.people["employee_id"] == "e3", "level"] = "E42"
    upgrade_database(db_url)
    with UnitOfWork(db_url) as uow:
        report = import_dataset(uow, dataset, load_default_framework().framework)
        uow.commit()
    assert [(e.code, e.location.file) for e in report.errors] == [
        ("unknown-level", "people (generated)")
    ]
    assert len(_load(db_url).people) == 0


def test_export_defuses_spreadsheet_formulas(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    folder = write_org()
    people = (folder / "people.csv").read_text(encoding="utf-8").replace(",Ada,", ",=HYPERLINK(1),")
    (folder / "people.csv").write_text(people, encoding="utf-8")
    assert import_organisation(db_url, [folder]).ok
    result = runner.invoke(app, ["export", str(tmp_path / "out"), "--db", db_url])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1)," in text


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Ada", "Ada"),
    ],
)
def test_cells_a_spreadsheet_would_evaluate_are_escaped(cell: str, escaped: str) -> None:
    assert escape_formulas(pd.Series([cell], dtype="str")).tolist() == [escaped]


def test_backup_copies_an_sqlite_database(write_org: OrgWriter, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    import_organisation(url, [write_org()])
    target = tmp_path / "backup.db"
    result = runner.invoke(app, ["backup", str(target), "--db", url])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM people").fetchone() == (5,)
    again = runner.invoke(app, ["backup", str(target), "--db", url])
    assert again.exit_code == 2


def test_backup_of_postgresql_explains_pg_dump() -> None:
    with pytest.raises(LatticeworkError) as caught:
        backup_database("postgresql://nobody@127.0.0.1:1/none", Path("x.db"))
    assert "pg_dump" in (caught.value.problems[0].fix or "")


# Text a person might type into an HRIS field: commas, quotes, line breaks, formulas, accents.
cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from([",", '"', "\n", "=", "+", "-", "@", "'"]),
    max_size=20,
).map(str.strip)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(cells, min_size=1, max_size=6))
@example(names=["'="])  # typed with its apostrophe: found by the lowest-versions run
def test_any_text_survives_export_and_reading(names: list[str], tmp_path: Path) -> None:
    """The CSV reader gives back exactly what the exporter wrote, whatever people typed."""
    from latticework.ingest.export import canonical_text

    frame = pd.DataFrame({"employee_id": [f"e{i}" for i in range(len(names))], "name": names})
    path = tmp_path / "people.csv"
    canonical_text("people", frame).to_csv(path, index=False)
    read = read_csv(path)
    unescaped = read["name"].str.replace(r"^'(?='*[=+\-@])", "", regex=True)
    expected = list(names)
    # Rows whose every cell is empty are dropped by the reader; ours always have an id.
    assert unescaped.tolist() == expected
    assert read.index.tolist() == list(range(2, len(names) + 2))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    salary=st.floats(min_value=1, max_value=1e7, allow_nan=False),
    period=st.sampled_from(["year", "month", "hour"]),
    fte=st.floats(min_value=0.05, max_value=1.0),
)
def test_pay_is_annualised_the_same_from_any_reader(
    salary: float, period: str, fte: float, tmp_path: Path
) -> None:
    """Whatever the pay figures, the typed frame keeps them exactly (no rounding on the way in)."""
    from latticework.ingest.findings import Findings
    from latticework.ingest.parsing import parse_table

    path = tmp_path / "people.csv"
    pd.DataFrame(
        {
            "employee_id": ["e1"],
            "base_salary": [repr(salary)],
            "pay_period": [period],
            "fte": [repr(fte)],
        }
    ).to_csv(path, index=False)
    findings = Findings()
    parsed = parse_table("people", "people.csv", read_csv(path), findings, today=date(2026, 1, 1))
    assert parsed.frame["base_salary"].tolist() == [salary]
    assert parsed.frame["fte"].tolist() == [fte]
    assert parsed.frame["pay_period"].tolist() == [period]
