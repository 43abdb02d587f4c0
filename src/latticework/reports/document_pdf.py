"""A `Document` as PDF (reportlab): a table of contents with page numbers, "page n of m" on
every page, PDF bookmarks, links from findings to their evidence, and table columns as
wide as their content needs.

Column widths follow the rule browsers use for automatic table layout: every column gets
at least its longest word, and the width left over goes to the columns whose text would
otherwise wrap, in proportion to how much they would wrap. Equal widths made the
audit's comparison tables 6–7 lines a row.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from typing import Any

from latticework.reports.document import (
    Bullets,
    Callouts,
    Contents,
    Document,
    Heading,
    Item,
    Link,
    Paragraph,
    Table,
    Tone,
)

CELL_FONT = "Helvetica"
CELL_BOLD = "Helvetica-Bold"
CELL_SIZE = 8.0
CELL_PADDING = 3.0
"""Cell padding left and right, in points (set on every table, reportlab's default is 6)."""

_TONE_COLOURS: dict[Tone, tuple[str, str]] = {
    # (border, background): the web app's colours.
    "bad": ("#a3151a", "#fdecec"),
    "warning": ("#8a4100", "#fff4e5"),
    "note": ("#1f5fa8", "#f3f6fa"),
    "good": ("#1e6b23", "#eef7ee"),
    "normal": ("#c4c9d0", "#f3f6fa"),
}


def fit_widths(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    available: float,
    numeric: Sequence[bool] = (),
) -> list[float]:
    """Column widths (points) for the cells' text at `CELL_SIZE`, summing to at most
    `available`. Number cells ("-2.3 to -0.3 %") are kept on one line where they can be."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(text: str, font: str) -> float:
        return float(stringWidth(text, font, CELL_SIZE)) + 2 * CELL_PADDING

    def longest_word(text: str, font: str) -> float:
        return max((width(w, font) for w in text.split()), default=2 * CELL_PADDING)

    natural, minimum = [], []
    for i, header in enumerate(columns):
        cells = [r[i] for r in rows if i < len(r)]
        natural.append(max([width(header, CELL_BOLD), *(width(c, CELL_FONT) for c in cells)]))
        if i < len(numeric) and numeric[i]:
            body = max((width(c, CELL_FONT) for c in cells), default=2 * CELL_PADDING)
            minimum.append(max(longest_word(header, CELL_BOLD), body))
        else:
            minimum.append(
                max([longest_word(header, CELL_BOLD), *(longest_word(c, CELL_FONT) for c in cells)])
            )
    if sum(natural) <= available:
        return natural
    if sum(minimum) >= available:
        return [m * available / sum(minimum) for m in minimum]
    spare = available - sum(minimum)
    wrapping = sum(n - m for n, m in zip(natural, minimum, strict=True))
    return [m + spare * (n - m) / wrapping for n, m in zip(natural, minimum, strict=True)]


def to_pdf(doc: Document) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Frame, PageTemplate
    from reportlab.platypus.doctemplate import BaseDocTemplate

    flowables = _Flowables(doc, available=A4[0] - 4 * cm)
    story = flowables.story()

    class _Template(BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's hook
            entry = getattr(flowable, "contents_entry", None)
            if entry is None:
                return
            level, text, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level - 2, closed=True)
            if level <= 2:
                self.notify("TOCEntry", (0, text, self.page, key))

    buffer = io.BytesIO()
    template = _Template(
        buffer,
        pagesize=A4,
        title=doc.title,
        author="latticework",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    frame = Frame(
        template.leftMargin, template.bottomMargin, template.width, template.height, id="body"
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.multiBuild(story, canvasmaker=_numbered_canvas(doc.title))
    return buffer.getvalue()


def _numbered_canvas(title: str) -> type:
    """A canvas that writes "page n of m" once the page count is known (after the last page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's method
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColorRGB(0.29, 0.29, 0.29)
                self.drawString(2 * cm, 1.2 * cm, title[:90])
                self.drawRightString(
                    A4[0] - 2 * cm, 1.2 * cm, f"Page {self._pageNumber} of {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


class _Flowables:
    """Turns the document's blocks into reportlab flowables."""

    def __init__(self, doc: Document, available: float) -> None:
        from reportlab.lib.styles import getSampleStyleSheet

        self.doc = doc
        self.available = available
        self.styles = getSampleStyleSheet()
        self.cell = self.styles["BodyText"].clone(
            "cell", fontName=CELL_FONT, fontSize=CELL_SIZE, leading=CELL_SIZE + 2
        )
        self.body = self.styles["BodyText"]
        self.tight = self.body.clone("tight", spaceBefore=0, spaceAfter=0)

    def story(self) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph as PdfParagraph
        from reportlab.platypus import Spacer

        e = html.escape
        story: list[Any] = [PdfParagraph(e(self.doc.title), self.styles["Title"])]
        if self.doc.subtitle:
            story.append(PdfParagraph(f"<i>{e(self.doc.subtitle)}</i>", self.body))
        for block in self.doc.blocks:
            story += self.block(block)
            story.append(Spacer(1, 0.25 * cm))
        return story

    def block(self, block: object) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.platypus import Image, KeepTogether, ListFlowable, ListItem
        from reportlab.platypus import Paragraph as PdfParagraph

        from latticework.reports.charts import WIDTH_IN, chart_png_sized

        e = html.escape
        if isinstance(block, Heading):
            style = self.styles["Heading2"] if block.level <= 2 else self.styles["Heading3"]
            anchor = f'<a name="{block.anchor}"/>' if block.anchor else ""
            heading = PdfParagraph(anchor + e(block.text), style)
            if block.anchor:
                heading.contents_entry = (block.level, block.text, block.anchor)
            return [heading]
        if isinstance(block, Paragraph):
            text = e(block.text) + (f" {_links(block.links)}" if block.links else "")
            if block.tone == "normal":
                return [PdfParagraph(text, self.body)]
            return [self._boxed([PdfParagraph(text, self.tight)], block.tone)]
        if isinstance(block, Bullets):
            items = [ListItem(PdfParagraph(e(i), self.body)) for i in block.items]
            return [ListFlowable(items, bulletType="bullet")]
        if isinstance(block, Callouts):
            return [flowable for item in block.items for flowable in self._callout(item)]
        if isinstance(block, Contents):
            return self._contents(block)
        if isinstance(block, Table):
            return self._table(block)
        png, ratio = chart_png_sized(block)  # type: ignore[arg-type]
        width = min(self.available, WIDTH_IN * 72 * 0.8)  # 12.5 pt text prints at 10 pt
        image = Image(io.BytesIO(png), width=width, height=width * ratio)
        caption = PdfParagraph(f"<b>{e(block.title)}</b>", self.body)  # type: ignore[attr-defined]
        return [KeepTogether([caption, image]), _space(0.1 * cm)]

    def _boxed(self, content: list[Any], tone: Tone) -> Any:
        """A tinted box with a coloured left rule; one row per flowable, so it can break
        across pages."""
        from reportlab.lib import colors
        from reportlab.platypus import Table as PdfTable
        from reportlab.platypus import TableStyle

        border, background = _TONE_COLOURS[tone]
        box = PdfTable([[c] for c in content], colWidths=[self.available])
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(border)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                ]
            )
        )
        return box

    def _callout(self, item: Item) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph as PdfParagraph

        e = html.escape
        border, _ = _TONE_COLOURS[item.tone]
        anchor = f'<a name="{item.anchor}"/>' if item.anchor else ""
        label = f'<font color="{border}"><b>{e(item.label)}</b></font> ' if item.label else ""
        content = [PdfParagraph(anchor + label + e(item.text), self.tight)]
        content += [PdfParagraph(f"<b>{e(k)}:</b> {e(v)}", self.tight) for k, v in item.details]
        if item.links:
            content.append(PdfParagraph(_links(item.links), self.tight))
        return [self._boxed(content, item.tone), _space(0.15 * cm)]

    def _contents(self, block: Contents) -> list[Any]:
        from reportlab.platypus import Paragraph as PdfParagraph
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [self.body.clone("toc0", leftIndent=0, firstLineIndent=0)]
        return [PdfParagraph(html.escape(block.title), self.styles["Heading2"]), toc]

    def _table(self, block: Table) -> list[Any]:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph as PdfParagraph
        from reportlab.platypus import Table as PdfTable
        from reportlab.platypus import TableStyle

        e = html.escape
        out: list[Any] = []
        if block.caption or block.anchor:
            anchor = f'<a name="{block.anchor}"/>' if block.anchor else ""
            out.append(PdfParagraph(f"{anchor}<b>{e(block.caption)}</b>", self.body))
        right = self.cell.clone("cell-right", alignment=2)
        header = self.cell.clone("cell-head", fontName=CELL_BOLD)
        data = [[PdfParagraph(e(c), header) for c in block.columns]]
        for r, row in enumerate(block.rows):
            anchor = block.row_anchors[r] if r < len(block.row_anchors) else ""
            cells = []
            for i, cell in enumerate(row):
                numeric = i < len(block.numeric) and block.numeric[i]
                target = f'<a name="{anchor}"/>' if anchor and i == 0 else ""
                cells.append(PdfParagraph(target + e(cell), right if numeric else self.cell))
            data.append(cells)
        widths = fit_widths(block.columns, block.rows, self.available, block.numeric)
        table = PdfTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ]
            )
        )
        out.append(table)
        return out


def _links(links: Sequence[Link]) -> str:
    return ", ".join(
        f'<a href="#{link.target}" color="#1f5fa8"><u>{html.escape(link.text)}</u></a>'
        for link in links
    )


def _space(height: float) -> Any:
    from reportlab.platypus import Spacer

    return Spacer(1, height)
