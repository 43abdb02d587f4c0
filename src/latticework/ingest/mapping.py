"""The mapping file: HRIS column names to canonical ones, and job titles to levels and paths.

```yaml
columns: {Employee Number: employee_id, Job Title: title}
titles:
  - {exact: Software Engineer II, level: E4, path: technical-depth}
  - {pattern: "(?i)^principal .*engineer", level: E8}
```

Title rules are tried in order (the first match wins) on people rows whose
level is empty; the framework's level titles and aliases are tried after them
unless `use_framework_titles: false`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.loading import parse_yaml
from latticework.framework.model import Framework
from latticework.ingest.encoding import known_encoding
from latticework.ingest.limits import ReadLimits
from latticework.ingest.uniques import by_unique
from latticework.org.columns import TABLES

if TYPE_CHECKING:
    import pandas as pd


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TitleRule(_Model):
    """Map a job title (exactly, ignoring case and spaces, or by regular expression) to a level."""

    exact: str | None = None
    pattern: str | None = None
    discipline: str | None = None
    track: str | None = None
    level: str
    path: str | None = None

    @model_validator(mode="after")
    def _one_matcher(self) -> TitleRule:
        if (self.exact is None) == (self.pattern is None):
            raise ValueError("give exactly one of `exact` or `pattern`")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"`pattern` is not a valid regular expression: {exc}") from None
        return self

    def matches(self, title: str) -> bool:
        if self.exact is not None:
            return _fold(self.exact) == _fold(title)
        assert self.pattern is not None
        return re.search(self.pattern, title) is not None


class SkipRule(_Model):
    """Rows of a table not to import (contractors, test accounts), by one column's value.

    The column is the export's header (or its canonical name); values are compared
    trimmed and ignoring case, a `pattern` is a regular expression searched in the cell.
    """

    column: str
    equals: str | None = None
    one_of: list[str] | None = None
    pattern: str | None = None
    table: str = "people"
    reason: str | None = None
    """Said in the import report (default: the rule itself)."""

    @model_validator(mode="after")
    def _one_test(self) -> SkipRule:
        if sum(t is not None for t in (self.equals, self.one_of, self.pattern)) != 1:
            raise ValueError("give exactly one of `equals`, `one_of` or `pattern`")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"`pattern` is not a valid regular expression: {exc}") from None
        return self

    def describe(self) -> str:
        if self.reason:
            return self.reason
        if self.equals is not None:
            return f"{self.column} is {self.equals!r}"
        if self.one_of is not None:
            return f"{self.column} is one of {', '.join(repr(v) for v in self.one_of)}"
        return f"{self.column} matches {self.pattern!r}"

    def matches(self, cells: pd.Series) -> pd.Series:
        text = cells.astype("str").str.strip()
        if self.pattern is not None:
            return text.str.contains(self.pattern, regex=True).fillna(False).astype(bool)
        wanted = [self.equals] if self.equals is not None else list(self.one_of or [])
        return text.str.casefold().isin([_fold(v) for v in wanted])


DEFAULT_PAY_FLOOR = 1000.0


class Mapping(_Model):
    """How one HRIS's exports map onto the canonical tables."""

    columns: dict[str, str] = Field(default_factory=dict)
    """Header in the export → canonical column, for every file."""
    tables: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Per table (people, events, …): header → canonical column; wins over `columns`."""
    files: dict[str, str] = Field(default_factory=dict)
    """File name (or stem) → table, for exports not named people.csv, events.csv, …"""
    title_column: str = "title"
    titles: list[TitleRule] = Field(default_factory=list)
    use_framework_titles: bool = True
    date_format: str | None = None
    """strftime format of dates, e.g. "%d/%m/%Y"; default ISO (YYYY-MM-DD)."""
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Per canonical column: export value → canonical value, e.g. pay_period: {Annual: year}."""
    limits: ReadLimits = Field(default_factory=ReadLimits)
    """Size limits per file or sheet (rows, columns, cells, uncompressed XLSX size)."""
    skip_rows: list[SkipRule] = Field(default_factory=list)
    """Rows not to import; the report says how many each rule skipped."""
    pay_floor: dict[str, float] = Field(default_factory=lambda: {"default": DEFAULT_PAY_FLOOR})
    """Annual full-time base pay below this is implausible (a placeholder such as 1.00),
    per currency code; `default` for the others. Checked with or without pay bands."""
    encoding: str | None = None
    """Text encoding of the CSV files (e.g. cp1252, utf-16); default: detected per file."""

    @field_validator("pay_floor")
    @classmethod
    def _floors(cls, value: dict[str, float]) -> dict[str, float]:
        for key, floor in value.items():
            if key != "default" and not re.fullmatch(r"[A-Z]{3}", key):
                raise ValueError(f"{key!r} is not a currency code (e.g. USD) or `default`")
            if floor < 0:
                raise ValueError(f"the floor for {key} is negative")
        return {"default": DEFAULT_PAY_FLOOR, **value}

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is not None and not known_encoding(value):
            raise ValueError(f"unknown encoding {value!r}; use e.g. utf-8, cp1252, latin-1, utf-16")
        return value


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every problem is located in the YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LatticeworkError(
            Problem(f"Cannot read the mapping file: {exc.strerror}.", Location(str(path)))
        ) from None
    data, sources = parse_yaml(text, str(path))
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        raise LatticeworkError(
            [
                Problem(
                    f"{'.'.join(str(p) for p in err['loc']) or 'mapping'}: {err['msg']}.",
                    sources.locate(err["loc"]),
                    "See docs/data-format.md, 'The mapping file'.",
                    "mapping",
                )
                for err in exc.errors()
            ]
        ) from None
    problems = []
    for table in [*mapping.tables, *mapping.files.values(), *(r.table for r in mapping.skip_rows)]:
        if table not in TABLES:
            problems.append(
                Problem(
                    f"Unknown table '{table}'.",
                    sources.locate(("tables", table)),
                    f"Use one of {', '.join(TABLES)}.",
                    "mapping",
                )
            )
    canonical = {c for t in TABLES.values() for c in t.names}
    for column in mapping.values:
        if column not in canonical:
            problems.append(
                Problem(
                    f"`values:` names '{column}', which is not a canonical column.",
                    sources.locate(("values", column)),
                    "Use the canonical name (after renaming), e.g. pay_period or status.",
                    "mapping",
                )
            )
    if problems:
        raise LatticeworkError(problems)
    return mapping


