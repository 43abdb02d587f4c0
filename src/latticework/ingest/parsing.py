"""Text cells to typed columns, vectorised: every unparsable cell becomes a located problem.

Checks here need only the file itself: required columns and values, dates,
numbers, choices, and dates in the future. Checks against the framework and
other tables are in `validation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from latticework.errors import Location, Problem
from latticework.ingest.findings import Findings, show
from latticework.ingest.mapping import Mapping, canonical_header
from latticework.ingest.sources import RawTable
from latticework.ingest.uniques import by_unique
from latticework.org.columns import PAY_PERIOD_ALIASES, TABLES
from latticework.org.numbers import exact_floats
from latticework.org.validity import (
    CONTROL_CHARACTERS,
    EARLIEST_DATE,
    ID_CHARACTERS,
    ID_MAX_LENGTH,
    LATEST_DATE,
    OPEN_END_YEAR,
    RANGE_TEXT,
    is_open_end,
    valid_id,
)

if TYPE_CHECKING:
    import pandas as pd

DEFAULTS: dict[tuple[str, str], str | float] = {
    ("people", "pay_period"): "year",
    ("people", "fte"): 1.0,
    ("people", "status"): "active",
    ("participation", "role"): "member",
}
"""Values used when an optional column or cell is empty (the defaults docs/data-format.md gives)."""

ALIASES: dict[tuple[str, str], dict[str, str]] = {("people", "pay_period"): PAY_PERIOD_ALIASES}
"""Choice values as HRIS exports spell them (weekly, bi-weekly, …), read as canonical ones."""
# What a job-title rule fills in: an unmapped title explains these empty cells, no others.
TITLE_FILLED = {"discipline", "track", "level"}

# End dates of leadership roles are time boxes and may lie ahead; so is the end of a leave.
FUTURE_ALLOWED = {("roles", "end_date"), ("events", "end_date")}
# Where an HRIS's 9999-12-31 "no end date" reads as empty.
OPEN_END_ALLOWED = {("roles", "end_date"), ("events", "end_date"), ("people", "exit_date")}
ID_COLUMNS = {"employee_id", "manager_id", "impact_id"}

# A leading apostrophe protects a cell from spreadsheet formula evaluation
# (our own export writes it); it is not part of the value. Only one is removed, so
# text typed as "'=x" (exported as "''=x") reads back as typed.
_FORMULA_GUARD = re.compile(r"^'(?='*[=+\-@])")
_MIDNIGHT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]00:00")


@dataclass
class ParsedTable:
    """A table after parsing: typed columns (canonical names), its source and untyped rows."""

    table: str
    source: str
    frame: pd.DataFrame
    """Canonical columns only, typed; index is the spreadsheet row number."""
    usable: bool
    """False when a required column is missing: the table cannot be checked further."""


def rename_columns(raw: RawTable, mapping: Mapping, findings: Findings) -> pd.DataFrame:
    """Headers to canonical names; unknown columns are reported as warnings and dropped."""
    spec = TABLES[raw.table]
    renamed = {h: canonical_header(h, raw.table, mapping) for h in raw.frame.columns}
    keep = [mapping.title_column] if raw.table == "people" else []
    # A column only a skip_rows rule reads is expected, not unknown.
    tested = {r.column for r in mapping.skip_rows if r.table == raw.table}
    for header, name in renamed.items():
        if name not in spec.names and name not in keep and header not in tested:
            findings.warning(
                Problem(
                    f"Column '{header}' is not a column of {spec.file_name}; it is ignored.",
                    Location(raw.source, row=1, field=header),
                    "Rename it in the mapping file's `columns:` if it holds canonical data.",
                    "unknown-column",
                )
            )
    frame = raw.frame.rename(columns=renamed)
    return frame.loc[:, [c for c in frame.columns if c in spec.names or c in keep]]


def parse_table(
    table: str,
    source: str,
    frame: pd.DataFrame,
    findings: Findings,
    *,
    today: date,
    date_format: str | None = None,
    explained_missing: pd.Series | None = None,
) -> ParsedTable:
    """Type every column of a renamed text frame, reporting every bad cell.

    `explained_missing` marks rows whose empty discipline, track and level are
    already reported otherwise (an unmapped job title), so they are not reported
    twice; every other problem of those rows is reported.
    """
    import pandas as pd

    spec = TABLES[table]
    missing = [c for c in spec.required if c not in frame.columns]
    for name in missing:
        findings.error(
            Problem(
                f"Required column '{name}' is missing from {spec.file_name}.",
                Location(source, row=1, field=name),
                "Add the column, or map the export's header to it in the mapping file's "
                "`columns:`.",
                "missing-column",
            )
        )
    text = pd.DataFrame(index=frame.index)
    for column in spec.columns:
        if column.name in frame:
            text[column.name] = by_unique(frame[column.name].astype("str"), _clean)
        else:
            text[column.name] = pd.Series(pd.NA, index=frame.index, dtype="str")
    out = pd.DataFrame(index=frame.index)
    for column in spec.columns:
        cells = text[column.name]
        if column.name in frame:
            _check_text(table, column.name, source, text, findings)
        default = DEFAULTS.get((table, column.name))
        if column.required and column.name in frame:
            absent = cells.isna()
            if explained_missing is not None and column.name in TITLE_FILLED:
                absent &= ~explained_missing.reindex(cells.index, fill_value=False)
            findings.rows(
                source=source,
                frame=text,
                mask=absent,
                column=column.name,
                message=f"Required value '{column.name}' is empty.",
                fix=f"Fill in {column.name} on this row.",
                code="missing-value",
            )
        if column.kind == "date":
            parsed = by_unique(cells, lambda c: _parse_dates(c, date_format))
            unparsed = cells.notna() & parsed.isna()
            valid_day = by_unique(cells.where(unparsed), lambda c: _python_dates(c, date_format))
            open_end = valid_day.map(_is_open_end).astype(bool)
            if (table, column.name) not in OPEN_END_ALLOWED:
                open_end &= False
            findings.rows(
                source=source,
                frame=text,
                mask=unparsed & valid_day.isna(),
                column=column.name,
                message=lambda v, _: f"'{v}' is not a date.",
                fix=f"Write dates as {_format_hint(date_format)}.",
                code="bad-date",
            )
            findings.rows(
                source=source,
                frame=text,
                mask=unparsed & valid_day.notna() & ~open_end,
                column=column.name,
                message=lambda v, _: f"Date '{v}' is outside the supported range ({RANGE_TEXT}).",
                fix="Correct the date"
                + (
                    f"; {OPEN_END_YEAR}-12-31 means no end date here."
                    if (table, column.name) in OPEN_END_ALLOWED
                    else "."
                ),
                code="date-out-of-range",
            )
            if (table, column.name) not in FUTURE_ALLOWED:
                future = parsed > pd.Timestamp(today)
                findings.rows(
                    source=source,
                    frame=text,
                    mask=future,
                    column=column.name,
                    message=lambda v, _: f"Date {show(v)} is in the future.",
                    fix="Check the date; the import records what has happened.",
                    code="future-date",
                )
            out[column.name] = parsed
        elif column.kind in ("float", "int"):
            numbers = by_unique(
                cells,
                exact_floats
                if column.kind == "float"
                else lambda c: pd.to_numeric(c, errors="coerce"),
            )
            bad = cells.notna() & numbers.isna()
            if column.kind == "int":
                bad |= numbers.notna() & (numbers % 1 != 0)
            findings.rows(
                source=source,
                frame=text,
                mask=bad,
                column=column.name,
                message="'{value}' is not a number."
                if column.kind == "float"
                else "'{value}' is not a whole number.",
                fix="Write plain numbers such as 125000 or 0.8, without currency symbols.",
                code="bad-number",
            )
            numbers = numbers.where(~bad)
            if default is not None:
                numbers = numbers.fillna(default)
            out[column.name] = numbers.astype("float64" if column.kind == "float" else "Int64")
        elif column.kind == "enum":
            folded = by_unique(cells, _folder(ALIASES.get((table, column.name), {})))
            bad = folded.notna() & ~folded.isin(column.choices)
            findings.rows(
                source=source,
                frame=text,
                mask=bad,
                column=column.name,
                message=f"'{{value}}' is not a valid {column.name}.",
                fix=f"Use one of: {', '.join(column.choices)}.",
                code="bad-choice",
            )
            values = folded.where(~bad)
            if default is not None:
                values = values.fillna(default)
            out[column.name] = values.astype("str")
        else:
            out[column.name] = cells.astype("str")
    return ParsedTable(table, source, out, usable=not missing)


def _check_text(
    table: str, column: str, source: str, text: pd.DataFrame, findings: Findings
) -> None:
    """Control characters in any text, and ids outside their character set."""
    cells = text[column]
    present = cells.notna()
    control = present & by_unique(
        cells.where(present, ""), lambda c: c.str.contains(CONTROL_CHARACTERS.pattern, regex=True)
    ).astype(bool)
    findings.rows(
        source=source,
        frame=text,
        mask=control,
        column=column,
        message="The cell holds a control character (such as a NUL byte).",
        fix="Remove it; text may hold tabs and line breaks but no other control characters.",
        code="control-character",
    )
    if column in ID_COLUMNS:
        ids = cells.where(present & ~control, "")
        valid = by_unique(ids, lambda c: c.map(valid_id)).astype(bool)
        findings.rows(
            source=source,
            frame=text,
            mask=present & ~control & ~valid,
            column=column,
            message=f"'{{value}}' is not a valid {column}.",
            fix=f"Ids may hold {ID_CHARACTERS}; at most {ID_MAX_LENGTH} characters.",
            code="bad-id",
        )


def _folder(aliases: dict[str, str]) -> Callable[[pd.Series], pd.Series]:
    """Choice cells lower-cased, with the export's spellings read as canonical values."""

    def fold(cells: pd.Series) -> pd.Series:
        return cells.str.lower().replace(aliases) if aliases else cells.str.lower()

    return fold


