"""`latticework team-view`: a manager's direct and indirect reports, filtered, sorted and paged."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from latticework.cli import app
from latticework.services.data import import_organisation
from tests.ingest.conftest import OrgWriter, write_org
from tests.ingest.test_promotion_import import _write

__all__ = ["write_org"]  # the fixture, shared with the import tests

runner = CliRunner()


def _team(db_url: str, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["team-view", *args, "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def test_direct_and_indirect_reports_are_told_apart(db_url: str, write_org: OrgWriter) -> None:
    assert import_organisation(db_url, [_write(write_org())]).ok
    view = _team(db_url, "e1")
    rows = {r["employee_id"]: r for r in view["rows"]}  # type: ignore[attr-defined]
    assert {k: r["relation"] for k, r in rows.items()} == {
        "e2": "direct",
        "e5": "direct",
        "e3": "indirect",
        "e4": "indirect",
    }
    assert (view["direct"], view["indirect"]) == (2, 2)
    assert rows["e4"]["title"] == "Senior Engineer"
    assert rows["e4"]["next_level"] == "Staff Engineer"
    assert rows["e4"]["nomination"] == "2026-H1: Staff Engineer, approved"
    assert rows["e3"]["nomination"] == "2026-H1: Director of Engineering, deferred"
    assert rows["e5"]["nomination"] is None
    assert rows["e4"]["months_in_level"] is not None


def test_filters_sorting_and_pages(db_url: str, write_org: OrgWriter) -> None:
    assert import_organisation(db_url, [_write(write_org())]).ok
    indirect = _team(db_url, "e1", "--relation", "indirect", "--sort", "name")
    assert [r["name"] for r in indirect["rows"]] == ["Cy", "Di"]  # type: ignore[attr-defined]
    reversed_ = _team(db_url, "e1", "--sort", "name", "--descending")
    assert [r["name"] for r in reversed_["rows"]] == ["Ed", "Di", "Cy", "Bob"]  # type: ignore[attr-defined]
    second = _team(db_url, "e1", "--per-page", "3", "--page", "2")
    assert (second["total"], second["pages"], second["page"]) == (4, 2, 2)
    assert len(second["rows"]) == 1  # type: ignore[arg-type]
    found = _team(db_url, "e1", "--search", "bo")
    assert [r["name"] for r in found["rows"]] == ["Bob"]  # type: ignore[attr-defined]


def test_text_and_markdown_name_the_columns(db_url: str, write_org: OrgWriter) -> None:
    assert import_organisation(db_url, [_write(write_org())]).ok
    md = runner.invoke(app, ["team-view", "e2", "--db", db_url, "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "| Name | Reports | Level |" in md.output
    assert "Senior Engineer" in md.output


def test_bad_options_and_unknown_managers_are_clear_errors(
    db_url: str, write_org: OrgWriter
) -> None:
    assert import_organisation(db_url, [write_org()]).ok
    bad = runner.invoke(app, ["team-view", "e1", "--db", db_url, "--sort", "salary"])
    assert bad.exit_code == 2
    assert "Sort by one of" in bad.output
    missing = runner.invoke(app, ["team-view", "nobody", "--db", db_url])
    assert missing.exit_code == 2  # an unknown person on the command line is a usage error
    assert "nobody" in missing.output
    assert "Traceback" not in missing.output
