"""Text cells to typed columns, vectorised: every unparsable cell becomes a located problem.

Checks here need only the file itself: required columns and values, dates,
numbers, choices, and dates in the future. Checks against the framework and
other tables are in `validation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import Location, Problem
from latticework.ingest.findings import Findings, show
from latticework.ingest.mapping import Mapping, canonical_header
from latticework.ingest.sources import RawTable
from latticework.ingest.uniques import by_unique
from latticework.org.columns import TABLES

if TYPE_CHECKING:
    import pandas as pd

DEFAULTS: dict[tuple[str, str], str | float] = {
    ("people", "pay_period"): "year",
    ("people", "fte"): 1.0,
    ("people", "status"): "active",
    ("participation", "role"): "member",
}
"""Values used when an optional column or cell is empty (the defaults docs/data-format.md gives)."""

# End dates of leadership roles are time boxes and may lie ahead; so is the end of a leave.
FUTURE_ALLOWED = {("roles", "end_date"), ("events", "end_date")}

# A leading apostrophe protects a cell from spreadsheet formula evaluation
# (our own export writes it); it is not part of the value.
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")


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
    for header, name in renamed.items():
        if name not in spec.names and name not in keep:
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

    `explained_missing` marks rows whose empty required values are already
    reported otherwise (an unmapped job title), so they are not reported twice.
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
        default = DEFAULTS.get((table, column.name))
        if column.required and column.name in frame:
            absent = cells.isna()
            if explained_missing is not None:
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
            findings.rows(
                source=source,
                frame=text,
                mask=cells.notna() & parsed.isna(),
                column=column.name,
                message=lambda v, _: f"'{v}' is not a date.",
                fix=f"Write dates as {_format_hint(date_format)}.",
                code="bad-date",
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
            numbers = by_unique(cells, lambda c: pd.to_numeric(c, errors="coerce"))
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
            folded = by_unique(cells, lambda c: c.str.lower())
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


def _clean(cells: pd.Series) -> pd.Series:
    """Trim, drop the formula guard, and make empty cells missing."""
    cleaned = cells.str.strip().str.replace(_FORMULA_GUARD, "", regex=True)
    return cleaned.where(cleaned.ne(""))


def _format_hint(date_format: str | None) -> str:
    return "YYYY-MM-DD" if date_format is None else f"'{date_format}' (the mapping's date_format)"


def _parse_dates(cells: pd.Series, date_format: str | None) -> pd.Series:
    import pandas as pd

    parsed = pd.to_datetime(cells, format=date_format or "%Y-%m-%d", errors="coerce")
    if date_format is None:
        # Spreadsheets sometimes export midnight timestamps; accept their date part.
        retry = cells.notna() & parsed.isna() & cells.str.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00")
        if retry.any():
            parsed[retry] = pd.to_datetime(
                cells[retry].str[:10], format="%Y-%m-%d", errors="coerce"
            )
    return parsed.astype("datetime64[ns]")
