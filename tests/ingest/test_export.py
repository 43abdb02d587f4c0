"""The vectorised exporter writes byte for byte what per-cell formatting wrote.

`reference_canonical_text` is the exporter as it was before it formatted
whole columns: one Python call per cell. It stays here as the independent
computation that the fast version must agree with.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latticework.demo import generate_organisation
from latticework.framework import load_default_framework
from latticework.ingest.export import canonical_text, escape_formulas, write_csv_files
from latticework.ingest.findings import Findings
from latticework.ingest.parsing import parse_table
from latticework.ingest.sources import read_csv
from latticework.org.columns import TABLES

# Apostrophes before a formula character get one more ("'=quoted" → "''=quoted"): the
# importer removes one, so text typed with an apostrophe reads back as typed.
_FORMULA_START = re.compile(r"^'*[=+\-@]")


def reference_canonical_text(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The per-cell exporter this module replaced (kept verbatim as the oracle)."""
    out = pd.DataFrame(index=frame.index)
    for column in TABLES[table].columns:
        series = frame[column.name] if column.name in frame else pd.Series(None, index=frame.index)
        if column.kind == "date":
            text = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
        elif column.kind == "int":
            text = series.astype("Int64").astype("str")
        elif column.kind == "float":
            numbers = series.astype("float64")
            text = numbers.map(lambda v: str(int(v)) if float(v).is_integer() else repr(float(v)))
        else:
            strings = series.astype("str")
            text = strings.where(~strings.str.match(_FORMULA_START, na=False), "'" + strings)
        out[column.name] = text.where(series.notna(), "")
    return out


def reference_files(frames: dict[str, pd.DataFrame], directory: Path) -> None:
    directory.mkdir()
    for table, frame in frames.items():
        path = directory / TABLES[table].file_name
        reference_canonical_text(table, frame).to_csv(path, index=False, encoding="utf-8")


