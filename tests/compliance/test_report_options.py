"""`eu report --categories grade|value` and `--year Y`: pay as of 31 December of Y.

A report for a past year undoes the stored events after its last day: people
hired later are not counted, people who left later are, and level and base
pay are the ones held on the day.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from latticework.cli import app
from latticework.compliance.pay import year_end
from latticework.framework import default_framework_files, load_framework
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import ENTITY, planted, store

runner = CliRunner()


def _report(url: str, *args: str) -> dict[str, object]:
    result = runner.invoke(
        app, ["eu", "report", "--entity", ENTITY, "--db", url, "--format", "json", *args]
    )
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _category_counts(document: dict[str, object]) -> dict[str, tuple[object, object]]:
    indicators = document["indicators"]
    assert isinstance(indicators, list)
    g = next(i for i in indicators if i["item"] == "g")
    return {
        r["Category"]: (r["Women"], r["Men"]) for r in g["rows"] if r["Pay basis"] == "gross annual"
    }


def _framework_with_m8_scored_as_m7(folder: Path) -> Framework:
    """The default framework, with the Director of Engineering evaluated like a Senior EM."""
    for source in default_framework_files():
        shutil.copyfile(source, folder / source.name)
    path = folder / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")

    def scores(level: str) -> tuple[int, int]:
        at = text.index(f"    - level: {level}\n")
        start = text.index("      scores:", at)
        return start, text.index("\n", start)

    m7, m8 = scores("M7"), scores("M8")
    path.write_text(text[: m8[0]] + text[m7[0] : m7[1]] + text[m8[1] :], encoding="utf-8")
    return load_framework([folder]).framework


def test_value_bands_are_the_categories_on_request_and_the_report_says_so(
    tmp_path: Path, demo: OrgDataset, framework: Framework
) -> None:
    changed = _framework_with_m8_scored_as_m7(tmp_path)
    url = f"sqlite:///{tmp_path / 'eu.db'}"
    dataset = planted(demo, framework)
    store(url, dataset, changed)
    by_grade = _report(url, "--year", "2026")
    by_value = _report(url, "--year", "2026", "--categories", "value")
    assert "framework grade" in str(by_grade["category_basis"])
    assert "evaluated value band" in str(by_value["category_basis"])
    grades, values = _category_counts(by_grade), _category_counts(by_value)
    people = dataset.people
    m8 = people[
        (people["legal_entity"] == ENTITY)
        & (people["status"] == "active")
        & (people["level"] == "M8")
        & people["gender"].isin(["female", "male"])
    ]
    assert len(m8) > 0
    # The M8s leave G8 and join G7, whose counts grow by exactly them.
    women, men = int((m8["gender"] == "female").sum()), int((m8["gender"] == "male").sum())
    assert values["G7"] == (grades["G7"][0] + women, grades["G7"][1] + men)  # type: ignore[operator]
    text = runner.invoke(
        app, ["eu", "report", "--entity", ENTITY, "--year", "2026", "--db", url,
              "--categories", "value"],
    )  # fmt: skip
    assert text.exit_code == 0
    assert "evaluated value band" in text.stdout
    wrong = runner.invoke(
        app, ["eu", "report", "--entity", ENTITY, "--year", "2026", "--db", url,
              "--categories", "points"],
    )  # fmt: skip
    assert wrong.exit_code == 2
    assert "not grade or value" in wrong.output


def _people() -> pd.DataFrame:
    rows = [
        # id, hired, status, exit_date, level, base
        ("stayed", "2020-01-01", "active", None, "E6", 100_000.0),
        ("hired_later", "2026-03-01", "active", None, "E5", 80_000.0),
        ("left_later", "2019-01-01", "exited", "2026-02-28", "E7", 120_000.0),
        ("left_before", "2019-01-01", "exited", "2025-06-30", "E7", 120_000.0),
    ]
    frame = pd.DataFrame(
        rows, columns=["employee_id", "hire_date", "status", "exit_date", "level", "base_salary"]
    )
    frame["hire_date"] = pd.to_datetime(frame["hire_date"])
    frame["exit_date"] = pd.to_datetime(frame["exit_date"])
    frame["base_annual_fte"] = frame["base_salary"] / 0.8
    return frame


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "employee_id": ["stayed", "stayed", "stayed"],
            "date": pd.to_datetime(["2025-04-01", "2026-04-01", "2026-09-01"]),
            "type": ["pay_change", "promotion", "pay_change"],
            "from_level": [None, "E5", None],
            "old_base": [85_000.0, 90_000.0, 95_000.0],
        }
    )


def test_pay_in_year_y_is_pay_on_31_december_of_y() -> None:
    then, notes = year_end(_people(), _events(), 2025)
    assert sorted(then["employee_id"]) == ["left_later", "stayed"]
    stayed = then.set_index("employee_id").loc["stayed"]
    # The earliest change after the day undoes to the pay and level held on it.
    assert stayed["base_salary"] == 90_000.0
    assert stayed["base_annual_fte"] == 90_000.0 / 0.8
    assert stayed["level"] == "E5"
    assert set(then["status"]) == {"active"}
    assert "31 December 2025" in notes[0]
    assert "no history" in notes[0]
    now, notes = year_end(_people(), _events(), 2026)
    assert sorted(now["employee_id"]) == ["hired_later", "stayed"]
    assert now.set_index("employee_id").loc["stayed", "base_salary"] == 100_000.0
    assert notes == []


def test_a_past_years_report_counts_that_years_workers_and_pay(
    db_url: str, demo: OrgDataset, framework: Framework
) -> None:
    url = db_url
    dataset = planted(demo, framework)
    store(url, dataset, framework)
    now = _report(url, "--year", "2026")
    before = _report(url, "--year", "2024")
    assert now["pay_date"] == "2026-12-31"
    assert before["pay_date"] == "2024-12-31"
    assert now["notes"] == []
    assert "31 December 2024" in str(before["notes"])
    people, events = dataset.people, dataset.events
    day = pd.Timestamp(date(2024, 12, 31))
    mine = people[people["legal_entity"] == ENTITY]
    hired = pd.to_datetime(mine["hire_date"]) <= day
    exits = pd.to_datetime(mine["exit_date"])
    present = hired & ~(mine["status"].eq("exited") & (exits.isna() | (exits <= day)))
    expected = mine[present & mine["gender"].isin(["female", "male"])]
    assert len(expected) != len(
        mine[mine["status"].eq("active") & mine["gender"].isin(["female", "male"])]
    ), "the demo must have hires or exits after 2024 for this test to mean anything"
    from latticework.services.eu_common import employer_pay
    from latticework.storage.unit_of_work import UnitOfWork

    with UnitOfWork(url) as uow:
        counted = employer_pay(uow, ENTITY, year=2024).pay
    assert set(counted["employee_id"]) == set(mine.loc[present, "employee_id"].astype(str))
    assert len(events[pd.to_datetime(events["date"]) > day]) > 0
    assert _category_counts(now) != _category_counts(before)
