"""The growth commands run as a user runs them, on real SQLite databases."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.demo.generator import generate_organisation
from latticework.framework import load_default_framework
from tests.growth.dbs import write_database
from tests.growth.org_fixture import small_org

runner = CliRunner()
FRAMEWORK = load_default_framework().framework


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Seven people in two teams, with known impact, ratings, roles and forums."""
    path = tmp_path_factory.mktemp("small") / "small.db"
    return write_database(path, FRAMEWORK, small_org(FRAMEWORK))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A generated organisation of 150 people with two years of records."""
    org = generate_organisation(FRAMEWORK, people=150, seed=7, as_of=date(2026, 11, 1))
    return write_database(tmp_path_factory.mktemp("demo") / "demo.db", FRAMEWORK, org)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_impact_json_has_the_statement_with_its_currency(small_db: str) -> None:
    code, output = run("impact", "p1", "--format", "json", "--db", small_db)
    assert code == 0, output
    data = json.loads(output)
    statement = next(s for s in data["statements"] if s["impact_id"] == "i1")
    assert statement["statement"] == (
        "Moved analytics to a streaming pipeline. This reduces our cloud costs by $1M/year, "
        "which the product team needs for their Q2 roadmap."
    )
    assert statement["quantity"]["formatted"] == "$1M/year"


def test_a_person_not_found_is_a_usage_error_naming_the_id(small_db: str) -> None:
    for command in ("impact", "readiness", "packet", "plan", "moves"):
        code, output = run(command, "E404-nobody", "--db", small_db)
        assert code == 2, (command, output)
        assert "E404-nobody" in output


def test_packet_markdown_for_a_technical_principal(small_db: str, tmp_path: Path) -> None:
    out = tmp_path / "packet.md"
    code, output = run("packet", "p1", "--format", "md", "--out", str(out), "--db", small_db)
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "E9 Distinguished Engineer" in text
    assert "Strategy and business direction" not in text
    assert "System architect" in text
    assert "Architecture review board" in text
    assert "M9 VP of Engineering" in text


def test_packet_html_and_pdf_are_documents(small_db: str, tmp_path: Path) -> None:
    html = tmp_path / "p.html"
    pdf = tmp_path / "p.pdf"
    assert run("packet", "p1", "-f", "html", "-o", str(html), "--db", small_db)[0] == 0
    assert run("packet", "p1", "-f", "pdf", "-o", str(pdf), "--db", small_db)[0] == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<svg" in page
    assert not re.search(r'(src|href)="https?://', page)  # nothing fetched from the network
    assert pdf.read_bytes().startswith(b"%PDF")


def test_plan_is_proposed_saved_and_edited(small_db: str) -> None:
    code, output = run("plan", "p5", "--format", "json", "--db", small_db)
    proposal = json.loads(output)
    assert code == 0
    assert proposal["plan_id"] is None
    assert "executive-coaching" not in [i["opportunity_id"] for i in proposal["items"]]
    code, output = run("plan", "p5", "--save", "--format", "json", "--db", small_db)
    saved = json.loads(output)
    assert saved["plan_id"] is not None
    assert [i["item_id"] for i in saved["items"]] == list(range(1, len(saved["items"]) + 1))
    code, output = run(
        "plan", "p5", "--set-status", "1", "done", "--format", "json", "--db", small_db
    )
    edited = json.loads(output)
    assert edited["items"][0]["status"] == "done"
    shown = json.loads(run("plan", "p5", "--format", "json", "--db", small_db)[1])
    assert shown["items"][0]["status"] == "done"
    assert shown["plan_id"] == saved["plan_id"]
    assert run("plan", "p5", "--set-status", "9", "done", "--db", small_db)[0] == 1
    assert run("plan", "p5", "--set-status", "1", "finished", "--db", small_db)[0] == 1


def test_plan_for_the_leadership_path_when_asked(small_db: str) -> None:
    code, output = run(
        "plan", "p5", "--path", "strategic-leadership", "--format", "json", "--db", small_db
    )
    assert code == 0, output
    kinds = {i["opportunity_id"] for i in json.loads(output)["items"]}
    assert kinds & {"executive-coaching", "leadership-training", "strategy-participation"}


def test_moves_to_director_and_an_unreachable_target(small_db: str) -> None:
    code, output = run("moves", "p5", "--to", "M8", "--format", "json", "--db", small_db)
    assert code == 0, output
    route = json.loads(output)["route"]
    assert route["steps"][-1]["to"]["level"] == "M8"
    assert len(route["steps"]) == 2
    code, output = run("moves", "p5", "--to", "E4", "--db", small_db)
    assert code == 1
    assert "cannot be reached" in output


def test_teams_flags_the_team_without_strategy(small_db: str) -> None:
    code, output = run("teams", "--format", "json", "--db", small_db)
    assert code == 1  # a flagged team is a finding
    data = json.loads(output)
    assert data["teams_missing"]["strategic"] == ["search"]
    code, output = run("teams", "payments", "--format", "json", "--db", small_db)
    assert code == 0, output
    assert json.loads(output)["flags"] == []


def test_classify_reads_stdin_and_needs_no_database(tmp_path: Path) -> None:
    bullets = "- Cut our AWS bill by $420k a year\n- Mentored four engineers\n"
    result = runner.invoke(
        app,
        ["impact", "classify", "-", "--format", "json", "--db", f"sqlite:///{tmp_path}/none.db"],
        input=bullets,
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["accomplishments"]
    assert [i["category"] for i in items] == ["efficiency", "excellence"]
    assert items[0]["quantities"][0]["formatted"] == "$420k/year"


def test_usage_errors_exit_2(small_db: str) -> None:
    assert run("teams", "--format", "pdf", "--db", small_db)[0] == 2
    assert run("impact", "p1", "--period", "decade", "--db", small_db)[0] == 2
    assert run("impact", "classify", "--db", small_db)[0] == 2
    assert run("moves", "p5", "--path", "people-leadership", "--db", small_db)[0] == 2


def test_every_command_runs_on_a_generated_organisation(demo_db: str) -> None:
    people = json.loads(run("teams", "--format", "json", "--db", demo_db)[1])
    assert people["people"] > 100
    import sqlite3

    path = demo_db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT employee_id FROM people WHERE status = 'active' AND level IN "
                "('E6', 'E7', 'M7', 'D6', 'P6') ORDER BY employee_id LIMIT 5"
            )
        ]
    assert ids
    for employee_id in ids:
        for command in ("impact", "readiness", "packet", "plan", "moves"):
            code, output = run(command, employee_id, "--format", "json", "--db", demo_db)
            assert code == 0, (command, employee_id, output)
            json.loads(output)


def test_every_growth_command_is_documented() -> None:
    import typer

    from latticework.cli import growth_cmds

    probe = typer.Typer()
    growth_cmds.register(probe)
    docs = (Path(__file__).parents[2] / "docs" / "growth.md").read_text(encoding="utf-8")
    names = [c.name for c in probe.registered_commands]
    assert names
    for name in names:
        assert f"latticework {name}" in docs, name


def test_classified_bullets_become_a_persons_impact_once(tmp_path: Path) -> None:
    db = write_database(tmp_path / "classify.db", FRAMEWORK, small_org(FRAMEWORK))
    bullets = tmp_path / "wins.txt"
    bullets.write_text(
        "- Cut our AWS bill by $420k a year by moving batch jobs to spot instances\n"
        "- Lorem ipsum dolor sit amet\n",
        encoding="utf-8",
    )
    args = ["impact", "classify", str(bullets), "--person", "p6", "--save", "--format", "json"]
    code, output = run(*args, "--db", db)
    assert code == 0, output
    assert len(json.loads(output)["saved"]) == 1  # the unclassifiable bullet is not stored
    assert run(*args, "--db", db)[0] == 0  # saving the same list again adds nothing
    impact = json.loads(run("impact", "p6", "--format", "json", "--db", db)[1])
    [statement] = impact["statements"]
    assert statement["category"] == "efficiency"
    assert statement["own_words"].startswith("Cut our AWS bill by $420k a year")
    assert statement["quantity"]["formatted"] == "$420k/year"
    assert run("impact", "classify", str(bullets), "--save", "--db", db)[0] == 2


def test_assess_records_a_rating_on_the_persons_path_only(tmp_path: Path) -> None:
    db = write_database(tmp_path / "assess.db", FRAMEWORK, small_org(FRAMEWORK))
    code, output = run(
        "assess",
        "p6",
        "system-design",
        "4",
        "--evidence",
        "https://adr/12",
        "-f",
        "json",
        "--db",
        db,
    )
    assert code == 0, output
    current = json.loads(output)["current"]["expectations"]
    design = next(e for e in current if e["competency"] == "system-design")
    assert (design["manager"], design["evidence"]) == (4, ["https://adr/12"])
    code, output = run("assess", "p6", "strategy", "2", "--db", db)
    assert code == 1
    assert "not asked of E6 on the technical-depth path" in output
    assert run("assess", "p6", "system-design", "9", "--db", db)[0] == 1
    assert run("assess", "p6", "system-design", "3", "--rater", "boss", "--db", db)[0] == 2


@pytest.mark.parametrize(("command", "columns"), [("readiness", "60"), ("teams", "80")])
def test_text_tables_fit_the_width_and_lose_no_column(
    small_db: str, command: str, columns: str
) -> None:
    args = (command, "p5") if command == "readiness" else (command,)
    wide = runner.invoke(app, [*args, "--db", small_db], env={"COLUMNS": "400"}).output
    narrow = runner.invoke(app, [*args, "--db", small_db], env={"COLUMNS": columns}).output
    assert max(len(line) for line in narrow.splitlines()) <= int(columns)

    # Wrapping moves text between lines (a list layout repeats the column names); it
    # never drops a letter.
    def letters(text: str) -> Counter[str]:
        return Counter(c for c in text if c.isalnum())

    assert not letters(wide) - letters(narrow)
    if command == "readiness":
        assert "Needed" in narrow
        assert "Met" in narrow
