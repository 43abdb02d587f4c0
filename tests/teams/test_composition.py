"""Team composition against the framework's targets: what is missing, what is concentrated."""

from __future__ import annotations

from pathlib import Path

from latticework.framework import Framework, load_default_framework
from latticework.framework.model import Capability
from latticework.growth.person_data import Person, Rating
from latticework.reports.growth_teams import teams_document
from latticework.storage import UnitOfWork
from latticework.storage.migrate import upgrade_database
from latticework.teams.composition import compose_organisation, member_of

FRAMEWORK: Framework = load_default_framework().framework


def member(
    employee_id: str,
    team: str,
    level: str = "E6",
    path: str | None = "technical-depth",
    discipline: str = "engineering",
    track: str = "ic",
) -> Person:
    return Person(employee_id, discipline, track, level, path, team=team)


def test_a_team_with_no_strategic_capability_is_flagged() -> None:
    people = [
        member("a", "search", "E7"),
        member("b", "search", "E6", "domain-specialist:security"),
        member("c", "search", "P6", "product-depth", "product"),
    ]
    org = compose_organisation(FRAMEWORK, people)
    [team] = org.teams
    assert [(f.kind, f.capability) for f in team.flags] == [("missing", Capability.STRATEGIC)]
    assert org.missing(Capability.STRATEGIC) == ["search"]
    assert team.specialists == {"security": 1}


def test_a_balanced_team_has_no_flags() -> None:
    people = [
        member("a", "core", "E8"),
        member("b", "core", "M7", "strategic-leadership", track="management"),
        member("c", "core", "P6", "product-depth", "product"),
        member("d", "core", "E5"),
    ]
    [team] = compose_organisation(FRAMEWORK, people).teams
    assert team.flags == ()
    assert team.holders[Capability.PEOPLE] == 1  # the manager leads people, whatever the path
    assert team.top_grade[Capability.TECHNICAL] == "G8"


def test_a_team_of_one_kind_is_flagged_as_concentrated() -> None:
    people = [member(str(i), "infra", "E6") for i in range(5)] + [
        member("m", "infra", "M7", "strategic-leadership", track="management"),
        member("p", "infra", "P6", "product-depth", "product"),
    ]
    [team] = compose_organisation(FRAMEWORK, people).teams
    assert [f.kind for f in team.flags] == []  # 5 of 7 = 71 %, under 80 %
    people += [member(str(i), "infra", "E5") for i in range(10, 16)]
    [team] = compose_organisation(FRAMEWORK, people).teams
    assert [(f.kind, f.capability) for f in team.flags] == [("concentrated", Capability.TECHNICAL)]


def test_small_teams_are_reported_but_not_judged() -> None:
    [team] = compose_organisation(FRAMEWORK, [member("a", "tiny")]).teams
    assert not team.judged
    assert team.flags == ()


def test_a_manager_rating_above_meets_in_strategy_shows_strategic_capability() -> None:
    person = member("a", "search", "P7", "product-depth", "product")
    rating = Rating("strategy", "manager", 4, "2026-H1")
    assert Capability.STRATEGIC in member_of(FRAMEWORK, person, [rating]).capabilities
    self_only = Rating("strategy", "self", 5, "2026-H1")
    assert Capability.STRATEGIC not in member_of(FRAMEWORK, person, [self_only]).capabilities


def test_organisation_view_counts_capabilities_and_lists_flagged_teams() -> None:
    people = [member("a", "x"), member("b", "x"), member("c", "x"), member("d", "y")]
    data = compose_organisation(FRAMEWORK, people).to_dict()
    assert data["teams"] == 2
    assert data["people"] == 4
    assert data["teams_judged"] == 1
    assert data["teams_missing"]["strategic"] == ["x"]
    assert data["capabilities"]["technical"] == 4


def test_a_framework_without_team_targets_describes_teams_without_judging_them(
    tmp_path: Path,
) -> None:
    """Targets nobody wrote are never applied, also after the framework is stored and read back."""
    data = FRAMEWORK.model_dump(mode="json", exclude_unset=True)
    del data["team_targets"]
    written = Framework.model_validate(data)
    url = f"sqlite:///{tmp_path / 'org.db'}"
    upgrade_database(url)
    with UnitOfWork(url) as uow:
        uow.frameworks.store(written)
        uow.commit()
    with UnitOfWork(url) as uow:
        stored = uow.frameworks.current()
    assert stored is not None
    people = [member("a", "search", "E7"), member("b", "search", "E6"), member("c", "search")]
    for framework in (written, stored.framework):
        [team] = compose_organisation(framework, people).teams
        assert (team.judged, team.flags) == (False, ())
        doc = teams_document(compose_organisation(framework, people), framework)
        assert "no team targets" in (doc.subtitle or "")
