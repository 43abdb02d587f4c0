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
    encoding: str | None = None
    """Text encoding of the CSV files (e.g. cp1252, utf-16); default: detected per file."""

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
    for table in [*mapping.tables, *mapping.files.values()]:
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
