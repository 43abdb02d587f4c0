"""The audit report as typed, immutable values: what every renderer and the JSON schema share.

Every statistical result is a `Comparison`: what was compared, the groups and
their sizes, the estimate with its 95 % confidence interval, the p-value (raw
and adjusted for multiple comparisons), the method and whether it was
suppressed. Descriptive numbers travel as `ResultTable`s whose rows are
suppressed as a whole when a group is below the minimum size. The JSON output
is `AuditReport.model_dump(mode="json")`; its schema is published in
docs/audit-json-schema.md and versioned by `SCHEMA_VERSION`.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Severity(StrEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1, "info": 0}[self.value]


Unit = Literal["percent", "ratio", "odds_ratio", "percentage_points", "months"]


class Group(_Value):
    """One side of a comparison. `n` is null when the group is below the minimum size."""

    label: str
    n: int | None


class Comparison(_Value):
    """One statistical result: an estimate with its interval, test and method."""

    id: str
    """Stable within a report: `<audit>.<measure>.<subset>`, e.g. `pay-parity.base.G8`."""
    audit: str
    what: str
    """What was compared, in words."""
    groups: list[Group]
    estimate: float | None
    unit: Unit
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    """Raw p-value of the test; null when no test applies or the result is suppressed."""
    p_adjusted: float | None = None
    """p-value adjusted for multiple comparisons across the whole report."""
    significant: bool | None = None
    """Adjusted p below alpha; null when no test applies."""
    method: str
    controls: list[str] = Field(default_factory=list)
    suppressed: bool = False
    """True when a group is below the minimum size: no estimate, interval or test is shown."""
    reason: str = ""
    """Why there is no estimate although no group is small: the comparison is *not estimable*
    (pay does not vary, the groups are confounded with a control, no one has the outcome).
    Such a comparison never raises a finding. Empty when estimated or suppressed."""
    note: str = ""
    """Why the interval and the test can disagree, when they come from different methods."""
    family: Literal["tested", "untestable", "duplicate", "none"] = "none"
    """Membership of the report-wide multiple-comparison family: `tested` (one of the `tests`
    the correction covers); `untestable` (a test that cannot reject, e.g. no events, left
    out); `duplicate` (the same data and test as `duplicate_of`, e.g. total pay equal to base
    pay, left out); `none` (no test)."""
    duplicate_of: str | None = None
    """The comparison this one exactly duplicates; its adjusted p-value is that one's."""
    material: bool = False
    """The effect is large enough to matter (e.g. a gap of 5 % or more, impact ratio below 0.8)."""
    flag_unconfirmed: bool = False
    """Raise a low-severity finding when material but not significant (track comparisons)."""
    statement: str = ""
    """The effect in one plain clause, without the statistics (empty when suppressed)."""
    sentence: str = ""
    """The statement with its interval, p-value and group sizes: what a VP reads."""


class Finding(_Value):
    """Something the audit wants a person to look at, in one plain sentence."""

    audit: str
    severity: Severity
    kind: Literal["test", "threshold", "lint", "structure"]
    """`test`: significant after correction; `threshold`: a rule such as the 5 % EU flag."""
    sentence: str
    comparison: str | None = None
    """Id of the comparison behind the finding, when there is one."""


ColumnKind = Literal["text", "int", "number", "money", "percent", "ratio", "months"]


class TableColumn(_Value):
    name: str
    kind: ColumnKind = "text"


Cell = str | int | float | None


def _finite_or_none(values: list[Cell]) -> list[Cell]:
    """NaN and infinity are not JSON; a missing number is null."""
    return [None if isinstance(v, float) and not math.isfinite(v) else v for v in values]


class TableRow(_Value):
    cells: list[Cell]
    suppressed: bool = False
    """A group in this row is below the minimum size: its numbers are null in every format."""

    _clean = field_validator("cells")(_finite_or_none)


class ResultTable(_Value):
    id: str
    title: str
    columns: list[TableColumn]
    rows: list[TableRow]
    note: str = ""


class ChartSeries(_Value):
    name: str
    values: list[float | None]
    x: list[float] | None = None
    """x values for line charts; bar charts use the chart's categories."""

    @field_validator("values")
    @classmethod
    def _clean(cls, values: list[float | None]) -> list[float | None]:
        return [None if v is None or not math.isfinite(v) else v for v in values]


class Chart(_Value):
    id: str
    kind: Literal["bar", "line"]
    title: str
    categories: list[str] = Field(default_factory=list)
    series: list[ChartSeries]
    x_label: str = ""
    y_label: str = ""
    reference_line: float | None = None
    step: bool = False
    reference_lines: list[float] = Field(default_factory=list)
    """More reference lines than `reference_line`, e.g. −5 % and +5 % for a two-sided flag."""
    y_from_zero: bool = True
    """False when the values are read against a reference (compa-ratio around 1.0): the axis
    fits the data, so a gap of a few percent is visible."""
    y_integer: bool = False
    """The values are counts."""
    y_percent: bool = False
    """The values are shares (0.05 = 5 %)."""


class SectionStatus(StrEnum):
    OK = "ok"
    NOT_APPLICABLE = "not_applicable"
    """The data needed is absent (no forums, no protected attributes, no history)."""


class AuditSection(_Value):
    """The result of one audit."""

    id: str
    title: str
    description: str
    status: SectionStatus = SectionStatus.OK
    reason: str = ""
    methods: list[str] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    tables: list[ResultTable] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    suppressed: bool = False
    """Something in this section was suppressed (how much is not said, on purpose)."""


class Correction(StrEnum):
    HOLM = "holm"
    BH = "bh"

    @property
    def statsmodels_method(self) -> str:
        return {"holm": "holm", "bh": "fdr_bh"}[self.value]

    @property
    def description(self) -> str:
        if self is Correction.HOLM:
            return "Holm step-down (family-wise error rate)"
        return "Benjamini–Hochberg (false discovery rate)"


class ReportOptions(_Value):
    min_group: int
    correction: Correction
    alpha: float
    audits: list[str]
    attributes: list[str]


class AuditReport(_Value):
    """A whole audit: options, every section and every finding, most severe first."""

    schema_version: Literal[1] = 1
    organisation: str
    framework_version: str
    as_of: date
    period_start: date
    period_end: date
    options: ReportOptions
    correction: str
    """The multiple-comparison method, named, with the number of tests and alpha."""
    tests: int
    """How many hypothesis tests the correction covered: the family size m."""
    tests_excluded: int = 0
    """Tests left out of the family: untestable by construction or exact duplicates."""
    headcount: int
    """Active people analysed."""
    suppressed: bool
    """Some group somewhere was below the minimum size and was suppressed."""
    findings: list[Finding]
    sections: list[AuditSection]

    def max_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)