def _clean(cells: pd.Series) -> pd.Series:
    """Trim, drop the formula guard, and make empty cells missing."""
    cleaned = cells.str.strip().str.replace(_FORMULA_GUARD, "", regex=True)
    return cleaned.where(cleaned.ne(""))


def _format_hint(date_format: str | None) -> str:
    return "YYYY-MM-DD" if date_format is None else f"'{date_format}' (the mapping's date_format)"


def _python_dates(cells: pd.Series, date_format: str | None) -> pd.Series:
    """Dates pandas cannot hold (out of its range), as Python dates; None where not a date."""
    fmt = date_format or "%Y-%m-%d"

    def one(value: object) -> date | None:
        if not isinstance(value, str):
            return None
        candidates = [value]
        if date_format is None and _MIDNIGHT.match(value):
            candidates.append(value[:10])
        for candidate in candidates:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
        return None

    return cells.map(one).astype("object")


def _is_open_end(day: object) -> bool:
    return isinstance(day, date) and is_open_end(day)


def _parse_dates(cells: pd.Series, date_format: str | None) -> pd.Series:
    """Dates as datetime64[ns]; dates outside the supported range are missing."""
    import pandas as pd

    parsed = pd.to_datetime(cells, format=date_format or "%Y-%m-%d", errors="coerce")
    if date_format is None:
        # Spreadsheets sometimes export midnight timestamps; accept their date part.
        retry = cells.notna() & parsed.isna() & cells.str.match(_MIDNIGHT.pattern)
        if retry.any():
            parsed[retry] = pd.to_datetime(
                cells[retry].str[:10], format="%Y-%m-%d", errors="coerce"
            )
    # pandas 3 holds years 1-9999 (in µs); 2.x gives NaT beyond 1677-2262 already.
    inside = (parsed >= pd.Timestamp(EARLIEST_DATE)) & (parsed <= pd.Timestamp(LATEST_DATE))
    return parsed.where(inside).astype("datetime64[ns]")
