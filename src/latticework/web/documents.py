"""Reports built as `Document`s (packets, teams, the audit) shown inside pages or downloaded
as Markdown, HTML or PDF."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from enum import StrEnum

from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from markupsafe import Markup

from latticework.reports.document import BarChart, Document, LineChart, chart_svg
from latticework.reports.document_html import CalloutExtra, body_html


class DocumentFormat(StrEnum):
    HTML = "html"
    MD = "md"
    PDF = "pdf"


def document_body(doc: Document, extras: Mapping[str, CalloutExtra] | None = None) -> Markup:
    """The document below its title, as the downloaded HTML draws it (the markup is ours and
    escapes every text itself), with charts drawn once per process."""
    return Markup(body_html(doc, extras, chart=inline_chart))


def inline_chart(block: BarChart | LineChart) -> Markup:
    """The chart as inline SVG (chart_svg escapes every label itself; the markup is ours).

    Drawing with matplotlib takes tens of milliseconds a chart, so the same chart
    (a stored audit run shown again) is drawn once per process. The key is the
    chart's full value, so a drawing is only ever reused for an identical chart.
    """
    key = f"{type(block).__name__}:{block!r}"
    svg = _drawn.get(key)
    if svg is None:
        svg = chart_svg(block)
        with _drawn_lock:
            if len(_drawn) >= _MAX_DRAWN:
                _drawn.pop(next(iter(_drawn)))
            _drawn[key] = svg
    return Markup(svg)


_MAX_DRAWN = 256
_drawn: dict[str, str] = {}
_drawn_lock = threading.Lock()


def attachment(filename: str) -> dict[str, str]:
    """A Content-Disposition header for any file name (RFC 6266).

    HTTP headers are Latin-1: a name outside ASCII (an employee id in another
    script) goes in `filename*` as UTF-8, with an ASCII `filename` for old clients.
    """
    from urllib.parse import quote

    plain = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    header = f'attachment; filename="{plain}"'
    if plain != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return {"Content-Disposition": header}


def download(doc: Document, fmt: DocumentFormat, filename: str) -> Response:
    """The document as a file to save (self-contained HTML, Markdown or PDF)."""
    from latticework.reports.document import to_html, to_markdown, to_pdf

    disposition = attachment(f"{filename}.{fmt.value}")
    if fmt is DocumentFormat.PDF:
        return Response(to_pdf(doc), media_type="application/pdf", headers=disposition)
    if fmt is DocumentFormat.MD:
        return PlainTextResponse(
            to_markdown(doc), media_type="text/markdown; charset=utf-8", headers=disposition
        )
    return HTMLResponse(to_html(doc), headers=disposition)
