"""`latticework show`: the tracks side by side, grades as rows, in text and Markdown."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from latticework.framework.model import Framework
from latticework.framework.overview import grade_grid


def _band_text(fw: Framework, grade_id: str) -> str:
    bands = [b for b in fw.bands if b.grade == grade_id]
    return "; ".join(f"{b.zone} {b.min:,.0f}–{b.max:,.0f} {b.currency}" for b in bands)


def _paths_text(fw: Framework, level_ids: list[str]) -> str:
    names: list[str] = []
    for level_id in level_ids:
        for p in fw.paths_for_level(level_id):
            if p.name not in names:
                names.append(p.name)
    return ", ".join(names)


def framework_text(fw: Framework, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, highlight=False)
    console.print(f"{fw.organisation} — framework {fw.version}")
    for d in fw.disciplines:
        table = Table(title=d.name, show_lines=True)
        table.add_column("Grade")
        for t in d.tracks:
            table.add_column(t.name)
        table.add_column("Paths")
        table.add_column("Band")
        for grade_id, cells in grade_grid(fw, d.id):
            ids = [c.split(" ", 1)[0] for titles in cells.values() for c in titles]
            table.add_row(
                grade_id,
                *["\n".join(cells[t.id]) or "—" for t in d.tracks],
                _paths_text(fw, ids),
                _band_text(fw, grade_id),
            )
        console.print(table)
    return buffer.getvalue()


def framework_markdown(fw: Framework) -> str:
    out = [f"# {fw.organisation} — framework {fw.version}", ""]
    for d in fw.disciplines:
        out += [f"## {d.name}", ""]
        header = ["Grade", *[t.name for t in d.tracks], "Paths", "Band"]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
        for grade_id, cells in grade_grid(fw, d.id):
            ids = [c.split(" ", 1)[0] for titles in cells.values() for c in titles]
            row = [
                grade_id,
                *["<br>".join(cells[t.id]) or "—" for t in d.tracks],
                _paths_text(fw, ids),
                _band_text(fw, grade_id),
            ]
            out.append("| " + " | ".join(row) + " |")
        out.append("")
    return "\n".join(out)
