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
                    "Split the export into smaller files, or ask an administrator to import it "
                    "on the server.",
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
        try:
            report = import_organisation(database_url, paths, dry_run=dry_run)
        except LatticeworkError as exc:
            raise LatticeworkError([_for_the_web(p, folder) for p in exc.problems]) from None
        return _without_folder(report, folder)


FILE_NAMES_FIX = (
    "Name each file after its table (people.csv, events.csv, impact.csv, …) or upload one "
    ".xlsx workbook, then upload again."
)
WEB_FIXES = {"unknown-file": FILE_NAMES_FIX, "no-files": FILE_NAMES_FIX}
"""Fixes that the command line words in terms of a mapping file, which an upload has not."""
_SERVER_ONLY = re.compile(r"mapping file|`")


def _web_fix(problem: Problem) -> str | None:
    """The problem's fix for someone at the upload form: no mapping file (an upload has none)
    and no commands; clauses that need them are left out."""
    if problem.code in WEB_FIXES:
        return WEB_FIXES[problem.code]
    fix = problem.fix
    if not fix or not _SERVER_ONLY.search(fix):
        return fix
    clauses = [c.strip(" .") for c in re.split(r",? or ", fix)]
    kept = [c for c in clauses if c and not _SERVER_ONLY.search(c)]
    if not kept:
        return "Correct the file and upload it again."
    text = ", or ".join(kept)
    return text[:1].upper() + text[1:] + "."


def _for_the_web(p: Problem, folder: str) -> Problem:
    """A problem naming the files as uploaded, not by the private folder they sat in, with
    a fix that can be done at the upload form."""
    prefix = str(Path(folder)) + "/"

    def name(text: str | None) -> str | None:
        return text.replace(prefix, "").replace(str(Path(folder)), "") if text else text

    return replace(
        p,
        message=name(p.message) or p.message,
        fix=name(_web_fix(p)),
        location=replace(p.location, file=name(p.location.file)),
    )


def _without_folder(report: ImportReport, folder: str) -> ImportReport:
    """The report naming the files as uploaded, with fixes for the upload form."""
    prefix = str(Path(folder)) + "/"

    def name(text: str | None) -> str | None:
        return text.replace(prefix, "") if text else text

    def problem(p: Problem) -> Problem:
        return _for_the_web(p, folder)

    return replace(
        report,
        tables=[replace(t, source=name(t.source) or t.source) for t in report.tables],
        errors=[problem(p) for p in report.errors],
        warnings=[problem(p) for p in report.warnings],
    )