def assert_same_bytes(frames: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    reference_files(frames, tmp_path / "reference")
    written = write_csv_files(frames, tmp_path / "fast")
    assert [path.name for path, _ in written] == [TABLES[t].file_name for t in frames]
    for path, rows in written:
        assert rows == len(frames[path.stem])
        expected = (tmp_path / "reference" / path.name).read_bytes()
        assert path.read_bytes() == expected, path.name


def test_a_generated_organisation_exports_byte_for_byte_as_before(tmp_path: Path) -> None:
    framework = load_default_framework().framework
    dataset = generate_organisation(framework, people=300, seed=11, as_of=date(2026, 1, 1))
    frames = dataset.frames()
    assert set(frames) == set(TABLES)
    assert all(len(frame) > 0 for frame in frames.values())
    assert_same_bytes(frames, tmp_path)


def edge_people() -> pd.DataFrame:
    """Cells that trip formatters: signs, formulas, CSV syntax, gaps, huge and tiny pay."""
    texts = ["=1+1", "+44 20", "-x", "@SUM(A1)", "a,b", 'say "hi"', "two\nlines", None]
    pay = [-1500.0, 0.1, 1e20, 2.0**53 + 2, 123456.789, np.nan, -0.0, 1e-05]
    return pd.DataFrame(
        {
            "employee_id": [f"e{i}" for i in range(8)],
            "name": texts,
            "email": texts[::-1],
            "team": ["'=quoted", " ", "", "ünïcødé", "=", "-", "+", "@"],
            "manager_id": [None] * 8,
            "country": [1, 2.5, None, "=x", "a\n=b", True, "-", np.nan],
            "hire_date": ["2020-01-31", None, "1999-12-01", "2026-02-28"] * 2,
            "exit_date": [pd.NaT] * 7 + [pd.Timestamp("2030-06-15")],
            "base_salary": pay,
            "fte": [1.0, 0.5, 0.8, None, 1, 0.333, 2.5e-7, float("inf")],
            "variable_pay": pd.array([1, None, -3, 4, 5, 6, 7, 8], dtype="Int64"),
            "performance_rating": [None] * 8,
            "gender": pd.Series(["f", "m", None, "x", "f", "m", "n", "f"], dtype="str"),
        }
    )


def test_edge_cases_export_byte_for_byte_as_before(tmp_path: Path) -> None:
    assessments = pd.DataFrame(
        {
            "employee_id": ["e1", "e2", "e3"],
            "cycle": ["2026-H1", "-2026", "=H2"],
            "rating": pd.array([3, None, -1], dtype="Int64"),
            "date": [pd.Timestamp("2026-01-01"), pd.NaT, pd.Timestamp("2026-07-01")],
        }
    )
    empty = pd.DataFrame({"employee_id": pd.Series([], dtype="str"), "date": pd.Series([])})
    frames = {"people": edge_people(), "assessments": assessments, "roles": empty}
    assert_same_bytes(frames, tmp_path)


def test_formulas_are_escaped_and_missing_values_left_empty() -> None:
    text = canonical_text("people", edge_people())
    assert text["name"].tolist()[:4] == ["'=1+1", "'+44 20", "'-x", "'@SUM(A1)"]
    assert text["base_salary"].tolist() == [
        "-1500",
        "0.1",
        "100000000000000000000",
        "9007199254740994",
        "123456.789",
        "",
        "0",
        "1e-05",
    ]
    assert text["hire_date"].tolist()[:2] == ["2020-01-31", ""]
    assert text["level"].tolist() == [""] * 8


def test_the_importer_reads_an_export_back_to_the_same_values(tmp_path: Path) -> None:
    """The importer drops the formula guard and parses every number to the float written."""
    people = edge_people()
    write_csv_files({"people": people}, tmp_path)
    parsed = parse_table(
        "people",
        "people.csv",
        read_csv(tmp_path / "people.csv"),
        Findings(),
        today=date(2026, 1, 1),
    ).frame
    assert parsed["name"].tolist()[:7] == people["name"].tolist()[:7]
    assert parsed["name"].isna().tolist() == people["name"].isna().tolist()
    np.testing.assert_array_equal(
        parsed["base_salary"].to_numpy(), people["base_salary"].to_numpy()
    )
    assert parsed["hire_date"].tolist() == pd.to_datetime(people["hire_date"]).tolist()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    numbers=st.lists(
        st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**18), 10**18),
        max_size=30,
    )
)
def test_any_float_column_formats_as_the_per_cell_exporter(numbers: list[float]) -> None:
    frame = pd.DataFrame({"employee_id": ["e"] * len(numbers), "base_salary": numbers})
    fast = canonical_text("people", frame)["base_salary"].tolist()
    assert fast == reference_canonical_text("people", frame)["base_salary"].tolist()


# Text a person might type: CSV syntax, formula starts, line breaks, accents, blanks.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from([",", '"', "\n", "\r", "=", "+", "-", "@", "'", " "]),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.none() | texts, min_size=1, max_size=8))
def test_any_text_column_exports_byte_for_byte_as_before(cells: list[str | None]) -> None:
    frame = pd.DataFrame({"employee_id": cells, "name": cells[::-1]})
    with tempfile.TemporaryDirectory() as folder:
        (path, _), *_ = write_csv_files({"people": frame}, Path(folder))
        fast = path.read_bytes()
    reference = reference_canonical_text("people", frame).to_csv(index=False)
    assert fast == reference.encode("utf-8")


@pytest.mark.parametrize("kind_column", ["hire_date", "base_salary", "name"])
def test_a_column_of_only_missing_values_is_empty(kind_column: str) -> None:
    frame = pd.DataFrame({"employee_id": ["a", "b"], kind_column: [None, None]})
    assert canonical_text("people", frame)[kind_column].tolist() == ["", ""]


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_escaping_finds_a_formula_however_the_text_is_stored(dtype: str) -> None:
    cells = pd.Series(["ok", "line\n=no", None, "=yes"], dtype=dtype)
    escaped = escape_formulas(cells).tolist()
    assert escaped[:2] == ["ok", "line\n=no"]
    assert escaped[3] == "'=yes"
