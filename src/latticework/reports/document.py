"""A small document model that every long report (audit, promotion packet) is built as.

Reports describe *what* to say as a `Document` of blocks; this module says it
in Markdown, self-contained HTML (inline SVG charts, inline CSS, no network
request) and PDF (reportlab, with the same charts). One model, so every format
shows the same numbers — and suppression applied once applies everywhere.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Tone = Literal["normal", "note", "warning", "good"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = "normal"


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""
    numeric: Sequence[bool] = ()
    """Per column: right-align (numbers)."""


@dataclass(frozen=True)
class BarChart:
    """Grouped bars: one group per category, one bar per series; None = suppressed/missing."""

    title: str
    categories: Sequence[str]
    series: dict[str, Sequence[float | None]]
    y_label: str = ""
    reference_line: float | None = None
    """A horizontal line (e.g. 0.8 for the four-fifths rule, 1.0 for parity)."""


@dataclass(frozen=True)
class LineChart:
    """Lines (optionally steps, as for Kaplan–Meier curves), one per series."""

    title: str
    series: dict[str, tuple[Sequence[float], Sequence[float]]]
    x_label: str = ""
    y_label: str = ""
    step: bool = False


Block = Heading | Paragraph | Bullets | Table | BarChart | LineChart


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


# -- Markdown ------------------------------------------------------------------


def _md_text(text: str) -> str:
    """Escape what Markdown would take as HTML, so names like <script> stay text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", "<br>")