@dataclass(frozen=True, slots=True)
class SkippedRows:
    """Rows a `skip_rows` rule kept out of the import."""

    table: str
    source: str
    count: int
    reason: str
    first_row: int


def skip_rows(
    frame: pd.DataFrame, table: str, source: str, mapping: Mapping, problems: list[Problem]
) -> tuple[pd.DataFrame, list[SkippedRows]]:
    """The frame without the rows the mapping's `skip_rows` rules name (row numbers kept)."""
    rules = [r for r in mapping.skip_rows if r.table == table]
    skipped: list[SkippedRows] = []
    for rule in rules:
        header = skip_column(rule, frame.columns, table, mapping)
        if header is None:
            problems.append(
                Problem(
                    f"The mapping's skip_rows rule names column '{rule.column}', which "
                    f"{Path(source).name} does not have.",
                    Location(source, row=1),
                    "Use a header of the file (or its canonical name) in the rule.",
                    "skip-rule-column",
                )
            )
            continue
        hit = rule.matches(frame[header])
        rows = frame.index[hit]
        if len(rows):
            skipped.append(SkippedRows(table, source, len(rows), rule.describe(), int(rows[0])))
            frame = frame.loc[~hit]
    return frame, skipped


def skip_column(rule: SkipRule, headers: pd.Index, table: str, mapping: Mapping) -> str | None:
    """The file's header a rule tests: the header itself, or the one renamed to it."""
    if rule.column in headers:
        return rule.column
    return next((h for h in headers if canonical_header(h, table, mapping) == rule.column), None)


