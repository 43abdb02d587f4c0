"""Growth documents as terminal text: the same `Document` the Markdown/HTML/PDF come from.

Headings become underlined lines, paragraphs wrap at the width, tables go through
`text_table` (aligned, wrapped inside their columns, or a list: never a cell cut or a
column dropped), charts are left out (their numbers are always in a table next to them).
"""

from __future__ import annotations

import textwrap

from latticework.reports.document import Bullets, Document, Heading, Paragraph, Table
from latticework.reports.text_table import table_lines

_TONE = {"warning": "! ", "bad": "! ", "note": "  ", "good": "✓ "}


def document_text(doc: Document, width: int = 100) -> str:
    out = _wrapped(doc.title, width)
    if doc.subtitle:
        out += _wrapped(doc.subtitle, width)
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines = _wrapped(block.text, width)
            rule = "=" if block.level <= 2 else "-"
            out += ["", *lines, rule * max(len(line) for line in lines)]
        elif isinstance(block, Paragraph):
            prefix = _TONE.get(block.tone, "")
            out += _wrapped(block.text, width, prefix, "  " if prefix else "")
        elif isinstance(block, Bullets):
            for item in block.items:
                out += _wrapped(item, width, "  • ", "    ")
        elif isinstance(block, Table):
            if block.caption:
                out += _wrapped(block.caption, width)
            count = len(block.columns)
            rows = [[*r, *[""] * (count - len(r))][:count] for r in block.rows]
            out += table_lines(block.columns, rows, width, block.numeric)
    return "\n".join(out) + "\n"


def _wrapped(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    # Long words (URLs, ids) stay whole: a line may run over rather than lose characters.
    lines: list[str] = []
    for n, part in enumerate(text.split("\n")):
        lines += textwrap.wrap(
            part,
            width,
            initial_indent=first if n == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return lines
