"""What real HRIS exports carry: weekly pay, placeholder salaries, contractors, unmapped
titles next to other mistakes, and a million problems at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.services.data import import_organisation
from latticework.storage import UnitOfWork
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER, write_csv

runner = CliRunner()


def _people(tmp_path: Path, rows: list[list[str]], header: list[str] = PEOPLE_HEADER) -> Path:
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "people.csv", header, rows)
    return folder


def _with(row: int, **cells: str) -> list[list[str]]:
    """PEOPLE with cells of one row (0-based) replaced, by column name."""
    rows = [list(r) for r in PEOPLE]
    for name, value in cells.items():
        rows[row][PEOPLE_HEADER.index(name)] = value
    return rows


def _annual(url: str) -> dict[str, float]:
    with UnitOfWork(url) as uow:
        people = uow.organisation.columns("people", ["employee_id", "base_annual_fte"])
    return dict(zip(people["employee_id"], people["base_annual_fte"], strict=True))


@pytest.mark.parametrize(
    ("period", "amount", "annual"),
    [
        ("week", "4000", 208_000.0),
        ("Weekly", "4000", 208_000.0),
        ("fortnight", "8000", 208_000.0),
        ("Bi-Weekly", "8000", 208_000.0),
        ("biweekly", "8000", 208_000.0),
    ],
)
def test_weekly_and_biweekly_pay_is_annualised(
    tmp_path: Path, period: str, amount: str, annual: float
) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    rows = _with(2, base_salary=amount, pay_period=period)  # e3, full time
    report = import_organisation(url, [_people(tmp_path, rows)])
    assert report.ok, [str(e) for e in report.errors]
    assert _annual(url)["e3"] == annual


def test_part_time_weekly_pay_is_scaled_to_full_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    rows = _with(2, base_salary="2000", pay_period="week", fte="0.5")
    assert import_organisation(url, [_people(tmp_path, rows)]).ok
    assert _annual(url)["e3"] == 208_000.0


def test_a_placeholder_salary_is_flagged_without_a_pay_band(tmp_path: Path) -> None:
    import latticework.framework

    default = Path(latticework.framework.__file__).parent / "default"
    without_bands = sorted(p for p in default.glob("*.yaml") if p.name != "bands.yaml")
    url = f"sqlite:///{tmp_path / 'org.db'}"
    rows = _with(4, base_salary="1.00", pay_period="year")
    report = import_organisation(url, [_people(tmp_path, rows)], framework_files=without_bands)
    assert "pay-implausible" not in {e.code for e in report.errors}  # no band to compare
    found = [(e.code, e.location.row, e.location.field) for e in report.errors]
    assert ("pay-below-floor", 6, "base_salary") in found
    below = next(e for e in report.errors if e.code == "pay-below-floor")
    assert "2.00 EUR" in below.message  # 1.00 a year at 0.5 FTE
    assert "floor of 1,000 EUR" in below.message


def test_the_pay_floor_is_set_per_currency_in_the_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("pay_floor: {USD: 260000, default: 10}\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'org.db'}"
    report = import_organisation(url, [_people(tmp_path, PEOPLE)], mapping=mapping)
    flagged = sorted(e.location.row for e in report.errors if e.code == "pay-below-floor")
    assert flagged == [3, 4]  # e2 (250,000 USD) and e3 (245,000 USD); Ada earns 300,000


def test_skip_rows_drops_contractors_and_says_how_many_and_why(tmp_path: Path) -> None:
    header = [*PEOPLE_HEADER, "Worker Type"]
    kinds = ["Employee", "Employee", "Employee", "Employee", "Contractor "]
    rows = [[*r, kind] for r, kind in zip(PEOPLE, kinds, strict=True)]
    rows[4][PEOPLE_HEADER.index("base_salary")] = "1"  # contractors' pay is not in the HRIS
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "skip_rows:\n"
        "  - {column: Worker Type, equals: contractor, reason: contractors are not employees}\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'org.db'}"
    folder = _people(tmp_path, rows, header)
    result = runner.invoke(app, ["import", str(folder), "--db", url, "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Skipped 1 row(s) of" in said
    assert "(first on row 6): contractors are not employees" in said
    assert "Worker Type" not in said.replace("Worker Type is", "")  # no unknown-column warning
    assert set(_annual(url)) == {"e1", "e2", "e3", "e4"}
    data = json.loads(
        runner.invoke(
            app,
            ["import", str(folder), "--db", url, "--mapping", str(mapping), "--format", "json"],
        ).output
    )
    assert data["skipped"] == [
        {
            "table": "people",
            "source": str(folder / "people.csv"),
            "rows": 1,
            "reason": "contractors are not employees",
            "first_row": 6,
        }
    ]


def test_a_skip_rule_on_a_missing_column_is_an_error(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("skip_rows: [{column: Worker Type, one_of: [Contractor]}]\n", "utf-8")
    report = import_organisation(
        f"sqlite:///{tmp_path / 'org.db'}", [_people(tmp_path, PEOPLE)], mapping=mapping
    )
    assert [e.code for e in report.errors] == ["skip-rule-column"]
    assert "Worker Type" in report.errors[0].message


def test_an_unmapped_title_does_not_hide_the_rows_other_problems(tmp_path: Path) -> None:
    header = [*PEOPLE_HEADER, "title"]
    rows = [[*r, ""] for r in PEOPLE]
    e5 = rows[4]
    e5[PEOPLE_HEADER.index("level")] = ""
    e5[PEOPLE_HEADER.index("discipline")] = ""
    e5[PEOPLE_HEADER.index("track")] = ""
    e5[-1] = "Chief Vibes Officer"
    e5[PEOPLE_HEADER.index("hire_date")] = ""
    e5[PEOPLE_HEADER.index("base_salary")] = "0.01"
    e5[PEOPLE_HEADER.index("fte")] = "1"
    report = import_organisation(
        f"sqlite:///{tmp_path / 'org.db'}", [_people(tmp_path, rows, header)]
    )
    found = {(e.code, e.location.field) for e in report.errors if e.location.row == 6}
    assert found == {
        ("unmapped-title", "title"),
        ("missing-value", "hire_date"),
        ("pay-below-floor", "base_salary"),
    }


def test_a_flood_of_problems_shows_the_first_per_file_and_rule_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    rows = [
        [f"p{i}", "X", "engineering", "ic", "E5", "", "core", "", "us", "someday", "100000",
         "USD", "year", "1"]
        for i in range(3_000)
    ]  # fmt: skip
    folder = _people(tmp_path, rows)
    url = f"sqlite:///{tmp_path / 'org.db'}"
    result = runner.invoke(app, ["import", str(folder), "--db", url])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum("'someday' is not a date" in line for line in lines) == 10
    assert any("… and 2,990 more errors 'bad-date' in" in line for line in lines)
    assert "3,000 error(s): nothing was written." in result.stdout
    assert len(lines) < 40

    three = runner.invoke(app, ["import", str(folder), "--db", url, "--show", "3"]).stdout
    assert sum("'someday' is not a date" in line for line in three.splitlines()) == 3

    out = tmp_path / "report.txt"
    runner.invoke(app, ["import", str(folder), "--db", url, "--out", str(out)])
    assert out.read_text(encoding="utf-8").count("'someday' is not a date") == 3_000
    everything = runner.invoke(app, ["import", str(folder), "--db", url, "--format", "json"])
    assert len(json.loads(everything.stdout)["errors"]) == 3_000


def test_pay_below_the_floor_is_not_reported_against_the_band_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    rows = _with(2, base_salary="1", pay_period="week")  # e3, E8 in us: a band exists
    report = import_organisation(url, [_people(tmp_path, rows)])
    on_row = [p.code for p in [*report.errors, *report.warnings] if p.location.row == 4]
    assert on_row == ["pay-below-floor"]
