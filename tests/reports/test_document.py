"""The document model renders the same content in Markdown, HTML and PDF."""

from __future__ import annotations

import re

from latticework.reports.document import (
    BarChart,
    Bullets,
    Document,
    Heading,
    LineChart,
    Paragraph,
    Table,
    to_html,
    to_markdown,
    to_pdf,
)


def sample() -> Document:
    return Document("Pay parity", subtitle="as of 2026-11-28").add(
        Heading("Grade G8"),
        Paragraph("ICs are paid 5.1 % less <than> managers.", tone="warning"),
        Bullets(["one", "two | three"]),
        Table(
            ["Track", "n", "Median"],
            [["ic | x", "84", "210,000"], ["management", "41", "221,000"]],
            caption="Base pay",
            numeric=[False, True, True],
        ),
        BarChart(
            "Median pay by grade",
            ["G7", "G8"],
            {"ic": [1.0, None], "management": [1.1, 1.2]},
            reference_line=1.0,
        ),
        LineChart("Time in level", {"ic": ([0, 1, 2], [1.0, 0.8, 0.5])}, step=True),
    )


def test_markdown_has_tables_and_escapes_pipes() -> None:
    md = to_markdown(sample())
    assert "| Track | n | Median |" in md
    assert "| --- | ---: | ---: |" in md
    assert "ic \\| x" in md
    assert "&lt;than&gt;" in md
    assert "**Warning:**" in md


def test_html_is_self_contained_and_escaped() -> None:
    page = to_html(sample())
    assert "&lt;than&gt;" in page
    assert page.count("<svg") == 2
    assert '<th scope="col">Track</th>' in page
    # No network: no external URLs in src/href attributes, no scripts.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page


def test_pdf_is_a_pdf_with_content() -> None:
    pdf = to_pdf(sample())
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5000
