"""Build a `Comparison` in two steps: what is compared (known up front), then its outcome."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def not_estimable(self, p_value: float | None = None) -> Comparison:
        """The model or test could not be computed (e.g. no variation); nothing to report."""
        return self._make(estimate=None, p_value=p_value)

    def result(self, estimate: Estimate, statement: str, *, material: bool) -> Comparison:
        return self._make(
            estimate=finite(estimate.value),
            ci_low=finite(estimate.ci_low),
            ci_high=finite(estimate.ci_high),
            p_value=finite(estimate.p_value),
            material=material,
            statement=statement,
        )
