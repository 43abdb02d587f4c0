"""What a recorded date, an id and a piece of text may be, wherever they enter.

Dates are held as pandas timestamps, whose range ends in 1677 and 2262: a
date outside it (an impact dated 0001-01-01) would break every export and
audit of the organisation, so the range below is checked at every entry
point (import, web form, API). HRIS exports write "no end date" as
9999-12-31: in end-date columns that reads as empty.

Ids appear in URLs, file names and downloads: letters and digits of any
script, `_`, `-`, `.`, `@`, `+`, starting with a letter or digit.
Text may not hold control characters other than tab and line breaks (a NUL
byte cannot even be stored by PostgreSQL).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from latticework.errors import Location, Problem

if TYPE_CHECKING:
    import pandas as pd

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
OPEN_END_YEAR = 9999
"""An end date in this year (9999-12-31, 9999-12-30, …) means "no end date"."""

ID_MAX_LENGTH = 100
ID_PATTERN = re.compile(r"[^\W_][\w.@+\-]*")
ID_CHARACTERS = "letters and digits (any script), _ - . @ +, starting with a letter or digit"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters refused in text: all but tab, line feed and carriage return."""

RANGE_TEXT = f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"


def date_in_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def is_open_end(day: date) -> bool:
    return day.year == OPEN_END_YEAR


def recorded_date_problems(day: date | None, field: str) -> list[Problem]:
    """A date a person records (impact, a move): inside the supported range."""
    if day is None or date_in_range(day):
        return []
    return [
        Problem(
            f"The date {day.isoformat()} is outside the supported range ({RANGE_TEXT}).",
            Location(field=field),
            "Correct the date.",
            "date-out-of-range",
        )
    ]


def valid_id(text: str) -> bool:
    return len(text) <= ID_MAX_LENGTH and ID_PATTERN.fullmatch(text) is not None


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def text_problems(fields: dict[str, object]) -> list[Problem]:
    """One problem per text field holding a control character (a NUL byte, an escape)."""
    return [
        Problem(
            f"'{name}' holds a control character (code {ord(match.group()):#04x}).",
            Location(field=name),
            "Remove it; text may hold tabs and line breaks but no other control characters.",
            "control-character",
        )
        for name, value in fields.items()
        if isinstance(value, str) and (match := CONTROL_CHARACTERS.search(value)) is not None
    ]


def timestamps(values: pd.Series) -> pd.Series:
    """Dates as datetime64[ns]; unreadable ones and ones pandas cannot hold are missing.

    For rows stored before these checks existed (an impact dated 0001-01-01, an
    exit on 9999-12-31): readers must not fail on them for the whole organisation.
    """
    import pandas as pd

    if str(values.dtype) != "datetime64[ns]":
        values = pd.to_datetime(values, errors="coerce", format="ISO8601")
    inside = (values >= pd.Timestamp.min) & (values <= pd.Timestamp.max)
    return values.where(inside).astype("datetime64[ns]")
