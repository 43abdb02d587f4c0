"""Form and query values the pages read: one way to parse them, one wording for a mistake."""

from __future__ import annotations

from datetime import date

from latticework.errors import LatticeworkError, Location, Problem


def optional_date(text: str | None, field: str) -> date | None:
    """A YYYY-MM-DD field that may be left empty (None); anything else is a located problem."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LatticeworkError(
            Problem(
                f"'{text}' is not a date.",
                location=Location(field=field),
                fix="Give the date as YYYY-MM-DD, or leave it empty for today.",
                code="invalid-request",
            )
        ) from None
