"""Build a `Comparison` in two steps: what is compared (known up front), then its outcome."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from latticework.audit.model import Comparison, Group, Unit
from latticework.audit.stats import Estimate, finite


@dataclass(frozen=True)
class Compare:
    """What a comparison is about; its methods return the finished (or suppressed) result."""

    id: str
    audit: str
    what: str
    groups: list[Group]
    unit: Unit
    method: str
    controls: list[str] = field(default_factory=list)
    flag_unconfirmed: bool = False
    """A material but non-significant result still gets a low finding (the track comparisons)."""

    def _make(self, **outcome: object) -> Comparison:
        return Comparison.model_validate(
            {
                "id": self.id,
                "audit": self.audit,
                "what": self.what,
                "groups": self.groups,
                "unit": self.unit,
                "method": self.method,
                "controls": self.controls,
                "flag_unconfirmed": self.flag_unconfirmed,
                **outcome,
            }
        )

    @property
    def small(self) -> bool:
        """A group is below the minimum size (its `n` was hidden by `suppression.group`)."""
        return any(g.n is None for g in self.groups)

    def suppressed(self) -> Comparison:
        return self._make(estimate=None, suppressed=True)

    def not_estimable(self, reason: str, p_value: float | None = None) -> Comparison:
        """The model or test could not be computed (e.g. no variation): `reason` says why."""
        return self._make(estimate=None, p_value=p_value, reason=reason)

    def with_groups(self, groups: list[Group], controls: list[str] | None = None) -> Compare:
        """The same comparison with the group sizes (and controls) the model actually used."""
        chosen = self.controls if controls is None else controls
        return replace(self, groups=groups, controls=chosen)

    def result(
        self, estimate: Estimate, statement: str, *, material: bool, testable: bool = True
    ) -> Comparison:
        """The finished comparison. `testable=False`: the test cannot reject by construction
        (no one, or everyone, had the outcome), so it is shown without a p-value and left out
        of the multiple-comparison family, where it would only dilute the others."""
        return self._make(
            estimate=finite(estimate.value),
            ci_low=finite(estimate.ci_low),
            ci_high=finite(estimate.ci_high),
            p_value=finite(estimate.p_value) if testable else None,
            family="none" if testable else "untestable",
            material=material,
            statement=statement,
        )
