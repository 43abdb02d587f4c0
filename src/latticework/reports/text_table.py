"""Tables for a terminal that never lose information: no cell is ever cut.

Three layouts, the first that fits the width wins:

1. one line a row, columns aligned;
2. text cells wrapped inside their columns (every column keeps at least its longest
   word, and the space left goes where the text is longest), rows separated by a blank
   line so a wrapped row reads as one;
3. a list: each row as its first cell on a line of its own, followed by the other
   cells as "Column: value" pairs, wrapped to the width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

GAP = "  "
MIN_WRAPPED = 12
"""A wrapped column narrower than this reads as a ribbon of fragments: use the list."""


def table_lines(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    numeric: Sequence[bool] = (),
) -> list[str]:
    """The table as lines no longer than `width` (unless one word is longer than the width)."""
    count = len(columns)
    right = [i < len(numeric) and numeric[i] for i in range(count)]
    natural = [max([len(columns[i]), *(len(r[i]) for r in rows)]) for i in range(count)]
    if _total(natural) <= width:
        return _aligned(columns, rows, natural, right)
    widths = _wrapped_widths(columns, rows, natural, width)
    if widths is not None:
        return _aligned(columns, rows, widths, right, separate=True)
    return _listed(columns, rows, width)


def _wrap(
    text: str, width: int, initial_indent: str = "", subsequent_indent: str = ""
) -> list[str]:
    # "-6.6 to -3.5 %" and ids like "pay-parity" must not be split at their hyphens.
    return textwrap.wrap(
        text,
        width,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        break_on_hyphens=False,
    )


def _total(widths: Sequence[int]) -> int:
    return sum(widths) + len(GAP) * max(0, len(widths) - 1)


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _wrapped_widths(
    columns: Sequence[str], rows: Sequence[Sequence[str]], natural: list[int], width: int
) -> list[int] | None:
    count = len(columns)
    minimum = [
        max([_longest_word(columns[i]), *(_longest_word(r[i]) for r in rows)]) for i in range(count)
    ]
    spare = width - _total(minimum)
    if spare < 0:
        return None
    wrapping = sum(n - m for n, m in zip(natural, minimum, strict=True))
    widths = [
        m + (spare * (n - m)) // wrapping if wrapping else m
        for n, m in zip(natural, minimum, strict=True)
    ]
    # A column that must wrap, but is left narrower than MIN_WRAPPED, would be unreadable.
    if any(w < n and w < MIN_WRAPPED for w, n in zip(widths, natural, strict=True)):
        return None
    return widths


def _aligned(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: list[int],
    right: list[bool],
    separate: bool = False,
) -> list[str]:
    def lines_of(values: Sequence[str]) -> list[str]:
        wrapped = [_wrap(v, w) or [""] for v, w in zip(values, widths, strict=True)]
        height = max(len(c) for c in wrapped)
        out = []
        for k in range(height):
            parts = []
            for i, cell in enumerate(wrapped):
                text = cell[k] if k < len(cell) else ""
                parts.append(text.rjust(widths[i]) if right[i] else text.ljust(widths[i]))
            out.append(GAP.join(parts).rstrip())
        return out

    lines = lines_of(columns)
    lines.append(GAP.join("-" * w for w in widths))
    for n, row in enumerate(rows):
        row_lines = lines_of(row)
        if separate and n and (len(row_lines) > 1 or len(lines_of(rows[n - 1])) > 1):
            lines.append("")
        lines += row_lines
    return lines


def _listed(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    # The first column names each entry; the header says what it is.
    lines = _wrap(f"{columns[0]}:", width)
    if not rows:
        return lines + _packed([f"{c}: –" for c in columns[1:]], width, indent="  ")
    for row in rows:
        lines.append("")
        lines += _wrap(row[0], width, subsequent_indent="  ") or [""]
        pairs = [f"{name}: {value}" for name, value in zip(columns[1:], row[1:], strict=True)]
        lines += _packed(pairs, width, indent="  ")
    return lines


def _packed(pairs: list[str], width: int, indent: str) -> list[str]:
    """Pairs joined by " · ", breaking lines between pairs; a pair too long on its own wraps."""
    lines: list[str] = []
    current = ""
    for pair in pairs:
        candidate = f"{current} · {pair}" if current else pair
        if len(indent) + len(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(indent + current)
        if len(indent) + len(pair) <= width:
            current = pair
        else:
            lines += _wrap(pair, width, initial_indent=indent, subsequent_indent=indent * 2)
            current = ""
    if current:
        lines.append(indent + current)
    return lines
