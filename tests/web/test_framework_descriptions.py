"""The web framework page shows each track's own description, as `show` and `publish` do."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

import latticework.web
from latticework.framework import load_framework_text
from latticework.web.views.framework import discipline_grid
from tests.framework.ladder_shapes import PROFICIENCY_BY_TRACK

TEMPLATES = Path(latticework.web.__file__).parent / "templates"


def test_the_grid_carries_track_descriptions_and_the_page_shows_them() -> None:
    fw = load_framework_text(PROFICIENCY_BY_TRACK).framework
    grid = discipline_grid(fw, "engineering", with_bands=False)
    assert grid.tracks[0].description == "Grow through the work itself."
    template = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).from_string(
        (TEMPLATES / "framework.html")
        .read_text(encoding="utf-8")
        .split("{% block content %}")[1]
        .split("{% endblock %}")[0]
    )
    html = template.render(grid=grid, grid_html="")
    assert "<strong>Individual contributor:</strong> Grow through the work itself." in html
