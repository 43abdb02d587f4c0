"""Any `Document` as plain text for a terminal, a pipe or a file.

One renderer for every command, and it never loses information: paragraphs wrap,
tables fit the width without cutting a cell (reports/text_table.py wraps cells or
lays a table out as a list), charts are named (their numbers are always in a table
beside them) and links read as their text.
"""

from __future__ import annotations

import textwrap

from latticework.reports.document import (
    BarChart,
    Bullets,
    Callouts,
    Contents,
    Document,
    Heading,
    LineChart,
    Paragraph,
    Table,
)
from latticework.reports.text_table import table_lines


def document_text(doc: Document, width: int = 100) -> str:
    """Headings underlined, paragraphs wrapped, tables that fit the width without cutting
    a cell; charts are named, not drawn; links read as their text."""
    out = [doc.title, "=" * min(width, len(doc.title))]
    if doc.subtitle:
        out += textwrap.wrap(doc.subtitle, width)
    out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines = textwrap.wrap(block.text, width) or [block.text]
            rule = "-" if block.level <= 2 else "·"
            out += [*lines, rule * min(width, max(len(line) for line in lines))]
        elif isinstance(block, Paragraph):
            prefix = {"warning": "! ", "bad": "! ", "note": "  ", "good": "+ "}.get(block.tone, "")
            text = " ".join([block.text, ", ".join(link.text for link in block.links)]).strip()
            out += textwrap.wrap(text, width, initial_indent=prefix, subsequent_indent="  ")
        elif isinstance(block, Bullets):
            for item in block.items:
                out += textwrap.wrap(item, width, initial_indent="- ", subsequent_indent="  ")
        elif isinstance(block, Callouts):
            for callout in block.items:
                label = f"{callout.label}  " if callout.label else ""
                out += textwrap.wrap(label + callout.text, width, subsequent_indent="    ")
                for name, value in callout.details:
                    out += textwrap.wrap(
                        f"{name}: {value}", width, initial_indent="    ", subsequent_indent="      "
                    )
                for link in callout.links:
                    out += textwrap.wrap(
                        link.text, width, initial_indent="    ", subsequent_indent="      "
                    )
                out.append("")
        elif isinstance(block, Contents):
            out += [block.title, "-" * len(block.title)]
            for n, h in enumerate(doc.contents(), start=1):
                out += textwrap.wrap(f"{n}. {h.text}", width, subsequent_indent="   ")
        elif isinstance(block, Table):
            if block.caption:
                out += textwrap.wrap(block.caption, width)
            count = len(block.columns)  # a short row is padded with empty cells
            rows = [[*r, *[""] * (count - len(r))] for r in block.rows]
            out += table_lines(block.columns, rows, width, block.numeric)
        elif isinstance(block, BarChart | LineChart):
            out += textwrap.wrap(f"[chart: {block.title} — see --format html or pdf]", width)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
