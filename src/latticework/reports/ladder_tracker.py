"""A progression tracker per level: an XLSX a person fills in to assess themselves."""

from __future__ import annotations

import io

from latticework.framework.model import Framework

COLUMNS = ("Theme", "Competency", "Expectation", "Proficiency", "Evidence", "Self rating")


def level_tracker(fw: Framework, level_id: str) -> bytes:
    """One row per expectation (or bullet) of the level, with empty evidence columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    placement = fw.placement(level_id)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Progression"
    sheet.append([f"{placement.level.title} ({level_id}, {placement.level.grade})"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for item in fw.expectations_for(level_id, None):
        comp, e = item.competency, item.expectation
        scale = fw.scale_for(comp)
        position = fw.required_position(comp, e)
        step = scale.step_at(position) if scale is not None and position is not None else None
        theme = comp.category.value
        lines = [b.text for b in e.bullets] or [e.text]
        for line in lines:
            sheet.append([theme, comp.name, line, step.name if step else "", "", ""])
    for column, width in zip("ABCDEF", (14, 24, 60, 16, 50, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
