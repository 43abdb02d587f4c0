"""Tables lose nothing: the terminal layout never cuts a cell, the PDF fits columns to text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from latticework.reports.document_pdf import CELL_SIZE, fit_widths
from latticework.reports.text_table import table_lines

COLUMNS = ["Comparison", "Groups", "Estimate", "95 % CI", "p", "Adjusted p", "Result"]
ROW = [
    "Adjusted gap in base pay, ICs vs managers at grade G8",
    "ICs (n = 48) vs managers (n = 64)",
    "-5.1 %",
    "-6.6 to -3.5 %",
    "< 0.001",
    "< 0.001",
    "significant · F2",
]
NUMERIC = [False, False, True, True, True, True, False]


def test_a_table_that_fits_is_one_line_a_row() -> None:
    lines = table_lines(["Grade", "n"], [["G8", "48"], ["G9", "21"]], 40, [False, True])
    assert lines == ["Grade   n", "-----  --", "G8     48", "G9     21"]


def test_a_wide_table_wraps_its_text_columns_and_keeps_every_word() -> None:
    lines = table_lines(COLUMNS, [ROW, ROW], 110, NUMERIC)
    assert max(len(line) for line in lines) <= 110
    assert "-6.6 to -3.5 %" in "\n".join(lines)  # numbers stay on one line
    words = " ".join(lines).split()
    for cell in ROW:
        for word in cell.split():
            assert word in words


def test_a_table_too_wide_to_wrap_becomes_a_list_of_rows() -> None:
    lines = table_lines(COLUMNS, [ROW], 50, NUMERIC)
    assert lines[:3] == ["Comparison:", "", "Adjusted gap in base pay, ICs vs managers at grade"]
    assert max(len(line) for line in lines) <= 50
    text = " ".join(" ".join(lines).split())
    assert "Estimate: -5.1 %" in text
    assert "Result: significant · F2" in text


cell_text = st.lists(
    st.text(alphabet="abcdefgh%-.,()0123456789", min_size=1, max_size=12), min_size=1, max_size=8
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    columns=st.lists(cell_text, min_size=1, max_size=7),
    data=st.data(),
    width=st.integers(min_value=20, max_value=140),
)
def test_no_layout_ever_loses_a_word_or_passes_the_width(
    columns: list[str], data: st.DataObject, width: int
) -> None:
    rows = data.draw(
        st.lists(st.lists(cell_text, min_size=len(columns), max_size=len(columns)), max_size=5)
    )
    lines = table_lines(columns, rows, width)
    assert all(len(line) <= width for line in lines)
    shown = " ".join(lines)
    for cell in [*columns, *(c for r in rows for c in r)]:
        for word in cell.split():
            assert word in shown  # a word is never cut: it is shorter than the width


def test_pdf_columns_fit_their_content_numbers_on_one_line_text_taking_the_rest() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    available = 482.0  # A4 less 2 cm margins, in points
    widths = fit_widths(COLUMNS, [ROW] * 3, available, NUMERIC)
    assert sum(widths) <= available + 1e-6
    for i, numeric in enumerate(NUMERIC):
        if numeric:
            assert widths[i] >= stringWidth(ROW[i], "Helvetica", CELL_SIZE)
    # The long description gets the most room (equal widths gave it a seventh).
    assert widths[0] == max(widths)
    assert widths[0] > available / 4


def test_a_pdf_comparison_row_takes_at_most_three_lines() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm

    from latticework.reports.document import Document, Table
    from latticework.reports.document_pdf import _Flowables

    long_row = [
        "Promotion rate of Senior Product Designers on path Accessibility specialist, vs other "
        "paths",
        "Accessibility specialist path (n = 6) vs other paths (n = 170)",
        "0.00",
        "0.04 to 11.99",
        "1.000",
        "1.000",
        "not significant",
    ]
    table = Table(COLUMNS, [long_row], numeric=NUMERIC)
    flowables = _Flowables(Document("t"), available=A4[0] - 4 * cm)
    pdf_table = flowables.block(table)[-1]
    pdf_table.wrap(A4[0] - 4 * cm, A4[1])
    body_row = pdf_table._rowHeights[1]
    assert body_row <= 3 * (CELL_SIZE + 2) + 4 + 1e-6
