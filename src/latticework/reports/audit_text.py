"""The audit report for a terminal: the same document as the other formats, as plain text."""

from __future__ import annotations

import textwrap

from latticework.audit.model import AuditReport
from latticework.reports.audit_document import audit_document
from latticework.reports.document import (
    BarChart,
    Bullets,
    Document,
    Heading,
    LineChart,
    Paragraph,
    Table,
)


def audit_text(report: AuditReport, width: int = 100) -> str:
    return document_text(audit_document(report), width)


def document_text(doc: Document, width: int = 100) -> str:
    """Headings underlined, paragraphs wrapped, tables aligned; charts are named, not drawn."""
    out = [doc.title, "=" * min(width, len(doc.title))]
    if doc.subtitle:
        out += textwrap.wrap(doc.subtitle, width)
    out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [block.text, ("-" if block.level <= 2 else "·") * min(width, len(block.text))]
        elif isinstance(block, Paragraph):
            prefix = {"warning": "! ", "note": "  "}.get(block.tone, "")
            out += textwrap.wrap(block.text, width, initial_indent=prefix, subsequent_indent="  ")
        elif isinstance(block, Bullets):
            for item in block.items:
                out += textwrap.wrap(item, width, initial_indent="- ", subsequent_indent="  ")
        elif isinstance(block, Table):
            out += _table(block, width)
        elif isinstance(block, BarChart | LineChart):
            out.append(f"[chart: {block.title} — see --format html or pdf]")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _table(block: Table, width: int) -> list[str]:
    lines = textwrap.wrap(block.caption, width) if block.caption else []
    cap = 48  # long text cells (comparison descriptions) are cut to keep rows on one line
    cells = [[_cut(c, cap) for c in row] for row in block.rows]
    header = [_cut(c, cap) for c in block.columns]
    widths = [max([len(header[i]), *(len(r[i]) for r in cells)]) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            numeric = i < len(block.numeric) and block.numeric[i]
            parts.append(v.rjust(widths[i]) if numeric else v.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    lines.append(line(header))
    lines.append("  ".join("-" * w for w in widths))
    lines += [line(r) for r in cells]
    return lines


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
