"""The Article 9 report and the Article 7 letters on the planted demo, in every format.

The lone woman of category G8 is the privacy test: her pay must not appear in
the report (any format, any CSV) nor in any colleague's letter (any format).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework.model import Framework
from latticework.org.dataset import OrgDataset
from tests.compliance.conftest import (
    ENTITY,
    LONE,
    LONE_PAY,
    PLANTED,
    in_category,
    lone_woman,
    planted,
    store,
)

runner = CliRunner()
FORMATS = ("text", "json", "md", "html", "pdf")


def _run(*args: str) -> bytes:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _her_figures() -> list[str]:
    hourly = LONE_PAY / 2080
    return [f"{LONE_PAY:,.0f}", f"{LONE_PAY:.0f}", f"{hourly:,.2f}", repr(hourly)]


@pytest.fixture
def stored(db_url: str, demo: OrgDataset, framework: Framework) -> tuple[str, OrgDataset]:
    dataset = planted(demo, framework)
    store(db_url, dataset, framework)
    return db_url, dataset


def test_report_in_every_format_with_a_csv_per_item(
    stored: tuple[str, OrgDataset], framework: Framework, tmp_path: Path
) -> None:
    url, dataset = stored
    base = ["eu", "report", "--entity", ENTITY, "--year", "2026", "--db", url]
    outputs = {f: _run(*base, "--format", f, "--csv-dir", str(tmp_path / f)) for f in FORMATS}
    document = json.loads(outputs["json"])
    assert [i["item"] for i in document["indicators"]] == list("abcdefg")
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == [
        f"article9-{x}.csv" for x in "abcdefg"
    ]
    # (g) for the planted category equals a computation straight from the people frame.
    people = dataset.people[in_category(dataset.people, framework, PLANTED)]
    pay = (people["base_salary"] / people["fte"]).to_numpy()
    men = pay[(people["gender"] == "male").to_numpy()].mean()
    women = pay[(people["gender"] == "female").to_numpy()].mean()
    g = next(i for i in document["indicators"] if i["item"] == "g")
    row = next(
        r for r in g["rows"] if r["Category"] == PLANTED and r["Pay basis"] == "gross annual"
    )
    assert row["Mean gap, basic"] == pytest.approx((men - women) / men)
    assert row["Mean gap, complementary"] is None  # nobody there has complementary pay
    assert row["5 % or more"] == "yes"
    # The lone woman's category is suppressed in every format: labels, no numbers.
    lone = [r for r in g["rows"] if r["Category"] == LONE]
    assert lone
    assert all(r["Women"] is None and r["Men"] is None for r in lone)
    assert document["women"] is None  # the total would give the suppressed category away
    with (tmp_path / "json" / "article9-g.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Category"] == LONE]
    assert rows
    assert all(r["suppressed"] == "yes" and r["Women"] == "" for r in rows)
    assert "suppressed" in _pdf_text(outputs["pdf"])
    assert b"suppressed" in outputs["html"]


def test_a_lone_womans_pay_is_in_no_report_letter_or_format(
    stored: tuple[str, OrgDataset], framework: Framework, tmp_path: Path
) -> None:
    url, dataset = stored
    her = lone_woman(dataset, framework)
    texts: dict[str, str] = {}
    for fmt in FORMATS:
        out = _run("eu", "report", "--entity", ENTITY, "--year", "2026", "--db", url,
                   "--format", fmt, "--csv-dir", str(tmp_path / fmt))  # fmt: skip
        texts[f"report.{fmt}"] = _pdf_text(out) if fmt == "pdf" else out.decode("utf-8")
        for path in (tmp_path / fmt).iterdir():
            texts[f"{fmt}/{path.name}"] = path.read_text(encoding="utf-8")
    people = dataset.people
    colleagues = people.loc[
        in_category(people, framework, LONE) & (people["employee_id"] != her), "employee_id"
    ]
    others = people.loc[
        (people["legal_entity"] == ENTITY) & (people["status"] == "active"), "employee_id"
    ].head(5)
    ids = sorted(set(colleagues) | set(others) - {her})
    assert len(colleagues) >= 5
    for employee_id in ids:
        for fmt in ("json", "html", "pdf"):
            out = _run("eu", "rti", employee_id, "--format", fmt, "--db", url)
            texts[f"{employee_id}.{fmt}"] = _pdf_text(out) if fmt == "pdf" else out.decode()
    for name, text in texts.items():
        for figure in _her_figures():
            assert figure not in text, (name, figure)
    # A colleague's letter withholds the averages and says who may receive them.
    letter = json.loads(texts[f"{colleagues.iloc[0]}.json"])
    assert letter["averages"] is None
    assert "Article 12(3)" in letter["withheld"]
    # Her own letter shows her own pay, and withholds the averages too.
    own = json.loads(_run("eu", "rti", her, "--format", "json", "--db", url))
    assert own["own"]["basic_annual"] == LONE_PAY
    assert own["averages"] is None


def test_a_letter_shows_the_averages_of_a_large_enough_category(
    stored: tuple[str, OrgDataset], framework: Framework
) -> None:
    url, dataset = stored
    people = dataset.people
    here = in_category(people, framework, PLANTED) & people["gender"].isin(["female", "male"])
    employee_id = str(people.loc[here, "employee_id"].iloc[0])
    letter = json.loads(_run("eu", "rti", employee_id, "--format", "json", "--db", url))
    women = people.loc[here & (people["gender"] == "female")]
    expected = float(np.mean(women["base_salary"] / women["fte"]))
    assert letter["averages"]["women"]["basic_annual"] == pytest.approx(expected)
    assert letter["criteria"]
    assert "grade G5" in letter["criteria"][0]
