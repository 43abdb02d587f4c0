"""Article 10 on the demo: a planted gap triggers, a justification or a remedy removes it.

Everything goes through the `latticework eu` commands on a real database
(SQLite and PostgreSQL), as an employer would run them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import AS_OF, ENTITY, PLANTED, in_category, planted, store

SUBMITTED = date(2026, 3, 1)
HEADER = "legal_entity,year,category,factor,explanation,evidence,agreement,agreed_by,agreed_on\n"
runner = CliRunner()


def _expected_gap(dataset: OrgDataset, framework: Framework) -> float:
    """(men − women) / men straight from the planted people frame."""
    people = dataset.people[in_category(dataset.people, framework, PLANTED)]
    pay = (people["base_salary"] / people["fte"]).to_numpy()
    men = pay[(people["gender"] == "male").to_numpy()].mean()
    women = pay[(people["gender"] == "female").to_numpy()].mean()
    return float((men - women) / men)


def _category(url: str, as_of: date) -> dict[str, object]:
    result = runner.invoke(
        app,
        ["eu", "assess", "--entity", ENTITY, "--year", "2026", "--as-of", as_of.isoformat(),
         "--db", url, "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    category: dict[str, object] = next(
        c for c in document["categories"] if c["category"] == PLANTED
    )
    return category


def _register(url: str, path: Path, row: str) -> None:
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eu", "justifications", "import", str(path), "--db", url])
    assert result.exit_code == 0, result.output


def test_the_trigger_follows_justification_time_and_remedy(
    db_url: str, demo: OrgDataset, framework: Framework, tmp_path: Path
) -> None:
    from latticework.services.data import import_dataset
    from latticework.storage import UnitOfWork

    dataset = planted(demo, framework)
    store(db_url, dataset, framework)
    result = runner.invoke(
        app,
        ["eu", "report", "--entity", ENTITY, "--year", "2026", "--submitted-on",
         SUBMITTED.isoformat(), "--db", db_url, "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert PLANTED in json.loads(result.stdout)["flagged_categories"]

    # Nine months after submission, nothing justified or remedied: the assessment is due.
    category = _category(db_url, AS_OF)
    assert category["status"] == "assessment due"
    assert category["current_gap"] == pytest.approx(_expected_gap(dataset, framework), abs=1e-9)
    assert 0.07 < float(category["current_gap"]) < 0.08  # type: ignore[arg-type]
    # Three months after submission the employer still has time to remedy.
    assert _category(db_url, date(2026, 6, 1))["status"] == "within six months"
    # Six months on, still unremedied: due again.
    assert _category(db_url, date(2026, 9, 1))["status"] == "assessment due"

    # A justification that explains nothing (performance is unrelated to the planted gap)
    # leaves the trigger; one the data bears out (country explains the gap) removes it.
    register = tmp_path / "justifications.csv"
    _register(db_url, register, f"{ENTITY},2026,{PLANTED},performance,Ratings differ,,,,")
    assert _category(db_url, AS_OF)["status"] == "assessment due"
    _register(
        db_url,
        register,
        f"{ENTITY},2026,{PLANTED},country,Spanish pay market,Salary survey 2026,agreed,"
        "works council,2026-10-01",
    )
    category = _category(db_url, AS_OF)
    assert category["status"] == "justified"
    assert category["explained_share"] == pytest.approx(1.0, abs=0.02)
    low, high = category["explained_share_ci"]
    assert low <= category["explained_share"] <= high
    # The representatives disagree: the justification no longer counts.
    _register(
        db_url,
        register,
        f"{ENTITY},2026,{PLANTED},country,Spanish pay market,Salary survey,disagreed,"
        "works council,2026-10-02",
    )
    assert _category(db_url, AS_OF)["status"] == "assessment due"

    # The remediation plan applied (everyone in the category paid alike) removes it,
    # and the document shows the gap as reported beside the gap now.
    with UnitOfWork(db_url) as uow:
        assert import_dataset(uow, planted(demo, framework, remedied=True), framework).ok
        uow.commit()
    category = _category(db_url, AS_OF)
    assert category["status"] == "remedied"
    assert category["current_gap"] == pytest.approx(0.0, abs=1e-12)
    assert category["reported_gap"] == pytest.approx(_expected_gap(dataset, framework))
