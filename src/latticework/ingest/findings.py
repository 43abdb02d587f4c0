"""Problems found in input rows, collected all at once and split by severity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from latticework.errors import Location, Problem

if TYPE_CHECKING:
    import pandas as pd


def show(value: object) -> str:
    """A cell value as the user typed it, for messages."""
    if value is None:
        return "(empty)"
    try:
        import pandas as pd

        if pd.isna(value):  # type: ignore[call-overload]
            return "(empty)"
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Findings:
    """Every error and warning of one import; errors stop the write, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, problem: Problem) -> None:
        self.errors.append(problem)

    def warning(self, problem: Problem) -> None:
        self.warnings.append(problem)

    def rows(
        self,
        *,
        source: str,
        frame: pd.DataFrame,
        mask: pd.Series,
        column: str,
        message: Callable[[object, object], str] | str,
        fix: str | None,
        code: str,
        warning: bool = False,
        detail: pd.Series | None = None,
    ) -> int:
        """One problem per row where `mask` is true, at that row and column; returns the count.

        The frame's index is the row number as the spreadsheet shows it. A
        callable message receives the cell value and the row's `detail` value.
        """
        hits = frame.loc[mask.fillna(False).astype(bool)]
        sink = self.warnings if warning else self.errors
        values = hits.get(column)
        details = detail.reindex(hits.index) if detail is not None else None
        for i, row in enumerate(hits.index):
            value = values.iloc[i] if values is not None else None
            extra = details.iloc[i] if details is not None else None
            text = message(value, extra) if callable(message) else message.format(value=show(value))
            sink.append(Problem(text, Location(source, row=int(row), field=column), fix, code))
        return len(hits)


def in_reading_order(problems: list[Problem], sources: list[str]) -> list[Problem]:
    """Problems by file (in the order read), then row, then column: how a person fixes them."""

    def key(problem: Problem) -> tuple[int, int, str]:
        where = problem.location
        file_rank = sources.index(where.file) if where.file in sources else len(sources)
        return (file_rank, where.row or 0, where.field or "")

    return sorted(problems, key=key)
