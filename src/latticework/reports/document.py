"""A small document model that every long report (audit, promotion packet) is built as.

Reports describe *what* to say as a `Document` of blocks; this module says it
in Markdown, self-contained HTML (inline SVG charts, inline CSS, no network
request) and PDF (reportlab, with the same charts). One model, so every format
shows the same numbers — and suppression applied once applies everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Tone = Literal["normal", "note", "warning", "bad", "good"]
"""How a block reads: `bad` and `warning` are the dashboard's high and medium colours."""


def anchor_id(text: str) -> str:
    """A link target made of letters, digits and hyphens, valid in HTML, Markdown and PDF."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "x"


@dataclass(frozen=True)
class Link:
    """A link to a place in the same document (a heading, a table or a table row)."""

    text: str
    target: str
    """An `anchor_id` given to a Heading, Table or table row."""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    anchor: str = ""
    """Link target; level-2 headings with an anchor are listed by `Contents`."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = "normal"
    links: Sequence[Link] = ()
    """Shown after the text, e.g. the findings a section's evidence supports."""


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Item:
    """One entry of `Callouts`: a labelled statement with its details and evidence links."""

    text: str
    label: str = ""
    """A short tag shown first, e.g. "F1 · high"."""
    tone: Tone = "normal"
    details: Sequence[tuple[str, str]] = ()
    """(name, value) pairs, e.g. ("Next step", "Remediation: …")."""
    links: Sequence[Link] = ()
    anchor: str = ""


@dataclass(frozen=True)
class Callouts:
    """A list whose entries are coloured by tone: findings, warnings, decisions."""

    items: Sequence[Item]


@dataclass(frozen=True)
class Contents:
    """A table of contents of the level-2 headings that have an anchor (PDF: with pages)."""

    title: str = "Contents"


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""
    numeric: Sequence[bool] = ()
    """Per column: right-align (numbers)."""
    anchor: str = ""
    row_anchors: Sequence[str] = ()
    """Per row: a link target ("" for none), so a finding can point at its evidence."""


@dataclass(frozen=True)
class BarChart:
    """Grouped bars: one group per category, one bar per series; None = suppressed/missing."""

    title: str
    categories: Sequence[str]
    series: dict[str, Sequence[float | None]]
    y_label: str = ""
    reference_line: float | None = None
    """A horizontal line (e.g. 0.8 for the four-fifths rule, 1.0 for parity)."""
    from_zero: bool = True
    """False for values compared with a reference (compa-ratio around 1.0): drawn as dots on
    an axis fitted to the data, because bars from zero would hide a gap of a few percent."""
    integer: bool = False
    """The values are counts: integer ticks only."""
    percent: bool = False
    """The values are shares (0.05 = 5 %): the axis reads in percent."""
    reference_lines: Sequence[float] = ()
    """More reference lines, e.g. −5 % and +5 % for a flag in either direction."""


@dataclass(frozen=True)
class LineChart:
    """Lines (optionally steps, as for Kaplan–Meier curves), one per series."""

    title: str
    series: dict[str, tuple[Sequence[float], Sequence[float]]]
    x_label: str = ""
    y_label: str = ""
    step: bool = False


Block = Heading | Paragraph | Bullets | Callouts | Contents | Table | BarChart | LineChart


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def contents(self) -> list[Heading]:
        """The headings a table of contents lists, in order."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= 2 and b.anchor]


# -- Markdown ------------------------------------------------------------------


def _md_text(text: str) -> str:
    """Escape what Markdown would take as HTML, so names like <script> stay text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", "<br>")


def _md_links(links: Sequence[Link]) -> str:
    return ", ".join(f"[{_md_link_text(link.text)}](#{link.target})" for link in links)


def _md_link_text(text: str) -> str:
    return _md_text(text).replace("[", "\\[").replace("]", "\\]")


def _md_anchor(anchor: str) -> str:
    # Explicit targets: Markdown viewers differ in how they name headings, so links use ours.
    return f'<a id="{anchor}"></a>' if anchor else ""


def to_markdown(doc: Document) -> str:
    out = [f"# {_md_text(doc.title)}", ""]
    if doc.subtitle:
        out += [f"_{_md_text(doc.subtitle)}_", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = "#" * min(6, block.level) + " " + _md_anchor(block.anchor)
            out += [heading + _md_text(block.text), ""]
        elif isinstance(block, Paragraph):
            prefix = {"note": "> ", "warning": "> **Warning:** ", "bad": "> **Warning:** "}.get(
                block.tone, "> " if block.tone == "good" else ""
            )
            links = f" {_md_links(block.links)}" if block.links else ""
            out += [prefix + _md_text(block.text) + links, ""]
        elif isinstance(block, Bullets):
            out += [f"- {_md_text(item)}" for item in block.items] + [""]
        elif isinstance(block, Callouts):
            for item in block.items:
                label = f"**{_md_text(item.label)}** " if item.label else ""
                out.append(f"- {_md_anchor(item.anchor)}{label}{_md_text(item.text)}")
                out += [f"  - {_md_text(k)}: {_md_text(v)}" for k, v in item.details]
                if item.links:
                    out.append(f"  - {_md_links(item.links)}")
            out.append("")
        elif isinstance(block, Contents):
            out += [f"**{_md_text(block.title)}**", ""]
            out += [f"- [{_md_text(h.text)}](#{h.anchor})" for h in doc.contents()] + [""]
        elif isinstance(block, Table):
            out += _md_table(block)
        else:
            # Markdown has no charts; the numbers behind them are in the tables.
            out += [f"_Chart: {_md_text(block.title)} (see the HTML or PDF report)._", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_table(block: Table) -> list[str]:
    out = []
    if block.caption or block.anchor:
        out += [
            _md_anchor(block.anchor) + (f"**{_md_text(block.caption)}**" if block.caption else ""),
            "",
        ]
    out.append("| " + " | ".join(_md_cell(c) for c in block.columns) + " |")
    aligns = [
        "---:" if i < len(block.numeric) and block.numeric[i] else "---"
        for i in range(len(block.columns))
    ]
    out.append("| " + " | ".join(aligns) + " |")
    for i, row in enumerate(block.rows):
        anchor = _md_anchor(block.row_anchors[i]) if i < len(block.row_anchors) else ""
        cells = [_md_cell(c) for c in row]
        if cells:
            cells[0] = anchor + cells[0]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    return out


# -- Charts, HTML and PDF live in their own modules (heavy imports happen there) ---


def chart_svg(chart: BarChart | LineChart) -> str:
    """The chart as inline SVG markup (text kept as text, so it is accessible and searchable)."""
    from latticework.reports.charts import chart_svg as draw

    return draw(chart)


def chart_png(chart: BarChart | LineChart) -> bytes:
    from latticework.reports.charts import chart_png as draw

    return draw(chart)


def to_html(doc: Document) -> str:
    """One self-contained HTML file: inline CSS and SVG, no script, no external request."""
    from latticework.reports.document_html import to_html as render_html

    return render_html(doc)


def to_pdf(doc: Document) -> bytes:
    """The document as PDF (reportlab): contents with page numbers, fitted tables, charts."""
    from latticework.reports.document_pdf import to_pdf as render_pdf

    return render_pdf(doc)


def render(doc: Document, fmt: str) -> str | bytes:
    """Render by format name: md, html or pdf."""
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    if fmt == "pdf":
        return to_pdf(doc)
    raise ValueError(f"unknown document format {fmt!r}")