def map_values(frame: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """Replace export values by canonical ones (`values:`), matched after trimming."""
    if not mapping.values:
        return frame
    out = frame.copy()
    for column, replacements in mapping.values.items():
        if column in out:
            out[column] = by_unique(out[column].astype("str"), _replacer(replacements))
    return out


def _replacer(replacements: dict[str, str]) -> Callable[[pd.Series], pd.Series]:
    def replace(cells: pd.Series) -> pd.Series:
        return cells.str.strip().replace(replacements)

    return replace


def canonical_header(header: str, table: str, mapping: Mapping) -> str:
    """The canonical name of a header: mapped explicitly, or `Employee ID` → `employee_id`."""
    renames = mapping.tables.get(table, {})
    if header in renames:
        return renames[header]
    if header in mapping.columns:
        return mapping.columns[header]
    folded = re.sub(r"[\s\-]+", "_", header.strip().lower())
    if folded in TABLES[table].names or folded == mapping.title_column:
        return folded
    return header


@dataclass(frozen=True, slots=True)
class TitleCount:
    """A job title no rule mapped, how often it occurs and its first row."""

    title: str
    count: int
    first_row: int


@dataclass(frozen=True, slots=True)
class _Target:
    discipline: str | None
    track: str | None
    level: str
    path: str | None


def _framework_rules(framework: Framework) -> list[TitleRule]:
    rules = []
    for placement in framework.placements():
        for title in [placement.level.title, *placement.level.aliases]:
            rules.append(
                TitleRule(
                    exact=title,
                    discipline=placement.discipline.id,
                    track=placement.track.id,
                    level=placement.level.id,
                )
            )
    return rules


def map_titles(
    people: pd.DataFrame, mapping: Mapping, framework: Framework, source: str | None = None
) -> tuple[pd.DataFrame, list[TitleCount]]:
    """Fill discipline/track/level/path from job titles where level is empty.

    Titles are matched once per distinct title, not per row. Returns the new
    frame and the titles nothing matched. A title that only the framework's
    level titles match, and that names several levels, is an error: guessing
    the first would silently put everyone at the lowest of them.
    """
    column = mapping.title_column
    if column not in people:
        return people, []
    out = people.copy()
    for name in ("discipline", "track", "level", "path"):
        if name not in out:
            out[name] = ""
    rules = list(mapping.titles)
    from_framework = _framework_rules(framework) if mapping.use_framework_titles else []
    rules.extend(from_framework)
    titles = out[column].fillna("").astype(str).str.strip()
    todo = out["level"].fillna("").astype(str).str.strip().eq("") & titles.ne("")
    targets: dict[str, _Target | None] = {}
    for title in titles[todo].unique():
        rule = next((r for r in rules if r.matches(title)), None)
        if rule is not None and any(rule is r for r in from_framework):
            _refuse_ambiguous(
                title, from_framework, int(titles.index[todo & titles.eq(title)][0]), column, source
            )
        targets[title] = None if rule is None else _target(rule, framework)
    unmapped: Counter[str] = Counter()
    first_row: dict[str, int] = {}
    for name in ("discipline", "track", "level", "path"):
        values = titles[todo].map(
            lambda t, n=name: getattr(targets[t], n) if targets[t] is not None else None
        )
        current = out.loc[todo, name].fillna("").astype(str).str.strip()
        fill = current.eq("") & values.notna()
        out.loc[fill[fill].index, name] = values[fill]
    for title, target in targets.items():
        if target is None:
            rows = titles.index[todo & titles.eq(title)]
            unmapped[title] = len(rows)
            first_row[title] = int(rows[0])
    counts = [TitleCount(t, n, first_row[t]) for t, n in unmapped.most_common()]
    return out, counts


def _refuse_ambiguous(
    title: str, rules: list[TitleRule], row: int, column: str, source: str | None
) -> None:
    levels = list(dict.fromkeys(r.level for r in rules if r.matches(title)))
    if len(levels) > 1:
        raise LatticeworkError(
            Problem(
                f"Job title '{title}' is the title of several levels ({', '.join(levels)}), "
                "so it cannot say which one a person holds.",
                Location(source, row=row, field=column),
                "Give these people a level column, or add `titles:` rules to the mapping "
                "(e.g. by a grade or band column) that name one level each.",
                code="ambiguous-title",
            )
        )


def _target(rule: TitleRule, framework: Framework) -> _Target:
    discipline, track = rule.discipline, rule.track
    if framework.has_level(rule.level):
        placement = framework.placement(rule.level)
        discipline = discipline or placement.discipline.id
        track = track or placement.track.id
    return _Target(discipline, track, rule.level, rule.path)
