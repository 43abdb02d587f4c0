"""A `Document` as HTML: one self-contained file (inline CSS and SVG, no script, no
request), or the same markup as a fragment inside a web page. One renderer, so a
report reads the same downloaded and on screen.

The colours are the web app's (web/static/style.css): red for what is serious
(`bad`, a high finding), amber for `warning` (medium), blue for notes (low),
green for good news, each meeting WCAG AA contrast on its background.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from latticework.reports.document import (
    BarChart,
    Bullets,
    Callouts,
    Contents,
    Document,
    Heading,
    Item,
    LineChart,
    Link,
    Paragraph,
    Table,
    chart_svg,
)

_CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c4c9d0;--panel:#f3f6fa;--accent:#1f5fa8;
 --warn:#8a4100;--warn-bg:#fff4e5;--bad:#a3151a;--bad-bg:#fdecec;--good:#1e6b23;--good-bg:#eef7ee}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
 max-width:60rem;margin:0 auto;padding:1rem}
a{color:var(--accent)}
h1{font-size:1.7rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid var(--line)}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr:target td{background:#fff8c5}
.note,.warning,.bad,.good{border-left:4px solid var(--accent);background:var(--panel);
 padding:.5rem .8rem}
.warning{border-color:var(--warn);background:var(--warn-bg)}
.bad{border-color:var(--bad);background:var(--bad-bg)}
.good{border-color:var(--good);background:var(--good-bg)}
ul.findings{list-style:none;padding:0}
.finding{border-left:4px solid var(--accent);background:var(--panel);padding:.4rem .8rem;
 margin:.5rem 0}
.finding:target{outline:3px solid #f2a900}
.finding strong{text-transform:uppercase;font-size:.8rem;margin-right:.4rem}
.finding.tone-bad{border-color:var(--bad);background:var(--bad-bg)}
.finding.tone-warning{border-color:var(--warn);background:var(--warn-bg)}
.finding.tone-bad strong{color:var(--bad)}.finding.tone-warning strong{color:var(--warn)}
.finding .evidence{margin:.3rem 0 0}
dl.details{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;margin:.3rem 0}
dl.details dt{font-weight:600}dl.details dd{margin:0}
nav.contents ol{columns:2 18rem}
div.scroll{overflow-x:auto}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
figcaption{font-weight:600}
@media (max-width:40rem){table{display:block;overflow-x:auto}dl.details{grid-template-columns:1fr}}
"""


@dataclass(frozen=True)
class CalloutExtra:
    """What a page adds to one callout: a badge ("new", the previous estimate) and links out
    of the document (the people a finding is about, the plan that closes its gap)."""

    badge: str = ""
    links: tuple[tuple[str, str], ...] = ()
    """(text, URL) pairs."""


Block = Heading | Paragraph | Bullets | Callouts | Contents | Table | BarChart | LineChart
ChartRenderer = Callable[[BarChart | LineChart], str]


def to_html(doc: Document) -> str:
    """The document as one self-contained file."""
    e = html.escape
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(doc.title)}</title><style>{_CSS}</style></head><body><main>",
            f"<h1>{e(doc.title)}</h1>",
            body_html(doc),
            "</main></body></html>",
        ]
    )


def body_html(
    doc: Document,
    extras: Mapping[str, CalloutExtra] | None = None,
    chart: ChartRenderer = chart_svg,
) -> str:
    """Everything below the title, for a page that has its own h1 (`chart` lets the web
    reuse drawings it has cached)."""
    parts = ['<div class="report">']
    if doc.subtitle:
        parts.append(f'<p class="lead">{html.escape(doc.subtitle)}</p>')
    parts += [block_html(block, doc, extras or {}, chart) for block in doc.blocks]
    parts.append("</div>")
    return "\n".join(parts)


def block_html(
    block: Block,
    doc: Document,
    extras: Mapping[str, CalloutExtra],
    chart: ChartRenderer = chart_svg,
) -> str:
    e = html.escape
    if isinstance(block, Heading):
        level = min(6, max(2, block.level))
        return f"<h{level}{_id(block.anchor)}>{e(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        cls = f' class="{block.tone}"' if block.tone != "normal" else ""
        links = f" {_links(block.links)}" if block.links else ""
        return f"<p{cls}>{e(block.text)}{links}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Callouts):
        items = "".join(_item(i, extras.get(i.anchor)) for i in block.items)
        return f'<ul class="findings">{items}</ul>'
    if isinstance(block, Contents):
        entries = "".join(
            f'<li><a href="#{e(h.anchor)}">{e(h.text)}</a></li>' for h in doc.contents()
        )
        return (
            f'<nav class="contents" aria-labelledby="contents-h">'
            f'<h2 id="contents-h">{e(block.title)}</h2><ol>{entries}</ol></nav>'
        )
    if isinstance(block, Table):
        # A focusable scroll region: a wide table scrolls by keyboard on a phone too.
        label = e(block.caption or "table")
        return (
            f'<div class="scroll" tabindex="0" role="region" aria-label="{label}">'
            f"{_table(block)}</div>"
        )
    return (
        f'<figure role="img" aria-label="{e(block.title)}">{chart(block)}'
        f"<figcaption>{e(block.title)}</figcaption></figure>"
    )


def _id(anchor: str) -> str:
    return f' id="{html.escape(anchor)}"' if anchor else ""


def _links(links: Sequence[Link]) -> str:
    return ", ".join(
        f'<a href="#{html.escape(link.target)}">{html.escape(link.text)}</a>' for link in links
    )


def _item(item: Item, extra: CalloutExtra | None) -> str:
    e = html.escape
    label = f"<strong>{e(item.label)}</strong> " if item.label else ""
    badge = f'<span class="change">{e(extra.badge)}</span> ' if extra and extra.badge else ""
    details = ""
    if item.details:
        details = (
            '<dl class="details">'
            + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in item.details)
            + "</dl>"
        )
    links = [_links(item.links)] if item.links else []
    if extra:
        links += [f'<a href="{e(url)}">{e(text)}</a>' for text, url in extra.links]
    evidence = f'<p class="evidence">{" · ".join(links)}</p>' if links else ""
    return (
        f'<li class="finding tone-{e(item.tone)}"{_id(item.anchor)}>'
        f"{label}{badge}{e(item.text)}{details}{evidence}</li>"
    )


def _table(block: Table) -> str:
    e = html.escape
    rows = [f"<table{_id(block.anchor)}>"]
    if block.caption:
        rows.append(f"<caption>{e(block.caption)}</caption>")
    rows.append(
        "<thead><tr>" + "".join(f'<th scope="col">{e(c)}</th>' for c in block.columns) + "</tr>"
    )
    rows.append("</thead><tbody>")
    for r, row in enumerate(block.rows):
        cells = []
        for i, cell in enumerate(row):
            numeric = i < len(block.numeric) and block.numeric[i]
            cells.append(f'<td class="num">{e(cell)}</td>' if numeric else f"<td>{e(cell)}</td>")
        anchor = block.row_anchors[r] if r < len(block.row_anchors) else ""
        rows.append(f"<tr{_id(anchor)}>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "".join(rows)
