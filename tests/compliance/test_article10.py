"""Article 10 on the demo: a planted gap triggers, a justification or a remedy removes it."""

from __future__ import annotations

from datetime import date

import pytest

from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import AS_OF, ENTITY, PLANTED, in_category, planted, store

SUBMITTED = date(2026, 3, 1)


def _status(url: str, as_of: date) -> tuple[str, float | None]:
    from latticework.services.eu_assessment import assess
    from latticework.services.eu_common import open_unit

    with open_unit(url) as uow:
        result = assess(uow, legal_entity=ENTITY, year=2026, as_of=as_of)
    category = next(c for c in result.categories if c.category == PLANTED)
    return category.status, category.current_gap


def _expected_gap(dataset: OrgDataset, framework: Framework) -> float:
    """(men − women) / men straight from the planted people frame."""
    people = dataset.people[in_category(dataset.people, framework, PLANTED)]
    pay = (people["base_salary"] / people["fte"]).to_numpy()
    men = pay[(people["gender"] == "male").to_numpy()].mean()
    women = pay[(people["gender"] == "female").to_numpy()].mean()
    return float((men - women) / men)


def test_the_trigger_follows_justification_time_and_remedy(
    db_url: str, demo: OrgDataset, framework: Framework, tmp_path
) -> None:
    from latticework.services.data import import_dataset
    from latticework.services.eu_assessment import import_justifications
    from latticework.services.eu_common import open_unit
    from latticework.services.eu_reports import article9

    dataset = planted(demo, framework)
    store(db_url, dataset, framework)
    with open_unit(db_url) as uow:
        report = article9(uow, legal_entity=ENTITY, year=2026, submitted_on=SUBMITTED)
    assert PLANTED in report.flagged_categories()

    # Seven months after submission, nothing justified or remedied: the assessment is due.
    status, gap = _status(db_url, AS_OF)
    assert status == "assessment due"
    assert gap == pytest.approx(_expected_gap(dataset, framework), abs=1e-9)
    assert 0.07 < gap < 0.08
    # Three months after submission the employer still has time to remedy.
    assert _status(db_url, date(2026, 6, 1))[0] == "within six months"
    # Six months on, still unremedied: due again.
    assert _status(db_url, date(2026, 9, 1))[0] == "assessment due"

    # A justification the data bears out (country explains the gap) removes the trigger;
    # one that explains nothing (performance is unrelated to the planted gap) does not.
    register = tmp_path / "justifications.csv"
    register.write_text(
        "legal_entity,year,category,factor,explanation,evidence,agreement,agreed_by,agreed_on\n"
        f"{ENTITY},2026,{PLANTED},performance,Ratings differ,,,,\n",
        encoding="utf-8",
    )
    with open_unit(db_url) as uow:
        assert import_justifications(uow, register) == 1
    assert _status(db_url, AS_OF)[0] == "assessment due"
    register.write_text(
        "legal_entity,year,category,factor,explanation,evidence,agreement,agreed_by,agreed_on\n"
        f"{ENTITY},2026,{PLANTED},country,Spanish pay market,Salary survey 2026,agreed,"
        "works council,2026-10-01\n",
        encoding="utf-8",
    )
    with open_unit(db_url) as uow:
        import_justifications(uow, register)
    assert _status(db_url, AS_OF)[0] == "justified"
    # The representatives disagree: the justification no longer counts.
    register.write_text(
        "legal_entity,year,category,factor,explanation,evidence,agreement,agreed_by,agreed_on\n"
        f"{ENTITY},2026,{PLANTED},country,Spanish pay market,Salary survey,disagreed,"
        "works council,2026-10-02\n",
        encoding="utf-8",
    )
    with open_unit(db_url) as uow:
        import_justifications(uow, register)
    assert _status(db_url, AS_OF)[0] == "assessment due"

    # The remediation plan applied (everyone in the category paid alike) removes it.
    with open_unit(db_url) as uow:
        result = import_dataset(uow, planted(demo, framework, remedied=True), framework)
        assert result.ok
        uow.commit()
    status, gap = _status(db_url, AS_OF)
    assert status == "remedied"
    assert gap == pytest.approx(0.0, abs=1e-12)
