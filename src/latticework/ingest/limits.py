"""Size limits of an import file: a hostile or broken export is refused before it fills memory.

The defaults fit an organisation several times larger than the 100,000-person
benchmark; raise them in the mapping file's `limits:` section.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from latticework.errors import Location, Problem


class ReadLimits(BaseModel):
    """How large one table (a CSV file or an XLSX sheet) may be."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_rows: int = Field(default=2_000_000, ge=1)
    """Data rows per table (the header not counted)."""
    max_columns: int = Field(default=1_000, ge=1)
    """Columns per table; also the farthest column an XLSX cell may be in."""
    max_cells: int = Field(default=30_000_000, ge=1)
    """Rows × columns per table."""
    max_xlsx_megabytes: int = Field(default=200, ge=1)
    """Uncompressed size of a workbook's contents (a zip can expand a thousandfold)."""


def over_limit(
    what: str, value: str, setting: str, limit: int, location: Location, code: str = "too-large"
) -> Problem:
    """The problem for input beyond a limit: which limit, and how to raise it."""
    return Problem(
        f"{what} ({value}) exceeds the limit {setting} = {limit:,}.",
        location,
        f"Check the file; if it really is this large, raise the limit in the mapping file: "
        f"`limits: {{{setting}: {max(limit * 2, 2):d}}}`.",
        code,
    )
