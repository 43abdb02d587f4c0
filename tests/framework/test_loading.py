"""Loading YAML: merged files, located errors with fixes, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from latticework.errors import LatticeworkError
from latticework.framework import load_default_framework, load_framework
from tests.framework.conftest import MINIMAL, line_of

WriteYaml = Callable[..., Path]


def test_minimal_framework_loads_with_levels_and_grades(write_yaml: WriteYaml) -> None:
    fw = load_framework([write_yaml(MINIMAL)]).framework
    assert fw.level("E8").grade == "G8"
    assert [p.level.id for p in fw.equivalent_levels("E8")] == ["M8"]


def test_malformed_yaml_names_file_and_line(write_yaml: WriteYaml) -> None:
    path = write_yaml("organisation: Test\ngrades: [\n  {id: G1\n")
    with pytest.raises(LatticeworkError) as err:
        load_framework([path])
    problem = err.value.problems[0]
    assert problem.location.file == str(path)
    assert problem.location.line is not None
    assert "Not valid YAML" in problem.message


def test_wrong_type_is_located(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL.replace("{id: G7, rank: 7}", "{id: G7, rank: seven}"))
    with pytest.raises(LatticeworkError) as err:
        load_framework([path])
    problem = err.value.problems[0]
    assert "grades[1].rank" in problem.message
    assert problem.location.line == 5


def test_unknown_key_suggests_the_closest_allowed_key(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL.replace("{id: E8, title:", "{id: E8, titel:"))
    with pytest.raises(LatticeworkError) as err:
        load_framework([path])
    messages = [p.message for p in err.value.problems]
    assert any("unknown key 'titel'" in m for m in messages)
    assert any(p.fix and "Did you mean 'title'" in p.fix for p in err.value.problems)


def test_missing_required_key_says_which(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL.replace("organisation: Test Co\n", ""))
    with pytest.raises(LatticeworkError) as err:
        load_framework([path])
    assert "required key 'organisation' is missing" in err.value.problems[0].message


def test_duplicate_yaml_key_is_an_error(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL + "organisation: Other\n")
    with pytest.raises(LatticeworkError, match="appears twice"):
        load_framework([path])


def test_files_merge_lists_and_keep_their_own_lines(write_yaml: WriteYaml) -> None:
    first = write_yaml(MINIMAL, "a.yaml")
    second = write_yaml(
        """\
        paths:
          - id: technical-depth
            name: Technical depth
            kind: technical
            tracks: [ic]
        """,
        "b.yaml",
    )
    loaded = load_framework([first, second])
    assert loaded.framework.has_path("technical-depth")
    location = loaded.sources.locate_id("paths", "technical-depth")
    assert (location.file, location.line) == (str(second), 2)


def test_conflicting_scalars_across_files_are_an_error(write_yaml: WriteYaml) -> None:
    first = write_yaml(MINIMAL, "a.yaml")
    second = write_yaml("organisation: Someone Else\n", "b.yaml")
    with pytest.raises(LatticeworkError, match="given differently in two files"):
        load_framework([first, second])


def test_missing_file_is_reported_not_raised_as_oserror(tmp_path: Path) -> None:
    with pytest.raises(LatticeworkError, match="File not found"):
        load_framework([tmp_path / "nope.yaml"])


def test_default_framework_principal_equals_director() -> None:
    fw = load_default_framework().framework
    mgmt = [p.level.title for p in fw.equivalent_levels("E8")]
    assert mgmt == ["Director of Engineering"]
    assert fw.level("E9").grade == fw.level("M9").grade


def _problems(write_yaml: WriteYaml, text: str) -> list[str]:
    with pytest.raises(LatticeworkError) as err:
        load_framework([write_yaml(text)])
    return [f"{p.location.line}: {p.message} Fix: {p.fix}" for p in err.value.problems]


def test_list_where_a_mapping_is_expected_says_so(write_yaml: WriteYaml) -> None:
    text = MINIMAL + "promotion: [weighted-threshold]\n"
    (problem,) = _problems(write_yaml, text)
    assert problem.startswith(f"{line_of(text, 'promotion:')}: promotion: Input should be a valid")
    assert "dictionary (got list)" in problem
    assert "wrong shape (list vs mapping)" in problem


def test_text_where_a_list_is_expected_says_so(write_yaml: WriteYaml) -> None:
    (problem,) = _problems(write_yaml, MINIMAL.replace("[management]", "management"))
    assert "disciplines[0].tracks[0].parallel_to: Input should be a valid list" in problem


def test_unknown_choice_lists_the_allowed_values(write_yaml: WriteYaml) -> None:
    (problem,) = _problems(write_yaml, MINIMAL.replace("kind: management", "kind: manager"))
    assert "tracks[1].kind" in problem
    assert "got 'manager'" in problem
    assert "'ic', 'management' or 'other'" in problem


def test_level_without_a_grade_is_located_at_the_level(write_yaml: WriteYaml) -> None:
    text = MINIMAL.replace(", grade: G7}", "}", 1)
    (problem,) = _problems(write_yaml, text)
    where = line_of(text, "{id: E7")
    assert problem.startswith(f"{where}: disciplines[0].tracks[0].levels[1]: required key 'grade'")


def test_bad_id_explains_the_allowed_characters(write_yaml: WriteYaml) -> None:
    (problem,) = _problems(write_yaml, MINIMAL.replace("{id: E8,", "{id: Principal Eng,"))
    assert "levels[2].id" in problem
    assert "letters, digits" in problem


def test_bad_currency_is_explained(write_yaml: WriteYaml) -> None:
    text = MINIMAL + "zones:\n  - {id: us, name: US, currency: usd}\n"
    (problem,) = _problems(write_yaml, text)
    assert "zones[0].currency" in problem
    assert "three capital letters" in problem


def test_empty_file_is_an_error_not_a_crash(write_yaml: WriteYaml) -> None:
    assert "The file is empty." in _problems(write_yaml, "# nothing yet\n")[0]


def test_a_list_at_the_top_is_not_a_framework(write_yaml: WriteYaml) -> None:
    assert "must be a mapping" in _problems(write_yaml, "- organisation: X\n")[0]


def test_tabs_are_reported_with_their_line(write_yaml: WriteYaml) -> None:
    (problem,) = _problems(write_yaml, "organisation: X\ngrades:\n\t- {id: G1, rank: 1}\n")
    assert problem.startswith("3: Not valid YAML")
    assert "spaces, not tabs" in problem


def test_every_problem_is_reported_at_once(write_yaml: WriteYaml) -> None:
    text = MINIMAL.replace("rank: 7", "rank: seven").replace("kind: management", "kind: boss")
    assert len(_problems(write_yaml, text)) == 2


def test_a_folder_stands_for_its_yaml_files(tmp_path: Path) -> None:
    """`--framework my-framework/` works for every command, not only `check`."""
    from latticework.framework import default_framework_files

    folder = tmp_path / "fw"
    folder.mkdir()
    for source in default_framework_files():
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_framework([folder])
    assert loaded.framework == load_default_framework().framework
    assert loaded.files == sorted(str(p) for p in folder.glob("*.yaml"))


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LatticeworkError, match=r"no \.yaml files"):
        load_framework([tmp_path])
