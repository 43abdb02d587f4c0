"""The one exception type users see, and the located problems it carries.

Every error caused by input (a framework file, an HRIS export, a request) is a
`Problem`: what was wrong, where, and how to fix it. Entry points render these;
users never see a traceback for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file with a line and column (YAML) or a row and column (CSV)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
            text = ":".join(parts)
        else:
            text = parts[0]
        if self.row is not None:
            text += f", row {self.row}"
        if self.field is not None:
            text += f", column '{self.field}'" if self.row is not None else f" ({self.field})"
        return text

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "row": self.row,
            "field": self.field,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, located, with a plain-language fix."""

    message: str
    location: Location = field(default_factory=Location)
    fix: str | None = None
    code: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
            "location": self.location.to_dict(),
        }


class LatticeworkError(Exception):
    """Raised for bad input; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))
