"""The canonical tables of an organisation, the HRIS data contract: names, columns, types.

This is the contract between the HRIS import, the demo generator, storage and
the domain services: every layer speaks these column names. The importer
validates incoming files against it; storage persists it; audits and growth
receive data frames with these columns (plus the derived ones noted below).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["str", "date", "float", "int", "enum"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColumnKind = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A canonical file (`people.csv`) and its columns; `key` columns identify a row for upsert."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


# Leave the EU Pay Transparency Directive asks about (Art. 10(2)(e)): an event's date is the
# first day of leave and its end_date the last.
LEAVE_TYPES = ("maternity_leave", "paternity_leave", "parental_leave", "carers_leave")
EVENT_TYPES = (
    "hire",
    "promotion",
    "path_change",
    "track_change",
    "level_change",
    "pay_change",
    "exit",
    *LEAVE_TYPES,
)
# New periods go last: the demo stores a period as its index in this tuple.
PAY_PERIODS = ("year", "month", "hour", "week", "fortnight")
# Hours in a full-time year, used to annualise hourly pay (40 h × 52 weeks).
HOURS_PER_YEAR = 2080
PERIODS_PER_YEAR = {"year": 1.0, "month": 12.0, "fortnight": 26.0, "week": 52.0}
"""Pay periods a year (hourly pay is annualised with HOURS_PER_YEAR and is full time)."""
PAY_PERIOD_ALIASES = {
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "hourly": "hour",
    "weekly": "week",
    "biweekly": "fortnight",
    "bi-weekly": "fortnight",
    "bi_weekly": "fortnight",
    "biweek": "fortnight",
    "fortnightly": "fortnight",
}
"""What HRIS exports write for the pay periods, read as the canonical value."""
IMPACT_CATEGORIES = ("risk_reduction", "enablement", "efficiency", "excellence")
PARTICIPATION_ROLES = ("member", "attendee", "decision_maker")
RATERS = ("self", "manager", "peer")
# A nomination's move: up a grade, a lateral path change at the same level, or a switch to
# another track at the same grade (IC to management or back).
NOMINATION_MOVES = ("up", "lateral", "track_switch")
POTENTIAL_RATINGS = ("low", "medium", "high")
DECISION_OUTCOMES = ("approved", "declined", "deferred")

PEOPLE = Table(
    "people",
    (
        Column("employee_id", required=True),
        Column("name"),
        Column("email"),
        Column("discipline", required=True),
        Column("track", required=True),
        Column("level", required=True),
        Column("path"),
        Column("team"),
        Column("manager_id"),
        Column("zone", description="location/pay zone id from the framework"),
        Column("country"),
        Column("hire_date", "date", required=True),
        Column("level_start_date", "date"),
        Column("base_salary", "float", required=True, description="in pay_period units"),
        Column("currency", required=True),
        Column("pay_period", "enum", choices=PAY_PERIODS, description="default year"),
        Column("fte", "float", description="full-time equivalent, default 1.0"),
        Column("variable_pay", "float", description="annual variable pay actually paid"),
        Column("equity_annual", "float", description="annualised equity value"),
        Column("performance_rating", "float"),
        Column("gender"),
        Column("ethnicity"),
        Column("status", "enum", choices=("active", "exited"), description="default active"),
        Column("exit_date", "date"),
        Column("legal_entity", description="the employer (legal entity) the person works for"),
        Column("hours_per_week", "float", description="contractual working hours per week"),
        Column("allowances", "float", description="annual allowances paid (complementary pay)"),
        Column("benefits_in_kind", "float", description="annual value of benefits in kind"),
    ),
    key=("employee_id",),
)

# Derived people columns added by normalisation, present in every people frame
# handed to the domain (audits, growth, teams):
#   base_annual_fte   base pay converted to a year and to full time (base / fte)
#   total_annual_fte  base_annual_fte + (variable_pay + equity_annual) / fte
#   grade             the framework grade of `level`
DERIVED_PEOPLE_COLUMNS = ("base_annual_fte", "total_annual_fte", "grade")

EVENTS = Table(
    "events",
    (
        Column("employee_id", required=True),
        Column("date", "date", required=True),
        Column("type", "enum", required=True, choices=EVENT_TYPES),
        Column("from_level"),
        Column("to_level"),
        Column("from_path"),
        Column("to_path"),
        Column("from_track"),
        Column("to_track"),
        Column("old_base", "float"),
        Column("new_base", "float"),
        Column("end_date", "date", description="last day of a leave"),
    ),
    key=("employee_id", "date", "type"),
)

PARTICIPATION = Table(
    "participation",
    (
        Column("forum", required=True),
        Column("date", "date", required=True),
        Column("employee_id", required=True),
        Column("role", "enum", choices=PARTICIPATION_ROLES, description="default member"),
    ),
    key=("forum", "date", "employee_id"),
)

IMPACT = Table(
    "impact",
    (
        Column("impact_id", required=True),
        Column("employee_id", required=True),
        Column("date", "date", required=True),
        Column("category", "enum", required=True, choices=IMPACT_CATEGORIES),
        Column("title", required=True, description="what was done, in a few words"),
        Column("metric", description="what changed: cloud cost, incidents, latency, …"),
        Column("value", "float", description="how much (positive = better)"),
        Column("unit", description="USD/year, incidents/year, %, teams, …"),
        Column("beneficiary", description="who gains: a team, product or customer group"),
        Column("horizon", description="when: Q2 roadmap, this year, …"),
        Column("evidence", description="link or reference"),
        Column("statement", description="the person's own words, if given"),
        Column("competency", description="framework competency it evidences"),
    ),
    key=("impact_id",),
)

ASSESSMENTS = Table(
    "assessments",
    (
        Column("employee_id", required=True),
        Column("cycle", required=True, description="e.g. 2026-H1"),
        Column("competency", required=True),
        Column("rater", "enum", required=True, choices=RATERS),
        Column("rating", "int", required=True),
        Column("evidence"),
        Column("date", "date"),
    ),
    key=("employee_id", "cycle", "competency", "rater"),
)

ROLES = Table(
    "roles",
    (
        Column("employee_id", required=True),
        Column("role", required=True, description="leadership role id from the framework"),
        Column("start_date", "date", required=True),
        Column("end_date", "date"),
        Column("scope", description="the initiative or system led"),
    ),
    key=("employee_id", "role", "start_date"),
)

PROMOTION_CYCLES = Table(
    "promotion_cycles",
    (
        Column("cycle_id", required=True, description="e.g. 2026-H1"),
        Column("name", required=True),
        Column("opens_on", "date", required=True, description="nominations open"),
        Column("closes_on", "date", required=True, description="the committee decides by"),
        Column(
            "min_months_in_level",
            "int",
            description="eligibility: months in level by closes_on (default: the framework's)",
        ),
    ),
    key=("cycle_id",),
)

CALIBRATIONS = Table(
    "calibrations",
    (
        Column("cycle_id", required=True),
        Column("employee_id", required=True),
        Column("level", description="the level calibrated at (default: the current level)"),
        Column("pre_rating", "float", required=True, description="the manager's rating"),
        Column("post_rating", "float", required=True, description="after calibration"),
        Column("potential", "enum", choices=POTENTIAL_RATINGS),
        Column("note", description="why the rating moved, if it did"),
    ),
    key=("cycle_id", "employee_id"),
)

NOMINATIONS = Table(
    "nominations",
    (
        Column("cycle_id", required=True),
        Column("employee_id", required=True),
        Column("nominator_id", description="who nominated (usually the manager)"),
        Column("move", "enum", required=True, choices=NOMINATION_MOVES),
        Column("from_level", description="the level when nominated"),
        Column("to_level", required=True),
        Column("to_path", description="the path aimed at, for a lateral move"),
        Column("nominated_on", "date"),
        Column("packet", description="the promotion packet as nominated (the evidence)"),
    ),
    key=("cycle_id", "employee_id"),
)

PROMOTION_DECISIONS = Table(
    "promotion_decisions",
    (
        Column("cycle_id", required=True),
        Column("employee_id", required=True),
        Column("outcome", "enum", required=True, choices=DECISION_OUTCOMES),
        Column("reason", required=True, description="the committee's reason, in words"),
        Column("decided_on", "date"),
        Column("decided_by", description="who recorded it"),
    ),
    key=("cycle_id", "employee_id"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        PEOPLE,
        EVENTS,
        PARTICIPATION,
        IMPACT,
        ASSESSMENTS,
        ROLES,
        PROMOTION_CYCLES,
        CALIBRATIONS,
        NOMINATIONS,
        PROMOTION_DECISIONS,
    )
}
PROMOTION_TABLES = ("promotion_cycles", "calibrations", "nominations", "promotion_decisions")
"""The promotion process: cycles, who was calibrated and nominated, and what was decided."""
