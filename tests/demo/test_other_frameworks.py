"""The generator follows the framework it is given, not the default one's ids."""

from __future__ import annotations

import json

import pytest

from latticework.demo import Disparities, generate_organisation
from latticework.errors import LatticeworkError
from latticework.framework.model import Framework
from tests.demo.conftest import AS_OF, active


def variant(framework: Framework, **changes: object) -> Framework:
    data = framework.model_dump(mode="json")
    data.update(changes)
    return Framework.model_validate(data)


def test_an_engineering_only_framework_gives_an_engineering_organisation(
    framework: Framework,
) -> None:
    disciplines = framework.model_dump(mode="json")["disciplines"]
    engineering = [d for d in disciplines if d["id"] == "engineering"]
    only = variant(framework, disciplines=engineering)
    org = generate_organisation(only, people=300, seed=2, as_of=AS_OF)
    assert set(org.people["discipline"]) == {"engineering"}
    assert (org.people["status"] == "active").sum() == 300
    assert active(org.people)["manager_id"].isna().sum() == 1


def test_renamed_grades_work_for_the_null_case_and_are_named_when_a_disparity_needs_them(
    framework: Framework,
) -> None:
    text = json.dumps(framework.model_dump(mode="json"))
    for rank in range(4, 10):
        text = text.replace(f'"G{rank}"', f'"L{rank - 3}"')
    renamed = Framework.model_validate(json.loads(text))
    org = generate_organisation(
        renamed, people=200, seed=1, as_of=AS_OF, disparities=Disparities.none()
    )
    assert (org.people["status"] == "active").sum() == 200
    with pytest.raises(LatticeworkError, match="no grade 'G8'"):
        generate_organisation(renamed, people=200, seed=1, as_of=AS_OF)
    shifted = Disparities(
        ic_pay_gap_grade="L5", ic_promotion_from_grade="L4", ic_calibration_grades=("L4", "L5")
    )
    generate_organisation(renamed, people=200, seed=1, as_of=AS_OF, disparities=shifted)


def test_a_framework_without_bands_for_a_zone_is_a_clear_error(framework: Framework) -> None:
    bands = [b for b in framework.model_dump(mode="json")["bands"] if b["zone"] != "uk"]
    with pytest.raises(LatticeworkError, match="No pay band for grade G4 in zone uk"):
        generate_organisation(variant(framework, bands=bands), as_of=AS_OF)
