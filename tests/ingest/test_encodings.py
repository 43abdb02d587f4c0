"""CSV files in the encodings HRIS exports and spreadsheets save: detected, or named."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from latticework.cli import app
from latticework.errors import LatticeworkError
from latticework.ingest.encoding import detect_encoding
from latticework.services.data import import_organisation
from latticework.storage import UnitOfWork
from tests.ingest.conftest import PEOPLE, PEOPLE_HEADER

runner = CliRunner()
NAMES = {"e1": "Adélaïde Müller", "e2": "Bob Ramírez", "e3": "Cy Ñúñez"}


def _people_text() -> str:
    rows = [list(r) for r in PEOPLE]
    for row in rows:
        row[1] = NAMES.get(row[0], row[1])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PEOPLE_HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def _folder(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "people.csv").write_bytes(data)
    return folder


def _stored_names(url: str) -> dict[str, str]:
    with UnitOfWork(url) as uow:
        people = uow.organisation.columns("people", ["employee_id", "name"])
    return dict(zip(people["employee_id"], people["name"], strict=True))


ENCODED = {
    "utf-8": _people_text().encode("utf-8"),
    "utf-8 with BOM": _people_text().encode("utf-8-sig"),
    "utf-16 with BOM": _people_text().encode("utf-16"),
    "utf-16-le without BOM": _people_text().encode("utf-16-le"),
    "utf-16-be without BOM": _people_text().encode("utf-16-be"),
    "cp1252 (Excel on Windows)": _people_text().encode("cp1252"),
    "latin-1": _people_text().encode("latin-1"),
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_common_encodings_are_detected_and_read_exactly(tmp_path: Path, name: str) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    report = import_organisation(url, [_folder(tmp_path, ENCODED[name])])
    assert report.ok, [str(e) for e in report.errors]
    names = _stored_names(url)
    assert {k: names[k] for k in NAMES} == NAMES


def test_detection_order_is_bom_then_utf16_then_utf8_then_cp1252(tmp_path: Path) -> None:
    expected = {
        "utf-8": "utf-8-sig",
        "utf-8 with BOM": "utf-8-sig",
        "utf-16 with BOM": "utf-16",
        "utf-16-le without BOM": "utf-16-le",
        "utf-16-be without BOM": "utf-16-be",
        "cp1252 (Excel on Windows)": "cp1252",
    }
    for name, encoding in expected.items():
        path = tmp_path / f"{len(name)}-{encoding}.csv"
        path.write_bytes(ENCODED[name])
        assert detect_encoding(path) == encoding, name


def test_a_named_encoding_that_does_not_fit_reports_the_row_and_column(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ENCODED["cp1252 (Excel on Windows)"])
    url = f"sqlite:///{tmp_path / 'org.db'}"
    result = runner.invoke(app, ["import", str(folder), "--db", url, "--encoding", "utf-8"])
    said = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2, said
    # Adélaïde is e1, on row 2; "é" is 0xE9 in cp1252.
    assert "row 2, column 'name'" in said, said
    assert "E9" in said
    assert "byte 2" not in said  # the old "Not UTF-8 text (byte 237)": an offset, no row
    assert not (tmp_path / "org.db").exists()


def test_a_byte_cp1252_does_not_define_is_located(tmp_path: Path) -> None:
    text = _people_text().replace("Cy Ñúñez", "Cy \x00").encode("cp1252")
    data = text.replace(b"Cy \x00", b"Cy \x81")  # 0x81 is undefined in Windows-1252
    url = f"sqlite:///{tmp_path / 'org.db'}"
    with pytest.raises(LatticeworkError) as caught:
        import_organisation(url, [_folder(tmp_path, data)])
    problem = caught.value.problems[0]
    assert (problem.code, problem.location.row, problem.location.field) == ("encoding", 4, "name")
    assert "81" in problem.message


def test_the_mapping_file_names_the_encoding(tmp_path: Path) -> None:
    data = ENCODED["latin-1"]
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("encoding: latin-1\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'org.db'}"
    report = import_organisation(url, [_folder(tmp_path, data)], mapping=mapping)
    assert report.ok, [str(e) for e in report.errors]
    assert _stored_names(url)["e3"] == "Cy Ñúñez"


def test_an_unknown_encoding_is_refused_in_the_mapping_and_on_the_command_line(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, ENCODED["utf-8"])
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("encoding: klingon\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'org.db'}"
    in_mapping = runner.invoke(app, ["import", str(folder), "--db", url, "--mapping", str(mapping)])
    assert in_mapping.exit_code == 2
    assert "klingon" in in_mapping.output
    on_line = runner.invoke(app, ["import", str(folder), "--db", url, "--encoding", "klingon"])
    assert on_line.exit_code == 2
    assert "klingon" in on_line.output
