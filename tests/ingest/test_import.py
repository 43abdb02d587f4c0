"""`latticework import`: all or nothing, idempotent, dry runs write nothing, both databases."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from latticework.cli import app
from latticework.services.data import import_organisation
from latticework.storage import UnitOfWork, engine_for, load_dataset
from tests.ingest.conftest import EVENTS, PEOPLE, OrgWriter

runner = CliRunner()


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with engine_for(url).connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql(sql).fetchall()]


def _table_exists(url: str, name: str) -> bool:
    return name in sa.inspect(engine_for(url)).get_table_names()


def test_import_writes_people_with_annual_full_time_pay(db_url: str, write_org: OrgWriter) -> None:
    report = import_organisation(db_url, [write_org()])
    assert report.ok, report.errors
    rows = _rows(
        db_url,
        "SELECT employee_id, base_salary, pay_period, fte, base_annual_fte, grade "
        "FROM people ORDER BY employee_id",
    )
    assert rows == [
        ("e1", 300000.0, "year", 1.0, 300000.0, "G9"),
        ("e2", 250000.0, "year", 1.0, 250000.0, "G8"),
        ("e3", 245000.0, "year", 1.0, 245000.0, "G8"),
        ("e4", 7000.0, "month", 1.0, 84000.0, "G5"),
        ("e5", 45.0, "hour", 0.5, 93600.0, "G4"),
    ]
    assert _rows(db_url, "SELECT count(*) FROM events") == [(3,)]


def test_reimporting_the_same_files_changes_nothing(db_url: str, write_org: OrgWriter) -> None:
    folder = write_org()
    first = import_organisation(db_url, [folder])
    before = _rows(db_url, "SELECT * FROM people ORDER BY employee_id")
    second = import_organisation(db_url, [folder])
    assert [(t.inserted, t.updated) for t in first.tables] == [(5, 0), (3, 0)]
    assert [(t.inserted, t.updated, t.unchanged) for t in second.tables] == [(0, 0, 5), (0, 0, 3)]
    assert not second.framework_stored
    assert _rows(db_url, "SELECT * FROM people ORDER BY employee_id") == before
    assert _rows(db_url, "SELECT count(*) FROM framework_versions") == [(1,)]


def test_a_changed_row_is_updated_by_its_key(db_url: str, write_org: OrgWriter) -> None:
    import_organisation(db_url, [write_org()])
    raised = [row.copy() for row in PEOPLE]
    raised[2][10] = "260000"
    report = import_organisation(db_url, [write_org(raised, folder="raised")])
    people = next(t for t in report.tables if t.table == "people")
    assert (people.inserted, people.updated, people.unchanged) == (0, 1, 4)
    assert _rows(db_url, "SELECT base_salary FROM people WHERE employee_id = 'e3'") == [(260000.0,)]


def test_one_bad_row_among_good_ones_writes_nothing(db_url: str, write_org: OrgWriter) -> None:
    import_organisation(db_url, [write_org()])
    before = _rows(db_url, "SELECT * FROM people ORDER BY employee_id")
    people = [row.copy() for row in PEOPLE] + [
        ["e6", "Fay", "engineering", "ic", "E6", "", "core", "e2", "us", "2023-01-01",
         "180000", "USD", "year", "1"],
        ["e7", "Gus", "engineering", "ic", "E99", "", "core", "e2", "us", "2023-01-01",
         "180000", "USD", "year", "1"],
    ]  # fmt: skip
    people[0][10] = "310000"  # a valid change that must not be written either
    report = import_organisation(db_url, [write_org(people, folder="bad")])
    assert not report.ok
    assert not report.written
    assert [(p.location.row, p.location.field) for p in report.errors] == [(8, "level")]
    assert _rows(db_url, "SELECT * FROM people ORDER BY employee_id") == before


def test_a_bad_file_into_a_new_database_leaves_it_empty(db_url: str, write_org: OrgWriter) -> None:
    people = [row.copy() for row in PEOPLE]
    people[3][9] = "2021-02-30"
    report = import_organisation(db_url, [write_org(people)])
    assert [p.code for p in report.errors] == ["bad-date"]
    assert _rows(db_url, "SELECT count(*) FROM people") == [(0,)]
    assert _rows(db_url, "SELECT count(*) FROM framework_versions") == [(0,)]


def test_dry_run_checks_without_writing(db_url: str, write_org: OrgWriter) -> None:
    report = import_organisation(db_url, [write_org()], dry_run=True)
    assert report.ok
    assert report.dry_run
    assert not report.written
    assert not _table_exists(db_url, "people")


def test_the_framework_is_stored_with_the_data(db_url: str, write_org: OrgWriter) -> None:
    import_organisation(db_url, [write_org()])
    with UnitOfWork(db_url) as uow:
        stored = uow.frameworks.current()
    assert stored is not None
    assert stored.framework.has_level("E8")
    assert stored.framework.organisation == "Example Co"


def test_load_dataset_reads_back_what_was_imported(db_url: str, write_org: OrgWriter) -> None:
    import_organisation(db_url, [write_org()])
    with UnitOfWork(db_url) as uow:
        dataset = load_dataset(uow.connection)
    people = dataset.people.set_index("employee_id")
    assert list(people.index) == ["e1", "e2", "e3", "e4", "e5"]
    assert people.loc["e4", "base_annual_fte"] == 84000.0
    assert str(people["hire_date"].dtype) == "datetime64[ns]"
    assert people.loc["e3", "hire_date"].strftime("%Y-%m-%d") == "2019-05-06"
    assert people.loc["e1", "manager_id"] != people.loc["e1", "manager_id"]  # NaN: no manager
    assert len(dataset.events) == 3
    assert dataset.events["new_base"].tolist() == [200000.0, 245000.0, 7000.0]


def test_cli_import_exits_1_with_every_error_located(tmp_path: Path, write_org: OrgWriter) -> None:
    people = [row.copy() for row in PEOPLE]
    people[1][4] = "M10"
    people[3][10] = "-5"
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["import", str(write_org(people)), "--db", url, "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    located = [(e["location"]["row"], e["location"]["field"], e["code"]) for e in report["errors"]]
    assert located == [(3, "level", "unknown-level"), (5, "base_salary", "non-positive-pay")]
    assert report["written"] is False


def test_cli_import_text_report(tmp_path: Path, write_org: OrgWriter) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["import", str(write_org()), "--db", url])
    assert result.exit_code == 0, result.output
    assert "people" in result.output
    assert "5 new" in result.output


def test_cli_import_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["import", str(tmp_path / "nowhere"), "--db", url])
    assert result.exit_code == 2
    assert "File not found" in result.output


def test_load_dataset_orders_rows_by_key_the_same_on_every_database(
    db_url: str, write_org: OrgWriter
) -> None:
    ids = {"e1": "b1", "e2": "B2", "e3": "a-3", "e4": "0_x", "e5": "Z9"}
    people = [row.copy() for row in PEOPLE]
    for row in people:
        row[0] = ids[row[0]]
        row[7] = ids.get(row[7], "")
    events = [[ids[row[0]], *row[1:]] for row in EVENTS]
    assert import_organisation(db_url, [write_org(people, events)]).ok
    with UnitOfWork(db_url) as uow:
        dataset = load_dataset(uow.connection)
    assert dataset.people["employee_id"].tolist() == sorted(ids.values())


def test_a_new_framework_must_still_place_the_people_already_stored(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    from latticework.framework import dump_framework, load_default_framework

    assert import_organisation(db_url, [write_org()]).ok
    renamed = dump_framework(load_default_framework().framework).replace(
        "- id: E5\n", "- id: E5a\n"
    )
    framework = tmp_path / "framework.yaml"
    framework.write_text(renamed, encoding="utf-8")
    only_events = write_org(folder="events-only") / "events.csv"
    report = import_organisation(db_url, [only_events], [framework])
    assert [(e.code, e.location.field) for e in report.errors] == [
        ("unknown-level", "to_level"),  # e4's hire event in events.csv
        ("stored-level-unknown", "level"),
    ]
    assert report.errors[1].message == (
        "1 stored people have level 'E5', which this framework does not define there (e.g. e4)."
    )
    assert _rows(db_url, "SELECT count(*) FROM framework_versions") == [(1,)]


def test_a_framework_with_lint_errors_is_refused(tmp_path: Path, write_org: OrgWriter) -> None:
    from latticework.framework import dump_framework, load_default_framework

    broken = dump_framework(load_default_framework().framework).replace(
        "grade: G5\n", "grade: G55\n", 1
    )
    framework = tmp_path / "framework.yaml"
    framework.write_text(broken, encoding="utf-8")
    result = runner.invoke(
        app,
        ["import", str(write_org()), "--framework", str(framework), "--db",
         f"sqlite:///{tmp_path / 'lint.db'}"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "G55" in result.output
    assert not (tmp_path / "lint.db").exists()


def test_a_framework_with_an_ic_ceiling_still_imports(tmp_path: Path, write_org: OrgWriter) -> None:
    """Design findings are the audit's business, not a reason to refuse the data."""
    from latticework.framework import dump_framework, load_default_framework
    from latticework.framework.lint import lint
    from latticework.framework.loading import load_framework

    text = dump_framework(load_default_framework().framework)
    ceiling = text.replace("  - id: E9\n", "  - id: E9x\n").replace("grade: G9\n", "grade: G8\n", 1)
    framework = tmp_path / "framework.yaml"
    framework.write_text(ceiling, encoding="utf-8")
    assert "ic-ceiling" in {f.rule for f in lint(load_framework([framework]))}
    report = import_organisation(f"sqlite:///{tmp_path / 'c.db'}", [write_org()], [framework])
    assert report.ok, [str(e) for e in report.errors]


def test_the_newest_framework_version_is_current(
    db_url: str, write_org: OrgWriter, tmp_path: Path
) -> None:
    from latticework.framework import dump_framework, load_default_framework

    assert import_organisation(db_url, [write_org()]).ok
    text = dump_framework(load_default_framework().framework)
    renamed = tmp_path / "framework.yaml"
    renamed.write_text(text.replace("version: '2026.1'", "version: '2026.2'"), encoding="utf-8")
    report = import_organisation(db_url, [write_org()], [renamed])
    assert report.framework_stored
    with UnitOfWork(db_url) as uow:
        history = uow.frameworks.history()
        current = uow.frameworks.current()
    assert [version for _, _, version, _ in history] == ["2026.1", "2026.2"]
    assert current is not None
    assert current.framework.version == "2026.2"
    assert current.files == (str(renamed),)
