"""Growth documents as terminal text: the same `Document` the Markdown/HTML/PDF come from.

Headings become underlined lines, tables become Rich tables, charts are left
out (their numbers are always in a table next to them).
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table as RichTable

from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table


def document_text(doc: Document, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, highlight=False)
    console.print(doc.title, markup=False)
    if doc.subtitle:
        console.print(doc.subtitle, markup=False)
    for block in doc.blocks:
        if isinstance(block, Heading):
            console.print()
            console.print(block.text, markup=False)
            console.print(("=" if block.level <= 2 else "-") * len(block.text), markup=False)
        elif isinstance(block, Paragraph):
            prefix = {"warning": "! ", "note": "  ", "good": "✓ "}.get(block.tone, "")
            console.print(prefix + block.text, markup=False)
        elif isinstance(block, Bullets):
            for item in block.items:
                console.print(f"  • {item}", markup=False)
        elif isinstance(block, Table):
            table = RichTable(title=block.caption or None, show_lines=False, title_justify="left")
            for i, column in enumerate(block.columns):
                numeric = i < len(block.numeric) and block.numeric[i]
                longest = max([len(column), *(len(row[i]) for row in block.rows if i < len(row))])
                # Short columns keep their width; long text columns share what is left.
                table.add_column(
                    column,
                    justify="right" if numeric else "left",
                    overflow="fold",
                    ratio=None if longest <= 16 else max(1, min(4, longest // 20)),
                    min_width=min(longest, 14),
                )
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
    return buffer.getvalue()
