"""Imports uploaded through the web: size-limited files in a private temporary folder,
handed to the same import the CLI runs (all or nothing, every error located)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from latticework.errors import LatticeworkError, Location, Problem
from latticework.ingest.report import ImportReport

ALLOWED_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    content: bytes


def _safe_name(filename: str) -> str:
    """The file's own name without any folder, so an upload cannot write elsewhere."""
    name = Path(filename.replace("\\", "/")).name
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "upload"


def check_uploads(uploads: Sequence[Upload], max_bytes: int) -> list[Upload]:
    """The non-empty uploads, or every problem with them (type, size, duplicates)."""
    problems: list[Problem] = []
    kept: list[Upload] = []
    seen: set[str] = set()
    for upload in uploads:
        if not upload.filename and not upload.content:
            continue
        name = _safe_name(upload.filename)
        where = Location(file=name)
        if not name.lower().endswith(ALLOWED_SUFFIXES):
            problems.append(
                Problem(
                    "Only CSV (UTF-8) and XLSX files can be imported.",
                    where,
                    "Export the data as people.csv, events.csv, … or one .xlsx workbook.",
                    "file-type",
                )
            )
        elif len(upload.content) > max_bytes:
            problems.append(
                Problem(
                    f"The file has {len(upload.content):,} bytes; the limit is {max_bytes:,}.",
                    where,
                    "Split the export, or import it with `latticework import` on the server.",
                    "too-large",
                )
            )
        elif name.lower() in seen:
            problems.append(
                Problem("The same file name was uploaded twice.", where, "Upload it once.", "dup")
            )
        else:
            seen.add(name.lower())
            kept.append(Upload(name, upload.content))
    if problems:
        raise LatticeworkError(problems)
    if not kept:
        raise LatticeworkError(
            Problem(
                "No file was uploaded.",
                Location(field="files"),
                "Choose people.csv (and any of events.csv, impact.csv, …) or an .xlsx workbook.",
                "no-files",
            )
        )
    return kept


def import_uploads(
    database_url: str, uploads: Sequence[Upload], *, dry_run: bool, max_bytes: int
) -> ImportReport:
    """Check (and, unless `dry_run` or anything is wrong, write) the uploaded files."""
    from latticework.services.data import import_organisation

    files = check_uploads(uploads, max_bytes)
    with tempfile.TemporaryDirectory(prefix="latticework-upload-") as folder:
        paths = []
        for upload in files:
            path = Path(folder) / upload.filename
            path.write_bytes(upload.content)
            paths.append(path)
        report = import_organisation(database_url, paths, dry_run=dry_run)
        return _without_folder(report, folder)


def _without_folder(report: ImportReport, folder: str) -> ImportReport:
    """The report naming the files as uploaded, not by the private folder they sat in."""
    prefix = str(Path(folder)) + "/"

    def name(text: str | None) -> str | None:
        return text.replace(prefix, "") if text else text

    def problem(p: Problem) -> Problem:
        return replace(p, location=replace(p.location, file=name(p.location.file)))

    return replace(
        report,
        tables=[replace(t, source=name(t.source) or t.source) for t in report.tables],
        errors=[problem(p) for p in report.errors],
        warnings=[problem(p) for p in report.warnings],
    )
