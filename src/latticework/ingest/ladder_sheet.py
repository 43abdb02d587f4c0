"""Read a ladder kept as a spreadsheet: one row per level × competency (CSV or XLSX).

Required columns: `level`, `competency`, `expectation`. Optional: `title`,
`track`, `discipline`, `grade`, `theme`, `proficiency`, `category`, `id`
(headers match ignoring case and spaces). Rows of one level and competency
become bullets; a level value on two tracks is one rung (one grade).
"""

from __future__ import annotations

import csv
from pathlib import Path

from latticework.errors import LatticeworkError, Location, Problem
from latticework.ingest.ladder_draft import LadderSource, SourceExpectation, SourceLevel, slug

REQUIRED = ("level", "competency", "expectation")
OPTIONAL = ("title", "track", "discipline", "grade", "theme", "proficiency", "category", "id")
MAX_ROWS = 50_000
"""Most rows read from one ladder sheet; a ladder of 20 levels × 30 competencies has 600."""


def read_sheet(file: Path, organisation: str | None = None) -> LadderSource:
    """The ladder in a CSV or XLSX file (its first sheet); all problems are reported at once."""
    rows = _rows(file)
    if not rows:
        raise LatticeworkError(
            Problem("The sheet is empty.", Location(str(file), row=1), "Add a header row.")
        )
    header = [_fold(h) for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise LatticeworkError(
            Problem(
                f"The header has no {', '.join(missing)} column.",
                Location(str(file), row=1),
                f"Name the columns {', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)}).",
            )
        )
    if len(rows) - 1 > MAX_ROWS:
        raise LatticeworkError(
            Problem(
                f"{len(rows) - 1} rows is more than the {MAX_ROWS} a ladder sheet may hold.",
                Location(str(file)),
                "Check that this is the ladder, not an export of people.",
            )
        )
    col = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    problems: list[Problem] = []
    levels: dict[str, SourceLevel] = {}
    expectations: list[SourceExpectation] = []
    disciplines: dict[str, str] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue

        def cell(name: str, raw: list[str] = raw) -> str | None:
            i = col.get(name)
            value = raw[i].strip() if i is not None and i < len(raw) else ""
            return value or None

        empty = [c for c in REQUIRED if cell(c) is None]
        for name in empty:
            problems.append(
                Problem(
                    f"Row {number} has no {name}.",
                    Location(str(file), row=number, field=name),
                    "Fill it in, or delete the row.",
                )
            )
        if empty:
            continue
        level, track, discipline = str(cell("level")), cell("track"), cell("discipline")
        key = "/".join(x for x in (discipline, track, level) if x)
        if discipline:
            disciplines.setdefault(slug(discipline), discipline)
        levels.setdefault(
            key,
            SourceLevel(
                key,
                cell("title") or level,
                track,
                slug(discipline) if discipline else None,
                grade=cell("grade"),
                rung=level,
            ),
        )
        expectations.append(
            SourceExpectation(
                level=key,
                competency=str(cell("competency")),
                text=str(cell("expectation")),
                id=cell("id"),
                theme=cell("theme"),
                proficiency=cell("proficiency"),
                category=(cell("category") or "").lower() or None,
            )
        )
    if problems:
        raise LatticeworkError(problems)
    return LadderSource(
        organisation=organisation or file.stem,
        origin=f"the sheet {file.name}",
        levels=list(levels.values()),
        expectations=expectations,
        disciplines=disciplines,
        split_levels_share_a_grade=False,
    )


def _fold(header: str) -> str:
    return "".join(header.split()).lower()


def _rows(file: Path) -> list[list[str]]:
    try:
        if file.suffix.lower() in {".xlsx", ".xlsm"}:
            return _xlsx_rows(file)
        with file.open(encoding="utf-8-sig", newline="") as handle:
            return [row for _, row in zip(range(MAX_ROWS + 2), csv.reader(handle), strict=False)]
    except FileNotFoundError:
        raise LatticeworkError(
            Problem("File not found.", Location(str(file)), "Check the path.")
        ) from None
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise LatticeworkError(
            Problem(
                f"Cannot read the sheet: {exc}.",
                Location(str(file)),
                "Save it as CSV (UTF-8) or XLSX.",
            )
        ) from None


def _xlsx_rows(file: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(file, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    finally:
        book.close()
