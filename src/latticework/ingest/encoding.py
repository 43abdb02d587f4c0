"""Which text encoding a CSV file is in, and where it stops being that encoding.

Detection is a short, documented order (docs/data-format.md, "Text encodings"), not a
statistical guess, so the same file always reads the same way:

1. a byte order mark: UTF-8 (Excel's "CSV UTF-8"), UTF-16 LE or BE ("Unicode text");
2. UTF-16 without a mark, told by its NUL bytes in every other position;
3. UTF-8, when the whole file decodes as UTF-8;
4. otherwise Windows-1252, what Excel on Windows saves as "CSV" in Western locales (a
   superset of Latin-1's printable characters).

`--encoding` or the mapping file's `encoding:` skips detection. A byte the encoding
cannot decode is reported at its row and column, as a spreadsheet numbers them.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from latticework.errors import LatticeworkError, Location, Problem

FALLBACK = "cp1252"
_CHUNK = 1 << 20
_SNIFF = 4096


def known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """The encoding of a CSV file, by the order in the module docstring."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
        return "utf-16-be"
    return "utf-8-sig" if first_undecodable(path, "utf-8") is None else FALLBACK


def first_undecodable(path: Path, encoding: str) -> tuple[int, bytes] | None:
    """(offset, bytes) of the first bytes `encoding` cannot decode, or None; reads in chunks."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            # The decoder may hold the first bytes of a character from the previous chunk.
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                start = offset - pending + exc.start
                return max(start, 0), bytes(exc.object[exc.start : exc.end])
            if not chunk:
                return None
            offset += len(chunk)


def holds_nul(path: Path, encoding: str) -> bool:
    """Whether the text holds a NUL character (U+0000), read in chunks."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if "\x00" in decoder.decode(chunk, final=not chunk):
                return True
            if not chunk:
                return False


def undecodable_problem(path: Path, encoding: str, delimiter: str, explicit: bool) -> Problem:
    """The problem for a file that is not in `encoding`: its row, column and the bytes."""
    found = first_undecodable(path, encoding)
    offset, raw = found if found is not None else (0, b"")
    with path.open("rb") as handle:
        before = handle.read(offset)
    text = before.decode(encoding, errors="replace")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = records[0] if records else []
    row = max(len(records), 1)
    if text.endswith(("\n", "\r")):  # the bad byte starts a new row
        row += 1
    cells = 1 if text.endswith(("\n", "\r")) or not records else len(records[-1])
    column = header[cells - 1].strip() if 0 < cells <= len(header) and row > 1 else None
    where = f"column {cells}" if column is None else f"column '{column}'"
    shown = " ".join(f"{b:02X}" for b in raw) or "?"
    how = "the encoding given" if explicit else "the detected encoding"
    return Problem(
        f"The byte(s) {shown} in row {row}, {where} cannot be read as {encoding} ({how}).",
        Location(str(path), row=row, field=column),
        "Save the file as CSV UTF-8, or name its encoding with --encoding or the mapping "
        "file's `encoding:` (e.g. cp1252, latin-1, utf-16).",
        "encoding",
    )


def require_decodable(path: Path, encoding: str, delimiter: str, explicit: bool) -> None:
    if first_undecodable(path, encoding) is not None:
        raise LatticeworkError(undecodable_problem(path, encoding, delimiter, explicit))