def to_markdown(doc: Document) -> str:
    out = [f"# {_md_text(doc.title)}", ""]
    if doc.subtitle:
        out += [f"_{_md_text(doc.subtitle)}_", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * min(6, block.level) + " " + _md_text(block.text), ""]
        elif isinstance(block, Paragraph):
            prefix = {"note": "> ", "warning": "> **Warning:** ", "good": "> "}.get(block.tone, "")
            out += [prefix + _md_text(block.text), ""]
        elif isinstance(block, Bullets):
            out += [f"- {_md_text(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            if block.caption:
                out += [f"**{_md_text(block.caption)}**", ""]
            out.append("| " + " | ".join(_md_cell(c) for c in block.columns) + " |")
            aligns = [
                "---:" if i < len(block.numeric) and block.numeric[i] else "---"
                for i in range(len(block.columns))
            ]
            out.append("| " + " | ".join(aligns) + " |")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
        else:
            # Markdown has no charts; the numbers behind them are in the tables.
            out += [f"_Chart: {_md_text(block.title)} (see the HTML or PDF report)._", ""]
    return "\n".join(out).rstrip() + "\n"


# -- Charts (matplotlib, imported only when a chart is drawn) -------------------

_PALETTE = ["#1f5fa8", "#c25400", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457"]


def _figure(chart: BarChart | LineChart):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.2), dpi=100)
    if isinstance(chart, BarChart):
        n = max(1, len(chart.series))
        width = 0.8 / n
        for i, (name, values) in enumerate(chart.series.items()):
            xs = [j + (i - (n - 1) / 2) * width for j in range(len(chart.categories))]
            ys = [float("nan") if v is None else v for v in values]
            ax.bar(xs, ys, width=width, label=name, color=_PALETTE[i % len(_PALETTE)])
        ax.set_xticks(range(len(chart.categories)), list(chart.categories))
        if chart.reference_line is not None:
            ax.axhline(chart.reference_line, color="#444", linestyle="--", linewidth=1)
        ax.set_ylabel(chart.y_label)
    else:
        for i, (name, (x_values, y_values)) in enumerate(chart.series.items()):
            color = _PALETTE[i % len(_PALETTE)]
            if chart.step:
                ax.step(list(x_values), list(y_values), where="post", label=name, color=color)
            else:
                ax.plot(list(x_values), list(y_values), label=name, color=color)
        ax.set_xlabel(chart.x_label)
        ax.set_ylabel(chart.y_label)
    ax.set_title(chart.title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    if chart.series:
        ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def chart_svg(chart: BarChart | LineChart) -> str:
    """The chart as inline SVG markup (text kept as text, so it is accessible and searchable)."""
    import matplotlib.pyplot as plt

    fig = _figure(chart)
    buffer = io.StringIO()
    with _svg_text_as_text():
        fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


class _svg_text_as_text:  # noqa: N801 - used as a context manager
    def __enter__(self) -> None:
        import matplotlib

        self._old = matplotlib.rcParams["svg.fonttype"]
        matplotlib.rcParams["svg.fonttype"] = "none"

    def __exit__(self, *exc: object) -> None:
        import matplotlib

        matplotlib.rcParams["svg.fonttype"] = self._old


def chart_png(chart: BarChart | LineChart) -> bytes:
    import matplotlib.pyplot as plt

    fig = _figure(chart)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    return buffer.getvalue()


# -- HTML ----------------------------------------------------------------------

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;
 max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.7rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{background:#f3f6fa;border-left:4px solid #1f5fa8;padding:.5rem .8rem}
.warning{background:#fff4e5;border-left:4px solid #b35900;padding:.5rem .8rem}
.good{background:#eef7ee;border-left:4px solid #2e7d32;padding:.5rem .8rem}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
@media (max-width:40rem){table{display:block;overflow-x:auto}}
"""


def to_html(doc: Document) -> str:
    """One self-contained HTML file: inline CSS and SVG, no script, no external request."""
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(doc.title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{e(doc.title)}</h1>",
    ]
    if doc.subtitle:
        parts.append(f"<p><em>{e(doc.subtitle)}</em></p>")
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(6, max(2, block.level))
            parts.append(f"<h{level}>{e(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            cls = f' class="{block.tone}"' if block.tone != "normal" else ""
            parts.append(f"<p{cls}>{e(block.text)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            parts.append(_html_table(block))
        else:
            parts.append(
                f'<figure role="img" aria-label="{e(block.title)}">{chart_svg(block)}'
                f"<figcaption>{e(block.title)}</figcaption></figure>"
            )
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _html_table(block: Table) -> str:
    e = html.escape
    rows = ["<table>"]
    if block.caption:
        rows.append(f"<caption>{e(block.caption)}</caption>")
    rows.append(
        "<thead><tr>" + "".join(f'<th scope="col">{e(c)}</th>' for c in block.columns) + "</tr>"
    )
    rows.append("</thead><tbody>")
    for row in block.rows:
        cells = []
        for i, cell in enumerate(row):
            numeric = i < len(block.numeric) and block.numeric[i]
            cells.append(f'<td class="num">{e(cell)}</td>' if numeric else f"<td>{e(cell)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


# -- PDF -----------------------------------------------------------------------


def to_pdf(doc: Document) -> bytes:
    """The document as PDF (reportlab), with the same charts as the HTML."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        ListFlowable,
        ListItem,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import (
        Paragraph as PdfParagraph,
    )
    from reportlab.platypus import (
        Table as PdfTable,
    )

    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    e = html.escape
    story: list[object] = [PdfParagraph(e(doc.title), styles["Title"])]
    if doc.subtitle:
        story.append(PdfParagraph(f"<i>{e(doc.subtitle)}</i>", styles["BodyText"]))
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = styles["Heading2"] if block.level <= 2 else styles["Heading3"]
            story.append(PdfParagraph(e(block.text), style))
        elif isinstance(block, Paragraph):
            text = e(block.text)
            if block.tone == "warning":
                text = f"<b>Warning:</b> {text}"
            story.append(PdfParagraph(text, styles["BodyText"]))
        elif isinstance(block, Bullets):
            items = [ListItem(PdfParagraph(e(i), styles["BodyText"])) for i in block.items]
            story.append(ListFlowable(items, bulletType="bullet"))
        elif isinstance(block, Table):
            if block.caption:
                story.append(PdfParagraph(f"<b>{e(block.caption)}</b>", styles["BodyText"]))
            data = [[PdfParagraph(f"<b>{e(c)}</b>", cell_style) for c in block.columns]]
            data += [[PdfParagraph(e(c), cell_style) for c in row] for row in block.rows]
            table = PdfTable(data, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
        else:
            image = Image(io.BytesIO(chart_png(block)), width=17 * cm, height=7.8 * cm)
            story.append(image)
        story.append(Spacer(1, 0.25 * cm))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=doc.title, author="latticework").build(story)
    return buffer.getvalue()


def render(doc: Document, fmt: str) -> str | bytes:
    """Render by format name: md, html or pdf."""
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    if fmt == "pdf":
        return to_pdf(doc)
    raise ValueError(f"unknown document format {fmt!r}")
