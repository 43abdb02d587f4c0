"""Memory and time of reading hostile import files: the XLSX and CSV bombs of the hardening review.

Builds three files and reads each one in a subprocess, as `latticework import`
does (`find_sources` + `read_sources`), printing wall time, peak memory and the
outcome (the first problem reported, or "read"):

- `far-column.xlsx`: 223 KB, 20,000 rows with one cell each in column XFD;
- `whitespace.xlsx`: a ~1 MB zip whose sheet holds 1 GiB of whitespace;
- `wide.csv`: a 9.9 MB CSV with 1,000,000 columns.

    .venv/bin/python benchmarks/hostile_inputs.py [--keep DIR] [--timeout 120] [--memory-gib 6]

Each child runs under an address-space limit (`--memory-gib`) and a time limit,
so the benchmark stays safe on a shared machine; a child that hits either is
reported as such. To measure an older checkout, run the script with
`PYTHONPATH=/path/to/old/src`.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

WHITESPACE_BYTES = 1 << 30
CHUNK = 1 << 20

READER = """
import sys
from pathlib import Path
from latticework.errors import LatticeworkError
from latticework.ingest.sources import find_sources, read_sources
try:
    tables = read_sources(find_sources([Path(sys.argv[1])]))
    print("read " + ", ".join(f"{t.table}: {t.frame.shape}" for t in tables))
except LatticeworkError as exc:
    print("refused: " + exc.problems[0].message)
"""


def far_column_workbook(path: Path, rows: int = 20_000) -> Path:
    """Every row holds one cell in the sheet's last column (XFD = 16,384)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    for row in range(1, rows + 1):
        sheet.cell(row=row, column=16_384, value="x")
    book.save(path)
    return path


def whitespace_workbook(path: Path, size: int = WHITESPACE_BYTES) -> Path:
    """A valid workbook whose `people` sheet has `size` bytes of whitespace inside sheetData."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(["employee_id"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with out.open(item.filename, "w", force_zip64=True) as member:
                member.write(head)
                blank = b" " * CHUNK
                for _ in range(size // CHUNK):
                    member.write(blank)
                member.write(b"</sheetData>" + tail)
    plain.unlink()
    return path


def wide_csv(path: Path, columns: int = 1_000_000) -> Path:
    """A header of a million distinct column names and one row of empty cells."""
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(f"c_{i}" for i in range(columns)) + "\n")
        out.write("," * (columns - 1) + "\n")
    return path


@dataclass(frozen=True)
class Outcome:
    seconds: float
    peak_mib: float
    result: str


def read_in_child(path: Path, timeout: float, memory_gib: float) -> Outcome:
    limit = int(memory_gib * (1 << 30))

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", READER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=cap,
    )
    try:
        out, err = child.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        timed_out = True
    seconds = time.perf_counter() - started
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: one file per process.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if timed_out:
        result = f"killed after {timeout:.0f} s (time limit)"
    elif child.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        result = f"crashed ({last[:90]})"
    else:
        result = out.strip()[:110]
    return Outcome(seconds, peak, result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--memory-gib", type=float, default=6.0)
    parser.add_argument("--only", choices=["far-column", "whitespace", "wide"], action="append")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="latticework-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    builders = {
        "far-column": lambda: far_column_workbook(folder / "people-far-column.xlsx"),
        "whitespace": lambda: whitespace_workbook(folder / "people-whitespace.xlsx"),
        "wide": lambda: wide_csv(folder / "people.csv"),
    }
    print(f"{'file':<28} {'size':>9} {'seconds':>8} {'peak MiB':>9}  outcome")
    for name, build in builders.items():
        if args.only and name not in args.only:
            continue
        path = build()
        # A fresh interpreter per file, so RUSAGE_CHILDREN's maximum is this file's.
        outcome = _measure_alone(path, args.timeout, args.memory_gib)
        size = f"{path.stat().st_size / 1e6:.2f} MB"
        print(
            f"{path.name:<28} {size:>9} {outcome.seconds:>8.1f} {outcome.peak_mib:>9.0f}  "
            f"{outcome.result}",
            flush=True,
        )


def _measure_alone(path: Path, timeout: float, memory_gib: float) -> Outcome:
    """Run `read_in_child` from a fresh process so that the peak belongs to this file only."""
    if os.environ.get("_HOSTILE_CHILD") == "1":
        return read_in_child(path, timeout, memory_gib)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from hostile_inputs import read_in_child; from pathlib import Path;"
        "o = read_in_child(Path(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]));"
        "print(f'{o.seconds}\\t{o.peak_mib}\\t{o.result}')"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(Path(__file__).parent),
            str(path),
            str(timeout),
            str(memory_gib),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "_HOSTILE_CHILD": "1"},
    )
    seconds, peak, result = done.stdout.strip().split("\t", 2)
    return Outcome(float(seconds), float(peak), result)


if __name__ == "__main__":
    main()
