"""The justifications register as CSV rows: read and checked all or nothing, with locations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from latticework.compliance.decomposition import FACTORS
from latticework.errors import LatticeworkError, Location, Problem

CSV_COLUMNS = (
    "legal_entity",
    "year",
    "category",
    "factor",
    "explanation",
    "evidence",
    "agreement",
    "agreed_by",
    "agreed_on",
)
REQUIRED = ("legal_entity", "year", "category", "factor", "explanation")
AGREEMENTS = ("agreed", "disagreed")
MAX_ROWS = 10_000
"""A register is a few rows per category; more is the wrong file."""


@dataclass(frozen=True)
class JustificationRow:
    legal_entity: str
    year: int
    category: str
    factor: str
    explanation: str
    evidence: str | None
    agreement: str | None
    agreed_by: str | None
    agreed_on: date | None


def parse_rows(file: str, header: list[str], rows: list[list[str]]) -> list[JustificationRow]:
    """Check every row; raise one error listing every problem (row 1 is the header)."""
    problems: list[Problem] = []
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise LatticeworkError(
            Problem(
                f"The justifications file lacks the column(s) {', '.join(missing)}.",
                Location(file=file, row=1),
                fix=f"Use the header {','.join(CSV_COLUMNS)} (`latticework eu justifications "
                "export` writes one).",
                code="eu-csv",
            )
        )
    if len(rows) > MAX_ROWS:
        raise LatticeworkError(
            Problem(
                f"The file has {len(rows):,} rows; a register holds at most {MAX_ROWS:,}.",
                Location(file=file),
                fix="Check that this is the justifications register.",
                code="eu-csv",
            )
        )
    out: list[JustificationRow] = []
    seen: dict[tuple[str, int, str, str], int] = {}
    for number, raw in enumerate(rows, start=2):
        cells = {n: (raw[i].strip() if i < len(raw) else "") for i, n in enumerate(names)}

        def problem(column: str, message: str, fix: str, row: int = number) -> None:
            problems.append(Problem(message, Location(file=file, row=row, field=column), fix,
                                    "eu-csv"))  # fmt: skip

        for column in REQUIRED:
            if not cells.get(column):
                problem(column, f"{column} is empty.", "Fill it in; it is required.")
        year: int | None = None
        if cells.get("year"):
            try:
                year = int(cells["year"])
            except ValueError:
                problem("year", f"Year '{cells['year']}' is not a whole number.", "Write 2026.")
        factor = cells.get("factor", "")
        if factor and factor not in FACTORS:
            problem(
                "factor",
                f"Factor '{factor}' is not one latticework can measure.",
                "Use one of: " + ", ".join(sorted(FACTORS)) + " (objective, gender-neutral "
                "factors the decomposition can test).",
            )
        agreement = cells.get("agreement") or None
        if agreement is not None and agreement not in AGREEMENTS:
            problem("agreement", f"Agreement '{agreement}' is not agreed or disagreed.",
                    "Write agreed, disagreed, or leave it empty (not yet).")  # fmt: skip
        agreed_on: date | None = None
        if cells.get("agreed_on"):
            try:
                agreed_on = date.fromisoformat(cells["agreed_on"])
            except ValueError:
                problem("agreed_on", f"Date '{cells['agreed_on']}' is not YYYY-MM-DD.",
                        "Write the date as 2026-06-30.")  # fmt: skip
        if year is None or not all(cells.get(c) for c in REQUIRED):
            continue
        key = (cells["legal_entity"], year, cells["category"], factor)
        if key in seen:
            problem("factor", f"The same category and factor are also on row {seen[key]}.",
                    "Keep one row per category and factor.")  # fmt: skip
            continue
        seen[key] = number
        out.append(
            JustificationRow(
                legal_entity=cells["legal_entity"],
                year=year,
                category=cells["category"],
                factor=factor,
                explanation=cells["explanation"],
                evidence=cells.get("evidence") or None,
                agreement=agreement,
                agreed_by=cells.get("agreed_by") or None,
                agreed_on=agreed_on,
            )
        )
    if problems:
        raise LatticeworkError(problems)
    return out
