"""The documented, configurable unfairness the demo organisation is generated with.

Each field is one effect an audit must find (DESIGN §4, §5). The defaults are
sized so that every effect is statistically detectable in the default
organisation of 1,200 people; `Disparities.none()` is the null case that
false-alarm tests run on. docs/demo.md gives the expected group sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from latticework.errors import LatticeworkError, Problem


@dataclass(frozen=True, slots=True)
class Disparities:
    """Effects built into the demo organisation; zero gaps and unit multipliers mean none."""

    ic_pay_gap: float = 0.05
    """ICs at `ic_pay_gap_grade` are paid this fraction below managers at the same grade."""
    ic_pay_gap_grade: str = "G8"
    """The grade of the IC pay gap (Principal Engineer vs Director in the default framework)."""
    ic_promotion_multiplier: float = 0.25
    """ICs at `ic_promotion_from_grade` are promoted at this multiple of managers' rate."""
    ic_promotion_from_grade: str = "G7"
    """The grade whose IC promotions are slowed (Senior Staff → Principal by default)."""
    ic_forum_membership_ratio: float = 0.4
    """Eligible ICs join `ic_forum` at this multiple of eligible managers' membership rate."""
    ic_forum: str = "strategic-planning"
    """The forum ICs are under-represented in."""
    gender_pay_gap: float = 0.04
    """Women in `gender_pay_gap_discipline` are paid this fraction below men at equal grade."""
    gender_pay_gap_discipline: str = "engineering"

    @classmethod
    def none(cls) -> Disparities:
        """The null case: every track and gender treated the same."""
        return cls(
            ic_pay_gap=0.0,
            ic_promotion_multiplier=1.0,
            ic_forum_membership_ratio=1.0,
            gender_pay_gap=0.0,
        )

    @property
    def is_none(self) -> bool:
        return (
            self.ic_pay_gap == 0.0
            and self.ic_promotion_multiplier == 1.0
            and self.ic_forum_membership_ratio == 1.0
            and self.gender_pay_gap == 0.0
        )

    def check(self, grades: set[str], forums: set[str], disciplines: set[str]) -> None:
        """Raise LatticeworkError for an effect out of range or naming what the framework lacks."""
        problems: list[Problem] = []

        def bad(field: str, message: str, fix: str) -> None:
            problems.append(Problem(f"Disparity {field}: {message}", fix=fix, code="demo"))

        for name in ("ic_pay_gap", "gender_pay_gap"):
            value = getattr(self, name)
            if not 0.0 <= value < 0.5:
                bad(name, f"{value} is not a fraction between 0 and 0.5.", "Use e.g. 0.05 for 5 %.")
        for name in ("ic_promotion_multiplier", "ic_forum_membership_ratio"):
            value = getattr(self, name)
            if not 0.0 <= value <= 2.0:
                bad(name, f"{value} is not a multiplier between 0 and 2.", "Use 1.0 for no effect.")
        # An effect that is off may name anything: the null case fits every framework.
        references = (
            ("ic_pay_gap_grade", self.ic_pay_gap > 0, self.ic_pay_gap_grade, grades, "grade"),
            (
                "ic_promotion_from_grade",
                self.ic_promotion_multiplier != 1.0,
                self.ic_promotion_from_grade,
                grades,
                "grade",
            ),
            ("ic_forum", self.ic_forum_membership_ratio != 1.0, self.ic_forum, forums, "forum"),
            (
                "gender_pay_gap_discipline",
                self.gender_pay_gap > 0,
                self.gender_pay_gap_discipline,
                disciplines,
                "discipline",
            ),
        )
        for name, active, value, known, kind in references:
            if active and value not in known:
                bad(
                    name,
                    f"the framework has no {kind} '{value}'.",
                    f"Name one of: {', '.join(sorted(known))}; or switch the effect off.",
                )
        if problems:
            raise LatticeworkError(problems)
