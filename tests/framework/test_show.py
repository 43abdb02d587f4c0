"""`latticework show`: the picture of "equal" on a terminal, in Markdown and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework import load_default_framework
from latticework.framework.overview import framework_overview, lattice_grid
from latticework.reports.framework_show import framework_markdown, framework_text, short_money

runner = CliRunner()


@pytest.mark.parametrize("width", [80, 100, 120])
def test_text_fits_the_terminal_width(width: int) -> None:
    text = framework_text(load_default_framework().framework, width=width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_text_puts_equivalent_levels_on_one_row_at_a_wide_terminal() -> None:
    text = framework_text(load_default_framework().framework, width=120)
    row = next(line for line in text.splitlines() if "E8 Principal Engineer" in line)
    assert "M8 Director of Engineering" in row
    assert row.lstrip().startswith("G8")


def test_text_shows_the_lattice_and_the_bands() -> None:
    text = framework_text(load_default_framework().framework, width=100)
    security = next(line for line in text.splitlines() if line.startswith(" Security specialist"))
    assert security.split()[2:] == ["·", "IC", "IC", "IC", "IC", "IC"]
    g8 = next(line for line in text.splitlines() if line.startswith(" G8      "))
    assert "199k · 249k · 299k" in g8
    assert "Architecture review board" in text


def test_lattice_grid_lists_tracks_per_grade() -> None:
    fw = load_default_framework().framework
    rows = {path.id: cells for path, cells in lattice_grid(fw, "engineering")}
    assert [t.id for t in rows["strategic-leadership"]["G8"]] == ["ic", "management"]
    assert "G5" not in rows["strategic-leadership"]
    assert "craft-depth" not in rows  # design's path is not drawn in engineering


@pytest.mark.parametrize(
    ("value", "text"), [(96000, "96k"), (1250000, "1.25M"), (950, "950"), (112500, "112.5k")]
)
def test_short_money(value: float, text: str) -> None:
    assert short_money(value) == text


def test_markdown_holds_every_expectation_and_band() -> None:
    fw = load_default_framework().framework
    md = framework_markdown(fw)
    for competency in fw.competencies:
        for e in competency.expectations:
            assert e.text in md
    assert "| us (United States) | G8 | USD | 199,000 | 249,000 | 299,000 | 20 % | 112,000 |" in md
    assert "| G8 Principal / Director | E8 Principal Engineer | M8 Director of Engineering |" in md
    for heading in ("## Paths", "## Development opportunities", "## Leadership roles", "## Forums"):
        assert heading in md


def test_json_lists_every_level_with_grade_title_paths_and_bands() -> None:
    fw = load_default_framework().framework
    data = json.loads(runner.invoke(app, ["show", "--format", "json"]).output)
    assert data == json.loads(json.dumps(framework_overview(fw)))
    levels = {lv["id"]: lv for d in data["disciplines"] for t in d["tracks"] for lv in t["levels"]}
    assert set(levels) == {p.level.id for p in fw.placements()}
    e8 = levels["E8"]
    assert (e8["title"], e8["grade"]) == ("Principal Engineer", "G8")
    assert "technical-depth" in e8["paths"]
    assert e8["equivalents"] == ["M8"]
    assert e8["bands"]["us"]["mid"] == 249000
    assert e8["bands"] == levels["M8"]["bands"]
    assert {p["id"] for p in data["paths"]} == {p.id for p in fw.paths}
    assert len(data["bands"]) == len(fw.bands)


def test_show_markdown_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "ladder.md"
    result = runner.invoke(app, ["show", "--format", "md", "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Example Co — framework")


def test_show_rejects_a_format_it_cannot_draw() -> None:
    assert runner.invoke(app, ["show", "--format", "pdf"]).exit_code == 2
