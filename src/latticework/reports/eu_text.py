"""Plain text for the EU Pay Transparency documents: the same Document, for a terminal."""

from __future__ import annotations

from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table


def to_text(doc: Document) -> str:
    out = [doc.title, "=" * len(doc.title)]
    if doc.subtitle:
        out.append(doc.subtitle)
    out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [block.text, "-" * len(block.text)]
        elif isinstance(block, Paragraph):
            out += [block.text, ""]
        elif isinstance(block, Bullets):
            out += [f"  - {item}" for item in block.items] + [""]
        elif isinstance(block, Table):
            out += [*_table(block), ""]
    return "\n".join(out).rstrip() + "\n"


def _table(block: Table) -> list[str]:
    rows = [list(block.columns), *[list(r) for r in block.rows]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(block.columns))]

    def line(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if i < len(block.numeric) and block.numeric[i] else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    caption = [block.caption] if block.caption else []
    return [*caption, line(rows[0]), line(["-" * w for w in widths]), *map(line, rows[1:])]
