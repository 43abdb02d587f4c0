"""The framework browser shows each level's job-evaluation points beside the levels that share
its grade: the evidence that Principal Engineer and Director are work of equal value."""

from __future__ import annotations

from fastapi.testclient import TestClient

from latticework.framework import load_default_framework
from latticework.framework.evaluation_points import level_values
from tests.web.conftest import log_in


def test_a_level_page_shows_its_points_by_factor_and_its_equivalents(client: TestClient) -> None:
    fw = load_default_framework().framework
    values = {v.level: v for v in level_values(fw)}
    log_in(client, "chen")
    page = client.get("/framework/levels/E8").text
    here = values["E8"]
    assert f"{here.total:,.0f} of {fw.evaluation.total_points:,} points" in page  # type: ignore[union-attr]
    for factor in fw.evaluation.factors:  # type: ignore[union-attr]
        assert f'<td>{factor.name}</td><td class="num">{here.factors[factor.id]:,.0f}</td>' in page
    equivalents = [v for v in values.values() if v.grade == here.grade and v.level != "E8"]
    assert equivalents
    for other in equivalents:
        assert f'href="/framework/levels/{other.level}">{other.title}</a>' in page
